// The riskgate command as a user runs it: a real process, real files, exit codes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tempTree } from './helpers/tmp.js';
import { VERSION } from '../src/version.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/riskgate.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PRIVILEGED = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: {privileged: true}\n';
const CLEAN = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      automountServiceAccountToken: false
      serviceAccountName: web
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        runAsGroup: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: web
          image: ghcr.io/acme/web:1.4.2@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: 500m, memory: 256Mi}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;

test('version matches package.json', () => {
  assert.equal(VERSION, JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});

test('exit 1 when something is at or above --fail-on, 0 otherwise', () => {
  const t = tempTree({ 'bad.yaml': PRIVILEGED, 'clean/web.yaml': CLEAN });
  try {
    const bad = run(['scan', '.'], t.dir);
    assert.equal(bad.code, 1, bad.stderr);
    assert.match(bad.stdout, /bad\.yaml:8:\d+ critical k8s\/privileged-container container "a" is privileged/);
    const clean = run(['scan', 'clean'], t.dir);
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /^0 findings in 1 file, 1 resource/m);
    assert.equal(run(['scan', '.', '--fail-on', 'none'], t.dir).code, 0);
    assert.equal(run(['scan', '.', '--fail-on=critical'], t.dir).code, 1);
  } finally {
    t.cleanup();
  }
});

test('exit 2 with a message for usage and config errors', () => {
  const t = tempTree({ 'a.yaml': PRIVILEGED, '.riskgate.yaml': 'failOn: hihg\n' });
  try {
    const bad = run(['scan', '.'], t.dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /\.riskgate\.yaml:1:9: failOn must be one of/);
    const opt = run(['scan', '--formt', 'json'], t.dir);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /unknown option --formt for riskgate scan \(did you mean --format\?\)/);
    const fmt = run(['scan', '--format', 'xml', '--config', '/dev/null'], t.dir);
    assert.equal(fmt.code, 2);
    assert.match(fmt.stderr, /--format must be one of text, json, sarif; got "xml"/);
    assert.equal(run(['frobnicate'], t.dir).code, 2);
  } finally {
    t.cleanup();
  }
});

test('config failOn applies, --fail-on overrides it', () => {
  const t = tempTree({ 'a.yaml': PRIVILEGED, '.riskgate.yaml': 'failOn: none\n' });
  try {
    assert.equal(run(['scan', '.'], t.dir).code, 0);
    assert.equal(run(['scan', '.', '--fail-on', 'high'], t.dir).code, 1);
  } finally {
    t.cleanup();
  }
});

test('--strict turns unparseable files into exit 2; without it the scan goes on', () => {
  const t = tempTree({ 'ok.yaml': CLEAN, 'broken.yaml': 'apiVersion: v1\nkind: [\n' });
  try {
    const lax = run(['scan', '.'], t.dir);
    assert.equal(lax.code, 0);
    assert.match(lax.stdout, /broken\.yaml: document 1: invalid YAML at line \d+, column \d+/);
    assert.equal(run(['scan', '.', '--strict'], t.dir).code, 2);
  } finally {
    t.cleanup();
  }
});

test('JSON and SARIF to stdout and to --output; large piped output is complete', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`m/pod${i}.yaml`] = PRIVILEGED;
  const t = tempTree(files);
  try {
    const json = run(['scan', '.', '--format', 'json'], t.dir);
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.stdout);
    assert.equal(parsed.files.length, 300);
    assert.ok(json.stdout.length > 500_000, `output is large (${json.stdout.length} bytes)`);
    const out = run(['scan', '.', '--format', 'sarif', '--output', 'report.sarif'], t.dir);
    assert.equal(out.stdout, '');
    assert.ok(existsSync(join(t.dir, 'report.sarif')));
    assert.equal(JSON.parse(readFileSync(join(t.dir, 'report.sarif'), 'utf8')).version, '2.1.0');
  } finally {
    t.cleanup();
  }
});

test('a path with a leading dash goes after --', () => {
  const t = tempTree({ '-odd.yaml': PRIVILEGED });
  try {
    const r = run(['scan', '--', '-odd.yaml'], t.dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /-odd\.yaml:8/);
  } finally {
    t.cleanup();
  }
});

test('rules lists every rule; --format json carries the metadata', () => {
  const r = run(['rules', '--format', 'json'], ROOT);
  assert.equal(r.code, 0);
  const rules = JSON.parse(r.stdout) as { id: string; references: string[] }[];
  const priv = rules.find((x) => x.id === 'k8s/privileged-container')!;
  assert.ok(priv.references.includes('checkov:CKV_K8S_16'));
  assert.match(run(["rules"], ROOT).stdout, /k8s\/privileged-container\s+critical\s+fix:unsafe\s+Privileged container/);
  assert.match(run(["rules"], ROOT).stdout, /docker\/maintainer\s+\w+\s+fix:safe\s+/);
  assert.deepEqual((rules.find((x) => x.id === "docker/maintainer") as unknown as { fix: { unsafe: boolean } }).fix.unsafe, false);
});
