/** Sheets' Spreadsheet and SheetProperties resources as callers see them. */
import { rgb } from './color.js';
import { locationType } from '../model/developer-metadata.js';
import { presentDeveloperMetadata } from './developer-metadata.js';
import { presentNamedRange, presentSheetExtras } from './ranges.js';
import { type DataSourceRec, type SheetRec, type SpreadsheetRec } from '../model/spreadsheets.js';
import { files } from '../../store.js';
import { type Tenant } from '../../../../src/core/tenant.js';
import { type Cell, type GridRange, effective, formatNumber } from '../model/spreadsheets.js';
import { spillMap, type FormulaValue } from '../model/formula.js';
import { DEFAULT_THEME } from '../model/spreadsheets.js';

/** A data source as Spreadsheet.dataSources lists it. */
export const presentDataSource = (d: DataSourceRec) => ({ dataSourceId: d.dataSourceId, spec: d.spec, ...(d.calculatedColumns ? { calculatedColumns: d.calculatedColumns } : {}), sheetId: d.sheetId });

export function presentSheetProperties(s: SheetRec, ss?: SpreadsheetRec): Record<string, unknown> {
  const grid: Record<string, unknown> = { rowCount: s.rowCount, columnCount: s.columnCount };
  if (s.frozenRowCount) grid.frozenRowCount = s.frozenRowCount;
  if (s.frozenColumnCount) grid.frozenColumnCount = s.frozenColumnCount;
  if (s.rowGroupControlAfter) grid.rowGroupControlAfter = true;
  if (s.columnGroupControlAfter) grid.columnGroupControlAfter = true;
  const out: Record<string, unknown> = { sheetId: s.sheetId, title: s.title, index: s.index, sheetType: s.dataSourceId ? 'DATA_SOURCE' : 'GRID', gridProperties: grid };
  if (s.hidden) out.hidden = true;
  if (s.tabColor) Object.assign(out, { tabColor: s.tabColor, tabColorStyle: { rgbColor: s.tabColor } });
  if (s.rightToLeft) out.rightToLeft = true;
  const ds = s.dataSourceId ? ss?.dataSources?.find((d) => d.dataSourceId === s.dataSourceId) : undefined;
  if (ds) out.dataSourceSheetProperties = { dataSourceId: ds.dataSourceId, dataExecutionStatus: ds.status };
  return out;
}

/** spreadsheets.get shows DOCUMENT metadata; PROJECT metadata is read through developerMetadata.get/search by its own client. */
const documentMetadata = (ss: SpreadsheetRec) => (ss.developerMetadata ?? []).filter((m) => m.visibility === 'DOCUMENT');

