/** Sheets v4 spreadsheets.values: get, update, append, clear and their batch forms, over A1 ranges. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E } from '../../errors.js';
import { SPREADSHEET, files, type DriveFile } from '../../store.js';
import { accessTo, atLeast } from '../../drive/model/acl.js';
import { touch } from '../../drive/model/files.js';
import {
  RangeError400, checkGrid, formatRange, indexToCol, parseA1, parseInput, readValues, spreadsheets,
  type GridRange, type InputOption, type RenderOption, type SpreadsheetRec,
} from '../model/spreadsheets.js';
import { bindFormulaClock } from '../model/formula.js';
import { jsonObject } from '../../request.js';
import { driveCaller } from '../../drive/handlers/caller.js';

/** The spreadsheet behind an id, if the caller may read (or write) it. Unseen and absent differ: 403 vs 404. */
export function loadSpreadsheet(ctx: OpContext, need: 'reader' | 'writer'): { t: Tenant; file: DriveFile; ss: SpreadsheetRec; by: string } {
  const t = ctx.tenant;
  const id = ctx.params.spreadsheetId;
  const file = files(t).get(id);
  const ss = spreadsheets(t).get(id);
  if (!file || !ss || file.mimeType !== SPREADSHEET) throw E.entityNotFound('sheets');
  const dc = driveCaller(ctx);
  const acc = accessTo(t, file, dc.who);
  if (!atLeast(acc, need)) throw E.callerNoPermission('sheets');
  bindFormulaClock(ss, () => t.clock.ms());
  return { t, file, ss, by: dc.email };
}

export function saveSpreadsheet(t: Tenant, file: DriveFile, ss: SpreadsheetRec, by: string): void {
  spreadsheets(t).put(ss);
  touch(t, file, by, { changed: ['content'] });
}

const bad = (message: string) => E.invalidArgument('sheets', message);

export function range(ss: SpreadsheetRec, a1: string): GridRange {
  try {
    return parseA1(ss, a1);
  } catch (e) {
    if (e instanceof RangeError400) throw bad(e.message);
    throw e;
  }
}

function renderOption(v: unknown): RenderOption {
  return v === 'UNFORMATTED_VALUE' || v === 'FORMULA' ? v : 'FORMATTED_VALUE';
}

function major(v: unknown): 'ROWS' | 'COLUMNS' {
  return v === 'COLUMNS' ? 'COLUMNS' : 'ROWS';
}

/** Reads clamp to the grid; a range that starts outside it is an error. */
export function valueRange(ss: SpreadsheetRec, a1: string, render: RenderOption, dim: 'ROWS' | 'COLUMNS'): Record<string, unknown> {
  const g = range(ss, a1);
  if (g.r1 >= g.sheet.rowCount || g.c1 >= g.sheet.columnCount) guard(() => checkGrid(g));
  const clamped = { ...g, r2: Math.min(g.r2, g.sheet.rowCount - 1), c2: Math.min(g.c2, g.sheet.columnCount - 1) };
  const values = readValues(ss, clamped, render, dim);
  return { range: formatRange(clamped), majorDimension: dim, ...(values.length ? { values } : {}) };
}

function guard(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof RangeError400) throw bad(e.message);
    throw e;
  }
}

function inputOption(v: unknown): InputOption {
  if (v === undefined || v === '' || v === 'INPUT_VALUE_OPTION_UNSPECIFIED') throw bad("'valueInputOption' is required but not specified");
  if (v !== 'RAW' && v !== 'USER_ENTERED') throw bad(`Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "${String(v)}"`);
  return v;
}

export interface WriteResult {
  spreadsheetId: string;
  updatedRange: string;
  updatedRows: number;
  updatedColumns: number;
  updatedCells: number;
}

/**
 * Writes a rectangle of values at a range. A single-cell range is an anchor the
 * data grows from; a larger range must contain the data
 * (https://developers.google.com/workspace/sheets/api/guides/values#writing).
 */
