// A rule is code, and code has bugs: when one throws on a file, that file says which rule failed
// and why (status "error"), every other rule still runs on it, and the scan goes on. With
// --strict such a file makes the exit code 2, like any file that could not be checked.

/** Runs one rule's check; a throw becomes a message in `failures` instead of ending the scan. */
export function guarded(ruleId: string, failures: string[], check: () => void): void {
  try {
    check();
  } catch (e) {
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const message = `rule ${ruleId} failed (${what.split('\n')[0].slice(0, 200)}); its findings on this file are missing, the other rules ran (please report this)`;
    if (!failures.includes(message)) failures.push(message);
  }
}
