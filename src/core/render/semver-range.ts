// Version ranges as Helm reads them in Chart.yaml dependencies (Masterminds/semver constraints):
// `1.2.3`, `=1.2.3`, `1.2.x`, `2.x.x`, `4.*`, `*`, `^1.2`, `~1.2.3`, `>=1.2 <2.0`, `>= 1.2, < 3`,
// alternatives with `||`, hyphen ranges `1.2 - 1.4`. Pre-release versions match only ranges
// that name a pre-release, as in Helm.

type Version = [number, number, number, string];

function parseVersion(v: string): Version | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0), m[4] ?? ''] : null;
}

function cmp(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  if (a[3] === b[3]) return 0;
  if (!a[3]) return 1;
  if (!b[3]) return -1;
  return a[3] < b[3] ? -1 : 1;
}

/** A partial version with wildcards: the parts given, the rest open. */
function partial(s: string): { parts: number[]; pre: string } | null {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(s.trim());
  if (!m) return null;
  const parts: number[] = [];
  for (const p of [m[1], m[2], m[3]]) {
    if (p === undefined || /[xX*]/.test(p)) break;
    parts.push(Number(p));
  }
  return { parts, pre: m[4] ?? '' };
}

function lower(p: { parts: number[]; pre: string }): Version {
  return [p.parts[0] ?? 0, p.parts[1] ?? 0, p.parts[2] ?? 0, p.pre];
}

/** The first version past a partial one: 1.2 → 1.3.0, 1 → 2.0.0. */
function pastPartial(p: { parts: number[] }): Version | null {
  if (p.parts.length === 0) return null;
  if (p.parts.length === 1) return [p.parts[0] + 1, 0, 0, ''];
  if (p.parts.length === 2) return [p.parts[0], p.parts[1] + 1, 0, ''];
  return null;
}

function term(v: Version, t: string): boolean {
  const m = /^(\^|~>?|>=|<=|>|<|=|!=)?\s*(.+)$/.exec(t.trim());
  if (!m) return false;
  const op = m[1] ?? '';
  const p = partial(m[2]);
  if (!p) return false;
  const lo = lower(p);
  switch (op) {
    case '':
    case '=': {
      if (p.parts.length === 3) return cmp(v, lo) === 0;
      const hi = pastPartial(p);
      return cmp(v, lo) >= 0 && (hi === null || cmp(v, hi) < 0);
    }
    case '!=':
      return cmp(v, lo) !== 0;
    case '>':
      return p.parts.length === 3 ? cmp(v, lo) > 0 : (pastPartial(p) ? cmp(v, pastPartial(p)!) >= 0 : false);
    case '>=':
      return cmp(v, lo) >= 0;
    case '<':
      return cmp(v, lo) < 0;
    case '<=':
      return p.parts.length === 3 ? cmp(v, lo) <= 0 : (pastPartial(p) ? cmp(v, pastPartial(p)!) < 0 : true);
    case '~':
    case '~>': {
      const hi: Version = p.parts.length <= 1 ? [lo[0] + 1, 0, 0, ''] : [lo[0], lo[1] + 1, 0, ''];
      return cmp(v, lo) >= 0 && cmp(v, hi) < 0;
    }
    case '^': {
      const hi: Version = lo[0] > 0 || p.parts.length === 1 ? [lo[0] + 1, 0, 0, ''] : lo[1] > 0 || p.parts.length === 2 ? [0, lo[1] + 1, 0, ''] : [0, 0, lo[2] + 1, ''];
      return cmp(v, lo) >= 0 && cmp(v, hi) < 0;
    }
  }
  return false;
}

export function satisfiesRange(version: string, range: string): boolean {
  const v = parseVersion(version);
  if (!v) return false;
  const r = range.trim();
  if (!r || r === '*') return !v[3];
  return r.split('||').some((alt) => {
    const a = alt.trim().replace(/([<>=!~^]+)\s+/g, '$1');
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(a);
    const terms = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : a.split(/\s*,\s*|\s+(?=[<>=!~^]|\d|v\d)/).filter(Boolean);
    // A pre-release matches only a range that names one.
    if (v[3] && !terms.some((t) => /-/.test(t))) return false;
    return terms.every((t) => term(v, t));
  });
}
