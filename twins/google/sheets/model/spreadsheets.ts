/** Spreadsheets: the stored grid, A1 notation, and how values go in (RAW / USER_ENTERED) and come out (rendered). */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import type { DeveloperMetadataRec } from './developer-metadata.js';
import { K } from '../../store.js';
import { evaluateCell, spillMap, type FormulaValue } from './formula.js';

export type Scalar = string | number | boolean;

export interface Cell {
  /** The literal entered value (absent for formulas). */
  v?: Scalar;
  /** A formula, with its leading `=`. */
  f?: string;
  /** userEnteredFormat as given (kept verbatim so it reads back). */
  fmt?: Record<string, unknown>;
  note?: string;
  /** dataValidation rule as given by setDataValidation. */
  dv?: Record<string, unknown>;
}

/** A rectangle of a sheet, zero-based and end-exclusive like Sheets' GridRange. */
export interface Box {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface ProtectedRangeRec extends Box {
  id: number;
  description?: string;
  warningOnly: boolean;
  editors: string[];
}

export interface DimensionGroupRec {
  start: number;
  end: number;
  depth: number;
  collapsed: boolean;
}

export interface NamedRangeRec extends Box {
  id: string;
  name: string;
  sheetId: number;
}

export interface SheetRec {
  sheetId: number;
  title: string;
  index: number;
  rowCount: number;
  columnCount: number;
  frozenRowCount?: number;
  frozenColumnCount?: number;
  hidden?: boolean;
  tabColor?: Record<string, unknown>;
  rightToLeft?: boolean;
  merges?: Box[];
  protectedRanges?: ProtectedRangeRec[];
  rowGroups?: DimensionGroupRec[];
  /** Set when the sheet first gets a group (the API's default placement of the +/- control) and kept after. */
  rowGroupControlAfter?: boolean;
  columnGroupControlAfter?: boolean;
  columnGroups?: DimensionGroupRec[];
  /** Pixel sizes set by updateDimensionProperties or autoResizeDimensions, keyed by index. */
  rowSizes?: Record<number, number>;
  columnSizes?: Record<number, number>;
  basicFilter?: Record<string, unknown>;
  conditionalFormats?: Record<string, unknown>[];
  /** EmbeddedChart, BandedRange, FilterView and Slicer resources as stored (ids assigned, ranges as GridRanges of this sheet). */
  charts?: Record<string, unknown>[];
  bandedRanges?: Record<string, unknown>[];
  filterViews?: Record<string, unknown>[];
  slicers?: Record<string, unknown>[];
  /** Set on a DATA_SOURCE sheet: the data source it shows. */
  dataSourceId?: string;
  /** Sparse cells keyed `row:col`, zero-based. */
  cells: Record<string, Cell>;
}

/** DataExecutionStatus of the last execution of a data source. */
export interface DataExecutionStatus { state: string; errorCode?: string; errorMessage?: string; lastRefreshTime?: string }

/** A BigQuery data source (Connected Sheets) and the DATA_SOURCE sheet bound to it. */
export interface DataSourceRec {
  dataSourceId: string;
  sheetId: number;
  spec: Record<string, unknown>;
  calculatedColumns?: unknown[];
  status: DataExecutionStatus;
}

export interface SpreadsheetRec extends Doc {
  locale: string;
  timeZone: string;
  autoRecalc: string;
  sheets: SheetRec[];
  namedRanges?: NamedRangeRec[];
  /** Set by updateSpreadsheetProperties; absent means Google's default theme. */
  theme?: Theme;
  developerMetadata?: DeveloperMetadataRec[];
  dataSources?: DataSourceRec[];
}

export interface Theme {
  primaryFontFamily: string;
  /** Theme color type → `#rrggbb`, in the order Sheets lists them. */
  colors: Record<string, string>;
}

/** The theme every new spreadsheet starts with (Sheets' "Standard" theme). */
export const DEFAULT_THEME: Theme = {
  primaryFontFamily: 'Arial',
  colors: {
    TEXT: '#000000', BACKGROUND: '#ffffff', ACCENT1: '#4285f4', ACCENT2: '#ea4335', ACCENT3: '#fbbc04',
    ACCENT4: '#34a853', ACCENT5: '#ff6d01', ACCENT6: '#46bdc6', LINK: '#1155cc',
  },
};

export const spreadsheets = (t: Tenant) => t.collection<SpreadsheetRec>(K.spreadsheets);

export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;

export function newSheet(sheetId: number, title: string, index: number, rows = DEFAULT_ROWS, cols = DEFAULT_COLS): SheetRec {
  return { sheetId, title, index, rowCount: rows, columnCount: cols, cells: {} };
}

export function newSpreadsheet(id: string, sheets?: SheetRec[]): SpreadsheetRec {
  return { id, locale: 'en_US', timeZone: 'Etc/GMT', autoRecalc: 'ON_CHANGE', sheets: sheets ?? [newSheet(0, 'Sheet1', 0)] };
}

/** Sheet ids Google assigns to added sheets are positive 31-bit integers. */
export const newSheetId = (t: Tenant, taken: number[]) => {
  for (;;) {
    const id = t.random.int(1, 2147483646);
    if (!taken.includes(id)) return id;
  }
};

// ---- A1 notation ----

export interface GridRange {
  sheet: SheetRec;
  r1: number;
  c1: number;
  /** Inclusive ends, already clamped to an open range's grid edge. */
  r2: number;
  c2: number;
}

export class RangeError400 extends Error {}

export function colToIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function indexToCol(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Titles that need quoting in A1 notation (anything but letters, digits and underscore, or that looks like a cell). */
export function quoteTitle(title: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) && !/^[A-Za-z]{1,3}\d+$/.test(title) ? title : `'${title.replace(/'/g, "''")}'`;
}

const CELL = /^([A-Za-z]{1,3})?(\d+)?$/;

/** Parses `Sheet1!A1:C3`, `'My sheet'!A:B`, `2:4`, `A1`, or a bare sheet title. */
export function parseA1(ss: SpreadsheetRec, input: string): GridRange {
  const fail = (): never => {
    throw new RangeError400(`Unable to parse range: ${input}`);
  };
  let text = input.trim();
  let sheet: SheetRec | undefined;
  const bang = text.lastIndexOf('!');
  if (bang >= 0) {
    let name = text.slice(0, bang);
    if (name.startsWith("'")) {
      if (!name.endsWith("'") || name.length < 2) fail();
      name = name.slice(1, -1).replace(/''/g, "'");
    }
    sheet = ss.sheets.find((s) => s.title === name);
    if (!sheet) fail();
    text = text.slice(bang + 1);
  } else {
    const unquoted = text.startsWith("'") && text.endsWith("'") && text.length > 1 ? text.slice(1, -1).replace(/''/g, "'") : text;
    const whole = ss.sheets.find((s) => s.title === unquoted);
    if (whole) return { sheet: whole, r1: 0, c1: 0, r2: whole.rowCount - 1, c2: whole.columnCount - 1 };
    sheet = [...ss.sheets].sort((a, b) => a.index - b.index)[0];
  }
  const s = sheet!;
  if (text === '') return { sheet: s, r1: 0, c1: 0, r2: s.rowCount - 1, c2: s.columnCount - 1 };
  const parts = text.split(':');
  if (parts.length > 2) fail();
  const a = CELL.exec(parts[0]);
  const b = parts.length === 2 ? CELL.exec(parts[1]) : a;
  if (!a || !b || (!a[1] && !a[2]) || (!b[1] && !b[2])) fail();
  if (parts.length === 1 && (!a![1] || !a![2])) fail();
  const row = (m: RegExpExecArray, edge: number) => (m[2] ? Number(m[2]) - 1 : edge);
  const col = (m: RegExpExecArray, edge: number) => (m[1] ? colToIndex(m[1]) : edge);
  let r1 = row(a!, 0);
  let c1 = col(a!, 0);
  let r2 = row(b!, s.rowCount - 1);
  let c2 = col(b!, s.columnCount - 1);
  if (r1 < 0 || r2 < 0) fail();
  if (r2 < r1) [r1, r2] = [r2, r1];
  if (c2 < c1) [c1, c2] = [c2, c1];
  return { sheet: s, r1, c1, r2, c2 };
}

/** Google's rendering of a range: `Sheet1!A1:C3`, or `Sheet1!B2` for one cell. */
export function formatRange(g: GridRange): string {
  const a = `${indexToCol(g.c1)}${g.r1 + 1}`;
  const b = `${indexToCol(g.c2)}${g.r2 + 1}`;
  return `${quoteTitle(g.sheet.title)}!${a === b ? a : `${a}:${b}`}`;
}

/** Reading or writing outside the grid is refused with the grid's size (the title is always quoted in this message). */
export function checkGrid(g: GridRange): void {
  if (g.r2 >= g.sheet.rowCount || g.c2 >= g.sheet.columnCount) {
    const cells = formatRange(g).slice(formatRange(g).lastIndexOf('!') + 1);
    throw new RangeError400(`Range ('${g.sheet.title.replace(/'/g, "''")}'!${cells}) exceeds grid limits. Max rows: ${g.sheet.rowCount}, max columns: ${g.sheet.columnCount}`);
  }
}

// ---- values in ----

export type InputOption = 'RAW' | 'USER_ENTERED';

/** One entered value as Sheets stores it; undefined means "leave the cell alone" (a JSON null). */
export function parseInput(v: unknown, mode: InputOption): Cell | null | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return { v };
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s === '') return null;
  if (mode === 'RAW') return { v: s };
  if (s.startsWith('=') && s.length > 1) return { f: s };
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (/^(true|false)$/i.test(s)) return { v: s.toLowerCase() === 'true' };
  const num = /^\s*([-+]?)\$?((\d{1,3}(,\d{3})+|\d+)(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*(%?)\s*$/.exec(s);
  if (num) {
    let n = Number(`${num[1]}${num[2].replace(/,/g, '')}${num[6] ?? ''}`);
    if (num[7]) n /= 100;
    if (Number.isFinite(n)) return { v: n };
  }
  return { v: s };
}

// ---- values out ----

export type RenderOption = 'FORMATTED_VALUE' | 'UNFORMATTED_VALUE' | 'FORMULA';

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const s = Number(n.toPrecision(15)).toString();
  return s;
}

