import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFiles } from '../src/core/engine.js';

const scan = (text: string) => scanFiles([{ path: 'Dockerfile', text, kind: 'dockerfile' }], undefined, '2026-06-01').findings;
const sudo = (text: string) => scan(text).filter((f) => f.ruleId === 'docker/sudo');

test('riskgate-ignore above an instruction covers all its lines', () => {
  const f = sudo('FROM debian:12\n# riskgate-ignore docker/sudo -- legacy installer needs it\nRUN echo a \\\n  && sudo make install\nUSER 1000\n');
  assert.deepEqual(f[0].suppressed, { by: 'riskgate-ignore', reason: 'legacy installer needs it', line: 2 });
  assert.equal(f[0].line, 4);
});

test('hadolint pragmas: next instruction, and global', () => {
  assert.equal(sudo('FROM debian:12\n# hadolint ignore=DL3004,DL3008\nRUN sudo ls\nRUN sudo id\n').map((f) => f.suppressed !== null).join(), 'true,false');
  assert.equal(sudo('# hadolint global ignore=DL3004\nFROM debian:12\nRUN sudo ls\nRUN sudo id\n').every((f) => f.suppressed?.by === 'hadolint global ignore'), true);
});

test('checkov skip is file-wide, as Checkov documents it', () => {
  const f = scan('FROM debian:12\nRUN sudo ls\n#checkov:skip=CKV2_DOCKER_1:reviewed\n').filter((x) => x.ruleId === 'docker/sudo');
  assert.deepEqual(f[0].suppressed, { by: 'checkov:skip', reason: 'reviewed', line: 3 });
});

test('trivy ignore with expiry, and kics-scan forms', () => {
  const trivy = sudo('FROM debian:12\n#trivy:ignore:DS-0010:exp:2026-05-01\nRUN sudo ls\n#trivy:ignore:DS010\nRUN sudo id\n');
  assert.equal(trivy[0].suppressed, null, 'expired');
  assert.match(trivy[0].notes![0], /expired on 2026-05-01/);
  assert.equal(trivy[1].suppressed?.by, 'trivy:ignore');
  const kics = sudo('FROM debian:12\n# kics-scan ignore-line\nRUN sudo ls\nRUN sudo id\n');
  assert.deepEqual(kics.map((f) => f.suppressed?.by ?? null), ['kics-scan ignore-line', null]);
  const disabled = sudo('# kics-scan disable=8ada6e80-0ade-439e-b176-0b28f6bce35a\nFROM debian:12\nRUN sudo ls\n');
  assert.equal(disabled[0].suppressed?.by, 'kics-scan disable');
});

test('a riskgate-ignore without reason is reported', () => {
  const all = scan('FROM debian:12\n# riskgate-ignore docker/sudo\nRUN sudo ls\nUSER 1000\n');
  assert.ok(all.some((f) => f.ruleId === 'riskgate/suppression-without-reason' && f.line === 2));
});
