/** GridRange, NamedRange, ProtectedRange and DimensionGroup as Sheets writes them (sheetId 0 is left out, being proto3's default). */
import type { Box, DimensionGroupRec, NamedRangeRec, ProtectedRangeRec, SheetRec } from '../model/spreadsheets.js';

export function presentBox(sheet: Pick<SheetRec, 'sheetId'>, b: Box): Record<string, unknown> {
  return { ...(sheet.sheetId ? { sheetId: sheet.sheetId } : {}), startRowIndex: b.r1, endRowIndex: b.r2, startColumnIndex: b.c1, endColumnIndex: b.c2 };
}

export function presentNamedRange(n: NamedRangeRec): Record<string, unknown> {
  return { namedRangeId: n.id, name: n.name, range: presentBox(n, n) };
}

export function presentProtectedRange(sheet: SheetRec, p: ProtectedRangeRec): Record<string, unknown> {
  return {
    protectedRangeId: p.id,
    range: presentBox(sheet, p),
    ...(p.description ? { description: p.description } : {}),
    ...(p.warningOnly ? { warningOnly: true } : {}),
    // The caller reaches batchUpdate only as an editor of the spreadsheet, and editors may edit warning-only ranges.
    requestingUserCanEdit: true,
    editors: p.editors.length ? { users: p.editors } : {},
  };
}

export function presentGroup(g: DimensionGroupRec, rows: boolean): Record<string, unknown> {
  return { range: { dimension: rows ? 'ROWS' : 'COLUMNS', startIndex: g.start, endIndex: g.end }, depth: g.depth, ...(g.collapsed ? { collapsed: true } : {}) };
}

/** The per-sheet parts of a Sheet resource beyond its properties; absent when empty, as Sheets omits them. */
export function presentSheetExtras(sheet: SheetRec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (sheet.merges?.length) out.merges = sheet.merges.map((m) => presentBox(sheet, m));
  if (sheet.conditionalFormats?.length) out.conditionalFormats = sheet.conditionalFormats;
  if (sheet.filterViews?.length) out.filterViews = sheet.filterViews;
  if (sheet.protectedRanges?.length) out.protectedRanges = sheet.protectedRanges.map((p) => presentProtectedRange(sheet, p));
  if (sheet.basicFilter) out.basicFilter = sheet.basicFilter;
  if (sheet.charts?.length) out.charts = sheet.charts;
  if (sheet.bandedRanges?.length) out.bandedRanges = sheet.bandedRanges;
  if (sheet.rowGroups?.length) out.rowGroups = [...sheet.rowGroups].sort((a, b) => a.depth - b.depth || a.start - b.start).map((g) => presentGroup(g, true));
  if (sheet.slicers?.length) out.slicers = sheet.slicers;
  if (sheet.columnGroups?.length) out.columnGroups = [...sheet.columnGroups].sort((a, b) => a.depth - b.depth || a.start - b.start).map((g) => presentGroup(g, false));
  return out;
}