/** A cell's value: its formula's result, its literal, or what an array result beside it spills into it (`spills`, when the caller worked them out once). */
export function effective(ss: SpreadsheetRec, sheet: SheetRec, r: number, c: number, spills?: Map<string, FormulaValue>): FormulaValue | undefined {
  const cell = sheet.cells[`${r}:${c}`];
  if (cell?.f !== undefined) return evaluateCell(ss, sheet, r, c);
  if (cell?.v !== undefined && cell.v !== '') return cell.v;
  const spilled = (spills ?? spillMap(ss, sheet)).get(`${r}:${c}`);
  return spilled === undefined || spilled === null ? cell?.v : spilled;
}

export function render(ss: SpreadsheetRec, sheet: SheetRec, r: number, c: number, mode: RenderOption, spills?: Map<string, FormulaValue>): Scalar | undefined {
  const cell = sheet.cells[`${r}:${c}`];
  if (!cell && !spills?.has(`${r}:${c}`)) return undefined;
  if (mode === 'FORMULA' && cell?.f !== undefined) return cell.f;
  const v = effective(ss, sheet, r, c, spills ?? new Map());
  if (v === undefined || v === null) return mode === 'FORMATTED_VALUE' ? '' : '';
  if (mode === 'FORMATTED_VALUE') {
    if (typeof v === 'number') return formatNumber(v);
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  }
  return v;
}

