// Never crash: any number of paths, a native runtime that dies, a rule that throws. Each costs at
// most what it must (scores, or one rule's findings on one file), says so, and the scan goes on.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { scan, scanFiles } from '../src/core/engine.js';
import { defaultConfig } from '../src/core/config.js';
import { ALL_RULES } from '../src/rules/index.js';
import { ModelError, predictInChild } from '../src/core/risk/score.js';
import { FEATURE_NAMES } from '../src/core/risk/features.js';
import { tempTree } from './helpers/tmp.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/riskgate.js');
const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  hostPID: true\n  containers:\n    - name: a\n      image: nginx:1.27\n`;

test('riskgate scan with 5,000 path arguments reports every file and scores every resource', () => {
  const t = tempTree({});
  try {
    const names: string[] = [];
    mkdirSync(join(t.dir, 'manifests'));
    for (let i = 0; i < 5000; i++) {
      const name = `manifests/workload-number-${String(i).padStart(5, '0')}.yaml`;
      writeFileSync(join(t.dir, name), POD(`p${i}`));
      names.push(name);
    }
    const r = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', ...names], { cwd: t.dir, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    assert.equal(r.signal, null, r.stderr);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout) as { files: { status: string }[]; resources: { risk: number | null }[] };
    assert.equal(report.files.length, 5000);
    assert.ok(report.files.every((f) => f.status === 'scanned'));
    assert.equal(report.resources.length, 5000);
    assert.ok(report.resources.every((x) => typeof x.risk === 'number' && x.risk > 0), 'every resource has a score');
    assert.doesNotMatch(r.stderr, /risk scores unavailable/);

    // The same list from standard input, NUL-separated.
    const s = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', '--files-from', '-'], { cwd: t.dir, encoding: 'utf8', input: names.join('\0') + '\0', maxBuffer: 512 * 1024 * 1024 });
    assert.equal(s.status, 1, s.stderr);
    const again = JSON.parse(s.stdout) as { files: unknown[]; resources: { risk: number | null }[] };
    assert.equal(again.files.length, 5000);
    assert.ok(again.resources.every((x) => typeof x.risk === 'number'));
  } finally {
    t.cleanup();
  }
});

test('--files-from FILE reads a newline-separated list; an empty list scans nothing', () => {
  const t = tempTree({ 'a.yaml': POD('a'), 'b.yaml': POD('b'), 'list.txt': 'a.yaml\r\n\r\n', 'empty.txt': '' });
  try {
    const r = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', '--no-risk', '--files-from', 'list.txt'], { cwd: t.dir, encoding: 'utf8' });
    assert.deepEqual((JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path), ['a.yaml']);
    const e = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', '--no-risk', '--files-from', 'empty.txt'], { cwd: t.dir, encoding: 'utf8' });
    assert.equal(e.status, 0);
    assert.deepEqual((JSON.parse(e.stdout) as { files: unknown[] }).files, []);
    const m = spawnSync(process.execPath, [BIN, 'scan', '--files-from', 'missing.txt'], { cwd: t.dir, encoding: 'utf8' });
    assert.equal(m.status, 2);
    assert.match(m.stderr, /--files-from: cannot read missing\.txt \(ENOENT\)/);
  } finally {
    t.cleanup();
  }
});

test('a path on the command line that does not exist is a usage error, not a scan of nothing that passes', () => {
  const t = tempTree({ 'a.yaml': POD('a'), 'list.txt': 'a.yaml\ngone.yaml\n' });
  try {
    for (const cmd of ['scan', 'fix']) {
      const r = spawnSync(process.execPath, [BIN, cmd, 'a.yaml', 'typo-dir'], { cwd: t.dir, encoding: 'utf8' });
      assert.equal(r.status, 2, `${cmd}: ${r.stderr}`);
      assert.match(r.stderr, /no such file or directory: "typo-dir"/);
      assert.equal(r.stdout, '');
    }
    // A list may name a file the change deleted: that file is noted and the rest is scanned.
    const l = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', '--no-risk', '--files-from', 'list.txt'], { cwd: t.dir, encoding: 'utf8' });
    assert.notEqual(l.status, 2, l.stderr);
    const files = (JSON.parse(l.stdout) as { files: { path: string; status: string }[] }).files;
    assert.deepEqual(files.map((f) => `${f.path}:${f.status}`).sort(), ['a.yaml:scanned', 'gone.yaml:skipped']);
  } finally {
    t.cleanup();
  }
});

test('a native runtime that dies by a signal becomes a ModelError, never a crash of riskgate', async () => {
  const t = tempTree({ 'crash.mjs': "process.kill(process.pid, 'SIGSEGV');\n", 'fail.mjs': "process.stderr.write('cannot load model\\n'); process.exitCode = 1;\n" });
  try {
    const row = new Array(FEATURE_NAMES.length).fill(0);
    await assert.rejects(predictInChild(join(t.dir, 'crash.mjs'), [row]), (e: unknown) => e instanceof ModelError && /crashed with SIGSEGV/.test(e.message));
    await assert.rejects(predictInChild(join(t.dir, 'fail.mjs'), [row]), (e: unknown) => e instanceof ModelError && e.message === 'cannot load model');
  } finally {
    t.cleanup();
  }
});

test('without a usable model, the CLI reports findings without scores and says why', () => {
  const t = tempTree({ 'p.yaml': POD('p'), 'models/features.json': '{"names": ["x"]}', 'models/riskgate.onnx': 'not a model' });
  try {
    const r = spawnSync(process.execPath, [BIN, 'scan', '--format', 'json', 'p.yaml'], { cwd: t.dir, encoding: 'utf8', env: { ...process.env, RISKGATE_MODEL_DIR: join(t.dir, 'models') } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /risk scores unavailable: .*every check still ran/);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[]; resources: { risk: number | null }[] };
    assert.ok(report.findings.some((f) => f.ruleId === 'k8s/host-pid'));
    assert.equal(report.resources[0].risk, null);
  } finally {
    t.cleanup();
  }
});

test('a rule that throws costs only its own findings on that file, and the file says which rule failed', () => {
  const rule = ALL_RULES.find((r) => r.meta.id === 'k8s/host-pid')!;
  const original = (rule as unknown as { check: unknown }).check;
  (rule as unknown as { check: unknown }).check = () => {
    throw new TypeError('boom');
  };
  try {
    const r = scanFiles([{ path: 'p.yaml', text: POD('p') }, { path: 'q.yaml', text: POD('q').replace('hostPID', 'hostIPC') }], defaultConfig(), '2026-01-01');
    const p = r.files.find((f) => f.path === 'p.yaml')!;
    assert.equal(p.status, 'error');
    assert.match(p.reason!, /rule k8s\/host-pid failed \(TypeError: boom\); its findings on this file are missing, the other rules ran/);
    assert.ok(r.findings.some((f) => f.path === 'p.yaml' && f.ruleId === 'k8s/run-as-non-root'), 'other rules still ran on the file');
    assert.ok(r.findings.some((f) => f.path === 'q.yaml' && f.ruleId === 'k8s/host-ipc'), 'the scan went on');
    assert.equal(r.files.find((f) => f.path === 'q.yaml')!.status, 'error', 'the rule threw there too');
  } finally {
    (rule as unknown as { check: unknown }).check = original;
  }
});

test('riskgate resolve prints the resolved documents and says plainly what it cannot read', () => {
  const t = tempTree({ 'm.yaml': 'a: &x {b: 1}\nc: *x\nd: yes\n', 'Dockerfile': 'FROM debian:12\n' });
  try {
    const ok = spawnSync(process.execPath, [BIN, 'resolve', 'm.yaml'], { cwd: t.dir, encoding: 'utf8' });
    assert.equal(ok.status, 0);
    assert.deepEqual(JSON.parse(ok.stdout), [{ a: { b: 1 }, c: { b: 1 }, d: true }]);
    const bad = spawnSync(process.execPath, [BIN, 'resolve', 'missing.yaml', '.', 'Dockerfile'], { cwd: t.dir, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /missing\.yaml: no such file/);
    assert.match(bad.stderr, /\. is a directory; riskgate resolve takes manifest files/);
    assert.match(bad.stderr, /Dockerfile is a Dockerfile; riskgate resolve reads YAML and JSON manifests/);
  } finally {
    t.cleanup();
  }
});

test('a symlink into .git is never followed (the checkout keeps its token in .git/config)', () => {
  const { dir, cleanup } = tempTree({ '.git/config': '[http]\n\textraheader = AUTHORIZATION: basic SECRETTOKEN\n', 'k8s/ok.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n' });
  try {
    symlinkSync('../.git/config', join(dir, 'k8s/Dockerfile'));
    const r = scan({ paths: ['.'], cwd: dir });
    const link = r.files.find((f) => f.path === 'k8s/Dockerfile')!;
    assert.equal(link.status, 'skipped');
    assert.equal(link.reason, 'symlink points into .git; not followed');
    assert.ok(!JSON.stringify({ files: r.files, findings: r.findings }).includes('SECRETTOKEN'));
    assert.ok(![...r.sources.values()].some((s) => s.text.includes('SECRETTOKEN')), 'the file was not even read');
  } finally {
    cleanup();
  }
});
