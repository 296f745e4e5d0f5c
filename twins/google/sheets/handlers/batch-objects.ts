/** batchUpdate request kinds over stored sheet objects: charts and slicers (embedded objects), banded ranges and filter views. */
/*
 * Shapes: https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/charts,
 * .../spreadsheets/sheets#BandedRange, .../spreadsheets/sheets#FilterView; requests and replies under
 * .../spreadsheets/request and .../spreadsheets/response.
 */
import type { SheetRec } from '../model/spreadsheets.js';
import { E } from '../../errors.js';
import { presentBox } from '../present/ranges.js';
import { area, covers, int, maskPaths, obj, sheetById, type Req, type Step } from './batch-step.js';

type ListKey = 'charts' | 'slicers' | 'bandedRanges' | 'filterViews';

/** Ids are unique across the spreadsheet; a caller-chosen id that is taken is refused. */
function freshId(s: Step, taken: unknown[], given: unknown, what: string): number {
  if (typeof given === 'number' && given !== 0) {
    if (taken.includes(given)) throw s.fail(`${what} with id ${given} already exists.`);
    return given;
  }
  for (;;) {
    const id = s.t.random.int(1, 2147483646);
    if (!taken.includes(id)) return id;
  }
}

const newId = (s: Step, key: ListKey, idKey: string, given: unknown, what: string) =>
  freshId(s, s.ss.sheets.flatMap((x) => (x[key] ?? []).map((o) => o[idKey])), given, what);

function find(s: Step, key: ListKey, idKey: string, id: unknown, missing: string): { sheet: SheetRec; rec: Req } {
  for (const sheet of s.ss.sheets) {
    const rec = (sheet[key] ?? []).find((o) => o[idKey] === id);
    if (rec) return { sheet, rec };
  }
  throw s.fail(`${missing}: ${String(id)}`);
}

/** Embedded objects (charts and slicers) share one id space; deleteEmbeddedObject and friends take either. */
function embedded(s: Step, id: unknown): { sheet: SheetRec; rec: Req; key: 'charts' | 'slicers' } {
  for (const sheet of s.ss.sheets) {
    const chart = (sheet.charts ?? []).find((o) => o.chartId === id);
    if (chart) return { sheet, rec: chart, key: 'charts' };
    const slicer = (sheet.slicers ?? []).find((o) => o.slicerId === id);
    if (slicer) return { sheet, rec: slicer, key: 'slicers' };
  }
  throw s.fail(`No object with id: ${String(id)}`);
}

/** A new embedded-object id, unique among charts and slicers. */
const newObjectId = (s: Step, given: unknown, what: string) =>
  freshId(s, s.ss.sheets.flatMap((x) => [...(x.charts ?? []).map((o) => o.chartId), ...(x.slicers ?? []).map((o) => o.slicerId)]), given, what);

function drop(sheet: SheetRec, key: ListKey, rec: Req): void {
  sheet[key] = (sheet[key] ?? []).filter((o) => o !== rec);
}

/** An object whose range or anchor now lies on another sheet is listed under that sheet. */
function rehome(key: ListKey, rec: Req, from: SheetRec, to: SheetRec): void {
  if (from === to) return;
  drop(from, key, rec);
  (to[key] ??= []).push(rec);
}

/** Copies the masked top-level fields of `from` onto `rec` (absent in `from` clears them). */
function patch(s: Step, rec: Req, from: Req, fields: unknown, keys: string[]): void {
  const paths = maskPaths(fields, s.fail);
  for (const k of keys) {
    if (!covers(paths, k)) continue;
    if (from[k] === undefined) delete rec[k];
    else rec[k] = from[k];
  }
}

// --- charts -----------------------------------------------------------------------------------------------

/** An EmbeddedObjectPosition on a sheet of this spreadsheet; Sheets fills the default 600×371 overlay size. */
function position(s: Step, p: unknown): { sheet: SheetRec; position: Req } {
  const pos = obj(p);
  if (pos.newSheet === true || (!pos.overlayPosition && pos.sheetId === undefined)) throw E.notImplemented('sheets', 'A chart on its own sheet (position.newSheet)');
  if (pos.overlayPosition) {
    const o = obj(pos.overlayPosition);
    const a = obj(o.anchorCell);
    const sheet = sheetById(s, a.sheetId);
    const anchor = { ...(sheet.sheetId ? { sheetId: sheet.sheetId } : {}), ...(int(a.rowIndex, 0) ? { rowIndex: int(a.rowIndex, 0) } : {}), ...(int(a.columnIndex, 0) ? { columnIndex: int(a.columnIndex, 0) } : {}) };
    return { sheet, position: { overlayPosition: { ...o, anchorCell: anchor, widthPixels: int(o.widthPixels, 600), heightPixels: int(o.heightPixels, 371) } } };
  }
  const sheet = sheetById(s, pos.sheetId);
  return { sheet, position: { sheetId: sheet.sheetId } };
}

