/** Statistical, choice and regular-expression functions: LARGE, SMALL, RANK, STDEV/VAR, MAXIFS/MINIFS, COUNTUNIQUE, CHOOSE, JOIN, ROWS/COLUMNS, REGEXMATCH/EXTRACT/REPLACE. */
// Reference: https://support.google.com/docs/table/25273 (Statistical, Lookup, Text sections).
import { ERR, type Fn, type FormulaValue, asGrid, criterion, firstErr, flat, isErr, nums, numbersIn, scalar, toStr } from './core.js';

function nth(pick: (sorted: number[], n: number) => number): Fn {
  return (a) => {
    const err = firstErr(a.slice(0, 1));
    if (err) return err;
    const data = numbersIn([a[0] ?? null]).sort((x, y) => x - y);
    const n = nums(a.slice(1), 1);
    if (typeof n === 'string') return n;
    const k = Math.floor(n[0]);
    return k >= 1 && k <= data.length ? pick(data, k) : ERR.num;
  };
}

function spread(sample: boolean, root: boolean): Fn {
  return (a) => {
    const err = firstErr(a);
    if (err) return err;
    const x = numbersIn(a);
    if (x.length < (sample ? 2 : 1)) return ERR.div0;
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const v = x.reduce((s, y) => s + (y - mean) ** 2, 0) / (x.length - (sample ? 1 : 0));
    return root ? Math.sqrt(v) : v;
  };
}

/** MAXIFS/MINIFS(range, criteria_range1, criterion1, …): the extreme of the cells every criterion admits; 0 when none. */
function extremeIfs(pick: (n: number[]) => number): Fn {
  return (a) => {
    if (a.length < 3 || a.length % 2 === 0) return ERR.na;
    const values = asGrid(a[0] ?? null).flat();
    const tests: Array<{ range: FormulaValue[]; ok: (v: FormulaValue) => boolean }> = [];
    for (let i = 1; i < a.length; i += 2) {
      const range = asGrid(a[i] ?? null).flat();
      if (range.length !== values.length) return ERR.value;
      tests.push({ range, ok: criterion(scalar(a[i + 1])) });
    }
    const kept = values.filter((v, k): v is number => typeof v === 'number' && tests.every((t) => t.ok(t.range[k])));
    return kept.length ? pick(kept) : 0;
  };
}

/** Regular expressions are RE2 in Sheets; JavaScript's syntax is the same for the common subset. */
function regex(a: Parameters<Fn>[0], fn: (text: string, re: RegExp) => FormulaValue): FormulaValue {
  const text = scalar(a[0]);
  const pattern = scalar(a[1]);
  if (isErr(text)) return text;
  if (isErr(pattern)) return pattern;
  // The text must be text: a number is refused, as Sheets does.
  if (typeof text !== 'string' || typeof pattern !== 'string') return ERR.value;
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch {
    return ERR.parse;
  }
  return fn(text, re);
}

export const STATS: Record<string, Fn> = {
  LARGE: nth((s, k) => s[s.length - k]),
  SMALL: nth((s, k) => s[k - 1]),
  RANK: (a) => {
    const v = nums(a, 1);
    if (typeof v === 'string') return v;
    const data = numbersIn([a[1] ?? null]);
    if (!data.includes(v[0])) return ERR.na;
    const asc = a[2] !== undefined && scalar(a[2]) !== false && scalar(a[2]) !== 0;
    return 1 + data.filter((x) => (asc ? x < v[0] : x > v[0])).length;
  },
  STDEV: spread(true, true),
  STDEVP: spread(false, true),
  VAR: spread(true, false),
  VARP: spread(false, false),
  MAXIFS: extremeIfs((n) => Math.max(...n)),
  MINIFS: extremeIfs((n) => Math.min(...n)),
  COUNTUNIQUE: (a) => new Set(flat(a).filter((v) => v !== null && v !== '').map((v) => `${typeof v}:${String(v)}`)).size,
  CHOOSE: (a) => {
    const n = nums(a, 1);
    if (typeof n === 'string') return n;
    const k = Math.floor(n[0]);
    return k >= 1 && k < a.length ? scalar(a[k]) : ERR.value;
  },
  JOIN: (a) => {
    const err = firstErr(a);
    if (err) return err;
    return flat(a.slice(1)).map(toStr).join(toStr(scalar(a[0])));
  },
  ROWS: (a) => asGrid(a[0] ?? null).length,
  COLUMNS: (a) => asGrid(a[0] ?? null)[0]?.length ?? 0,
  REGEXMATCH: (a) => regex(a, (t, re) => re.test(t)),
  REGEXEXTRACT: (a) => regex(a, (t, re) => {
    const m = re.exec(t);
    return m ? (m.length > 1 ? m[1] ?? '' : m[0]) : ERR.na;
  }),
  REGEXREPLACE: (a) => {
    const repl = scalar(a[2]);
    if (isErr(repl)) return repl;
    return regex(a, (t, re) => t.replace(new RegExp(re.source, 'g'), toStr(repl)));
  },
};
