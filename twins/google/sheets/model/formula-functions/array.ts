/** Array functions, whose results spill into the cells below and to the right: SEQUENCE, FILTER, SORT, UNIQUE, SPLIT, TRANSPOSE, FLATTEN. */
/*
 * Behaviour follows Google's function reference (https://support.google.com/docs/table/25273):
 * SEQUENCE (answer/9368244), FILTER (answer/3093197), SORT (answer/3093150), UNIQUE
 * (answer/3093198), SPLIT (answer/3094136), TRANSPOSE (answer/3094262), FLATTEN.
 */
import { ERR, type Fn, type FormulaValue, type Grid, array, asGrid, compare, firstErr, isErr, nums, scalar, toNum, toStr, truthy } from './core.js';

const grid = (v: Parameters<Fn>[0][number]): Grid => asGrid(v ?? null);

export const ARRAY: Record<string, Fn> = {
  SEQUENCE: (a) => {
    const n = nums(a, 4, [NaN, 1, 1, 1]);
    if (typeof n === 'string') return n;
    const [rows, cols, start, step] = n;
    if (!(rows >= 1) || !(cols >= 1)) return ERR.value;
    return array(Array.from({ length: Math.floor(rows) }, (_, r) => Array.from({ length: Math.floor(cols) }, (_, c) => start + (r * Math.floor(cols) + c) * step)));
  },
  FILTER: (a) => {
    const g = grid(a[0]);
    const conds = a.slice(1).map(grid);
    if (!conds.length) return ERR.na;
    const err = firstErr(a);
    if (err) return err;
    // Conditions one column tall as the range filter rows; one row wide as the range filter columns.
    if (conds.every((c) => c.length === g.length && c[0].length === 1)) {
      const rows = g.filter((_, i) => conds.every((c) => truthy(c[i][0])));
      return rows.length ? array(rows) : ERR.na;
    }
    if (conds.every((c) => c.length === 1 && c[0].length === g[0].length)) {
      const keep = g[0].map((_, j) => conds.every((c) => truthy(c[0][j])));
      const rows = g.map((row) => row.filter((_, j) => keep[j]));
      return rows[0].length ? array(rows) : ERR.na;
    }
    return ERR.value;
  },
  SORT: (a) => {
    const g = grid(a[0]);
    const keys: Array<[number, boolean]> = [];
    for (let i = 1; i < a.length || keys.length === 0; i += 2) {
      const col = a[i] === undefined ? 1 : toNum(scalar(a[i]));
      if (typeof col === 'string') return col;
      if (col < 1 || col > g[0].length) return ERR.value;
      keys.push([Math.floor(col) - 1, a[i + 1] === undefined ? true : truthy(scalar(a[i + 1]))]);
      if (a[i] === undefined) break;
    }
    const rows = g.map((row, i) => ({ row, i }));
    // Stable: equal keys keep their order.
    rows.sort((x, y) => {
      for (const [c, asc] of keys) {
        const d = compare(x.row[c], y.row[c]);
        if (d) return asc ? d : -d;
      }
      return x.i - y.i;
    });
    return array(rows.map((x) => x.row));
  },
  UNIQUE: (a) => {
    const g = grid(a[0]);
    const seen = new Set<string>();
    const rows = g.filter((row) => {
      const key = JSON.stringify(row);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return array(rows);
  },
  SPLIT: (a) => {
    const text = toStr(scalar(a[0]));
    const delim = toStr(scalar(a[1]));
    if (isErr(text)) return text;
    if (!delim) return ERR.value;
    const byEach = a[2] === undefined ? true : truthy(scalar(a[2]));
    const removeEmpty = a[3] === undefined ? true : truthy(scalar(a[3]));
    const parts = byEach ? text.split(new RegExp(`[${delim.replace(/[\]\\^-]/g, '\\$&')}]`)) : text.split(delim);
    const kept = removeEmpty ? parts.filter((p) => p !== '') : parts;
    // Pieces that read as numbers become numbers.
    const cells: FormulaValue[] = kept.map((p) => (p.trim() !== '' && Number.isFinite(Number(p)) ? Number(p) : p));
    return cells.length ? array([cells]) : ERR.value;
  },
  TRANSPOSE: (a) => {
    const g = grid(a[0]);
    return array(g[0].map((_, c) => g.map((row) => row[c])));
  },
  FLATTEN: (a) => {
    const cells = a.flatMap((v) => grid(v ?? null).flat());
    return array(cells.map((v) => [v]));
  },
};