export function presentSpreadsheet(t: Tenant, ss: SpreadsheetRec, opts: { ranges?: GridRange[]; includeGridData?: boolean } = {}): Record<string, unknown> {
  const title = files(t).get(ss.id)?.name ?? 'Untitled spreadsheet';
  const wanted = opts.ranges?.length ? opts.ranges : undefined;
  const sheets = [...ss.sheets]
    .sort((a, b) => a.index - b.index)
    .filter((s) => !wanted || wanted.some((g) => g.sheet.sheetId === s.sheetId))
    .map((s) => {
      const out: Record<string, unknown> = { properties: presentSheetProperties(s, ss), ...presentSheetExtras(s) };
      const sheetMeta = documentMetadata(ss).filter((m) => locationType(m.location) !== 'SPREADSHEET' && ('sheetId' in m.location ? m.location.sheetId : 'dimensionRange' in m.location ? m.location.dimensionRange.sheetId : -1) === s.sheetId);
      if (sheetMeta.length) out.developerMetadata = sheetMeta.map(presentDeveloperMetadata);
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
        backgroundColor: rgb('#ffffff'),
        padding: { top: 2, right: 3, bottom: 2, left: 3 },
        verticalAlignment: 'BOTTOM',
        wrapStrategy: 'OVERFLOW_CELL',
        textFormat: {
          foregroundColor: rgb('#000000'), fontFamily: 'arial,sans,sans-serif', fontSize: 10, bold: false, italic: false, strikethrough: false, underline: false,
          foregroundColorStyle: { rgbColor: rgb('#000000') },
        },
        backgroundColorStyle: { rgbColor: rgb('#ffffff') },
      },
      spreadsheetTheme: {
        primaryFontFamily: ss.theme?.primaryFontFamily ?? DEFAULT_THEME.primaryFontFamily,
        themeColors: Object.entries(ss.theme?.colors ?? DEFAULT_THEME.colors).map(([colorType, hex]) => ({ colorType, color: { rgbColor: rgb(hex) } })),
      },
    },
    sheets,
    ...(ss.namedRanges?.length ? { namedRanges: ss.namedRanges.map(presentNamedRange) } : {}),
    ...(ss.dataSources?.length ? { dataSources: ss.dataSources.map(presentDataSource) } : {}),
    ...(documentMetadata(ss).some((m) => locationType(m.location) === 'SPREADSHEET') ? { developerMetadata: documentMetadata(ss).filter((m) => locationType(m.location) === 'SPREADSHEET').map(presentDeveloperMetadata) } : {}),
    spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${ss.id}/edit`,
  };
}

/** A cell's value as CellData.userEnteredValue / effectiveValue (ExtendedValue). */
export function extendedValue(v: string | number | boolean | null | undefined): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return { numberValue: v };
  if (typeof v === 'boolean') return { boolValue: v };
  const err = /^#(DIV\/0!|NAME\?|VALUE!|REF!|ERROR!|N\/A|NUM!)$/.exec(v);
  if (err) {
    const type = { 'DIV/0!': 'DIV_ZERO', 'NAME?': 'NAME', 'VALUE!': 'VALUE', 'REF!': 'REF', 'ERROR!': 'ERROR', 'N/A': 'N_A', 'NUM!': 'NUM' }[err[1]];
    return { errorValue: { type, message: v } };
  }
  return { stringValue: v };
}

/** A cell as CellData; a cell an array result spills into has its value but no userEnteredValue. */
export function cellData(ss: SpreadsheetRec, sheet: SheetRec, r: number, c: number, spills?: Map<string, FormulaValue>): Record<string, unknown> {
  const cell: Cell | undefined = sheet.cells[`${r}:${c}`];
  if (!cell && !spills?.has(`${r}:${c}`)) return {};
  const out: Record<string, unknown> = {};
  if (cell?.f !== undefined) out.userEnteredValue = { formulaValue: cell.f };
  else if (cell?.v !== undefined) out.userEnteredValue = extendedValue(cell.v);
  const eff = effective(ss, sheet, r, c, spills ?? new Map());
  if (eff !== undefined && eff !== null) {
    out.effectiveValue = extendedValue(eff);
    out.formattedValue = typeof eff === 'number' ? formatNumber(eff) : typeof eff === 'boolean' ? (eff ? 'TRUE' : 'FALSE') : eff;
  }
  if (cell?.fmt) out.userEnteredFormat = cell.fmt;
  if (cell?.note) out.note = cell.note;
  if (cell?.dv) out.dataValidation = cell.dv;
  return out;
}

export function gridData(ss: SpreadsheetRec, g: GridRange): Record<string, unknown> {
  const rowData: unknown[] = [];
  let lastRow = -1;
  const spills = spillMap(ss, g.sheet);
  for (let r = g.r1; r <= Math.min(g.r2, g.sheet.rowCount - 1); r++) {
    const values: Record<string, unknown>[] = [];
    let last = -1;
    for (let c = g.c1; c <= Math.min(g.c2, g.sheet.columnCount - 1); c++) {
      const d = cellData(ss, g.sheet, r, c, spills);
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
  out.rowMetadata = Array.from({ length: Math.min(g.r2, g.sheet.rowCount - 1) - g.r1 + 1 }, (_, i) => ({ pixelSize: g.sheet.rowSizes?.[g.r1 + i] ?? 21 }));
  out.columnMetadata = Array.from({ length: Math.min(g.c2, g.sheet.columnCount - 1) - g.c1 + 1 }, (_, i) => ({ pixelSize: g.sheet.columnSizes?.[g.c1 + i] ?? 100 }));
  return out;
}
