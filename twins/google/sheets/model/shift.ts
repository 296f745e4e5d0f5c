/** How inserting, deleting and moving rows or columns carries everything that points into the grid: merges, ranges, objects, groups, sizes and formulas. */
/*
 * Sheets keeps every reference pointing at the same cells when rows or columns
 * move: a range grows when rows are inserted strictly inside it, shrinks when
 * rows in it are deleted, and goes (a formula reference becomes #REF!) when all
 * of its cells are deleted (https://support.google.com/docs/answer/54813, and
 * the Request reference for InsertDimension/DeleteDimension/MoveDimension).
 * A Shift is that mapping for one axis of one sheet; `band` limits it to rows
 * (or columns) across an InsertRange/DeleteRange area.
 */
import type { Box, SheetRec, SpreadsheetRec } from './spreadsheets.js';

export interface Shift {
  sheetId: number;
  /** True when rows move (row indexes change), false for columns. */
  rows: boolean;
  point: (i: number) => number | undefined;
  /** A half-open span [a, b) after the edit, undefined when all of it is gone. */
  span: (a: number, b: number) => [number, number] | undefined;
  /** Only references lying wholly within [from, to) on the other axis move (InsertRange/DeleteRange). */
  band?: [number, number];
}

export function insertShift(sheetId: number, rows: boolean, at: number, n: number, band?: [number, number]): Shift {
  return { sheetId, rows, band, point: (i) => (i >= at ? i + n : i), span: (a, b) => [a >= at ? a + n : a, b > at ? b + n : b] };
}

export function deleteShift(sheetId: number, rows: boolean, from: number, to: number, band?: [number, number]): Shift {
  const n = to - from;
  const edge = (p: number) => (p <= from ? p : p >= to ? p - n : from);
  return {
    sheetId, rows, band,
    point: (i) => (i < from ? i : i >= to ? i - n : undefined),
    span: (a, b) => {
      const x = edge(a);
      const y = edge(b);
      return y > x ? [x, y] : undefined;
    },
  };
}

/** `where` maps each old index to its new one; a span takes the smallest run holding its moved indexes. */
export function moveShift(sheetId: number, rows: boolean, where: Map<number, number>): Shift {
  const to = (i: number) => where.get(i) ?? i;
  return {
    sheetId, rows,
    point: to,
    span: (a, b) => {
      if (b - a > 100000) return [a, b];
      const moved = Array.from({ length: b - a }, (_, k) => to(a + k));
      return [Math.min(...moved), Math.max(...moved) + 1];
    },
  };
}

const inBand = (s: Shift, a: number | undefined, b: number | undefined) => !s.band || (a !== undefined && b !== undefined && a >= s.band[0] && b <= s.band[1]);

/** A zero-based, end-exclusive Box after the shift (its sheet is known to be the shifted one). */
function shiftBox<T extends Box>(s: Shift, box: T): T | undefined {
  const [a, b, x, y] = s.rows ? [box.r1, box.r2, box.c1, box.c2] : [box.c1, box.c2, box.r1, box.r2];
  if (!inBand(s, x, y)) return box;
  const next = s.span(a, b);
  if (!next) return undefined;
  return s.rows ? { ...box, r1: next[0], r2: next[1] } : { ...box, c1: next[0], c2: next[1] };
}

type Json = Record<string, unknown>;
const RANGE_KEYS = ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'];

/** A GridRange (sheetId 0 is left out of JSON) after the shift; unbounded sides stay unbounded. */
export function shiftGridRange(s: Shift, g: Json): Json | undefined {
  if (((g.sheetId as number | undefined) ?? 0) !== s.sheetId) return g;
  const [sk, ek, ok1, ok2] = s.rows ? ['startRowIndex', 'endRowIndex', 'startColumnIndex', 'endColumnIndex'] : ['startColumnIndex', 'endColumnIndex', 'startRowIndex', 'endRowIndex'];
  if (!inBand(s, g[ok1] as number | undefined, g[ok2] as number | undefined)) return g;
  const a = (g[sk] as number | undefined) ?? 0;
  const b = g[ek] as number | undefined;
  const next = s.span(a, b ?? Number.MAX_SAFE_INTEGER);
  if (!next) return undefined;
  const out = { ...g, [sk]: next[0] };
  // A side left out (0, proto3's default) stays left out while it stays 0.
  if (!next[0] && !(sk in g)) delete out[sk];
  if (b !== undefined) out[ek] = next[1];
  return out;
}

