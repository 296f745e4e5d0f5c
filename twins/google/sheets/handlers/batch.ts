/** Sheets v4 spreadsheets.batchUpdate: structural requests applied all-or-nothing. */
/*
 * Sheets v4 spreadsheets.batchUpdate: structural requests applied all-or-nothing
 * (https://developers.google.com/workspace/sheets/api/guides/batchupdate).
 * Request kinds the twin does not model answer 501 rather than pretending.
 */
import type { Handlers } from '../../generated/operations.js';
import { callerOf } from '../../auth.js';
import { developerMetadataKinds } from './developer-metadata.js';
import { dropSheetMetadata } from '../model/developer-metadata.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { touch } from '../../drive/model/files.js';
import { newSheet, newSheetId, parseInput, spreadsheets, type Cell, type SheetRec } from '../model/spreadsheets.js';
import { jsonObject } from '../../request.js';
import { loadSpreadsheet, shiftRows } from './values.js';
import { cellFromExtended } from './spreadsheets.js';
import { dataSourceKinds } from './batch-data-sources.js';
import { applyShift, deleteShift, insertShift } from '../model/shift.js';
import { presentSheetProperties, presentSpreadsheet } from '../present/spreadsheet.js';
import { area, covers, int, maskPaths, obj, reindex, sheetById, type Req, type Step } from './batch-step.js';
import { rangeKinds } from './batch-ranges.js';
import { shiftKinds } from './batch-shift.js';
import { objectKinds } from './batch-objects.js';
import { fillKinds } from './batch-fill.js';
import { quantize } from '../present/color.js';
import { range } from './values.js';

function addSheet(s: Step, r: Req): Req {
  const p = obj(r.properties);
  const grid = obj(p.gridProperties);
  let title = typeof p.title === 'string' ? p.title : '';
  for (let n = s.ss.sheets.length + 1; !title; n++) if (!s.ss.sheets.some((x) => x.title === `Sheet${n}`)) title = `Sheet${n}`;
  if (s.ss.sheets.some((x) => x.title === title)) throw s.fail(`A sheet with the name "${title}" already exists. Please enter another name.`);
  const id = typeof p.sheetId === 'number' ? p.sheetId : newSheetId(s.t, s.ss.sheets.map((x) => x.sheetId));
  if (s.ss.sheets.some((x) => x.sheetId === id)) throw s.fail(`Sheet with id ${id} already exists.`);
  const index = Math.min(int(p.index, s.ss.sheets.length), s.ss.sheets.length);
  for (const x of s.ss.sheets) if (x.index >= index) x.index++;
  const sheet = newSheet(id, title, index, int(grid.rowCount, 1000), int(grid.columnCount, 26));
  if (int(grid.frozenRowCount, 0)) sheet.frozenRowCount = int(grid.frozenRowCount, 0);
  if (int(grid.frozenColumnCount, 0)) sheet.frozenColumnCount = int(grid.frozenColumnCount, 0);
  if (p.hidden === true) sheet.hidden = true;
  if (p.tabColorStyle || p.tabColor) sheet.tabColor = quantize(obj(obj(p.tabColorStyle).rgbColor ?? p.tabColor));
  s.ss.sheets.push(sheet);
  reindex(s.ss);
  return { addSheet: { properties: presentSheetProperties(sheet) } };
}

function deleteSheet(s: Step, r: Req): Req {
  const sheet = sheetById(s, r.sheetId);
  if (s.ss.sheets.filter((x) => !x.hidden && x !== sheet).length === 0) throw s.fail("You can't remove all the sheets in a document.");
  s.ss.sheets = s.ss.sheets.filter((x) => x !== sheet);
  dropSheetMetadata(s.ss, sheet.sheetId);
  reindex(s.ss);
  return {};
}

function resize(sheet: SheetRec, rows: number, cols: number): void {
  sheet.rowCount = rows;
  sheet.columnCount = cols;
  for (const key of Object.keys(sheet.cells)) {
    const [r, c] = key.split(':').map(Number);
    if (r >= rows || c >= cols) delete sheet.cells[key];
  }
}