function chartSpec(s: Step, spec: unknown): Req {
  const sp = obj(spec);
  if (!Object.keys(sp).length) throw s.fail('The chart spec must be set.');
  return sp;
}

/** https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#AddChartRequest */
function addChart(s: Step, r: Req): Req {
  const c = obj(r.chart);
  const spec = chartSpec(s, c.spec);
  const { sheet, position: pos } = position(s, c.position);
  const chart: Req = { chartId: newObjectId(s, c.chartId, 'Chart'), spec, position: pos };
  if (c.border) chart.border = c.border;
  (sheet.charts ??= []).push(chart);
  return { addChart: { chart } };
}

function updateChartSpec(s: Step, r: Req): Req {
  const { rec } = find(s, 'charts', 'chartId', r.chartId, 'No chart with id');
  rec.spec = chartSpec(s, r.spec);
  return {};
}

function deleteEmbeddedObject(s: Step, r: Req): Req {
  const { sheet, rec, key } = embedded(s, r.objectId);
  drop(sheet, key, rec);
  return {};
}

/** UpdateEmbeddedObjectPositionRequest: the chart may move to another sheet; the reply carries the new position. */
function updateEmbeddedObjectPosition(s: Step, r: Req): Req {
  const { sheet, rec, key } = embedded(s, r.objectId);
  const next = obj(r.newPosition);
  const paths = typeof r.fields === 'string' && r.fields ? maskPaths(r.fields, s.fail) : ['*'];
  const whole = covers(paths, 'overlayPosition') || covers(paths, 'sheetId') || covers(paths, 'newSheet');
  // A mask of overlayPosition sub-fields moves or resizes the chart and keeps the rest of its overlay.
  const o = { ...obj(obj(rec.position).overlayPosition) };
  for (const k of ['anchorCell', 'offsetXPixels', 'offsetYPixels', 'widthPixels', 'heightPixels']) if (covers(paths, `overlayPosition.${k}`)) o[k] = obj(next.overlayPosition)[k];
  const moved = position(s, whole ? next : { overlayPosition: o });
  rec.position = moved.position;
  rehome(key, rec, sheet, moved.sheet);
  return { updateEmbeddedObjectPosition: { position: rec.position } };
}

function updateEmbeddedObjectBorder(s: Step, r: Req): Req {
  const { rec, key } = embedded(s, r.objectId);
  if (key !== 'charts') throw s.fail('Only charts have a border.');
  const border = { ...obj(rec.border) };
  patch(s, border, obj(r.border), r.fields, ['color', 'colorStyle']);
  if (Object.keys(border).length) rec.border = border;
  else delete rec.border;
  return {};
}

// --- slicers ---------------------------------------------------------------------------------------------

/** https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#AddSlicerRequest */
function addSlicer(s: Step, r: Req): Req {
  const x = obj(r.slicer);
  const spec = obj(x.spec);
  const data = area(s, spec.dataRange);
  const { sheet, position: pos } = position(s, x.position ?? { overlayPosition: { anchorCell: { sheetId: data.sheet.sheetId } } });
  const slicer: Req = { slicerId: newObjectId(s, x.slicerId, 'Slicer'), spec: { ...spec, dataRange: presentBox(data.sheet, data) }, position: pos };
  (sheet.slicers ??= []).push(slicer);
  return { addSlicer: { slicer } };
}

/** UpdateSlicerSpecRequest: masked SlicerSpec fields replace the stored ones. */
function updateSlicerSpec(s: Step, r: Req): Req {
  const { rec } = find(s, 'slicers', 'slicerId', r.slicerId, 'No slicer with id');
  const next = obj(r.spec);
  const spec = { ...obj(rec.spec) };
  patch(s, spec, next, r.fields, ['dataRange', 'filterCriteria', 'columnIndex', 'applyToPivotTables', 'title', 'textFormat', 'backgroundColor', 'backgroundColorStyle', 'horizontalAlignment']);
  if (spec.dataRange) {
    const g = area(s, spec.dataRange);
    spec.dataRange = presentBox(g.sheet, g);
  }
  rec.spec = spec;
  return {};
}

// --- banding ----------------------------------------------------------------------------------------------

const overlaps = (a: Req, b: Req) =>
  int(a.startRowIndex, 0) < int(b.endRowIndex, 0) && int(b.startRowIndex, 0) < int(a.endRowIndex, 0) && int(a.startColumnIndex, 0) < int(b.endColumnIndex, 0) && int(b.startColumnIndex, 0) < int(a.endColumnIndex, 0);

function bandRange(s: Step, range: unknown, except?: Req): { sheet: SheetRec; range: Req } {
  const g = area(s, range);
  const box = presentBox(g.sheet, g);
  if ((g.sheet.bandedRanges ?? []).some((b) => b !== except && overlaps(obj(b.range), box))) throw s.fail('Alternating background colors cannot overlap with existing alternating background colors.');
  return { sheet: g.sheet, range: box };
}