/** A GridCoordinate (a chart's anchor cell) after the shift; a deleted cell's anchor moves to the edge of the gap. */
function shiftCoordinate(s: Shift, c: Json): Json {
  if (((c.sheetId as number | undefined) ?? 0) !== s.sheetId) return c;
  const k = s.rows ? 'rowIndex' : 'columnIndex';
  const i = (c[k] as number | undefined) ?? 0;
  let j = s.point(i);
  for (let back = i - 1; j === undefined && back >= 0; back--) j = s.point(back) === undefined ? undefined : s.point(back)! + 1;
  return { ...c, [k]: j ?? 0 };
}

/** Walks any stored object, shifting every GridRange and GridCoordinate in it; a GridRange all deleted is dropped from its list. */
function deep<T>(s: Shift, v: T): T | undefined {
  if (Array.isArray(v)) return v.map((x) => deep(s, x)).filter((x) => x !== undefined) as T;
  if (!v || typeof v !== 'object') return v;
  const o = v as Json;
  if (RANGE_KEYS.some((k) => k in o)) return shiftGridRange(s, o) as T | undefined;
  if ('rowIndex' in o || 'columnIndex' in o) return shiftCoordinate(s, o) as T;
  const out: Json = {};
  for (const [k, x] of Object.entries(o)) {
    const y = deep(s, x);
    if (y !== undefined) out[k] = y;
  }
  return out as T;
}

function shiftKeys(s: Shift, sizes: Record<number, number> | undefined): Record<number, number> | undefined {
  if (!sizes || s.band) return sizes;
  const out: Record<number, number> = {};
  for (const [i, px] of Object.entries(sizes)) {
    const j = s.point(Number(i));
    if (j !== undefined) out[j] = px;
  }
  return out;
}

/** Everything on the spreadsheet besides cell positions, carried through a shift of one sheet's rows or columns. */
export function applyShift(ss: SpreadsheetRec, s: Shift, titleOf: (sheet: SheetRec) => string): void {
  const sheet = ss.sheets.find((x) => x.sheetId === s.sheetId);
  if (sheet) {
    const boxes = <T extends Box>(list: T[] | undefined) => list?.map((b) => shiftBox(s, b)).filter((b): b is T => !!b && (b.r2 - b.r1) * (b.c2 - b.c1) > 0);
    sheet.merges = boxes(sheet.merges)?.filter((b) => (b.r2 - b.r1) * (b.c2 - b.c1) > 1);
    sheet.protectedRanges = boxes(sheet.protectedRanges);
    const groups = s.rows ? 'rowGroups' : 'columnGroups';
    if (!s.band) sheet[groups] = sheet[groups]?.flatMap((g) => {
      const next = s.span(g.start, g.end);
      return next ? [{ ...g, start: next[0], end: next[1] }] : [];
    });
    if (s.rows) sheet.rowSizes = shiftKeys(s, sheet.rowSizes);
    else sheet.columnSizes = shiftKeys(s, sheet.columnSizes);
    if (sheet.basicFilter) {
      const range = shiftGridRange(s, (sheet.basicFilter.range ?? { sheetId: s.sheetId }) as Json);
      if (range) sheet.basicFilter = { ...sheet.basicFilter, range };
      else delete sheet.basicFilter;
    }
    // A rule keeps the ranges left; a rule, band or filter view whose range is all deleted goes.
    sheet.conditionalFormats = sheet.conditionalFormats?.flatMap((rule) => {
      const ranges = deep(s, rule.ranges as Json[]) ?? [];
      return ranges.length ? [{ ...rule, ranges }] : [];
    });
    for (const key of ['bandedRanges', 'filterViews'] as const) {
      sheet[key] = sheet[key]?.flatMap((o) => {
        const range = shiftGridRange(s, (o.range ?? {}) as Json);
        return range ? [{ ...o, range }] : [];
      });
    }
  }
  // Charts and slicers anywhere may read from or sit on the shifted sheet.
  for (const x of ss.sheets) {
    x.charts = x.charts?.map((c) => deep(s, c)!);
    x.slicers = x.slicers?.map((c) => deep(s, c)!);
  }
  ss.namedRanges = ss.namedRanges?.flatMap((n) => (n.sheetId !== s.sheetId ? [n] : [shiftBox(s, n)].filter((b): b is typeof n => !!b)));
  const target = sheet ? titleOf(sheet) : undefined;
  if (target === undefined) return;
  for (const x of ss.sheets) {
    for (const cell of Object.values(x.cells)) if (cell.f) cell.f = shiftFormula(cell.f, titleOf(x), target, s);
  }
}

