// "Did you mean …?" for misspelt keys, rule IDs and options.

export function suggest(got: string, options: string[]): string {
  let best = '';
  let bestScore = Infinity;
  for (const o of options) {
    const d = editDistance(got.toLowerCase(), o.toLowerCase());
    if (d < bestScore) {
      best = o;
      bestScore = d;
    }
  }
  return bestScore <= Math.max(2, Math.floor(got.length / 4)) ? best : '';
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}