function updateSheetProperties(s: Step, r: Req): Req {
  const p = obj(r.properties);
  const sheet = sheetById(s, p.sheetId);
  const paths = maskPaths(r.fields, s.fail);
  const grid = obj(p.gridProperties);
  if (covers(paths, 'title') && typeof p.title === 'string') {
    if (s.ss.sheets.some((x) => x !== sheet && x.title === p.title)) throw s.fail(`A sheet with the name "${p.title}" already exists. Please enter another name.`);
    sheet.title = p.title;
  }
  if (covers(paths, 'index')) {
    const to = Math.min(int(p.index, 0), s.ss.sheets.length - 1);
    const order = [...s.ss.sheets].sort((a, b) => a.index - b.index).filter((x) => x !== sheet);
    order.splice(to, 0, sheet);
    order.forEach((x, i) => (x.index = i));
  }
  if (covers(paths, 'hidden')) {
    if (p.hidden === true && s.ss.sheets.filter((x) => !x.hidden && x !== sheet).length === 0) throw s.fail("You can't hide all the sheets in a document.");
    sheet.hidden = p.hidden === true || undefined;
  }
  if (covers(paths, 'tabColor')) sheet.tabColor = p.tabColor ? quantize(obj(p.tabColor)) : undefined;
  if (covers(paths, 'tabColorStyle')) sheet.tabColor = obj(p.tabColorStyle).rgbColor ? quantize(obj(obj(p.tabColorStyle).rgbColor)) : undefined;
  if (covers(paths, 'rightToLeft')) sheet.rightToLeft = p.rightToLeft === true || undefined;
  const rows = covers(paths, 'gridProperties.rowCount') ? int(grid.rowCount, sheet.rowCount) : sheet.rowCount;
  const cols = covers(paths, 'gridProperties.columnCount') ? int(grid.columnCount, sheet.columnCount) : sheet.columnCount;
  if (rows < 1 || cols < 1) throw s.fail('The grid must have at least one row and one column.');
  resize(sheet, rows, cols);
  if (covers(paths, 'gridProperties.frozenRowCount')) sheet.frozenRowCount = int(grid.frozenRowCount, 0) || undefined;
  if (covers(paths, 'gridProperties.rowGroupControlAfter')) sheet.rowGroupControlAfter = grid.rowGroupControlAfter === true;
  if (covers(paths, 'gridProperties.columnGroupControlAfter')) sheet.columnGroupControlAfter = grid.columnGroupControlAfter === true;
  if (covers(paths, 'gridProperties.frozenColumnCount')) sheet.frozenColumnCount = int(grid.frozenColumnCount, 0) || undefined;
  return {};
}

function updateSpreadsheetProperties(s: Step, r: Req): Req {
  const p = obj(r.properties);
  const paths = maskPaths(r.fields, s.fail);
  if (covers(paths, 'title') && typeof p.title === 'string') s.commit.title = p.title;
  if (covers(paths, 'locale') && typeof p.locale === 'string') s.ss.locale = p.locale;
  if (covers(paths, 'timeZone') && typeof p.timeZone === 'string') s.ss.timeZone = p.timeZone;
  if (covers(paths, 'autoRecalc') && typeof p.autoRecalc === 'string') s.ss.autoRecalc = p.autoRecalc;
  return {};
}

/** Applies CellData to one cell under a field mask (userEnteredValue, userEnteredFormat, note). */
function applyCell(sheet: SheetRec, r: number, c: number, data: Req, paths: string[]): void {
  const key = `${r}:${c}`;
  const cur: Cell = { ...(sheet.cells[key] ?? {}) };
  if (covers(paths, 'userEnteredValue')) {
    delete cur.v;
    delete cur.f;
    Object.assign(cur, cellFromExtended(data.userEnteredValue) ?? {});
  }
  if (covers(paths, 'userEnteredFormat')) {
    if (data.userEnteredFormat) cur.fmt = { ...(cur.fmt ?? {}), ...obj(data.userEnteredFormat) };
    else delete cur.fmt;
  }
  if (covers(paths, 'note')) {
    if (typeof data.note === 'string') cur.note = data.note;
    else delete cur.note;
  }
  if (Object.keys(cur).length) sheet.cells[key] = cur;
  else delete sheet.cells[key];
}

function repeatCell(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const paths = maskPaths(r.fields, s.fail);
  const cell = obj(r.cell);
  for (let row = g.r1; row < g.r2; row++) for (let c = g.c1; c < g.c2; c++) applyCell(g.sheet, row, c, cell, paths);
  return {};
}

