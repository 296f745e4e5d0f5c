/** batchUpdate request kinds over ranges: merges, named and protected ranges, dimension groups and sizes, validation, sort, copy/cut-paste, filters, conditional formats. */
import type { Box, Cell, DimensionGroupRec, SheetRec } from '../model/spreadsheets.js';
import { effective } from '../model/spreadsheets.js';
import { presentBox, presentGroup, presentNamedRange, presentProtectedRange } from '../present/ranges.js';
import { area, int, obj, sheetById, type Req, type Step } from './batch-step.js';

const overlaps = (a: Box, b: Box) => a.r1 < b.r2 && b.r1 < a.r2 && a.c1 < b.c2 && b.c1 < a.c2;

function mergeCells(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const type = r.mergeType ?? 'MERGE_ALL';
  const boxes: Box[] =
    type === 'MERGE_ROWS' ? Array.from({ length: g.r2 - g.r1 }, (_, i) => ({ r1: g.r1 + i, r2: g.r1 + i + 1, c1: g.c1, c2: g.c2 }))
    : type === 'MERGE_COLUMNS' ? Array.from({ length: g.c2 - g.c1 }, (_, i) => ({ r1: g.r1, r2: g.r2, c1: g.c1 + i, c2: g.c1 + i + 1 }))
    : [{ r1: g.r1, r2: g.r2, c1: g.c1, c2: g.c2 }];
  const merges = (g.sheet.merges ??= []);
  for (const b of boxes) {
    if (b.r2 - b.r1 === 1 && b.c2 - b.c1 === 1) continue;
    if (merges.some((m) => overlaps(m, b))) throw s.fail('You must select all cells in a merged range to merge or unmerge them.');
    // A merge keeps only the top-left value, as the Sheets UI warns.
    for (const key of Object.keys(g.sheet.cells)) {
      const [row, col] = key.split(':').map(Number);
      if (row >= b.r1 && row < b.r2 && col >= b.c1 && col < b.c2 && (row !== b.r1 || col !== b.c1)) delete g.sheet.cells[key];
    }
    merges.push(b);
  }
  return {};
}

function unmergeCells(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const box = { r1: g.r1, r2: g.r2, c1: g.c1, c2: g.c2 };
  const merges = g.sheet.merges ?? [];
  const partial = merges.find((m) => overlaps(m, box) && !(m.r1 >= box.r1 && m.r2 <= box.r2 && m.c1 >= box.c1 && m.c2 <= box.c2));
  if (partial) throw s.fail('You must select all cells in a merged range to merge or unmerge them.');
  g.sheet.merges = merges.filter((m) => !overlaps(m, box));
  return {};
}

function addNamedRange(s: Step, r: Req): Req {
  const n = obj(r.namedRange);
  const name = typeof n.name === 'string' ? n.name : '';
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}[0-9]+$/.test(name)) throw s.fail(`The name '${name}' is not valid.`);
  const ranges = (s.ss.namedRanges ??= []);
  if (ranges.some((x) => x.name.toLowerCase() === name.toLowerCase())) throw s.fail(`A named range with the name '${name}' already exists.`);
  const g = area(s, n.range);
  const id = typeof n.namedRangeId === 'string' && n.namedRangeId ? n.namedRangeId : String(s.t.random.int(1, 2147483646));
  const rec = { id, name, sheetId: g.sheet.sheetId, r1: g.r1, c1: g.c1, r2: g.r2, c2: g.c2 };
  ranges.push(rec);
  return { addNamedRange: { namedRange: presentNamedRange(rec) } };
}

function namedRange(s: Step, id: unknown) {
  const rec = s.ss.namedRanges?.find((x) => x.id === id);
  if (!rec) throw s.fail(`No named range with id ${String(id)}.`);
  return rec;
}

