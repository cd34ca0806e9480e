// helm's and kustomize's error output reduced to the one line that says why: the report shows a
// cause a person can act on, and the same tree gives the same message on every run (kubectl's
// log prefix carries a timestamp and a process id; temporary directories differ per run).

/** klog's prefix: `E1203 06:20:00.123456   12345 file.go:12] `. */
const KLOG_PREFIX = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ [^\]]*\] /;
/** Hints for flags of helm's own command line, which riskgate does not have. */
const TOOL_HINT = /^(Use --debug flag|Run with --debug|See 'kubectl|Error: exit status)/i;
const MAX_CAUSE = 300;

/**
 * The cause of a failed render, in one line. `temporary` lists directories riskgate made for the
 * run (kustomize wrappers): their paths are removed so that the message is stable.
 */
export function toolCause(output: string, temporary: string[] = []): string {
  let text = output;
  for (const t of temporary) text = text.split(`${t}/`).join('').split(t).join('.');
  const lines = text
    .split('\n')
    .map((l) => l.replace(KLOG_PREFIX, '').trim())
    .filter((l) => l && !TOOL_HINT.test(l) && !/^(#\s*)?warning:/i.test(l) && !/^walk\.go:\d+: found symbolic link/.test(l));
  if (!lines.length) return 'it exited with an error and printed no message';
  const line = (lines.find((l) => /^error:/i.test(l)) ?? lines[lines.length - 1]).replace(/^error:\s*/i, '');
  return kustomizeCause(line) ?? cap(line);
}

/**
 * kustomize nests its causes (`accumulating resources: accumulation err='…': must build at
 * directory: …: lstat X: no such file or directory`): the innermost one is what to fix.
 */
function kustomizeCause(line: string): string | null {
  const missing = /(?:lstat|stat|open) ([^\s:']+): no such file or directory/.exec(line);
  if (missing) {
    // The innermost reference: the outer ones are riskgate's wrapper and the roots around it.
    const from = [...line.matchAll(/accumulating resources from '([^']+)'/g)].pop()?.[1];
    return `${missing[1]} does not exist${from && !missing[1].endsWith(from) ? ` (named as ${from})` : ''}`;
  }
  const target = /failed to find unique target for patch ([^\s"';]+)/.exec(line);
  if (target) return `a patch targets ${target[1]}, which is not among the resources it builds`;
  const component = /expected kind != 'Component' for path '([^']+)'/.exec(line);
  if (component) return `${component[1]} is a Component: a kustomization includes it under components:, not resources:`;
  const notComponent = /expected kind 'Component' for path '([^']+)'/.exec(line);
  if (notComponent) return `${notComponent[1]} is listed under components: but is not a Component (kind: Component)`;
  return null;
}

function cap(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > MAX_CAUSE ? `${one.slice(0, MAX_CAUSE)}…` : one;
}