const colIndex = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
const colLetters = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};
const unquote = (name: string) => (name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name);

const REF = /^((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_(!])/;
const COLS = /^((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_]*)!)?(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_(!])/;

/**
 * A formula with its references to the shifted sheet rewritten: cells and ranges follow
 * their cells, and a reference whose cells are all deleted becomes #REF!. Text in quotes
 * and names that are not references (functions, named ranges) are left as they are.
 */
export function shiftFormula(f: string, host: string, target: string, s: Shift): string {
  let out = '';
  let i = 0;
  while (i < f.length) {
    const ch = f[i];
    if (ch === '"') {
      const end = f.indexOf('"', i + 1);
      let j = end < 0 ? f.length : end + 1;
      while (f[j] === '"') j = f.indexOf('"', j + 1) < 0 ? f.length : f.indexOf('"', j + 1) + 1;
      out += f.slice(i, j);
      i = j;
      continue;
    }
    const prev = f[i - 1];
    const rest = f.slice(i);
    const m = !prev || !/[A-Za-z0-9_$.'!:]/.test(prev) ? REF.exec(rest) ?? COLS.exec(rest) : null;
    if (!m) {
      out += ch;
      i++;
      continue;
    }
    i += m[0].length;
    const sheet = m[1] ? unquote(m[1].slice(0, -1)) : host;
    if (sheet !== target) {
      out += m[0];
      continue;
    }
    out += rewrite(m, s) ?? '#REF!';
  }
  return out;
}

function rewrite(m: RegExpExecArray, s: Shift): string | undefined {
  const prefix = m[1] ?? '';
  if (m.length === 6) {
    // A whole-column range (A:C): only columns move.
    const [, , d1, c1, d2, c2] = m;
    if (s.rows) return m[0];
    const next = s.span(colIndex(c1), colIndex(c2) + 1);
    return next && `${prefix}${d1}${colLetters(next[0])}:${d2}${colLetters(next[1] - 1)}`;
  }
  const [, , dc1, c1, dr1, r1, dc2, c2, dr2, r2] = m;
  let rows: [number, number] = [Number(r1) - 1, Number(r2 ?? r1)];
  let cols: [number, number] = [colIndex(c1), colIndex(c2 ?? c1) + 1];
  const [along, across] = s.rows ? [rows, cols] : [cols, rows];
  if (!inBand(s, across[0], across[1])) return m[0];
  const next = s.span(along[0], along[1]);
  if (!next) return undefined;
  if (s.rows) rows = next;
  else cols = next;
  const first = `${dc1}${colLetters(cols[0])}${dr1}${rows[0] + 1}`;
  return c2 === undefined ? `${prefix}${first}` : `${prefix}${first}:${dc2}${colLetters(cols[1] - 1)}${dr2}${rows[1]}`;
}