function updateNamedRange(s: Step, r: Req): Req {
  const n = obj(r.namedRange);
  const rec = namedRange(s, n.namedRangeId);
  const fields = String(r.fields ?? '');
  if (/(^|,)\s*(name|\*)/.test(fields) && typeof n.name === 'string') rec.name = n.name;
  if (/(^|,)\s*(range|\*)/.test(fields)) Object.assign(rec, (({ sheet, ...b }) => ({ sheetId: sheet.sheetId, ...b }))(area(s, n.range)));
  return {};
}

function deleteNamedRange(s: Step, r: Req): Req {
  const rec = namedRange(s, r.namedRangeId);
  s.ss.namedRanges = s.ss.namedRanges!.filter((x) => x !== rec);
  return {};
}

function addProtectedRange(s: Step, r: Req): Req {
  const p = obj(r.protectedRange);
  const g = area(s, p.range);
  const given = Array.isArray(obj(p.editors).users) ? (obj(p.editors).users as unknown[]).map(String) : [];
  const rec = {
    id: typeof p.protectedRangeId === 'number' ? p.protectedRangeId : s.t.random.int(1, 2147483646),
    r1: g.r1, c1: g.c1, r2: g.r2, c2: g.c2,
    description: typeof p.description === 'string' ? p.description : undefined,
    warningOnly: p.warningOnly === true,
    // The owner always keeps edit rights; Sheets adds the requester to the stored editors.
    editors: given.includes(s.by) || !s.by ? given : [...given, s.by],
  };
  (g.sheet.protectedRanges ??= []).push(rec);
  // The reply shows the editors as requested; the stored range (read back by get) includes the requester.
  return { addProtectedRange: { protectedRange: presentProtectedRange(g.sheet, { ...rec, editors: given }) } };
}

function findProtected(s: Step, id: unknown): { sheet: SheetRec; index: number } {
  for (const sheet of s.ss.sheets) {
    const index = (sheet.protectedRanges ?? []).findIndex((x) => x.id === id);
    if (index >= 0) return { sheet, index };
  }
  throw s.fail(`No protected range with id: ${String(id)}`);
}

function deleteProtectedRange(s: Step, r: Req): Req {
  const { sheet, index } = findProtected(s, r.protectedRangeId);
  sheet.protectedRanges!.splice(index, 1);
  return {};
}

function updateProtectedRange(s: Step, r: Req): Req {
  const p = obj(r.protectedRange);
  const { sheet, index } = findProtected(s, p.protectedRangeId);
  const rec = sheet.protectedRanges![index];
  const fields = String(r.fields ?? '');
  const has = (f: string) => fields === '*' || fields.split(',').map((x) => x.trim()).includes(f);
  if (has('description')) rec.description = typeof p.description === 'string' ? p.description : undefined;
  if (has('warningOnly')) rec.warningOnly = p.warningOnly === true;
  if (has('editors')) rec.editors = Array.isArray(obj(p.editors).users) ? (obj(p.editors).users as unknown[]).map(String) : [];
  if (has('range')) Object.assign(rec, (({ sheet: _s, ...b }) => b)(area(s, p.range)));
  return {};
}

/** A DimensionRange: which sheet, rows or columns, and the half-open index span. */
export function dimensionRange(s: Step, range: unknown) {
  const d = obj(range);
  const sheet = sheetById(s, d.sheetId);
  const rows = d.dimension === 'ROWS';
  if (!rows && d.dimension !== 'COLUMNS') throw s.fail('Dimension must be ROWS or COLUMNS.');
  const max = rows ? sheet.rowCount : sheet.columnCount;
  const start = int(d.startIndex, 0);
  const end = int(d.endIndex, max);
  if (start < 0 || end > max || start >= end) throw s.fail(`Invalid dimension range [${start}, ${end}).`);
  return { sheet, rows, start, end };
}

/** Every group of one dimension, deepest last, as Sheets lists them. */
function groupsReply(list: DimensionGroupRec[], rows: boolean): Req[] {
  return [...list].sort((a, b) => a.depth - b.depth || a.start - b.start).map((g) => presentGroup(g, rows));
}