export function writeValues(ss: SpreadsheetRec, g: GridRange, rows: unknown, dim: 'ROWS' | 'COLUMNS', mode: InputOption, where: string, grow = false): WriteResult {
  if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) throw bad(`Invalid ${where}values: expected a list of lists`);
  const grid: unknown[][] = dim === 'ROWS' ? (rows as unknown[][]) : transpose(rows as unknown[][]);
  const height = grid.length;
  const width = Math.max(0, ...grid.map((r) => r.length));
  const anchor = g.r1 === g.r2 && g.c1 === g.c2;
  if (!anchor) {
    if (height > g.r2 - g.r1 + 1) throw bad(`${where}Requested writing within range [${formatRange(g)}], but tried writing to row [${g.r1 + height}]`);
    if (width > g.c2 - g.c1 + 1) throw bad(`${where}Requested writing within range [${formatRange(g)}], but tried writing to column [${colName(g.c1 + width - 1)}]`);
  }
  const area: GridRange = { ...g, r2: g.r1 + Math.max(height, 1) - 1, c2: g.c1 + Math.max(width, 1) - 1 };
  if (grow) {
    g.sheet.rowCount = Math.max(g.sheet.rowCount, area.r2 + 1);
    g.sheet.columnCount = Math.max(g.sheet.columnCount, area.c2 + 1);
  }
  guard(() => checkGrid(area));
  let cells = 0;
  const touchedRows = new Set<number>();
  const touchedCols = new Set<number>();
  grid.forEach((row, i) => row.forEach((v, j) => {
    const cell = parseInput(v, mode);
    if (cell === undefined) return;
    const key = `${g.r1 + i}:${g.c1 + j}`;
    const prev = g.sheet.cells[key];
    if (cell === null) {
      if (prev?.fmt) g.sheet.cells[key] = { fmt: prev.fmt };
      else delete g.sheet.cells[key];
    } else g.sheet.cells[key] = { ...cell, ...(prev?.fmt ? { fmt: prev.fmt } : {}) };
    cells++;
    touchedRows.add(i);
    touchedCols.add(j);
  }));
  return { spreadsheetId: ss.id, updatedRange: formatRange(area), updatedRows: touchedRows.size, updatedColumns: touchedCols.size, updatedCells: cells };
}

const colName = indexToCol;

function transpose(rows: unknown[][]): unknown[][] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => rows.map((r) => (c < r.length ? r[c] : null)));
}

function withData(ctx: OpContext, ss: SpreadsheetRec, res: WriteResult, includeValues: unknown, dim: 'ROWS' | 'COLUMNS'): Record<string, unknown> {
  if (includeValues !== true && includeValues !== 'true') return { ...res };
  return { ...res, updatedData: valueRange(ss, res.updatedRange, renderOption(ctx.query.responseValueRenderOption), dim) };
}

function get(ctx: OpContext): Reply {
  const { ss } = loadSpreadsheet(ctx, 'reader');
  return { body: valueRange(ss, ctx.params.range, renderOption(ctx.query.valueRenderOption), major(ctx.query.majorDimension)) };
}

function batchGet(ctx: OpContext): Reply {
  const { ss } = loadSpreadsheet(ctx, 'reader');
  const q = ctx.query.ranges;
  const ranges = q === undefined ? [] : Array.isArray(q) ? q.map(String) : [String(q)];
  const valueRanges = ranges.map((r) => valueRange(ss, r, renderOption(ctx.query.valueRenderOption), major(ctx.query.majorDimension)));
  return { body: { spreadsheetId: ss.id, ...(valueRanges.length ? { valueRanges } : {}) } };
}

function update(ctx: OpContext): Reply {
  const { t, file, ss, by } = loadSpreadsheet(ctx, 'writer');
  const mode = inputOption(ctx.query.valueInputOption);
  const body = jsonObject(ctx, 'sheets');
  const g = range(ss, ctx.params.range);
  if (typeof body.range === 'string' && formatRange(range(ss, body.range)) !== formatRange(g)) {
    throw bad(`Requested range [${ctx.params.range}] and data range [${body.range}] do not match.`);
  }
  const dim = major(body.majorDimension);
  const res = writeValues(ss, g, body.values ?? [], dim, mode, '');
  saveSpreadsheet(t, file, ss, by);
  return { body: withData(ctx, ss, res, ctx.query.includeValuesInResponse, dim) };
}

function hasData(g: GridRange, r: number): boolean {
  for (let c = g.c1; c <= g.c2; c++) if (g.sheet.cells[`${r}:${c}`]) return true;
  return false;
}

/**
 * Append finds the table in the range (the first run of non-empty rows) and
 * writes below it, from the table's first column
 * (https://developers.google.com/workspace/sheets/api/guides/values#append_values).
 */
function append(ctx: OpContext): Reply {
  const { t, file, ss, by } = loadSpreadsheet(ctx, 'writer');
  const mode = inputOption(ctx.query.valueInputOption);
  const body = jsonObject(ctx, 'sheets');
  const g = range(ss, ctx.params.range);
  const span = { ...g, c2: Math.min(g.c2, g.sheet.columnCount - 1), r2: Math.min(g.r2, g.sheet.rowCount - 1) };
  let start = -1;
  for (let r = span.r1; r <= span.r2; r++) if (hasData(span, r)) { start = r; break; }
  let tableRange: string | undefined;
  let at = { r: g.r1, c: g.c1 };
  if (start >= 0) {
    let end = start;
    while (end + 1 < g.sheet.rowCount && hasData(span, end + 1)) end++;
    let c1 = span.c2;
    let c2 = span.c1;
    for (let r = start; r <= end; r++) for (let c = span.c1; c <= span.c2; c++) if (g.sheet.cells[`${r}:${c}`]) { c1 = Math.min(c1, c); c2 = Math.max(c2, c); }
    tableRange = formatRange({ sheet: g.sheet, r1: start, c1, r2: end, c2 });
    at = { r: end + 1, c: c1 };
  }
  const dim = major(body.majorDimension);
  const rows = Array.isArray(body.values) ? (body.values as unknown[][]) : [];
  const height = dim === 'ROWS' ? rows.length : Math.max(0, ...rows.map((r) => (Array.isArray(r) ? r.length : 0)));
  if (ctx.query.insertDataOption === 'INSERT_ROWS' && height > 0) shiftRows(g.sheet, at.r, height);
  const anchor: GridRange = { sheet: g.sheet, r1: at.r, c1: at.c, r2: at.r, c2: at.c };
  const res = writeValues(ss, anchor, body.values ?? [], dim, mode, '', true);
  saveSpreadsheet(t, file, ss, by);
  return { body: { spreadsheetId: ss.id, ...(tableRange ? { tableRange } : {}), updates: withData(ctx, ss, res, ctx.query.includeValuesInResponse, dim) } };
}

