// Command-line conventions a new user expects: per-command --help/-h, -o for --output, a nearest
// option for a typo, the README's command reference equal to --help, and --baseline saying
// "no change" when nothing changed; non-Kubernetes YAML with `{{ }}` named for what it is.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { tempTree } from './helpers/tmp.js';
import { USAGE, README_START, README_END, readmeReference } from '../src/cli/usage.js';
import { loadManifest } from '../src/core/k8s/load-manifest.js';
import { fromText } from '../src/core/source-file.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/riskgate.js');

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n      securityContext: {privileged: true}\n';

for (const command of Object.keys(USAGE) as (keyof typeof USAGE)[]) {
  for (const flag of ['--help', '-h']) {
    test(`riskgate ${command} ${flag} prints its own usage and exits 0`, () => {
      const r = run([command, flag], ROOT);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.startsWith(`Usage: riskgate ${command}`), r.stdout.slice(0, 80));
      assert.ok(r.stdout.includes(USAGE[command]));
      assert.match(r.stdout, /Exit codes/);
    });
  }
}

test('the README command reference is the --help text (npm run docs regenerates it)', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  assert.ok(start >= 0 && end > start, 'README has the command-reference markers');
  assert.equal(readme.slice(start + README_START.length, end).trim(), readmeReference());
  const help = run(['--help'], ROOT).stdout;
  for (const u of Object.values(USAGE)) assert.ok(help.includes(u));
});

test('-o writes the report like --output; a typo names the nearest option', () => {
  const { dir, cleanup } = tempTree({ 'pod.yaml': POD });
  try {
    const r = run(['scan', '.', '--format', 'json', '--no-risk', '-o', 'out.json'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(existsSync(join(dir, 'out.json')));
    assert.equal(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).findings.some((f: { ruleId: string }) => f.ruleId === 'k8s/privileged-container'), true);
    const typo = run(['scan', '.', '--outptu', 'x'], dir);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown option --outptu for riskgate scan \(did you mean --output\?\)/);
    assert.match(run(['fix', '-o', 'x'], dir).stderr, /unknown option -o for riskgate fix/);
  } finally {
    cleanup();
  }
});

test('--baseline says "no change against REF" when nothing changed, and what changed otherwise', () => {
  const { dir, cleanup } = tempTree({ 'head/pod.yaml': POD, 'base/pod.yaml': POD, 'older/pod.yaml': POD.replace('privileged: true', 'privileged: false') });
  try {
    const same = run(['scan', 'pod.yaml', '--no-risk', '--baseline', '../base'], join(dir, 'head'));
    assert.match(same.stdout, /^no change against \.\.\/base$/m);
    const json = run(['scan', 'pod.yaml', '--no-risk', '--format', 'json', '--baseline', '../base'], join(dir, 'head'));
    assert.match(json.stderr, /riskgate: no change against \.\.\/base/);
    const changed = run(['scan', 'pod.yaml', '--no-risk', '--baseline', '../older'], join(dir, 'head'));
    assert.match(changed.stdout, /^against \.\.\/older: \d+ new finding/m);
  } finally {
    cleanup();
  }
});

test('{{ }} outside a manifest is that tool\'s syntax: the file is named for what it is, not sent to helm', () => {
  const reason = (path: string, text: string) => {
    const r = loadManifest(fromText(path, text));
    return r.status === 'skipped' ? r.reason : r.status;
  };
  assert.equal(reason('.github/workflows/ci.yml', 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${{ github.sha }}\n'), 'not a Kubernetes manifest (GitHub Actions workflow)');
  assert.equal(reason('.goreleaser.yaml', 'builds:\n  - ldflags: -X main.v={{ .Version }}\n'), 'not a Kubernetes manifest (GoReleaser configuration)');
  assert.equal(reason('renovate.json', '{"prBodyTemplate": "{{{header}}}"}\n'), 'not a Kubernetes manifest (Renovate configuration)');
  assert.match(reason('templates/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.x }}\n'), /^template, not scanned/);
});