function addDimensionGroup(s: Step, r: Req): Req {
  const d = dimensionRange(s, r.range);
  const list = (d.rows ? (d.sheet.rowGroups ??= []) : (d.sheet.columnGroups ??= []));
  // A group inside (or equal to) existing ones nests one level deeper than the deepest of them.
  const depth = 1 + Math.max(0, ...list.filter((g) => g.start <= d.start && g.end >= d.end).map((g) => g.depth));
  if (depth > 8) throw s.fail('Cannot add a group deeper than 8 levels.');
  list.push({ start: d.start, end: d.end, depth, collapsed: false });
  if (d.rows) d.sheet.rowGroupControlAfter ??= true;
  else d.sheet.columnGroupControlAfter ??= true;
  return { addDimensionGroup: { dimensionGroups: groupsReply(list, d.rows) } };
}

function deleteDimensionGroup(s: Step, r: Req): Req {
  const d = dimensionRange(s, r.range);
  const list = (d.rows ? d.sheet.rowGroups : d.sheet.columnGroups) ?? [];
  const hit = list.filter((g) => g.start === d.start && g.end === d.end).sort((a, b) => b.depth - a.depth)[0];
  if (!hit) throw s.fail('No group found for the range.');
  const rest = list.filter((g) => g !== hit);
  if (d.rows) d.sheet.rowGroups = rest;
  else d.sheet.columnGroups = rest;
  const out = groupsReply(rest, d.rows);
  return { deleteDimensionGroup: out.length ? { dimensionGroups: out } : {} };
}

function updateDimensionGroup(s: Step, r: Req): Req {
  const g = obj(r.dimensionGroup);
  const d = dimensionRange(s, g.range);
  const list = (d.rows ? d.sheet.rowGroups : d.sheet.columnGroups) ?? [];
  const hit = list.find((x) => x.start === d.start && x.end === d.end && x.depth === int(g.depth, x.depth));
  if (!hit) throw s.fail('No group found for the range.');
  if (String(r.fields ?? '').includes('collapsed') || r.fields === '*') hit.collapsed = g.collapsed === true;
  return {};
}

const DEFAULT_ROW_PX = 21;
const DEFAULT_COL_PX = 100;

function updateDimensionProperties(s: Step, r: Req): Req {
  const d = dimensionRange(s, r.range);
  const p = obj(r.properties);
  const fields = String(r.fields ?? '');
  if (!fields) throw s.fail("At least one field must be specified in 'fields'.");
  if (/pixelSize|\*/.test(fields)) {
    const sizes = d.rows ? (d.sheet.rowSizes ??= {}) : (d.sheet.columnSizes ??= {});
    for (let i = d.start; i < d.end; i++) sizes[i] = int(p.pixelSize, d.rows ? DEFAULT_ROW_PX : DEFAULT_COL_PX);
  }
  return {};
}

/** Fits columns to their longest rendered text (about 7 px a character at the default 10 pt Arial) and rows to one line. */
function autoResizeDimensions(s: Step, r: Req): Req {
  const d = dimensionRange(s, r.dimensions);
  const sizes = d.rows ? (d.sheet.rowSizes ??= {}) : (d.sheet.columnSizes ??= {});
  for (let i = d.start; i < d.end; i++) {
    if (d.rows) {
      sizes[i] = DEFAULT_ROW_PX;
      continue;
    }
    let longest = 0;
    for (const key of Object.keys(d.sheet.cells)) {
      const [row, col] = key.split(':').map(Number);
      if (col === i) longest = Math.max(longest, String(effective(s.ss, d.sheet, row, col) ?? '').length);
    }
    sizes[i] = longest ? Math.max(7 * longest + 10, 21) : DEFAULT_COL_PX;
  }
  return {};
}

