/** Sheets v4 spreadsheets: create, get (with ranges and grid data), and copying a sheet to another spreadsheet. */
import type { Handlers } from '../generated/operations.js';
import type { OpContext, Reply } from '../../../src/core/handler.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { E } from '../errors.js';
import { SPREADSHEET, files } from '../store.js';
import { createFile, touch } from '../model/drive.js';
import {
  effective, formatNumber, newSheet, newSheetId, newSpreadsheet, spreadsheets,
  type Cell, type GridRange, type SheetRec, type SpreadsheetRec,
} from '../model/sheets.js';
import { driveCaller, jsonObject, pick } from './common.js';
import { loadSpreadsheet, range } from './sheets-values.js';

export function presentSheetProperties(s: SheetRec): Record<string, unknown> {
  const grid: Record<string, unknown> = { rowCount: s.rowCount, columnCount: s.columnCount };
  if (s.frozenRowCount) grid.frozenRowCount = s.frozenRowCount;
  if (s.frozenColumnCount) grid.frozenColumnCount = s.frozenColumnCount;
  const out: Record<string, unknown> = { sheetId: s.sheetId, title: s.title, index: s.index, sheetType: 'GRID', gridProperties: grid };
  if (s.hidden) out.hidden = true;
  if (s.tabColor) out.tabColor = s.tabColor;
  if (s.rightToLeft) out.rightToLeft = true;
  return out;
}

/** A cell's value as CellData.userEnteredValue / effectiveValue (ExtendedValue). */
export function extendedValue(v: string | number | boolean | null | undefined): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  const err = /^#(DIV\/0!|NAME\?|VALUE!|REF!|ERROR!|N\/A)$/.exec(v);
  if (err) {
    const type = { 'DIV/0!': 'DIV_ZERO', 'NAME?': 'NAME', 'VALUE!': 'VALUE', 'REF!': 'REF', 'ERROR!': 'ERROR', 'N/A': 'N_A' }[err[1]];
    return { errorValue: { type, message: v } };
  }
  return { stringValue: v };
}

function cellData(ss: SpreadsheetRec, sheet: SheetRec, r: number, c: number): Record<string, unknown> {
  const cell: Cell | undefined = sheet.cells[`${r}:${c}`];
  if (!cell) return {};
  const out: Record<string, unknown> = {};
  if (cell.f !== undefined) out.userEnteredValue = { formulaValue: cell.f };
  else if (cell.v !== undefined) out.userEnteredValue = extendedValue(cell.v);
  const eff = effective(ss, sheet, r, c);
  if (eff !== undefined && eff !== null) {
    out.effectiveValue = extendedValue(eff);
    out.formattedValue = typeof eff === 'number' ? formatNumber(eff) : typeof eff === 'boolean' ? (eff ? 'TRUE' : 'FALSE') : eff;
  }
  if (cell.fmt) out.userEnteredFormat = cell.fmt;
  if (cell.note) out.note = cell.note;
  return out;
}

function gridData(ss: SpreadsheetRec, g: GridRange): Record<string, unknown> {
  const rowData: unknown[] = [];
  let lastRow = -1;
  for (let r = g.r1; r <= Math.min(g.r2, g.sheet.rowCount - 1); r++) {
    const values: Record<string, unknown>[] = [];
    let last = -1;
    for (let c = g.c1; c <= Math.min(g.c2, g.sheet.columnCount - 1); c++) {
      const d = cellData(ss, g.sheet, r, c);
      values.push(d);
      if (Object.keys(d).length) last = values.length - 1;
    }
    rowData.push(last >= 0 ? { values: values.slice(0, last + 1) } : {});
    if (last >= 0) lastRow = rowData.length - 1;
  }
  const out: Record<string, unknown> = {};
  if (g.r1) out.startRow = g.r1;
  if (g.c1) out.startColumn = g.c1;
  if (lastRow >= 0) out.rowData = rowData.slice(0, lastRow + 1);
  out.rowMetadata = Array.from({ length: Math.min(g.r2, g.sheet.rowCount - 1) - g.r1 + 1 }, () => ({ pixelSize: 21 }));
  out.columnMetadata = Array.from({ length: Math.min(g.c2, g.sheet.columnCount - 1) - g.c1 + 1 }, () => ({ pixelSize: 100 }));
  return out;
}

export function presentSpreadsheet(t: Tenant, ss: SpreadsheetRec, opts: { ranges?: string[]; includeGridData?: boolean } = {}): Record<string, unknown> {
  const title = files(t).get(ss.id)?.name ?? 'Untitled spreadsheet';
  const wanted = opts.ranges?.length ? opts.ranges.map((r) => range(ss, r)) : undefined;
  const sheets = [...ss.sheets]
    .sort((a, b) => a.index - b.index)
    .filter((s) => !wanted || wanted.some((g) => g.sheet.sheetId === s.sheetId))
    .map((s) => {
      const out: Record<string, unknown> = { properties: presentSheetProperties(s) };
      if (opts.includeGridData) {
        const areas = wanted ? wanted.filter((g) => g.sheet.sheetId === s.sheetId) : [{ sheet: s, r1: 0, c1: 0, r2: s.rowCount - 1, c2: s.columnCount - 1 }];
        out.data = areas.map((g) => gridData(ss, g));
      }
      return out;
    });
  return {
    spreadsheetId: ss.id,
    properties: {
      title,
      locale: ss.locale,
      autoRecalc: ss.autoRecalc,
      timeZone: ss.timeZone,
      defaultFormat: {
        backgroundColor: { red: 1, green: 1, blue: 1 },
        padding: { top: 2, right: 3, bottom: 2, left: 3 },
        verticalAlignment: 'BOTTOM',
        wrapStrategy: 'OVERFLOW_CELL',
        textFormat: { foregroundColor: {}, fontFamily: 'arial', fontSize: 10, bold: false, italic: false, strikethrough: false, underline: false },
      },
    },
    sheets,
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.id}/edit`,
  };
}

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
  const includeGridData = ctx.query.includeGridData === true || ctx.query.includeGridData === 'true';
  return { body: pick(ctx, 'sheets', presentSpreadsheet(t, ss, { ranges, includeGridData }), '*', 'sheets.Spreadsheet') };
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
  touch(ctx.tenant, dest.file, dest.by);
  return { body: presentSheetProperties(copy) };
}

export const sheetsHandlers = {
  'sheets.spreadsheets.create': create,
  'sheets.spreadsheets.get': get,
  'sheets.spreadsheets.sheets.copyTo': copyTo,
} satisfies Handlers;
