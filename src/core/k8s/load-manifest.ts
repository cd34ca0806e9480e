// Turns a YAML/JSON file into Kubernetes objects, or says precisely why it was not scanned:
// a Helm template, a non-Kubernetes YAML (workflow, compose file, values), or a parse error.

import { basename } from 'node:path';
import { parseYaml } from '../yaml/parse.js';
import { YMap } from '../yaml/ast.js';
import type { SourceFile } from '../source-file.js';
import { isKubernetesDocument, objectsOf, type KubeObject } from './objects.js';

const NOT_CLUSTER_OBJECTS = /^(kustomize\.config\.k8s\.io|kubeadm\.k8s\.io|kind\.x-k8s\.io|skaffold\/|client\.authentication\.k8s\.io)/;

export type ManifestLoad =
  | { status: 'scanned'; objects: KubeObject[]; errors: string[]; shared: { start: number; end: number }[] }
  | { status: 'skipped'; reason: string }
  | { status: 'error'; reason: string };

/** `rendered`: the output of helm or kustomize, where `{{ }}` is data (an annotation's Go template), not a template. */
export function loadManifest(file: SourceFile, opts: { rendered?: boolean } = {}): ManifestLoad {
  const { text, path } = file;
  const template = !opts.rendered && hasGoTemplate(text);
  // Only a file that reads as a manifest is a Helm template to render: `{{ }}` in a goreleaser,
  // renovate or CI file is that tool's own syntax, and the file is named for what it is.
  if (template && looksLikeManifest(text))
    return { status: 'skipped', reason: 'template, not scanned: contains Helm/Go template syntax ({{ }}); render it (helm template) and scan the output' };

  const parsed = parseYaml(text, file.lines);
  if (template && !parsed.documents.some((d) => d.root !== null && isKubernetesDocument(d.root)))
    return { status: 'skipped', reason: notKubernetesReason(path, parsed.documents.find((d) => d.root instanceof YMap)?.root as YMap | null ?? null) };
  const objects: KubeObject[] = [];
  const shared: { start: number; end: number }[] = [];
  let nonKube = 0;
  let firstNonKube: YMap | null = null;
  for (const doc of parsed.documents) {
    if (doc.root === null) continue;
    // Kustomize and kubectl config files carry apiVersion/kind but are not cluster objects.
    if (isKubernetesDocument(doc.root) && !NOT_CLUSTER_OBJECTS.test(doc.root.str('apiVersion') ?? '')) {
      const found = objectsOf(path, doc.index, doc.root);
      for (const o of found) o.positions = file.lines;
      objects.push(...found);
      shared.push(...(doc.resolution?.shared ?? []));
      // Each ambiguity belongs to the object whose text holds it (List items), else the first.
      for (const a of doc.resolution?.ambiguities ?? []) {
        const at = a.lost.key.start; // the explicit key: always written in the mapping that holds the conflict
        (found.find((o) => o.node.start <= at && at < o.node.end) ?? found[0])?.ambiguities.push(a);
      }
    } else {
      nonKube++;
      if (!firstNonKube && doc.root instanceof YMap) firstNonKube = doc.root;
    }
  }
  const errors = parsed.errors.map((e) => `document ${e.index + 1}: invalid YAML at line ${e.line}, column ${e.column}: ${e.message}`);

  if (objects.length === 0 && parsed.errors.length === 0) return { status: 'skipped', reason: nonKube ? notKubernetesReason(path, firstNonKube) : 'no YAML documents (only comments or blank)' };
  if (objects.length === 0) return { status: 'error', reason: errors.join('; ') };
  return { status: 'scanned', objects, errors, shared };
}

/** Go/Helm template actions, not GitHub's `${{ }}` expressions (valid YAML strings, read as such). */
function hasGoTemplate(text: string): boolean {
  const re = /\{\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (text[m.index - 1] !== '$') return true;
  return false;
}

/** Both `apiVersion:` and `kind:` keys somewhere at the start of a line (JSON keys quoted). */
function looksLikeManifest(text: string): boolean {
  return /^\s*["']?apiVersion["']?\s*:/m.test(text) && /^\s*["']?kind["']?\s*:/m.test(text);
}

/** Names what the file probably is, so a skipped file is never a mystery. */
function notKubernetesReason(path: string, root: YMap | null): string {
  const name = basename(path).toLowerCase();
  const p = path.toLowerCase();
  if (/(^|\/)\.github\/workflows\//.test(p) || (root?.get('jobs') && root?.get('on') !== undefined)) return 'not a Kubernetes manifest (GitHub Actions workflow)';
  if (name === 'action.yml' || name === 'action.yaml') return 'not a Kubernetes manifest (GitHub Action metadata)';
  if (/^(docker-)?compose(\..+)?\.ya?ml$/.test(name) || root?.get('services') instanceof YMap) return 'not a Kubernetes manifest (Docker Compose file)';
  if (name === 'chart.yaml') return 'not a Kubernetes manifest (Helm Chart.yaml)';
  if (/^values(\..+)?\.ya?ml$/.test(name)) return 'not a Kubernetes manifest (Helm values file)';
  if (/^kustomization\.ya?ml$/.test(name)) return 'not a Kubernetes manifest (Kustomize kustomization, not rendered; run kustomize build and scan the output)';
  if (/^\.?goreleaser\.ya?ml$/.test(name)) return 'not a Kubernetes manifest (GoReleaser configuration)';
  if (/^\.?renovate(rc)?(\.json5?)?$/.test(name) || /(^|\/)\.github\/renovate\.json5?$/.test(p)) return 'not a Kubernetes manifest (Renovate configuration)';
  if (/(^|\/)\.gitlab-ci\.ya?ml$/.test(p)) return 'not a Kubernetes manifest (GitLab CI configuration)';
  if (name.endsWith('.json')) return 'not a Kubernetes manifest (JSON without apiVersion and kind)';
  return 'not a Kubernetes manifest (no document has apiVersion and kind)';
}
