/** What every batchUpdate request kind works on: the working copy, its failure message, and shared readers of GridRanges and field masks. */
import type { Tenant } from '../../../../src/core/tenant.js';
import type { googleError } from '../../errors.js';
import type { SheetRec, SpreadsheetRec } from '../model/spreadsheets.js';

export type Req = Record<string, unknown>;
export type Fail = (message: string) => ReturnType<typeof googleError>;

export interface Step {
  t: Tenant;
  ss: SpreadsheetRec;
  /** Effects outside the spreadsheet record (the title is the Drive file's name), applied when the batch commits. */
  commit: { title?: string };
  /** The caller's email (protected ranges list it as an editor). */
  by: string;
  /** The caller's OAuth client: the "project" that owns PROJECT developer metadata. */
  project?: string;
  /** The caller's OAuth scopes (data sources need a BigQuery one besides Sheets'). */
  scopes?: string[];
  fail: Fail;
}

export const obj = (v: unknown): Req => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Req) : {});
export const int = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) ? v : d);

export function sheetById(s: Step, id: unknown): SheetRec {
  const sheet = s.ss.sheets.find((x) => x.sheetId === int(id, 0));
  if (!sheet) throw s.fail(`No grid with id: ${int(id, 0)}`);
  return sheet;
}

export function reindex(ss: SpreadsheetRec): void {
  [...ss.sheets].sort((a, b) => a.index - b.index).forEach((x, i) => (x.index = i));
}

/** Field masks (`title,gridProperties.rowCount`, `gridProperties(frozenRowCount)`, `*`) as dotted paths. */
export function maskPaths(fields: unknown, fail: Fail): string[] {
  if (typeof fields !== 'string' || !fields.trim()) throw fail("At least one field must be specified in 'fields'.");
  const out: string[] = [];
  const walk = (s: string, prefix: string) => {
    let depth = 0;
    let cur = '';
    const flush = () => {
      if (!cur) return;
      const m = /^([^()]+)\((.*)\)$/.exec(cur);
      if (m) walk(m[2], `${prefix}${m[1]}.`);
      else out.push(`${prefix}${cur.replace(/\//g, '.')}`);
      cur = '';
    };
    for (const ch of s.replace(/\s+/g, '')) {
      if (ch === ',' && depth === 0) flush();
      else {
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        cur += ch;
      }
    }
    flush();
  };
  walk(fields, '');
  return out;
}

export const covers = (paths: string[], path: string) => paths.some((p) => p === '*' || p === path || path.startsWith(`${p}.`));

/** A GridRange (end-exclusive indexes, open ends reach the grid edge), clipped to the sheet. */
export function area(s: Step, range: unknown) {
  const g = obj(range);
  const sheet = sheetById(s, g.sheetId);
  const r1 = int(g.startRowIndex, 0);
  const c1 = int(g.startColumnIndex, 0);
  const r2 = int(g.endRowIndex, sheet.rowCount);
  const c2 = int(g.endColumnIndex, sheet.columnCount);
  if (r2 > sheet.rowCount || c2 > sheet.columnCount) throw s.fail(`Range ('${sheet.title}') exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`);
  return { sheet, r1, c1, r2, c2 };
}

