/** Sheets v4 spreadsheets: create, get (with ranges and grid data), and copying a sheet to another spreadsheet. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { SPREADSHEET } from '../../store.js';
import { createFile, touch } from '../../drive/model/files.js';
import { newSheet, newSheetId, newSpreadsheet, spreadsheets, type Cell, type SheetRec } from '../model/spreadsheets.js';
import { jsonObject, pick } from '../../request.js';
import { loadSpreadsheet, range } from './values.js';
import { presentSheetProperties, presentSpreadsheet } from '../present/spreadsheet.js';
import { driveCaller } from '../../drive/handlers/caller.js';

/** CellData.userEnteredValue (ExtendedValue) to a stored cell. */
export function cellFromExtended(v: unknown): Cell | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const x = v as Record<string, unknown>;
  if (typeof x.formulaValue === 'string') return { f: x.formulaValue };
  if (typeof x.numberValue === 'number') return { v: x.numberValue };
  if (typeof x.boolValue === 'boolean') return { v: x.boolValue };
  if (typeof x.stringValue === 'string') return { v: x.stringValue };
  return undefined;
}

const bad = (m: string) => E.invalidArgument('sheets', m);

function create(ctx: OpContext): Reply {
  const t = ctx.tenant;
  const dc = driveCaller(ctx);
  if (!dc.email) throw E.loginRequired('sheets');
  const body = jsonObject(ctx, 'sheets');
  const props = (body.properties ?? {}) as Record<string, unknown>;
  const given = Array.isArray(body.sheets) ? (body.sheets as Array<Record<string, unknown>>) : [];
  const sheets: SheetRec[] = [];
  given.forEach((s, i) => {
    const p = (s.properties ?? {}) as Record<string, unknown>;
    const grid = (p.gridProperties ?? {}) as Record<string, unknown>;
    const title = typeof p.title === 'string' ? p.title : i === 0 ? 'Sheet1' : `Sheet${i + 1}`;
    if (sheets.some((x) => x.title === title)) throw bad(`Invalid spreadsheet.sheets[${i}].properties.title: A sheet with the name "${title}" already exists. Please enter another name.`);
    const id = typeof p.sheetId === 'number' ? p.sheetId : i === 0 ? 0 : newSheetId(t, sheets.map((x) => x.sheetId));
    if (sheets.some((x) => x.sheetId === id)) throw bad(`Invalid spreadsheet.sheets[${i}].properties.sheetId: Duplicate sheet id ${id}`);
    const sheet = newSheet(id, title, i, num(grid.rowCount) ?? 1000, num(grid.columnCount) ?? 26);
    if (num(grid.frozenRowCount)) sheet.frozenRowCount = num(grid.frozenRowCount);
    if (num(grid.frozenColumnCount)) sheet.frozenColumnCount = num(grid.frozenColumnCount);
    if (p.hidden === true) sheet.hidden = true;
    for (const d of Array.isArray(s.data) ? (s.data as Array<Record<string, unknown>>) : []) {
      const r0 = num(d.startRow) ?? 0;
      const c0 = num(d.startColumn) ?? 0;
      ((d.rowData as Array<{ values?: Array<Record<string, unknown>> }>) ?? []).forEach((row, r) =>
        (row.values ?? []).forEach((cd, c) => {
          const cell = cellFromExtended(cd.userEnteredValue);
          if (cell) sheet.cells[`${r0 + r}:${c0 + c}`] = cell;
        }),
      );
    }
    sheets.push(sheet);
  });
  const file = createFile(t, {
    name: typeof props.title === 'string' && props.title ? props.title : 'Untitled spreadsheet',
    mimeType: SPREADSHEET,
    owner: dc.email,
    createdByClient: dc.caller.clientId,
  });
  const ss = newSpreadsheet(file.id, sheets.length ? sheets : undefined);
  if (typeof props.locale === 'string') ss.locale = props.locale;
  if (typeof props.timeZone === 'string') ss.timeZone = props.timeZone;
  if (typeof props.autoRecalc === 'string') ss.autoRecalc = props.autoRecalc;
  spreadsheets(t).put(ss);
  return { body: pick(ctx, 'sheets', presentSpreadsheet(t, ss), '*', 'sheets.Spreadsheet') };
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);

function get(ctx: OpContext): Reply {
  const { t, ss } = loadSpreadsheet(ctx, 'reader');
  const q = ctx.query.ranges;
  const ranges = q === undefined ? [] : Array.isArray(q) ? q.map(String) : [String(q)];
  // "includeGridData is ignored if a field mask was set": the mask alone decides whether grid data is read.
  const fields = typeof ctx.query.fields === 'string' ? ctx.query.fields : undefined;
  const includeGridData = fields ? /(^|[,(])\s*sheets\s*([./]\s*data|\([^)]*\bdata\b)|^\s*\*\s*$/.test(fields) : ctx.query.includeGridData === true;
  return { body: pick(ctx, 'sheets', presentSpreadsheet(t, ss, { ranges: ranges?.map((r) => range(ss, r)), includeGridData }), '*', 'sheets.Spreadsheet') };
}

function copyTo(ctx: OpContext): Reply {
  const { ss: src } = loadSpreadsheet(ctx, 'reader');
  // The validator has already coerced the path parameter to the integer the spec declares.
  const sheet = src.sheets.find((s) => String(s.sheetId) === String(ctx.params.sheetId));
  if (!sheet) throw bad(`No grid with id: ${ctx.params.sheetId}`);
  const body = jsonObject(ctx, 'sheets');
  const destId = typeof body.destinationSpreadsheetId === 'string' ? body.destinationSpreadsheetId : '';
  const dest = loadSpreadsheet({ ...ctx, params: { spreadsheetId: destId } }, 'writer');
  let title = `Copy of ${sheet.title}`;
  for (let n = 2; dest.ss.sheets.some((s) => s.title === title); n++) title = `Copy of ${sheet.title} ${n}`;
  const copy: SheetRec = { ...structuredClone(sheet), sheetId: newSheetId(ctx.tenant, dest.ss.sheets.map((s) => s.sheetId)), title, index: dest.ss.sheets.length };
  dest.ss.sheets.push(copy);
  spreadsheets(ctx.tenant).put(dest.ss);
  touch(ctx.tenant, dest.file, dest.by, { changed: ['content'] });
  return { body: presentSheetProperties(copy) };
}

export const sheetsHandlers = {
  'sheets.spreadsheets.create': create,
  'sheets.spreadsheets.get': get,
  'sheets.spreadsheets.sheets.copyTo': copyTo,
} satisfies Handlers;
