// runTools (render/run-tool.ts) starts several renders at once from synchronous code; each must end
// exactly as runTool would have ended it: output, exit status, time limit, output limit, a
// missing program, and the sealed environment. The "tools" here are small node scripts.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTool, runTools, type ToolJob } from '../src/core/render/run-tool.js';

const node = (script: string): ToolJob => ({ exe: process.execPath, args: ['-e', script], cwd: tmpdir() });
const limits = { timeout: 2, maxOutput: 100_000 };

test('runTools ends every job as runTool does, in the order given', () => {
  const jobs: ToolJob[] = [
    node('process.stdout.write("rendered: " + process.argv.length)'),
    node('process.stderr.write("Error: template: bad\\n"); process.exit(3)'),
    node('setInterval(() => {}, 1000)'),
    node('process.stdout.write("x".repeat(300000))'),
    { exe: '/nonexistent/riskgate-tool', args: [], cwd: tmpdir() },
    node('process.stdout.write("é".repeat(10))'),
  ];
  const together = runTools(jobs, limits, 3);
  const alone = jobs.map((j) => runTool(j.exe, j.args, j.cwd, limits));
  assert.deepEqual(together, alone);
  assert.deepEqual(together[0], { ok: true, stdout: 'rendered: 1' });
  assert.deepEqual(together[1], { ok: false, reason: 'Error: template: bad' });
  assert.match((together[2] as { reason: string }).reason, /took longer than 2 s \(render\.timeout\)/);
  assert.match((together[3] as { reason: string }).reason, /printed more than 100000 bytes \(render\.maxOutput\)/);
  assert.match((together[4] as { reason: string }).reason, /could not run \/nonexistent\/riskgate-tool \(ENOENT\)/);
  assert.deepEqual(together[5], { ok: true, stdout: 'é'.repeat(10) });
});

test('jobs run at the same time, each in its own sealed environment', () => {
  // Each job waits until the other has started (a file each), which only succeeds when they run together.
  const dir = tmpdir();
  const tag = `riskgate-run-tools-${process.pid}`;
  const waitFor = (me: string, other: string) =>
    node(`const fs=require('fs'),p=require('path');fs.writeFileSync(p.join(${JSON.stringify(dir)},'${tag}-${me}'),'');const t=Date.now();` +
      `while(!fs.existsSync(p.join(${JSON.stringify(dir)},'${tag}-${other}'))){if(Date.now()-t>1500){process.stdout.write('alone');process.exit(0)}}` +
      `process.stdout.write(JSON.stringify({home:process.env.HOME,proxy:process.env.HTTPS_PROXY,kube:process.env.KUBECONFIG,git:process.env.GIT_ALLOW_PROTOCOL,keys:Object.keys(process.env).length}))`);
  const [a, b] = runTools([waitFor('a', 'b'), waitFor('b', 'a')], limits, 2);
  for (const me of ['a', 'b']) rmSync(join(dir, `${tag}-${me}`), { force: true });
  assert.ok(a.ok && b.ok);
  const ea = JSON.parse(a.stdout);
  const eb = JSON.parse(b.stdout);
  assert.notEqual(ea.home, eb.home, 'each job has its own empty HOME');
  assert.match(ea.home, /riskgate-render-/);
  assert.equal(ea.proxy, 'http://127.0.0.1:9');
  assert.equal(ea.git, 'file');
  assert.match(ea.kube, /no-kubeconfig$/);
  assert.ok(ea.keys <= 20, `no other variables are passed (${ea.keys})`);
});

test('no more than `at` jobs run at once', () => {
  const job = node('const s = Date.now(); setTimeout(() => process.stdout.write(JSON.stringify([s, Date.now()])), 400)');
  const runs = runTools([job, job, job, job, job], limits, 2);
  const spans = runs.map((r) => (r.ok ? (JSON.parse(r.stdout) as [number, number]) : assert.fail('a job failed')));
  const overlap = Math.max(...spans.map(([s]) => spans.filter(([a, b]) => a <= s && s < b).length));
  assert.equal(overlap, 2, `at most two at a time: ${JSON.stringify(spans)}`);
});
