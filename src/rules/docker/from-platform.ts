import { defineDockerfileRule } from '../../core/docker/analyze.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/from-platform',
    title: 'FROM pins a platform',
    severity: 'low',
    target: 'dockerfile',
    catalog: ['D22'],
    description: '`FROM --platform=linux/amd64` forces one architecture: on arm64 builders and nodes the image runs under emulation or not at all. `--platform=$TARGETPLATFORM` is what BuildKit does anyway.',
    remediation: 'Remove `--platform`, or use `--platform=$BUILDPLATFORM` for build stages that cross-compile.',
    decisions: 'Variable platforms (`$BUILDPLATFORM`) are the documented cross-compilation pattern and are allowed; `$TARGETPLATFORM` is reported as redundant (DL3065).',
    conditions: [
      { id: 'constant', when: '`--platform` has a constant value', references: ['hadolint:DL3029', 'kics:b16e8501-ef3c-44e1-a543-a093238099c9'] },
      // hadolint's DL3029 passes any value naming BUILDPLATFORM or TARGETPLATFORM; DL3065 is its redundant-TARGETPLATFORM check.
      { id: 'target-platform', when: '`--platform=$TARGETPLATFORM`, which BuildKit does anyway', references: ['hadolint:DL3065', 'kics:b16e8501-ef3c-44e1-a543-a093238099c9'] },
    ],
    references: ['hadolint:DL3029', 'hadolint:DL3065', 'kics:b16e8501-ef3c-44e1-a543-a093238099c9'],
    fix: { available: false, note: 'Whether a stage must cross-build is the owner\'s knowledge.' },
  },
  check(ctx) {
    for (const s of ctx.model.stages) {
      const f = s.from.flags.find((x) => x.name === 'platform');
      if (!f || !f.value) continue;
      if (/^\$\{?TARGETPLATFORM\}?$/.test(f.value)) ctx.report({ at: f, condition: 'target-platform', message: 'FROM --platform=$TARGETPLATFORM is redundant' });
      else if (!f.value.includes('$')) ctx.report({ at: f, condition: 'constant', message: `FROM --platform=${f.value} pins the architecture` });
    }
  },
});
