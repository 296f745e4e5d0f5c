/** Lookup functions: VLOOKUP, HLOOKUP, MATCH, INDEX and XLOOKUP with exact, sorted and wildcard matching. */
// Reference: https://support.google.com/docs/table/25273 (Lookup section). A key that is not found is #N/A;
// an index outside the range is #REF!; a non-positive index is #VALUE!.
import { ERR, type Fn, type FormulaValue, type Grid, type Val, asGrid, compare, isErr, scalar, toNum, truthy, wildcard } from './core.js';

const sameKind = (a: FormulaValue, b: FormulaValue) => (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string') || (typeof a === 'boolean' && typeof b === 'boolean');

function exactIndex(list: FormulaValue[], key: FormulaValue, wild: boolean, fromEnd = false): number {
  const re = wild && typeof key === 'string' && /[*?~]/.test(key) ? wildcard(key) : undefined;
  const hit = (v: FormulaValue) => (re ? typeof v === 'string' && re.test(v) : sameKind(v, key) && compare(v, key) === 0);
  if (fromEnd) {
    for (let i = list.length - 1; i >= 0; i--) if (hit(list[i])) return i;
    return -1;
  }
  return list.findIndex(hit);
}

/** Sorted search as Sheets does it: the last entry ≤ key (ascending) or ≥ key (descending), stopping at the first overshoot. */
function sortedIndex(list: FormulaValue[], key: FormulaValue, descending: boolean): number {
  let best = -1;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!sameKind(v, key)) continue;
    const c = compare(v, key);
    if (descending ? c >= 0 : c <= 0) best = i;
    else break;
  }
  return best;
}

/** The closest entry on one side of the key, in any order (XLOOKUP match modes 1 and -1). */
function nearestIndex(list: FormulaValue[], key: FormulaValue, larger: boolean): number {
  let best = -1;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!sameKind(v, key)) continue;
    const c = compare(v, key);
    if (larger ? c < 0 : c > 0) continue;
    if (best < 0 || (larger ? compare(v, list[best]) < 0 : compare(v, list[best]) > 0)) best = i;
  }
  return best;
}

const column = (g: Grid, c: number) => g.map((row) => row[c] ?? null);

/** Shared by VLOOKUP (rows) and HLOOKUP (the grid turned on its side). */
function tableLookup(a: Val[], transpose: boolean): FormulaValue {
  const key = scalar(a[0]);
  if (isErr(key)) return key;
  if (a.length < 3) return ERR.na;
  let g = asGrid(a[1]);
  if (transpose) g = (g[0] ?? []).map((_, c) => column(g, c));
  const n = toNum(scalar(a[2]));
  if (typeof n === 'string') return n;
  const idx = Math.trunc(n);
  if (idx < 1) return ERR.value;
  if (idx > (g[0]?.length ?? 0)) return ERR.ref;
  const sorted = a[3] === undefined ? true : truthy(scalar(a[3]));
  const keys = column(g, 0);
  const i = sorted ? sortedIndex(keys, key, false) : exactIndex(keys, key, true);
  return i < 0 ? ERR.na : g[i][idx - 1];
}

/** A one-dimensional range as a list, with whether it runs down a column; undefined for a 2-D range. */
function vector(v: Val): { list: FormulaValue[]; down: boolean } | undefined {
  const g = asGrid(v);
  if (g.length === 1) return { list: g[0], down: false };
  if (g.every((r) => r.length === 1)) return { list: g.map((r) => r[0]), down: true };
  return undefined;
}

export const LOOKUP: Record<string, Fn> = {
  // VLOOKUP(search_key, range, index, [is_sorted = TRUE])
  VLOOKUP: (a) => tableLookup(a, false),
  HLOOKUP: (a) => tableLookup(a, true),
  // MATCH(search_key, range, [search_type = 1]): 1 ascending ≤, 0 exact (wildcards), -1 descending ≥.
  MATCH: (a) => {
    const key = scalar(a[0]);
    if (isErr(key)) return key;
    const vec = a[1] === undefined ? undefined : vector(a[1]);
    if (!vec) return ERR.na;
    const t = a[2] === undefined ? 1 : toNum(scalar(a[2]));
    if (typeof t === 'string') return t;
    const i = t === 0 ? exactIndex(vec.list, key, true) : sortedIndex(vec.list, key, t < 0);
    return i < 0 ? ERR.na : i + 1;
  },
  // INDEX(reference, [row], [column]): 0 or an omitted index selects the whole row or column (its first cell here).
  INDEX: (a) => {
    if (a[0] === undefined) return ERR.na;
    const g = asGrid(a[0]);
    const r = a[1] === undefined ? 0 : toNum(scalar(a[1]));
    const c = a[2] === undefined ? 0 : toNum(scalar(a[2]));
    if (typeof r === 'string') return r;
    if (typeof c === 'string') return c;
    if (r < 0 || c < 0) return ERR.value;
    const ri = Math.trunc(r);
    const ci = Math.trunc(c);
    if (ri > g.length || ci > (g[0]?.length ?? 0)) return ERR.ref;
    return g[Math.max(ri, 1) - 1]?.[Math.max(ci, 1) - 1] ?? null;
  },
  // XLOOKUP(search_key, lookup_range, result_range, [missing_value], [match_mode = 0], [search_mode = 1])
  XLOOKUP: (a) => {
    const key = scalar(a[0]);
    if (isErr(key)) return key;
    if (a.length < 3) return ERR.na;
    const vec = vector(a[1]);
    if (!vec) return ERR.value;
    const res = asGrid(a[2]);
    const span = vec.down ? res.length : (res[0]?.length ?? 0);
    if (span !== vec.list.length) return ERR.value;
    const mode = a[4] === undefined ? 0 : toNum(scalar(a[4]));
    const search = a[5] === undefined ? 1 : toNum(scalar(a[5]));
    if (typeof mode === 'string') return mode;
    if (typeof search === 'string') return search;
    if (![0, 1, -1, 2].includes(mode) || ![1, -1, 2, -2].includes(search)) return ERR.value;
    let i = exactIndex(vec.list, key, mode === 2, search < 0);
    if (i < 0 && (mode === 1 || mode === -1)) i = nearestIndex(vec.list, key, mode === 1);
    if (i < 0) return a[3] === undefined ? ERR.na : scalar(a[3]);
    return vec.down ? (res[i][0] ?? null) : (res[0][i] ?? null);
  },
};
