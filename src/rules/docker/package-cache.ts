import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { declaredVars, type DockerModel, type Instr, type Stage } from '../../core/docker/model.js';
import type { ShellCommand } from '../../core/docker/shell.js';
import { APK_OPTIONS_WITH_VALUE, APT, APT_OPTIONS_WITH_VALUE, PIP_BOOL, PIP_OPTIONS_WITH_VALUE, YUM_INSTALL, YUM_LIKE, YUM_OPTIONS_WITH_VALUE, YUM_UPGRADE, ZYPPER_INSTALL, ZYPPER_UPGRADE, finalStage, hasCacheMount, hasOption, pipArgs, subcommand } from './helpers.js';

export default defineDockerfileRule({
  meta: {
    id: 'docker/package-cache',
    title: 'Package manager cache left in the image',
    severity: 'info',
    target: 'dockerfile',
    catalog: ['D24'],
    description:
      'Package indexes and download caches left in a layer (`/var/lib/apt/lists`, `/var/cache/apk`, yum/dnf/zypper caches, pip and yarn caches) add tens to hundreds of megabytes, ' +
      'and removing them in a later RUN does not shrink the image.',
    remediation:
      'Clean in the same RUN: `rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `yum clean all` / `dnf clean all` / `zypper clean`, `pip install --no-cache-dir`, `yarn cache clean`; or use a BuildKit cache mount.',
    decisions: 'Only stages that end up in the final image are checked: a builder stage\'s cache is thrown away with it (Trivy\'s DS-0015, DS-0019, DS-0025 and DS-0027 check every stage; a cache in a stage the image does not keep costs build time, not image size). yum, dnf and microdnf must run `clean all` (`yum clean metadata` keeps the packages), as Trivy and hadolint ask. `zypper remove` after `zypper clean` leaves no cache (removing downloads nothing); Trivy DS-0020 counts remove among its installs and wants the clean last. A RUN with a `--mount=type=cache` or `type=tmpfs` over the cache directory counts as clean, and so does `PIP_NO_CACHE_DIR` set to any boolean (in `ENV` or on the command, `PIP_NO_CACHE_DIR=0` included: pip disables the cache for every valid value). `pipx install` is not pip install: it keeps no wheel cache in the image.' +
      ' An `ONBUILD RUN` in such a stage is checked too: it runs in every image built FROM this one and leaves its cache there (hadolint checks triggers the same way). A cleanup counts only when it comes after the install it cleans (`rm -rf /var/cache/libdnf5 && dnf install …` leaves the cache); dnf5 keeps its cache in `/var/cache/libdnf5`.' +
      ' apt is read as Debian and Ubuntu images set it up: their docker-clean hook deletes downloaded packages after each install, so only the lists (`/var/lib/apt/lists`) stay unless a RUN removes the hook or sets `Keep-Downloaded-Packages "true"`; from then on `/var/cache/apt` must be on a cache mount or cleaned too (hadolint DL3009 asks for both mounts even with the hook in place, where nothing is left). A cache mount counts for the directories under its target: `/var/lib/apt` covers the lists, `/var/cache/apt` alone does not.' +
      ' An ONBUILD trigger in a stage the final image does not build on is not checked: it runs only in images built FROM that stage (hadolint\'s ONBUILD pass does not see FROM lines and checks every trigger).' +
      ' The shell is read as the shell reads it: `yum install pkg \\ yum clean all` (a backslash continuation, no `&&`) is one yum command whose arguments include `yum clean all`, so no cleanup runs; KICS matches the words and accepts it.',
    references: [
      'hadolint:DL3009', 'hadolint:DL3019', 'hadolint:DL3032', 'hadolint:DL3036', 'hadolint:DL3040', 'hadolint:DL3042', 'hadolint:DL3060', 'trivy:DS-0025', 'trivy:DS-0015',
      'trivy:DS-0019', 'trivy:DS-0027', 'trivy:DS-0020', 'kics:df746b39-6564-4fed-bf85-e9c44382303c', 'kics:ae9c56a6-3ed1-4ac0-9b54-31267f51151d', 'kics:00481784-25aa-4a55-8633-3136dfcf4f37',
      'kics:295acb63-9246-4b21-b441-7c1f1fb62dc0', 'kics:38300d1a-feb2-4a48-936a-d1ef1cd24313', 'kics:f2f903fb-b977-461e-98d7-b3e2185c6118',
    ],
    conditions: [
      { id: 'apt', when: 'apt-get or apt install without removing /var/lib/apt/lists', references: ['hadolint:DL3009', 'kics:df746b39-6564-4fed-bf85-e9c44382303c'] },
      { id: 'apt-archives', when: 'apt install after docker-clean was turned off, without a cache mount over /var/cache/apt or apt-get clean', references: ['hadolint:DL3009'] },
      { id: 'apk', when: 'apk add without --no-cache', references: ['hadolint:DL3019', 'trivy:DS-0025', 'kics:ae9c56a6-3ed1-4ac0-9b54-31267f51151d'] },
      { id: 'yum', when: 'yum without yum clean all', references: ['hadolint:DL3032', 'trivy:DS-0015', 'kics:00481784-25aa-4a55-8633-3136dfcf4f37'] },
      { id: 'dnf', when: 'dnf without dnf clean all', references: ['hadolint:DL3040', 'trivy:DS-0019', 'kics:295acb63-9246-4b21-b441-7c1f1fb62dc0'] },
      { id: 'microdnf', when: 'microdnf without microdnf clean all', references: ['hadolint:DL3040', 'trivy:DS-0027'] },
      { id: 'zypper', when: 'zypper without zypper clean', references: ['hadolint:DL3036', 'trivy:DS-0020', 'kics:38300d1a-feb2-4a48-936a-d1ef1cd24313'] },
      { id: 'pip', when: 'pip install without --no-cache-dir', references: ['hadolint:DL3042', 'kics:f2f903fb-b977-461e-98d7-b3e2185c6118'] },
      { id: 'yarn', when: 'yarn install without yarn cache clean', references: ['hadolint:DL3060'] },
      { id: 'other', when: 'another yum-like tool (tdnf)', references: [] },
    ],
    fix: { available: true, note: 'Adds `--no-cache` to apk add, `--no-cache-dir` to pip install, and `&& rm -rf /var/lib/apt/lists/*` after apt-get install.', unsafe: false },
  },
  check(ctx) {
    const final = finalStage(ctx.model);
    const lineage = new Set<Stage>();
    for (let s = final; s; s = s.parent) lineage.add(s);
    // Where an earlier RUN turned off the image's docker-clean hook (Debian and Ubuntu images delete
    // downloaded .deb files after every install through it): from there apt keeps them in
    // /var/cache/apt. A trigger sees what the stage's own RUNs and earlier triggers did.
    const cleanOff = dockerCleanOff(ctx.model, [...lineage].reverse());
    for (const stage of lineage) {
      const pipNoCache = envSet(stage, /^PIP_NO_CACHE_DIR$/, PIP_BOOL);
      for (const i of withTriggers(ctx.model, stage)) {
        if (i.keyword !== 'RUN' || !i.shell) continue;
        const cmds = i.shell.commands;
        const has = (pred: (c: ShellCommand) => boolean) => cmds.some(pred);
        const words = (c: ShellCommand) => c.args.map((w) => w.value).join(' ');
        for (const c of cmds) {
          // A clean-up counts only after the install it cleans (`rm -rf /var/cache/… && dnf install` leaves the cache).
          const later = cmds.slice(cmds.indexOf(c) + 1);
          const hasAfter = (pred: (c: ShellCommand) => boolean) => later.some(pred);
          if (APT.has(c.name) && subcommand(c, APT_OPTIONS_WITH_VALUE)?.sub.value === 'install') {
            const mounts = cacheMountTargets(i);
            const listsMounted = mounts.some((t) => covers(t, '/var/lib/apt/lists'));
            const cleaned = hasAfter((x) => x.name === 'rm' && /\/var\/lib\/apt\/lists/.test(words(x))) || listsMounted;
            if (!cleaned) {
              const why = mounts.some((t) => covers(t, '/var/cache/apt')) ? ' (the cache mount covers /var/cache/apt, not the lists)' : '';
              ctx.report({ at: c.words[0], condition: 'apt', message: `${c.name} install leaves /var/lib/apt/lists in the layer${why}`, fix: appendToRun(ctx.model.file.text, i, ' \\\n    && rm -rf /var/lib/apt/lists/*') });
            }
            const off = cleanOff.get(i);
            const archivesCleaned = mounts.some((t) => covers(t, '/var/cache/apt/archives')) || hasAfter((x) => (APT.has(x.name) && /^(auto)?clean$/.test(subcommand(x, APT_OPTIONS_WITH_VALUE)?.sub.value ?? '')) || (x.name === 'rm' && /\/var\/cache\/apt/.test(words(x))));
            if (off && !archivesCleaned) ctx.report({ at: c.words[0], condition: 'apt-archives', message: `${c.name} install keeps the downloaded packages in /var/cache/apt: docker-clean was turned off at line ${off}`, fix: appendToRun(ctx.model.file.text, i, ' \\\n    && apt-get clean') });
          } else if (c.name === 'apk' && subcommand(c, APK_OPTIONS_WITH_VALUE)?.sub.value === 'add') {
            const cleaned = hasOption(c.args, '--no-cache') || has((x) => x.name === 'rm' && /\/var\/cache\/apk/.test(words(x))) || hasCacheMount(i, /\/var\/cache\/apk|\/etc\/apk\/cache/);
            const sub = subcommand(c, APK_OPTIONS_WITH_VALUE)!.sub;
            if (!cleaned) ctx.report({ at: sub, condition: 'apk', message: 'apk add without --no-cache keeps the package index in the layer', fix: { description: 'Add --no-cache', edits: [{ start: sub.end, end: sub.end, text: ' --no-cache' }] } });
          } else if ((YUM_LIKE.has(c.name) && (YUM_INSTALL.test(subcommand(c, YUM_OPTIONS_WITH_VALUE)?.sub.value ?? '') || YUM_UPGRADE.test(subcommand(c, YUM_OPTIONS_WITH_VALUE)?.sub.value ?? ''))) || (c.name === 'zypper' && (ZYPPER_INSTALL.test(subcommand(c)?.sub.value ?? '') || ZYPPER_UPGRADE.test(subcommand(c)?.sub.value ?? '')))) {
            const cleanRe = c.name === 'zypper' ? /^(clean|cc)$/ : /^clean$/;
            // `yum clean metadata` (or packages) leaves the rest of the cache: yum, dnf and microdnf need `clean all`.
            const cleansAll = (x: ShellCommand) => c.name === 'zypper' || x.args.some((a) => a.value === 'all');
            const cleaned = hasAfter((x) => x.name === c.name && cleanRe.test(subcommand(x, YUM_OPTIONS_WITH_VALUE)?.sub.value ?? '') && cleansAll(x)) || hasAfter((x) => x.name === 'rm' && /\/var\/cache\/(yum|dnf|libdnf5|zypp)/.test(words(x))) || hasCacheMount(i, /\/var\/cache\/(yum|dnf|libdnf5|zypp)/);
            const condition = c.name === 'yum' || c.name === 'dnf' || c.name === 'microdnf' || c.name === 'zypper' ? c.name : 'other';
            if (!cleaned) ctx.report({ at: c.words[0], condition, message: `${c.name} install without \`${c.name} clean${c.name === 'zypper' ? '' : ' all'}\` in the same RUN keeps its cache in the layer` });
          } else {
            const pip = pipArgs(c);
            if (pip && subcommand({ ...c, args: pip }, PIP_OPTIONS_WITH_VALUE)?.sub.value === 'install') {
              const inline = c.env.PIP_NO_CACHE_DIR;
              const cleaned = pipNoCache || (inline != null && PIP_BOOL.test(inline)) || hasOption(pip, '--no-cache-dir') || hasCacheMount(i, /\.cache(\/pip)?(,|$)/);
              const sub = subcommand({ ...c, args: pip }, PIP_OPTIONS_WITH_VALUE)!.sub;
              if (!cleaned) ctx.report({ at: sub, condition: 'pip', message: 'pip install without --no-cache-dir keeps downloaded wheels in the layer', fix: { description: 'Add --no-cache-dir', edits: [{ start: sub.end, end: sub.end, text: ' --no-cache-dir' }] } });
            } else if (c.name === 'yarn' && /^(install|add)?$/.test(subcommand(c)?.sub.value ?? '')) {
              const cleaned = has((x) => x.name === 'yarn' && subcommand(x)?.sub.value === 'cache' && /clean/.test(words(x))) || hasCacheMount(i, /yarn/);
              if (!cleaned) ctx.report({ at: c.words[0], condition: 'yarn', message: 'yarn install without `yarn cache clean` keeps its cache in the layer' });
            }
          }
        }
      }
    }
  },
});

