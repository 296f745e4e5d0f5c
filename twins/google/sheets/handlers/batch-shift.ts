/** batchUpdate request kinds that move or rewrite cells: duplicateSheet, insertRange, deleteRange, moveDimension, deleteDuplicates, trimWhitespace. */
/*
 * Request and reply shapes: https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request
 * and .../spreadsheets/response.
 */
import { effective, newSheetId, type Cell, type SheetRec } from '../model/spreadsheets.js';
import { presentSheetProperties } from '../present/spreadsheet.js';
import { area, int, obj, reindex, sheetById, type Req, type Step } from './batch-step.js';
import { dimensionRange } from './batch-ranges.js';
import { applyShift, deleteShift, insertShift, moveShift } from '../model/shift.js';

/** Rewrites every cell key through `to` (undefined drops the cell). */
function remap(sheet: SheetRec, to: (r: number, c: number) => [number, number] | undefined): void {
  const moved: SheetRec['cells'] = {};
  for (const [key, cell] of Object.entries(sheet.cells)) {
    const [r, c] = key.split(':').map(Number);
    const next = to(r, c);
    if (next) moved[`${next[0]}:${next[1]}`] = cell;
  }
  sheet.cells = moved;
}

/** Replaces a copied object's sheetId wherever a GridRange or anchor names the source sheet. */
function retarget<T>(value: T, from: number, to: number): T {
  if (Array.isArray(value)) return value.map((v) => retarget(v, from, to)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k === 'sheetId' && (v ?? 0) === from ? to : retarget(v, from, to);
  // sheetId 0 is proto3's default and left out of GridRanges; a copy of sheet 0 must name its new sheet.
  if (from === 0 && ('startRowIndex' in out || 'rowIndex' in out || 'endRowIndex' in out) && !('sheetId' in out)) out.sheetId = to;
  return out as T;
}

/** https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#DuplicateSheetRequest */
function duplicateSheet(s: Step, r: Req): Req {
  const src = sheetById(s, r.sourceSheetId);
  const title = typeof r.newSheetName === 'string' && r.newSheetName ? r.newSheetName : copyName(s, src.title);
  if (s.ss.sheets.some((x) => x.title === title)) throw s.fail(`A sheet with the name "${title}" already exists. Please enter another name.`);
  const id = typeof r.newSheetId === 'number' ? r.newSheetId : newSheetId(s.t, s.ss.sheets.map((x) => x.sheetId));
  if (s.ss.sheets.some((x) => x.sheetId === id)) throw s.fail(`Sheet with id ${id} already exists.`);
  const index = Math.min(int(r.insertSheetIndex, src.index + 1), s.ss.sheets.length);
  for (const x of s.ss.sheets) if (x.index >= index) x.index++;
  const copy: SheetRec = retarget(structuredClone(src), src.sheetId, id);
  Object.assign(copy, { sheetId: id, title, index });
  // Objects with spreadsheet-wide ids get fresh ones in the copy.
  const fresh = () => s.t.random.int(1, 2147483646);
  copy.protectedRanges = copy.protectedRanges?.map((p) => ({ ...p, id: fresh() }));
  copy.charts = copy.charts?.map((c) => ({ ...c, chartId: fresh() }));
  copy.bandedRanges = copy.bandedRanges?.map((b) => ({ ...b, bandedRangeId: fresh() }));
  copy.filterViews = copy.filterViews?.map((f) => ({ ...f, filterViewId: fresh() }));
  s.ss.sheets.push(copy);
  reindex(s.ss);
  return { duplicateSheet: { properties: presentSheetProperties(copy) } };
}

/** Sheets names a copy "Copy of X", then "Copy of X 2", … while the name is taken. */
function copyName(s: Step, title: string): string {
  const base = `Copy of ${title}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base} ${n}`;
    if (!s.ss.sheets.some((x) => x.title === name)) return name;
  }
}

function shiftDimension(s: Step, v: unknown): boolean {
  if (v !== 'ROWS' && v !== 'COLUMNS') throw s.fail('shiftDimension must be ROWS or COLUMNS.');
  return v === 'ROWS';
}

/** InsertRangeRequest: cells at and after the range (in its columns or rows) move by its height or width; the grid grows to hold them. */
function insertRange(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const rows = shiftDimension(s, r.shiftDimension);
  const n = rows ? g.r2 - g.r1 : g.c2 - g.c1;
  if (n < 1) return {};
  remap(g.sheet, (row, col) =>
    rows ? (col >= g.c1 && col < g.c2 && row >= g.r1 ? [row + n, col] : [row, col]) : row >= g.r1 && row < g.r2 && col >= g.c1 ? [row, col + n] : [row, col],
  );
  if (rows) g.sheet.rowCount += n;
  else g.sheet.columnCount += n;
  applyShift(s.ss, insertShift(g.sheet.sheetId, rows, rows ? g.r1 : g.c1, n, rows ? [g.c1, g.c2] : [g.r1, g.r2]), (x) => x.title);
  return {};
}