function setDataValidation(s: Step, r: Req): Req {
  const g = area(s, r.range);
  for (let row = g.r1; row < g.r2; row++) {
    for (let c = g.c1; c < g.c2; c++) {
      const key = `${row}:${c}`;
      const cell: Cell = { ...(g.sheet.cells[key] ?? {}) };
      if (r.rule) cell.dv = obj(r.rule);
      else delete cell.dv;
      if (Object.keys(cell).length) g.sheet.cells[key] = cell;
      else delete g.sheet.cells[key];
    }
  }
  return {};
}

/** Sheets' ascending order: numbers, then text (case-insensitive), then booleans; blanks always last. */
function rank(v: unknown): [number, number | string] {
  if (v === undefined || v === null || v === '') return [3, 0];
  if (typeof v === 'number') return [0, v];
  if (typeof v === 'boolean') return [2, v ? 1 : 0];
  return [1, String(v).toLowerCase()];
}

function sortRange(s: Step, r: Req): Req {
  const g = area(s, r.range);
  const specs = (Array.isArray(r.sortSpecs) ? r.sortSpecs : [{}]).map(obj);
  const rows = Array.from({ length: g.r2 - g.r1 }, (_, i) => g.r1 + i);
  const cellsOf = (row: number) => Array.from({ length: g.c2 - g.c1 }, (_, j) => g.sheet.cells[`${row}:${g.c1 + j}`]);
  const keyed = rows.map((row) => ({ row, cells: cellsOf(row), keys: specs.map((sp) => rank(effective(s.ss, g.sheet, row, int(sp.dimensionIndex, g.c1)))) }));
  keyed.sort((a, b) => {
    for (let k = 0; k < specs.length; k++) {
      const [ta, va] = a.keys[k];
      const [tb, vb] = b.keys[k];
      if (ta === 3 || tb === 3) { if (ta !== tb) return ta === 3 ? 1 : -1; continue; }
      const cmp = ta !== tb ? ta - tb : va < vb ? -1 : va > vb ? 1 : 0;
      if (cmp) return specs[k].sortOrder === 'DESCENDING' ? -cmp : cmp;
    }
    return a.row - b.row;
  });
  keyed.forEach((k, i) => k.cells.forEach((cell, j) => {
    const key = `${g.r1 + i}:${g.c1 + j}`;
    if (cell) g.sheet.cells[key] = cell;
    else delete g.sheet.cells[key];
  }));
  return {};
}

/** The part of a cell a paste type carries. */
function pasted(cell: Cell | undefined, type: unknown): Cell | undefined {
  if (!cell) return undefined;
  const { v, f, fmt, note, dv } = cell;
  switch (type) {
    case 'PASTE_VALUES': return v !== undefined || f !== undefined ? { v: v ?? (f as string) } : undefined;
    case 'PASTE_FORMAT': return fmt ? { fmt } : undefined;
    case 'PASTE_NO_BORDERS': return { ...cell, fmt: fmt && Object.fromEntries(Object.entries(fmt).filter(([k]) => k !== 'borders')) };
    case 'PASTE_FORMULA': return f !== undefined ? { f } : v !== undefined ? { v } : undefined;
    case 'PASTE_DATA_VALIDATION': return dv ? { dv } : undefined;
    case 'PASTE_CONDITIONAL_FORMATTING': return undefined;
    default: return { v, f, fmt, note, dv };
  }
}

function put(sheet: SheetRec, row: number, col: number, cell: Cell | undefined, merge: boolean): void {
  const key = `${row}:${col}`;
  const next = merge ? { ...(sheet.cells[key] ?? {}), ...Object.fromEntries(Object.entries(cell ?? {}).filter(([, x]) => x !== undefined)) } : cell && Object.fromEntries(Object.entries(cell).filter(([, x]) => x !== undefined));
  if (next && Object.keys(next).length) sheet.cells[key] = next as Cell;
  else delete sheet.cells[key];
}