/** INSERT_ROWS: rows at and below `from` move down, and the grid grows to hold them. */
export function shiftRows(sheet: GridRange['sheet'], from: number, n: number): void {
  const moved: typeof sheet.cells = {};
  for (const [key, cell] of Object.entries(sheet.cells)) {
    const [r, c] = key.split(':').map(Number);
    moved[r >= from ? `${r + n}:${c}` : key] = cell;
  }
  sheet.cells = moved;
  sheet.rowCount += n;
}

function clearRange(ss: SpreadsheetRec, a1: string): string {
  const g = range(ss, a1);
  const clamped = { ...g, r2: Math.min(g.r2, g.sheet.rowCount - 1), c2: Math.min(g.c2, g.sheet.columnCount - 1) };
  for (const key of Object.keys(g.sheet.cells)) {
    const [r, c] = key.split(':').map(Number);
    if (r >= clamped.r1 && r <= clamped.r2 && c >= clamped.c1 && c <= clamped.c2) {
      const fmt = g.sheet.cells[key].fmt;
      if (fmt) g.sheet.cells[key] = { fmt };
      else delete g.sheet.cells[key];
    }
  }
  return formatRange(clamped);
}

function clear(ctx: OpContext): Reply {
  const { t, file, ss, by } = loadSpreadsheet(ctx, 'writer');
  const clearedRange = clearRange(ss, ctx.params.range);
  saveSpreadsheet(t, file, ss, by);
  return { body: { spreadsheetId: ss.id, clearedRange } };
}

function batchClear(ctx: OpContext): Reply {
  const { t, file, ss, by } = loadSpreadsheet(ctx, 'writer');
  const body = jsonObject(ctx, 'sheets');
  const ranges = Array.isArray(body.ranges) ? body.ranges.map(String) : [];
  const copy = structuredClone(ss);
  const clearedRanges = ranges.map((r) => clearRange(copy, r));
  saveSpreadsheet(t, file, copy, by);
  return { body: { spreadsheetId: ss.id, ...(clearedRanges.length ? { clearedRanges } : {}) } };
}

function batchUpdate(ctx: OpContext): Reply {
  const { t, file, ss, by } = loadSpreadsheet(ctx, 'writer');
  const body = jsonObject(ctx, 'sheets');
  const mode = inputOption(body.valueInputOption);
  const data = Array.isArray(body.data) ? (body.data as Array<Record<string, unknown>>) : [];
  // All or nothing: write into a copy and keep it only when every range succeeded.
  const copy = structuredClone(ss);
  const responses = data.map((d, i) => {
    const where = `Invalid data[${i}]: `;
    if (typeof d?.range !== 'string') throw bad(`${where}Unable to parse range: ${String(d?.range ?? '')}`);
    let g: GridRange;
    try {
      g = parseA1(copy, d.range);
    } catch (e) {
      if (e instanceof RangeError400) throw bad(`${where}${e.message}`);
      throw e;
    }
    const dim = major(d.majorDimension);
    return withData(ctx, copy, writeValues(copy, g, d.values ?? [], dim, mode, where), body.includeValuesInResponse, dim) as unknown as WriteResult;
  });
  saveSpreadsheet(t, file, copy, by);
  const sheetsTouched = new Set(responses.map((r) => r.updatedRange.slice(0, r.updatedRange.lastIndexOf('!'))));
  return {
    body: {
      spreadsheetId: ss.id,
      ...(responses.length
        ? {
            totalUpdatedRows: responses.reduce((n, r) => n + r.updatedRows, 0),
            totalUpdatedColumns: responses.reduce((n, r) => n + r.updatedColumns, 0),
            totalUpdatedCells: responses.reduce((n, r) => n + r.updatedCells, 0),
            totalUpdatedSheets: sheetsTouched.size,
            responses,
          }
        : {}),
    },
  };
}

export const sheetsValueHandlers = {
  'sheets.spreadsheets.values.get': get,
  'sheets.spreadsheets.values.batchGet': batchGet,
  'sheets.spreadsheets.values.update': update,
  'sheets.spreadsheets.values.append': append,
  'sheets.spreadsheets.values.clear': clear,
  'sheets.spreadsheets.values.batchClear': batchClear,
  'sheets.spreadsheets.values.batchUpdate': batchUpdate,
} satisfies Handlers;