/** https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#AddBandingRequest */
function addBanding(s: Step, r: Req): Req {
  const b = obj(r.bandedRange);
  const { sheet, range } = bandRange(s, b.range);
  const rec: Req = { bandedRangeId: newId(s, 'bandedRanges', 'bandedRangeId', b.bandedRangeId, 'Banded range'), range };
  for (const k of ['rowProperties', 'columnProperties']) if (b[k]) rec[k] = b[k];
  if (!rec.rowProperties && !rec.columnProperties) throw s.fail('Either rowProperties or columnProperties must be set.');
  (sheet.bandedRanges ??= []).push(rec);
  return { addBanding: { bandedRange: rec } };
}

function updateBanding(s: Step, r: Req): Req {
  const b = obj(r.bandedRange);
  const { sheet, rec } = find(s, 'bandedRanges', 'bandedRangeId', b.bandedRangeId, 'No banded range with id');
  const paths = maskPaths(r.fields, s.fail);
  if (covers(paths, 'range')) {
    const next = bandRange(s, b.range, rec);
    rec.range = next.range;
    rehome('bandedRanges', rec, sheet, next.sheet);
  }
  patch(s, rec, b, r.fields, ['rowProperties', 'columnProperties']);
  return {};
}

function deleteBanding(s: Step, r: Req): Req {
  const { sheet, rec } = find(s, 'bandedRanges', 'bandedRangeId', r.bandedRangeId, 'No banded range with id');
  drop(sheet, 'bandedRanges', rec);
  return {};
}

// --- filter views -----------------------------------------------------------------------------------------

const FILTER_FIELDS = ['title', 'namedRangeId', 'sortSpecs', 'criteria', 'filterSpecs'];

function filterRange(s: Step, f: Req): { sheet: SheetRec; range: Req } {
  if (typeof f.namedRangeId === 'string' && f.namedRangeId) {
    const n = s.ss.namedRanges?.find((x) => x.id === f.namedRangeId);
    if (!n) throw s.fail(`No named range with id ${f.namedRangeId}.`);
    return { sheet: sheetById(s, n.sheetId), range: presentBox(n, n) };
  }
  const g = area(s, f.range);
  return { sheet: g.sheet, range: presentBox(g.sheet, g) };
}

/** https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request#AddFilterViewRequest */
function addFilterView(s: Step, r: Req): Req {
  const f = obj(r.filter);
  const { sheet, range } = filterRange(s, f);
  const rec: Req = { filterViewId: newId(s, 'filterViews', 'filterViewId', f.filterViewId, 'Filter view'), range };
  for (const k of FILTER_FIELDS) if (f[k] !== undefined) rec[k] = f[k];
  (sheet.filterViews ??= []).push(rec);
  return { addFilterView: { filter: rec } };
}

function updateFilterView(s: Step, r: Req): Req {
  const f = obj(r.filter);
  const { sheet, rec } = find(s, 'filterViews', 'filterViewId', f.filterViewId, 'No filter with id');
  const paths = maskPaths(r.fields, s.fail);
  if (covers(paths, 'range') && f.range) {
    const next = filterRange(s, { range: f.range });
    rec.range = next.range;
    rehome('filterViews', rec, sheet, next.sheet);
  }
  patch(s, rec, f, r.fields, FILTER_FIELDS);
  return {};
}

function deleteFilterView(s: Step, r: Req): Req {
  const { sheet, rec } = find(s, 'filterViews', 'filterViewId', r.filterId, 'No filter with id');
  drop(sheet, 'filterViews', rec);
  return {};
}

/** DuplicateFilterViewRequest: the copy is titled "Filter N copy"-style by Sheets; the twin uses "Copy of <title>". */
function duplicateFilterView(s: Step, r: Req): Req {
  const { sheet, rec } = find(s, 'filterViews', 'filterViewId', r.filterId, 'No filter with id');
  const copy: Req = { ...structuredClone(rec), filterViewId: newId(s, 'filterViews', 'filterViewId', undefined, 'Filter view') };
  copy.title = `Copy of ${typeof rec.title === 'string' ? rec.title : ''}`.trim();
  (sheet.filterViews ??= []).push(copy);
  return { duplicateFilterView: { filter: copy } };
}

export const objectKinds: Record<string, (s: Step, r: Req) => Req> = {
  addChart,
  updateChartSpec,
  deleteEmbeddedObject,
  updateEmbeddedObjectPosition,
  updateEmbeddedObjectBorder,
  addBanding,
  updateBanding,
  deleteBanding,
  addFilterView,
  updateFilterView,
  deleteFilterView,
  duplicateFilterView,
  addSlicer,
  updateSlicerSpec,
};