function copyPaste(s: Step, r: Req): Req {
  const src = area(s, r.source);
  const dst = area(s, r.destination);
  const h = src.r2 - src.r1;
  const w = src.c2 - src.c1;
  const transpose = r.pasteOrientation === 'TRANSPOSE';
  const block = Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => structuredClone(src.sheet.cells[`${src.r1 + i}:${src.c1 + j}`])));
  const bh = transpose ? w : h;
  const bw = transpose ? h : w;
  // The source block is tiled over the destination; a destination smaller than the block receives the whole block.
  const rows = Math.max(bh, Math.floor((dst.r2 - dst.r1) / bh) * bh);
  const cols = Math.max(bw, Math.floor((dst.c2 - dst.c1) / bw) * bw);
  const partial = r.pasteType !== undefined && r.pasteType !== 'PASTE_NORMAL';
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const row = dst.r1 + i;
      const col = dst.c1 + j;
      if (row >= dst.sheet.rowCount || col >= dst.sheet.columnCount) continue;
      const cell = transpose ? block[j % bw]?.[i % bh] : block[i % bh][j % bw];
      put(dst.sheet, row, col, pasted(cell, r.pasteType), partial);
    }
  }
  return {};
}

function cutPaste(s: Step, r: Req): Req {
  const src = area(s, r.source);
  const d = obj(r.destination);
  const sheet = sheetById(s, d.sheetId);
  const r0 = int(d.rowIndex, 0);
  const c0 = int(d.columnIndex, 0);
  const h = src.r2 - src.r1;
  const w = src.c2 - src.c1;
  if (r0 + h > sheet.rowCount || c0 + w > sheet.columnCount) throw s.fail(`Range ('${sheet.title}') exceeds grid limits. Max rows: ${sheet.rowCount}, max columns: ${sheet.columnCount}`);
  const block = Array.from({ length: h }, (_, i) => Array.from({ length: w }, (_, j) => src.sheet.cells[`${src.r1 + i}:${src.c1 + j}`]));
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) delete src.sheet.cells[`${src.r1 + i}:${src.c1 + j}`];
  const partial = r.pasteType !== undefined && r.pasteType !== 'PASTE_NORMAL';
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) put(sheet, r0 + i, c0 + j, pasted(block[i][j], r.pasteType), partial);
  return {};
}

function setBasicFilter(s: Step, r: Req): Req {
  const f = obj(r.filter);
  const g = area(s, f.range);
  g.sheet.basicFilter = { ...f, range: presentBox(g.sheet, g) };
  return {};
}

function clearBasicFilter(s: Step, r: Req): Req {
  delete sheetById(s, r.sheetId).basicFilter;
  return {};
}

function addConditionalFormatRule(s: Step, r: Req): Req {
  const rule = obj(r.rule);
  const ranges = Array.isArray(rule.ranges) ? rule.ranges : [];
  if (!ranges.length) throw s.fail('The rule must have at least one range.');
  const sheet = area(s, ranges[0]).sheet;
  const list = (sheet.conditionalFormats ??= []);
  list.splice(Math.min(int(r.index, 0), list.length), 0, rule);
  return {};
}

function deleteConditionalFormatRule(s: Step, r: Req): Req {
  const sheet = sheetById(s, r.sheetId);
  const list = sheet.conditionalFormats ?? [];
  const i = int(r.index, -1);
  if (i < 0 || i >= list.length) throw s.fail(`No conditional format on sheet ${sheet.sheetId} at index ${i}`);
  const [rule] = list.splice(i, 1);
  return { deleteConditionalFormatRule: { rule } };
}

export const rangeKinds: Record<string, (s: Step, r: Req) => Req> = {
  mergeCells,
  unmergeCells,
  addNamedRange,
  updateNamedRange,
  deleteNamedRange,
  addProtectedRange,
  updateProtectedRange,
  deleteProtectedRange,
  addDimensionGroup,
  deleteDimensionGroup,
  updateDimensionGroup,
  updateDimensionProperties,
  autoResizeDimensions,
  setDataValidation,
  sortRange,
  copyPaste,
  cutPaste,
  setBasicFilter,
  clearBasicFilter,
  addConditionalFormatRule,
  deleteConditionalFormatRule,
};
