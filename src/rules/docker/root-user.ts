import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { varsAt, substitute, type Stage } from '../../core/docker/model.js';
import { finalStage } from './helpers.js';

/** Base images whose default user is not root. */
const NON_ROOT_BASES = ['^gcr\\.io/distroless/.*:(.*-)?nonroot$', '^cgr\\.dev/chainguard/(?!.*-dev$)', '^registry\\.access\\.redhat\\.com/ubi\\d+/.*-minimal-nonroot'];

/** Official images that ship a non-root user: its name and numeric UID:GID (numeric, so runAsNonRoot can verify it). */
const KNOWN_USERS: [RegExp, string, string][] = [
  [/^(docker\.io\/)?(library\/)?node(:|@|$)/, 'node', '1000:1000'],
  [/^(docker\.io\/)?jenkins\/jenkins(:|@|$)/, 'jenkins', '1000:1000'],
  [/^(docker\.io\/)?(library\/)?(eclipse-)?mosquitto(:|@|$)/, 'mosquitto', '1883:1883'],
  [/^gcr\.io\/distroless\//, 'nonroot', '65532:65532'],
];

export default defineDockerfileRule({
  meta: {
    id: 'docker/root-user',
    title: 'Image runs as root',
    severity: 'high',
    target: 'dockerfile',
    catalog: ['D01'],
    description:
      'The final image has no `USER`, or its last `USER` is root (`root`, `0`, `root:…`, `0:…`). Its containers run as root unless the orchestrator overrides it, ' +
      'so any compromise of the process is root in the container, one kernel bug from the node.',
    remediation: 'Create an unprivileged user and switch to it at the end of the final stage: `RUN useradd --uid 10001 --no-log-init app` then `USER 10001`.',
    decisions:
      'Only the final stage matters: a builder stage running as root is fine (hadolint checks every stage). A `USER` set in an earlier stage is inherited by a stage built `FROM` it. ' +
      '`FROM scratch` without USER is reported (the process is UID 0). Base images known to default to a non-root user (distroless `:nonroot`, Chainguard) count as setting one; extend with `nonRootBaseImages`.' +
      ' A USER in another stage does not change the final stage\'s user unless the final stage is built `FROM` that stage; KICS accepts a USER anywhere.',
    params: { nonRootBaseImages: { type: 'string[]', default: NON_ROOT_BASES, description: 'Regular expressions of base images whose default user is not root.' } },
    references: [
      'hadolint:DL3002', 'trivy:DS-0002', 'checkov:CKV_DOCKER_3', 'checkov:CKV_DOCKER_8', 'kics:fd54f200-402c-4333-a5a4-36ef6709af2f', 'kics:67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae',
    ],
    conditions: [
      { id: 'user-root', when: 'the last USER of the final image is root', references: ['hadolint:DL3002', 'trivy:DS-0002', 'checkov:CKV_DOCKER_8', 'kics:67fd0c4a-68cf-46d7-8c41-bc9fba7e40ae'] },
      { id: 'no-user', when: 'the final image has no USER', references: ['trivy:DS-0002', 'checkov:CKV_DOCKER_3', 'kics:fd54f200-402c-4333-a5a4-36ef6709af2f'] },
    ],
    fix: { available: true, note: 'Adds `USER 1000:1000` (the `node` user of Node.js images), `USER 65532:65532` (distroless `nonroot`) and the like when the base image is known to ship an unprivileged user; otherwise remediation text only.', unsafe: true },
  },
  check(ctx) {
    const stage = finalStage(ctx.model);
    if (!stage) return;
    const nonRootBases = (ctx.params.nonRootBaseImages as string[]).map((r) => new RegExp(r));
    let s: Stage | null = stage;
    while (s) {
      const users = s.instructions.filter((i) => i.keyword === 'USER');
      const last = users[users.length - 1];
      if (last) {
        const raw = last.args.map((a) => a.value).join(' ');
        const value = substitute(raw, varsAt(ctx.model, last));
        if (value === null) return; // unknown at build time: not a finding by accident
        if (/^(root|0)(:.*)?$/.test(value.trim())) ctx.report({ at: last, condition: 'user-root', message: `the final image runs as root (USER ${raw})` });
        return;
      }
      if (!s.parent) break;
      s = s.parent;
    }
    const base = s.image;
    if (base && nonRootBases.some((re) => re.test(base))) return;
    // Some official images ship an unprivileged user; there the fix is mechanical.
    const known = base ? KNOWN_USERS.find(([re]) => re.test(base)) : undefined;
    const text = ctx.model.file.text;
    const end = stage.instructions[stage.instructions.length - 1].end;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    ctx.report({
      at: stage.from,
      condition: 'no-user',
      message: `the final stage has no USER instruction, so the image runs as ${base === 'scratch' ? 'UID 0' : `the base image's user (root for most images)`}`,
      fix: known ? { description: `Run as the image's ${known[1]} user (${known[2]})`, edits: [{ start: end, end, text: `${eol}USER ${known[2]}` }] } : undefined,
    });
  },
});