/** DeleteRangeRequest: the range's cells go and those after it (in its columns or rows) close the gap. */
function deleteRange(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const rows = shiftDimension(s, r.shiftDimension);
  const n = rows ? g.r2 - g.r1 : g.c2 - g.c1;
  remap(g.sheet, (row, col) => {
    const inCols = col >= g.c1 && col < g.c2;
    const inRows = row >= g.r1 && row < g.r2;
    if (inCols && inRows) return undefined;
    if (rows && inCols && row >= g.r2) return [row - n, col];
    if (!rows && inRows && col >= g.c2) return [row, col - n];
    return [row, col];
  });
  applyShift(s.ss, rows ? deleteShift(g.sheet.sheetId, true, g.r1, g.r2, [g.c1, g.c2]) : deleteShift(g.sheet.sheetId, false, g.c1, g.c2, [g.r1, g.r2]), (x) => x.title);
  return {};
}

/** MoveDimensionRequest: destinationIndex counts positions before the move, as the reference defines it. */
function moveDimension(s: Step, r: Req): Req {
  const { sheet, rows, start, end } = dimensionRange(s, r.source);
  const max = rows ? sheet.rowCount : sheet.columnCount;
  const dest = int(r.destinationIndex, -1);
  if (dest < 0 || dest > max) throw s.fail(`destinationIndex must be between 0 and ${max}.`);
  if (dest > start && dest < end) throw s.fail('Cannot move a range into itself.');
  const order = Array.from({ length: max }, (_, i) => i);
  const block = order.splice(start, end - start);
  order.splice(dest > start ? dest - block.length : dest, 0, ...block);
  const where = new Map(order.map((old, i) => [old, i]));
  remap(sheet, (row, col) => (rows ? [where.get(row)!, col] : [row, where.get(col)!]));
  applyShift(s.ss, moveShift(sheet.sheetId, rows, where), (x) => x.title);
  return {};
}

const shown = (s: Step, sheet: SheetRec, r: number, c: number) => {
  const v = effective(s.ss, sheet, r, c);
  return v === undefined || v === null ? '' : `${typeof v}:${String(v)}`;
};

/** DeleteDuplicatesRequest: later rows equal to an earlier one in the compared columns go; rows below them in the range move up. */
function deleteDuplicates(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const given = Array.isArray(r.comparisonColumns) ? r.comparisonColumns.map(obj) : [];
  const cols: number[] = [];
  for (const d of given) {
    if (d.dimension !== 'COLUMNS') throw s.fail('comparisonColumns must be COLUMNS dimension ranges.');
    for (let c = int(d.startIndex, g.c1); c < int(d.endIndex, g.c2); c++) {
      if (c < g.c1 || c >= g.c2) throw s.fail('The comparison columns must be within the range.');
      cols.push(c);
    }
  }
  const compare = cols.length ? cols : Array.from({ length: g.c2 - g.c1 }, (_, j) => g.c1 + j);
  const seen = new Set<string>();
  const kept: number[] = [];
  for (let row = g.r1; row < g.r2; row++) {
    const key = JSON.stringify(compare.map((c) => shown(s, g.sheet, row, c)));
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(row);
  }
  const removed = g.r2 - g.r1 - kept.length;
  if (removed) {
    const block = kept.map((row) => Array.from({ length: g.c2 - g.c1 }, (_, j) => g.sheet.cells[`${row}:${g.c1 + j}`]));
    for (let row = g.r1; row < g.r2; row++) for (let c = g.c1; c < g.c2; c++) delete g.sheet.cells[`${row}:${c}`];
    block.forEach((cells, i) => cells.forEach((cell, j) => { if (cell) g.sheet.cells[`${g.r1 + i}:${g.c1 + j}`] = cell; }));
  }
  return { deleteDuplicates: removed ? { duplicatesRemovedCount: removed } : {} };
}

/** TrimWhitespaceRequest: leading and trailing whitespace goes and inner runs become one space, in text cells (not formulas). */
function trimWhitespace(s: Step, r: Req): Req {
  const g = area(s, r.range);
  let changed = 0;
  for (const [key, cell] of Object.entries(g.sheet.cells)) {
    const [row, col] = key.split(':').map(Number);
    if (row < g.r1 || row >= g.r2 || col < g.c1 || col >= g.c2 || typeof cell.v !== 'string') continue;
    const next = cell.v.replace(/\s+/g, ' ').trim();
    if (next === cell.v) continue;
    const out: Cell = { ...cell, v: next };
    if (next === '') delete out.v;
    g.sheet.cells[key] = out;
    changed++;
  }
  return { trimWhitespace: changed ? { cellsChangedCount: changed } : {} };
}

export const shiftKinds: Record<string, (s: Step, r: Req) => Req> = { duplicateSheet, insertRange, deleteRange, moveDimension, deleteDuplicates, trimWhitespace };
