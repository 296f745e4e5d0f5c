/** Sheets' *ByDataFilter methods: each DataFilter (an A1 range or a GridRange) read as the range it names, then served by the plain method. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';
import { jsonObject } from '../../request.js';
import { formatRange, type SpreadsheetRec } from '../model/spreadsheets.js';
import { sheetsHandlers } from './spreadsheets.js';
import { loadSpreadsheet, sheetsValueHandlers } from './values.js';

type Filter = Record<string, unknown>;

/** A DataFilter as the A1 range it selects; developer-metadata lookups are not modelled and say so. */
function a1Of(ss: SpreadsheetRec, f: Filter, i: number): string {
  if (typeof f.a1Range === 'string') return f.a1Range;
  const g = f.gridRange as Record<string, number> | undefined;
  if (g) {
    const sheet = ss.sheets.find((s) => s.sheetId === (g.sheetId ?? 0));
    if (!sheet) throw E.invalidArgument('sheets', `Invalid dataFilters[${i}]: No grid with id: ${g.sheetId ?? 0}`);
    return formatRange({ sheet, r1: g.startRowIndex ?? 0, c1: g.startColumnIndex ?? 0, r2: (g.endRowIndex ?? sheet.rowCount) - 1, c2: (g.endColumnIndex ?? sheet.columnCount) - 1 });
  }
  if (f.developerMetadataLookup) throw E.notImplemented('sheets', 'Data filters by developer metadata');
  throw E.invalidArgument('sheets', `Invalid dataFilters[${i}]: A data filter must set a1Range or gridRange.`);
}

function filters(body: Record<string, unknown>): Filter[] {
  return Array.isArray(body.dataFilters) ? (body.dataFilters as Filter[]) : [];
}

/** The plain method's handler, run with the ranges the filters name. */
const withArgs = (ctx: OpContext, query: Record<string, unknown>, body?: unknown): OpContext => ({ ...ctx, query: { ...ctx.query, ...query }, body: body ?? ctx.body }) as OpContext;

async function batchGet(ctx: OpContext): Promise<Reply> {
  const { ss } = loadSpreadsheet(ctx, 'reader');
  const body = jsonObject(ctx, 'sheets');
  const fs = filters(body);
  const ranges = fs.map((f, i) => a1Of(ss, f, i));
  const out = (await sheetsValueHandlers['sheets.spreadsheets.values.batchGet'](withArgs(ctx, { ranges, valueRenderOption: body.valueRenderOption, majorDimension: body.majorDimension }))) as Reply;
  const vr = ((out.body as Record<string, unknown>).valueRanges as unknown[] | undefined) ?? [];
  return { body: { spreadsheetId: ss.id, ...(vr.length ? { valueRanges: vr.map((valueRange, i) => ({ valueRange, dataFilters: [fs[i]] })) } : {}) } };
}

async function batchClear(ctx: OpContext): Promise<Reply> {
  const { ss } = loadSpreadsheet(ctx, 'reader');
  const ranges = filters(jsonObject(ctx, 'sheets')).map((f, i) => a1Of(ss, f, i));
  return (await sheetsValueHandlers['sheets.spreadsheets.values.batchClear'](withArgs(ctx, {}, { ranges }))) as Reply;
}

async function batchUpdate(ctx: OpContext): Promise<Reply> {
  const { ss } = loadSpreadsheet(ctx, 'reader');
  const body = jsonObject(ctx, 'sheets');
  const data = Array.isArray(body.data) ? (body.data as Array<Record<string, unknown>>) : [];
  const plain = data.map((d, i) => ({ range: a1Of(ss, (d.dataFilter ?? {}) as Filter, i), values: d.values, majorDimension: d.majorDimension }));
  const out = (await sheetsValueHandlers['sheets.spreadsheets.values.batchUpdate'](withArgs(ctx, {}, { ...body, data: plain }))) as Reply;
  const res = out.body as Record<string, unknown>;
  const responses = ((res.responses as Array<Record<string, unknown>> | undefined) ?? []).map((r, i) => ({ ...r, dataFilter: data[i].dataFilter }));
  return { body: { ...res, responses } };
}

async function getByFilter(ctx: OpContext): Promise<Reply> {
  const { ss } = loadSpreadsheet(ctx, 'reader');
  const body = jsonObject(ctx, 'sheets');
  const ranges = filters(body).map((f, i) => a1Of(ss, f, i));
  return (await sheetsHandlers['sheets.spreadsheets.get'](withArgs(ctx, { ranges, includeGridData: body.includeGridData === true }))) as Reply;
}

export const sheetsDataFilterHandlers = {
  'sheets.spreadsheets.values.batchGetByDataFilter': batchGet,
  'sheets.spreadsheets.values.batchClearByDataFilter': batchClear,
  'sheets.spreadsheets.values.batchUpdateByDataFilter': batchUpdate,
  'sheets.spreadsheets.getByDataFilter': getByFilter,
} satisfies Handlers;