function writeRows(sheet: SheetRec, r0: number, c0: number, rows: unknown, paths: string[]): void {
  (Array.isArray(rows) ? rows : []).forEach((row, i) =>
    (Array.isArray(obj(row).values) ? (obj(row).values as unknown[]) : []).forEach((cd, j) => applyCell(sheet, r0 + i, c0 + j, obj(cd), paths)),
  );
}

function updateCells(s: Step, r: Req): Req {
  const paths = maskPaths(r.fields, s.fail);
  if (r.start) {
    const st = obj(r.start);
    const sheet = sheetById(s, st.sheetId);
    writeRows(sheet, int(st.rowIndex, 0), int(st.columnIndex, 0), r.rows, paths);
  } else {
    const g = area(s, r.range);
    writeRows(g.sheet, g.r1, g.c1, r.rows, paths);
  }
  return {};
}

function appendCells(s: Step, r: Req): Req {
  const sheet = sheetById(s, r.sheetId);
  const paths = maskPaths(r.fields, s.fail);
  const last = Math.max(-1, ...Object.keys(sheet.cells).map((k) => Number(k.split(':')[0])));
  const rows = Array.isArray(r.rows) ? r.rows : [];
  sheet.rowCount = Math.max(sheet.rowCount, last + 1 + rows.length);
  writeRows(sheet, last + 1, 0, rows, paths);
  return {};
}

function dimension(s: Step, r: Req, kind: 'append' | 'insert' | 'delete'): Req {
  const range = kind === 'append' ? { sheetId: r.sheetId, dimension: r.dimension } : obj(r.range);
  const sheet = sheetById(s, range.sheetId);
  const rows = range.dimension === 'ROWS';
  if (!rows && range.dimension !== 'COLUMNS') throw s.fail('Dimension must be ROWS or COLUMNS.');
  if (kind === 'append') {
    const n = int(r.length, 0);
    if (n < 1) throw s.fail('length must be greater than zero');
    if (rows) sheet.rowCount += n;
    else sheet.columnCount += n;
    return {};
  }
  const a = int(range.startIndex, 0);
  const b = int(range.endIndex, rows ? sheet.rowCount : sheet.columnCount);
  if (a >= b || b > (rows ? sheet.rowCount : sheet.columnCount) + (kind === 'insert' ? 1 : 0)) throw s.fail(`Invalid ${rows ? 'row' : 'column'} range [${a}, ${b}).`);
  const n = b - a;
  if (kind === 'insert') {
    if (rows) shiftRows(sheet, a, n);
    else shiftCols(sheet, a, n);
    applyShift(s.ss, insertShift(sheet.sheetId, rows, a, n), (x) => x.title);
    return {};
  }
  if ((rows ? sheet.rowCount : sheet.columnCount) - n < 1) throw s.fail(`You can't delete all the ${rows ? 'rows' : 'columns'} on the sheet.`);
  const moved: SheetRec['cells'] = {};
  for (const [key, cell] of Object.entries(sheet.cells)) {
    const [row, col] = key.split(':').map(Number);
    const i = rows ? row : col;
    if (i >= a && i < b) continue;
    const j = i >= b ? i - n : i;
    moved[rows ? `${j}:${col}` : `${row}:${j}`] = cell;
  }
  sheet.cells = moved;
  if (rows) sheet.rowCount -= n;
  else sheet.columnCount -= n;
  applyShift(s.ss, deleteShift(sheet.sheetId, rows, a, b), (x) => x.title);
  return {};
}

function shiftCols(sheet: SheetRec, from: number, n: number): void {
  const moved: SheetRec['cells'] = {};
  for (const [key, cell] of Object.entries(sheet.cells)) {
    const [r, c] = key.split(':').map(Number);
    moved[c >= from ? `${r}:${c + n}` : key] = cell;
  }
  sheet.cells = moved;
  sheet.columnCount += n;
}