/**
 * A stage's instructions and the ONBUILD RUNs written in it: a trigger runs in every image built
 * FROM this one and leaves its cache in that image's layer, so it is checked as hadolint checks it.
 */
function withTriggers(model: DockerModel, stage: Stage): Instr[] {
  if (!model.triggers.length) return stage.instructions;
  const next = model.stages[stage.index + 1];
  const own = model.triggers.filter((t) => t.start >= stage.from.start && (!next || t.start < next.from.start));
  return own.length ? [...stage.instructions, ...own].sort((a, b) => a.start - b.start) : stage.instructions;
}

/** The targets of a RUN's cache and tmpfs mounts (`target=`, `dst=`, `destination=`), without a trailing slash. */
function cacheMountTargets(i: Instr): string[] {
  const out: string[] = [];
  for (const f of i.flags) {
    if (f.name !== 'mount' || !/(^|,)type=(cache|tmpfs)(,|$)/.test(f.value ?? '')) continue;
    const t = /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(f.value ?? '')?.[1];
    if (t) out.push(t.replace(/^["']|["']$/g, '').replace(/\/+$/, '') || '/');
  }
  return out;
}

/** A mount at `target` holds `path`: the same directory or one above it. */
const covers = (target: string, path: string) => target === path || target === '/' || path.startsWith(`${target}/`);

/**
 * The apt installs that run with docker-clean off, each with the line that turned it off: a RUN
 * that removes /etc/apt/apt.conf.d/docker-clean or writes `Keep-Downloaded-Packages "true"`
 * (as BuildKit's cache-mount recipe does), in this stage or one it builds on. A stage's own RUNs
 * see earlier RUNs; its ONBUILD triggers run later, in the child build, and see both.
 */
function dockerCleanOff(model: DockerModel, stages: Stage[]): Map<Instr, number> {
  const out = new Map<Instr, number>();
  let runOff = 0;
  let triggerOff = 0;
  const turnsOff = (i: Instr) =>
    (i.shell?.commands ?? []).some((c) => (c.name === 'rm' && c.args.some((a) => /\/etc\/apt\/apt\.conf\.d\/docker-clean$/.test(a.value))) || (c.name === 'echo' && c.args.some((a) => /Keep-Downloaded-Packages\s+"?true/.test(a.value))));
  for (const stage of stages) {
    for (const i of withTriggers(model, stage)) {
      if (i.keyword !== 'RUN' || !i.shell) continue;
      const trigger = i.onbuild !== null;
      const off = trigger ? triggerOff || runOff : runOff;
      if (off) out.set(i, off);
      if (turnsOff(i)) {
        const line = i.line;
        if (trigger) triggerOff ||= line;
        else runOff ||= line;
      }
    }
  }
  return out;
}

function envSet(stage: Stage, name: RegExp, value: RegExp): boolean {
  for (let s: Stage | null = stage; s; s = s.parent)
    for (const i of s.instructions) if (i.keyword === 'ENV' && declaredVars(i).some(([k, v]) => name.test(k) && v !== null && value.test(v))) return true;
  return false;
}

/** Appends a command at the end of a shell-form RUN (before trailing whitespace). */
function appendToRun(text: string, i: Instr, suffix: string) {
  if (i.json) return undefined;
  let end = i.end;
  while (end > i.body.start && /\s/.test(text[end - 1])) end--;
  if (text.slice(i.body.start, end).includes('<<')) return undefined; // heredocs: the end of the RUN is the body
  return { description: 'Remove the apt lists in the same RUN', edits: [{ start: end, end, text: suffix }] };
}
