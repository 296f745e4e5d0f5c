/** documents.batchUpdate request kinds on tables: insert and delete tables, rows and columns, merges, and cell, row and column styles. */
/*
 * Shapes follow the Docs v1 request reference
 * (https://developers.google.com/docs/api/reference/rest/v1/documents/request):
 * a table is named by `tableStartLocation` (the index where it starts), a cell by
 * `tableCellLocation` (that plus rowIndex/columnIndex), a block by `tableRange`.
 */
import { E } from '../../errors.js';
import type { DocumentRec, Style } from '../model/documents.js';
import { columnsOf, deleteColumn, deleteRow, insertColumn, insertRow, insertTable, mergeAt, mergeCells, rec, tablesIn, type TableAt } from '../model/tables.js';
import { checkSegment, insertionIndex, mask, merge, obj, segmentOf, type Fail, type Req } from './requests.js';

const int = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : 0);

// Updatable fields of docs.TableCellStyle (rowSpan/columnSpan are output only), TableRowStyle and TableColumnProperties (digest.json).
const CELL = ['backgroundColor', 'borderBottom', 'borderLeft', 'borderRight', 'borderTop', 'contentAlignment', 'paddingBottom', 'paddingLeft', 'paddingRight', 'paddingTop'];
const ROW = ['minRowHeight', 'preventOverflow', 'tableHeader'];
const COLUMN = ['width', 'widthType'];

/** The table that starts at a location's index. */
function tableAt(doc: DocumentRec, loc: unknown, fail: Fail): TableAt {
  const l = obj(loc);
  checkSegment(l, fail);
  const t = tablesIn(doc.text).find((x) => x.start + 1 === l.index);
  if (!t) throw fail(`Invalid table start location. There is no table starting at index ${String(l.index ?? 0)}.`);
  return t;
}

/** The table, row and column a tableCellLocation names. */
function cellAt(doc: DocumentRec, loc: unknown, fail: Fail): { t: TableAt; row: number; col: number } {
  const l = obj(loc);
  const t = tableAt(doc, l.tableStartLocation, fail);
  const row = int(l.rowIndex);
  const col = int(l.columnIndex);
  if (row < 0 || row >= t.rows.length) throw fail(`Invalid row index ${row}: the table has ${t.rows.length} rows.`);
  if (col < 0 || col >= columnsOf(t)) throw fail(`Invalid column index ${col}: the table has ${columnsOf(t)} columns.`);
  return { t, row, col };
}

/** The block of cells a tableRange names, inside its table. */
function rangeAt(doc: DocumentRec, range: unknown, fail: Fail) {
  const g = obj(range);
  const { t, row, col } = cellAt(doc, g.tableCellLocation, fail);
  const rowSpan = int(g.rowSpan);
  const colSpan = int(g.columnSpan);
  if (rowSpan < 1 || colSpan < 1) throw fail('The table range must span at least one row and one column.');
  if (row + rowSpan > t.rows.length || col + colSpan > columnsOf(t)) throw fail('The table range must be inside the table.');
  return { t, m: { row, col, rowSpan, colSpan } };
}

function insertTableRequest(doc: DocumentRec, r: Req, fail: Fail): Req {
  if (segmentOf(doc, obj(r.location ?? r.endOfSegmentLocation), fail)) throw E.notImplemented('docs', 'Tables in headers, footers and footnotes');
  const rows = int(r.rows);
  const columns = int(r.columns);
  if (rows < 1) throw fail('The table must have at least one row.');
  if (columns < 1) throw fail('The table must have at least one column.');
  const index = insertionIndex(doc, r, fail);
  insertTable(doc, index, rows, columns);
  return {};
}

function insertTableRow(doc: DocumentRec, r: Req, fail: Fail): Req {
  const { t, row, col } = cellAt(doc, r.tableCellLocation, fail);
  // Below a merged block means below its last row.
  const m = mergeAt(rec(doc, t), row, col);
  insertRow(doc, t, r.insertBelow === true ? (m ? m.row + m.rowSpan - 1 : row) : (m?.row ?? row), r.insertBelow === true);
  return {};
}

function insertTableColumn(doc: DocumentRec, r: Req, fail: Fail): Req {
  const { t, row, col } = cellAt(doc, r.tableCellLocation, fail);
  const m = mergeAt(rec(doc, t), row, col);
  insertColumn(doc, t, r.insertRight === true ? (m ? m.col + m.colSpan - 1 : col) : (m?.col ?? col), r.insertRight === true);
  return {};
}

function deleteTableRow(doc: DocumentRec, r: Req, fail: Fail): Req {
  const { t, row } = cellAt(doc, r.tableCellLocation, fail);
  deleteRow(doc, t, row);
  return {};
}

function deleteTableColumn(doc: DocumentRec, r: Req, fail: Fail): Req {
  const { t, col } = cellAt(doc, r.tableCellLocation, fail);
  deleteColumn(doc, t, col);
  return {};
}

