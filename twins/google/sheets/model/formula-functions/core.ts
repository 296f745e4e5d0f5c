/** The formula engine's value model: scalars, ranges as 2-D grids, Sheets' error values, coercions and criteria. */
/*
 * Behaviour follows Google's function reference, https://support.google.com/docs/table/25273,
 * and the error-value page, https://support.google.com/docs/answer/3093340.
 */

export type FormulaValue = string | number | boolean | null;
/** A range reference evaluates to its rows; a single cell evaluates to a scalar. */
export type Grid = FormulaValue[][];
export type Val = FormulaValue | Grid;

export interface FnCtx {
  /** The tenant clock in epoch ms, or undefined when the spreadsheet was read without one. */
  now(): number | undefined;
  timeZone: string;
}
/** A function returns a scalar, or (array functions) a grid made with `array`, which a formula spills. */
export type Fn = (args: Val[], ctx: FnCtx) => Val;

/** Grids made by array literals and array functions: a formula whose result is one spills it into the cells beside it. */
const ARRAYS = new WeakSet<Grid>();
export const array = (g: Grid): Grid => (ARRAYS.add(g), g);
export const isArray = (v: Val | undefined): v is Grid => Array.isArray(v) && ARRAYS.has(v);

export const ERR = { div0: '#DIV/0!', name: '#NAME?', value: '#VALUE!', ref: '#REF!', parse: '#ERROR!', na: '#N/A', num: '#NUM!' };
export const isErr = (v: unknown): boolean => typeof v === 'string' && /^#(DIV\/0!|NAME\?|VALUE!|REF!|ERROR!|N\/A|NUM!)$/.test(v);

export const isGrid = (v: Val | undefined): v is Grid => Array.isArray(v);

export const toNum = (v: FormulaValue): number | string => {
  if (isErr(v)) return v as string;
  if (v === null || v === '') return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = v.trim();
  const pct = s.endsWith('%');
  const n = Number((pct ? s.slice(0, -1) : s).replace(/,/g, ''));
  return s !== '' && Number.isFinite(n) ? (pct ? n / 100 : n) : ERR.value;
};
export const toStr = (v: FormulaValue): string => (v === null ? '' : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));
export const flat = (args: Val[]): FormulaValue[] => args.flatMap((a) => (isGrid(a) ? a.flat() : [a]));
export const scalar = (v: Val | undefined): FormulaValue => (v === undefined ? null : isGrid(v) ? (v[0]?.[0] ?? null) : v);
export const asGrid = (v: Val): Grid => (isGrid(v) ? v : [[v]]);
export const numbersIn = (args: Val[]) => flat(args).filter((v): v is number => typeof v === 'number');
export const firstErr = (a: Val[]): string | undefined => flat(a).find(isErr) as string | undefined;

export function truthy(v: FormulaValue): boolean {
  if (typeof v === 'string') return v.toUpperCase() === 'TRUE' || (v !== '' && Number(v) !== 0 && !Number.isNaN(Number(v)));
  return !!v;
}

/** Scalar arguments as numbers, or the first error among them (errors propagate, text that is not a number is #VALUE!). */
export function nums(a: Val[], count: number, defaults: number[] = []): number[] | string {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    if (a[i] === undefined) {
      if (defaults[i] === undefined) return ERR.na;
      out.push(defaults[i]);
      continue;
    }
    const n = toNum(scalar(a[i]));
    if (typeof n === 'string') return n;
    out.push(n);
  }
  return out;
}

/** Sheets orders mixed values numbers < text < booleans; text compares case-insensitively. */
export function compare(a: FormulaValue, b: FormulaValue): number {
  const rank = (v: FormulaValue) => (typeof v === 'number' || v === null ? 0 : typeof v === 'string' ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) {
    const x = (a as string).toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a ?? 0) - Number(b ?? 0);
}

/** `*`, `?` and `~`-escapes as in COUNTIF, MATCH and SEARCH, matched case-insensitively over the whole text. */
export function wildcard(pattern: string, whole = true): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '~' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(whole ? `^${re}$` : re, 'i');
}

/** A SUMIF/COUNTIF criterion ("<5", ">=a", "<>", "ap*", 3) as a predicate. */
export function criterion(crit: FormulaValue): (v: FormulaValue) => boolean {
  if (typeof crit === 'number') return (v) => v === crit || (typeof v === 'string' && v.trim() !== '' && Number(v) === crit);
  if (typeof crit === 'boolean') return (v) => v === crit;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(crit ?? '')!;
  const op = m[1] ?? '=';
  const rhs = m[2];
  const n = rhs.trim() === '' ? NaN : Number(rhs);
  if (Number.isFinite(n)) {
    return (v) => {
      const x = typeof v === 'number' ? v : undefined;
      if (x === undefined) return op === '<>';
      return op === '=' ? x === n : op === '<>' ? x !== n : op === '<' ? x < n : op === '>' ? x > n : op === '<=' ? x <= n : x >= n;
    };
  }
  if (op === '=' || op === '<>') {
    const re = wildcard(rhs);
    const eq = (v: FormulaValue) => (rhs === '' ? v === null || v === '' : typeof v !== 'number' && re.test(toStr(v)));
    return op === '=' ? eq : (v) => !eq(v);
  }
  return (v) => {
    if (typeof v !== 'string') return false;
    const c = compare(v, rhs);
    return op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
  };
}