function findReplace(s: Step, r: Req): Req {
  if (typeof r.find !== 'string' || r.find === '') throw s.fail('find must not be empty');
  const replacement = typeof r.replacement === 'string' ? r.replacement : '';
  const sheets = r.allSheets === true ? s.ss.sheets : r.range ? [area(s, r.range).sheet] : [sheetById(s, r.sheetId)];
  const flags = r.matchCase === true ? 'g' : 'gi';
  const pattern = new RegExp(r.searchByRegex === true ? r.find : r.find.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
  let values = 0;
  let formulas = 0;
  let occurrences = 0;
  const rowsChanged = new Set<string>();
  const sheetsChanged = new Set<number>();
  for (const sheet of sheets) {
    for (const [key, cell] of Object.entries(sheet.cells)) {
      const isFormula = cell.f !== undefined;
      if (isFormula && r.includeFormulas !== true) continue;
      const text = isFormula ? cell.f! : typeof cell.v === 'string' ? cell.v : cell.v === undefined ? undefined : String(cell.v);
      if (text === undefined) continue;
      const hits = r.matchEntireCell === true ? (new RegExp(`^(?:${pattern.source})$`, flags.replace('g', '')).test(text) ? 1 : 0) : (text.match(pattern) ?? []).length;
      if (!hits) continue;
      const next = r.matchEntireCell === true ? replacement : text.replace(pattern, replacement);
      if (isFormula) { cell.f = next; formulas++; } else { Object.assign(cell, parseInput(next, 'USER_ENTERED') ?? { v: '' }); values++; }
      occurrences += hits;
      rowsChanged.add(`${sheet.sheetId}:${key.split(':')[0]}`);
      sheetsChanged.add(sheet.sheetId);
    }
  }
  const out: Req = {};
  if (values) out.valuesChanged = values;
  if (formulas) out.formulasChanged = formulas;
  if (rowsChanged.size) out.rowsChanged = rowsChanged.size;
  if (sheetsChanged.size) out.sheetsChanged = sheetsChanged.size;
  if (occurrences) out.occurrencesChanged = occurrences;
  return { findReplace: out };
}

const KINDS: Record<string, (s: Step, r: Req) => Req> = {
  addSheet,
  deleteSheet,
  updateSheetProperties,
  updateSpreadsheetProperties,
  repeatCell,
  updateCells,
  appendCells,
  appendDimension: (s, r) => dimension(s, r, 'append'),
  insertDimension: (s, r) => dimension(s, r, 'insert'),
  deleteDimension: (s, r) => dimension(s, r, 'delete'),
  findReplace,
  ...rangeKinds,
  ...shiftKinds,
  ...objectKinds,
  ...fillKinds,
  ...developerMetadataKinds,
  ...dataSourceKinds,
};

function batchUpdate(ctx: OpContext): Reply {
  const { t, file, ss, by } = loadSpreadsheet(ctx, 'writer');
  const body = jsonObject(ctx, 'sheets');
  const requests = Array.isArray(body.requests) ? body.requests : [];
  if (!requests.length) throw E.invalidArgument('sheets', 'Must specify at least one request.');
  const work = structuredClone(ss);
  const step: Step = { t, ss: work, commit: {}, by, project: callerOf(ctx).clientId, scopes: callerOf(ctx).scopes, fail: (m) => E.invalidArgument('sheets', m) };
  const replies = requests.map((raw, i) => {
    const r = obj(raw);
    const kinds = Object.keys(r);
    if (kinds.length !== 1) throw E.invalidArgument('sheets', `Invalid requests[${i}]: ${kinds.length ? 'Only one kind of request may be set.' : 'No request set.'}`);
    const kind = kinds[0];
    const apply = KINDS[kind];
    if (!apply) throw E.notImplemented('sheets', `The ${kind} request`);
    return apply({ ...step, fail: (m) => E.invalidArgument('sheets', `Invalid requests[${i}].${kind}: ${m}`) }, obj(r[kind]));
  });
  // Only now that every request applied does the batch touch the stored spreadsheet.
  spreadsheets(t).put(work);
  if (step.commit.title !== undefined) file.name = step.commit.title;
  touch(t, file, by, { changed: ['content'] });
  const out: Record<string, unknown> = { spreadsheetId: ss.id, replies };
  if (body.includeSpreadsheetInResponse === true) {
    const ranges = Array.isArray(body.responseRanges) ? body.responseRanges.map(String) : [];
    out.updatedSpreadsheet = presentSpreadsheet(t, work, { ranges: ranges?.map((r) => range(work, r)), includeGridData: body.responseIncludeGridData === true });
  }
  return { body: out };
}

export const sheetsBatchHandlers = { 'sheets.spreadsheets.batchUpdate': batchUpdate } satisfies Handlers;