function mergeTableCells(doc: DocumentRec, r: Req, fail: Fail): Req {
  const { t, m } = rangeAt(doc, r.tableRange, fail);
  const tr = rec(doc, t);
  // A block already merged must lie wholly inside or wholly outside the new one.
  const partial = tr.merges!.some((x) => {
    const overlap = x.row < m.row + m.rowSpan && m.row < x.row + x.rowSpan && x.col < m.col + m.colSpan && m.col < x.col + x.colSpan;
    const inside = x.row >= m.row && x.col >= m.col && x.row + x.rowSpan <= m.row + m.rowSpan && x.col + x.colSpan <= m.col + m.colSpan;
    return overlap && !inside;
  });
  if (partial) throw fail('The table range partially overlaps merged cells.');
  if (m.rowSpan * m.colSpan > 1) mergeCells(doc, t, m);
  return {};
}

function unmergeTableCells(doc: DocumentRec, r: Req, fail: Fail): Req {
  const { t, m } = rangeAt(doc, r.tableRange, fail);
  const tr = rec(doc, t);
  // Every merged block the range touches is split; text stays in the head cell (UnmergeTableCellsRequest).
  tr.merges = tr.merges!.filter((x) => !(x.row < m.row + m.rowSpan && m.row < x.row + x.rowSpan && x.col < m.col + m.colSpan && m.col < x.col + x.colSpan));
  return {};
}

function updateTableCellStyle(doc: DocumentRec, r: Req, fail: Fail): Req {
  const fields = mask(r, CELL, fail);
  let t: TableAt;
  let block;
  if (r.tableRange) ({ t, m: block } = rangeAt(doc, r.tableRange, fail));
  else if (r.tableStartLocation) {
    t = tableAt(doc, r.tableStartLocation, fail);
    block = { row: 0, col: 0, rowSpan: t.rows.length, colSpan: columnsOf(t) };
  } else throw fail('Either table_range or table_start_location must be set.');
  const tr = rec(doc, t);
  const style = obj(r.tableCellStyle);
  for (let row = block.row; row < block.row + block.rowSpan; row++) {
    for (let col = block.col; col < block.col + block.colSpan; col++) tr.cellStyles![row][col] = merge(tr.cellStyles![row][col], style, fields);
  }
  return {};
}

/** Indices a request names (all of them when the list is empty), each checked against the count. */
function indices(v: unknown, count: number, what: string, fail: Fail): number[] {
  const list = Array.isArray(v) ? v.map(int) : [];
  const bad = list.find((i) => i < 0 || i >= count);
  if (bad !== undefined) throw fail(`Invalid ${what} index ${bad}: the table has ${count} ${what}s.`);
  return list.length ? [...new Set(list)] : Array.from({ length: count }, (_, i) => i);
}

function updateTableColumnProperties(doc: DocumentRec, r: Req, fail: Fail): Req {
  const fields = mask(r, COLUMN, fail);
  const t = tableAt(doc, r.tableStartLocation, fail);
  const props = obj(r.tableColumnProperties);
  const width = obj(props.width);
  // A column narrower than 5 points is refused (UpdateTableColumnPropertiesRequest.tableColumnProperties).
  if (fields.includes('width') && props.width && (typeof width.magnitude !== 'number' || width.magnitude < 5)) throw fail('The column width must be at least 5 points.');
  if (fields.includes('widthType') && props.widthType === 'FIXED_WIDTH' && !props.width && !fields.includes('width')) throw fail('A FIXED_WIDTH column needs a width.');
  const tr = rec(doc, t);
  for (const c of indices(r.columnIndices, columnsOf(t), 'column', fail)) tr.columns![c] = merge(tr.columns![c], props, fields);
  return {};
}

function updateTableRowStyle(doc: DocumentRec, r: Req, fail: Fail): Req {
  const fields = mask(r, ROW, fail);
  const t = tableAt(doc, r.tableStartLocation, fail);
  const tr = rec(doc, t);
  for (const i of indices(r.rowIndices, t.rows.length, 'row', fail)) tr.rowStyles![i] = merge(tr.rowStyles![i], obj(r.tableRowStyle), fields);
  return {};
}

/** The first N rows become header rows, repeated on every page; 0 unpins (PinTableHeaderRowsRequest). */
function pinTableHeaderRows(doc: DocumentRec, r: Req, fail: Fail): Req {
  const t = tableAt(doc, r.tableStartLocation, fail);
  const n = int(r.pinnedHeaderRowsCount);
  if (n < 0 || n > t.rows.length) throw fail(`Invalid pinned header rows count ${n}: the table has ${t.rows.length} rows.`);
  const tr = rec(doc, t);
  tr.rowStyles = tr.rowStyles!.map((s: Style, i) => {
    const { tableHeader: _, ...rest } = s;
    return i < n ? { ...rest, tableHeader: true } : rest;
  });
  return {};
}

export const TABLE_KINDS: Record<string, (doc: DocumentRec, r: Req, fail: Fail) => Req> = {
  insertTable: insertTableRequest,
  insertTableRow,
  insertTableColumn,
  deleteTableRow,
  deleteTableColumn,
  mergeTableCells,
  unmergeTableCells,
  updateTableCellStyle,
  updateTableColumnProperties,
  updateTableRowStyle,
  pinTableHeaderRows,
};