/** A rectangle of rendered values with Google's trimming of empty trailing rows and cells. */
export function readValues(ss: SpreadsheetRec, g: GridRange, mode: RenderOption, major: 'ROWS' | 'COLUMNS'): Scalar[][] {
  const outer = major === 'ROWS' ? [g.r1, g.r2] : [g.c1, g.c2];
  const inner = major === 'ROWS' ? [g.c1, g.c2] : [g.r1, g.r2];
  const rows: Scalar[][] = [];
  const maxOuter = Math.min(outer[1], outer[0] + 100000);
  const spills = spillMap(ss, g.sheet);
  for (let o = outer[0]; o <= maxOuter; o++) {
    const line: Scalar[] = [];
    let last = -1;
    for (let i = inner[0]; i <= inner[1]; i++) {
      const [r, c] = major === 'ROWS' ? [o, i] : [i, o];
      const v = render(ss, g.sheet, r, c, mode, spills);
      line.push(v ?? '');
      if (v !== undefined && v !== '') last = line.length - 1;
    }
    rows.push(line.slice(0, last + 1));
  }
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

/** Parses a CSV document (RFC 4180 quoting) into rows, for uploads converted to a spreadsheet. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function toCsv(rows: Scalar[][], sep = ','): string {
  const esc = (v: Scalar) => {
    const s = String(v);
    return /[",\n\r\t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(esc).join(sep)).join('\n');
}

/** The first sheet as CSV: what Drive's export gives for a spreadsheet. */
export function exportFirstSheet(ss: SpreadsheetRec, sep = ','): string {
  const sheet = [...ss.sheets].sort((a, b) => a.index - b.index)[0];
  if (!sheet) return '';
  const g = { sheet, r1: 0, c1: 0, r2: sheet.rowCount - 1, c2: sheet.columnCount - 1 };
  return toCsv(readValues(ss, g, 'FORMATTED_VALUE', 'ROWS'), sep);
}
