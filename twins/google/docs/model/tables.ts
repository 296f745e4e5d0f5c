/** Tables in a document's text: where each table, row and cell sits, the grammar every edit keeps, and the row, column and merge edits. */
/*
 * A table is written into the text as marks that take one index each — table
 * start, row start, cell start, table end — with the cells' paragraphs between
 * them, so a table with R rows and C columns of empty cells is 2 + R(1 + 2C)
 * indexes long and every later index moves with it (structure guide, "Tables":
 * https://developers.google.com/workspace/docs/api/concepts/structure). Row and
 * column edits go through insertText/deleteRange so styles, named ranges and
 * the lists aligned with the text move together.
 */
import { CELL_START, deleteRange, insertText, isSectionBreak, isTableMark, normalize, paragraphAt, ROW_START, TABLE_END, TABLE_START, type DocumentRec, type MergeRec, type Style, type TableRec } from './documents.js';

/** Text offsets: `start` is the cell's mark, `end` the offset of the mark after its content. */
export interface CellAt { start: number; end: number }
export interface RowAt { start: number; end: number; cells: CellAt[] }
/** `ordinal` is the table's place among the table marks (its TableRec); `end` is one past its end mark. */
export interface TableAt { ordinal: number; start: number; end: number; rows: RowAt[] }

/** Every table of a text, nested ones included, in the order their start marks appear. */
export function tablesIn(text: string): TableAt[] {
  const out: TableAt[] = [];
  const open: TableAt[] = [];
  const closeCell = (t: TableAt | undefined, i: number) => {
    const row = t?.rows.at(-1);
    const cell = row?.cells.at(-1);
    if (cell && cell.end < 0) cell.end = i;
    if (row && row.end < 0) row.end = i;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === TABLE_START) {
      const t: TableAt = { ordinal: out.length, start: i, end: -1, rows: [] };
      out.push(t);
      open.push(t);
    } else if (ch === ROW_START) {
      const t = open.at(-1)!;
      closeCell(t, i);
      t.rows.push({ start: i, end: -1, cells: [] });
    } else if (ch === CELL_START) {
      const row = open.at(-1)!.rows.at(-1)!;
      const cell = row.cells.at(-1);
      if (cell) cell.end = i;
      row.cells.push({ start: i, end: -1 });
    } else if (ch === TABLE_END) {
      const t = open.pop()!;
      closeCell(t, i);
      t.end = i + 1;
    }
  }
  return out;
}

/**
 * Why a text is not a well-formed segment, or undefined when it is: paragraphs end in a newline;
 * a table follows a paragraph and is followed by one, has at least one row, every row the same
 * number of cells, and every cell ends with a paragraph; section breaks follow a newline, outside tables.
 */
export function malformed(text: string): string | undefined {
  let i = 0;
  const paragraph = () => {
    while (i < text.length && text[i] !== '\n') {
      if (isTableMark(text[i]) || isSectionBreak(text[i])) throw new Error('a paragraph cannot hold a table or section boundary');
      i++;
    }
    if (i >= text.length) throw new Error('the segment must end with a newline');
    i++;
  };
  const items = (inCell: boolean, stop: (ch: string) => boolean) => {
    let last: 'none' | 'paragraph' | 'table' = 'none';
    while (i < text.length && !stop(text[i])) {
      const ch = text[i];
      if (ch === TABLE_START) {
        if (last !== 'paragraph') throw new Error('a table must follow a paragraph');
        table();
        last = 'table';
      } else if (isSectionBreak(ch)) {
        if (inCell || text[i - 1] !== '\n') throw new Error('a section break must follow a newline outside tables');
        i++;
        paragraph();
        last = 'paragraph';
      } else {
        paragraph();
        last = 'paragraph';
      }
    }
    if (last !== 'paragraph') throw new Error(inCell ? 'a table cell must end with a paragraph' : 'a table must be followed by a paragraph');
  };
  const table = () => {
    i++;
    let columns = -1;
    if (text[i] !== ROW_START) throw new Error('a table must have a row');
    while (text[i] === ROW_START) {
      i++;
      let n = 0;
      while (text[i] === CELL_START) {
        i++;
        items(true, (ch) => ch === CELL_START || ch === ROW_START || ch === TABLE_END);
        n++;
      }
      if (!n || (columns >= 0 && n !== columns)) throw new Error('every row of a table must have the same number of cells');
      columns = n;
    }
    if (text[i] !== TABLE_END) throw new Error('a table must be closed');
    i++;
  };
  try {
    items(false, () => false);
    return i === text.length ? undefined : 'stray table mark';
  } catch (e) {
    return (e as Error).message;
  }
}

/** Resets the paragraphs and characters written at text offsets [a, b) to plain text, as new table cells start. */
function plain(d: DocumentRec, a: number, b: number): void {
  for (let k = a; k < b; k++) {
    d.runs![k] = '';
    if (d.text[k] !== '\n') continue;
    const p = paragraphAt(d.text, k);
    d.styles[p] = 'NORMAL_TEXT';
    d.paraStyles![p] = {};
    d.bullets![p] = null;
  }
}

const EMPTY_CELL = `${CELL_START}\n`;
const emptyRow = (columns: number) => ROW_START + EMPTY_CELL.repeat(columns);

/** Writes a table of empty cells at a body index, after a newline it adds (InsertTableRequest). */
export function insertTable(d: DocumentRec, index: number, rows: number, columns: number): void {
  normalize(d);
  const s = `\n${TABLE_START}${emptyRow(columns).repeat(rows)}${TABLE_END}`;
  insertText(d, index, s, { tables: [{}] });
  plain(d, index, index - 1 + s.length);
}

export const columnsOf = (t: TableAt) => t.rows[0].cells.length;

/** A table's record, its per-row, per-column and per-cell lists filled out to the table's size. */
export function rec(d: DocumentRec, t: TableAt): TableRec {
  const r = (normalize(d).tables![t.ordinal] ??= {});
  const rows = t.rows.length;
  const cols = columnsOf(t);
  const fit = <T>(a: T[] | undefined, n: number, make: () => T) => Array.from({ length: n }, (_, i) => a?.[i] ?? make());
  r.columns = fit(r.columns, cols, () => ({}));
  r.rowStyles = fit(r.rowStyles, rows, () => ({}));
  r.cellStyles = fit(r.cellStyles, rows, () => []).map((cells) => fit(cells, cols, () => ({})));
  r.merges ??= [];
  return r;
}

/** The merged block whose area holds a cell, if any. */
export const mergeAt = (r: TableRec, row: number, col: number) =>
  (r.merges ?? []).find((m) => row >= m.row && row < m.row + m.rowSpan && col >= m.col && col < m.col + m.colSpan);

/** Shifts rows (or columns) of merges and per-row (per-column) styles for `n` added (n > 0) or removed (n < 0) at `at`. */
function shiftMerges(r: TableRec, axis: 'row' | 'col', at: number, n: number): void {
  const span = axis === 'row' ? 'rowSpan' : 'colSpan';
  for (const m of r.merges ?? []) {
    if (n > 0) {
      if (m[axis] >= at) m[axis] += n;
      else if (m[axis] + m[span] > at) m[span] += n;
    } else if (at >= m[axis] && at < m[axis] + m[span]) m[span] -= 1;
    else if (m[axis] > at) m[axis] -= 1;
  }
  r.merges = (r.merges ?? []).filter((m) => m.rowSpan > 0 && m.colSpan > 0 && m.rowSpan * m.colSpan > 1);
}

const copyStyle = (s: Style | undefined): Style => structuredClone(s ?? {});

/** An empty row above or below row `row`, its cells styled like that row's (InsertTableRowRequest). */
export function insertRow(d: DocumentRec, t: TableAt, row: number, below: boolean): void {
  const r = rec(d, t);
  const at = below ? row + 1 : row;
  const off = below ? t.rows[row].end : t.rows[row].start;
  const s = emptyRow(columnsOf(t));
  insertText(d, off + 1, s);
  plain(d, off, off + s.length);
  r.rowStyles!.splice(at, 0, copyStyle(r.rowStyles![row]));
  r.cellStyles!.splice(at, 0, r.cellStyles![row].map(copyStyle));
  shiftMerges(r, 'row', at, 1);
}

/** An empty column left or right of column `col` in every row (InsertTableColumnRequest). */
export function insertColumn(d: DocumentRec, t: TableAt, col: number, right: boolean): void {
  const r = rec(d, t);
  const at = right ? col + 1 : col;
  // Last row first, so the offsets of earlier rows stay valid.
  for (const row of [...t.rows].reverse()) {
    const cell = row.cells[col];
    const off = right ? cell.end : cell.start;
    insertText(d, off + 1, EMPTY_CELL);
    plain(d, off, off + EMPTY_CELL.length);
  }
  r.columns!.splice(at, 0, {});
  for (const cells of r.cellStyles!) cells.splice(at, 0, copyStyle(cells[col]));
  shiftMerges(r, 'col', at, 1);
}

/** Removes a whole table, its marks and its cells' text. */
export function deleteTable(d: DocumentRec, t: TableAt): void {
  deleteRange(d, t.start + 1, t.end + 1);
}

/** Removes a row; a table's last row takes the table with it. */
export function deleteRow(d: DocumentRec, t: TableAt, row: number): void {
  if (t.rows.length === 1) return deleteTable(d, t);
  const r = rec(d, t);
  deleteRange(d, t.rows[row].start + 1, t.rows[row].end + 1);
  r.rowStyles!.splice(row, 1);
  r.cellStyles!.splice(row, 1);
  shiftMerges(r, 'row', row, -1);
}

/** Removes a column from every row; a table's last column takes the table with it. */
export function deleteColumn(d: DocumentRec, t: TableAt, col: number): void {
  if (columnsOf(t) === 1) return deleteTable(d, t);
  const r = rec(d, t);
  for (const row of [...t.rows].reverse()) deleteRange(d, row.cells[col].start + 1, row.cells[col].end + 1);
  r.columns!.splice(col, 1);
  for (const cells of r.cellStyles!) cells.splice(col, 1);
  shiftMerges(r, 'col', col, -1);
}

/**
 * Merges a block of cells: the text of every non-empty cell is gathered, in row order,
 * into the head (top-left) cell and the others are left empty (MergeTableCellsRequest).
 */
export function mergeCells(d: DocumentRec, t: TableAt, m: MergeRec): void {
  const r = rec(d, t);
  const content = (c: CellAt) => d.text.slice(c.start + 1, c.end);
  const covered: CellAt[] = [];
  for (let row = m.row; row < m.row + m.rowSpan; row++) for (let col = m.col; col < m.col + m.colSpan; col++) if (row !== m.row || col !== m.col) covered.push(t.rows[row].cells[col]);
  const moved = covered.map(content).filter((s) => s !== '\n').map((s) => s.slice(0, -1));
  // Later cells first; each keeps its last newline so the cell stays a paragraph.
  for (const c of [...covered].reverse()) if (c.end - 1 > c.start + 1) deleteRange(d, c.start + 2, c.end);
  if (moved.length) {
    const head = t.rows[m.row].cells[m.col];
    const joined = moved.join('\n');
    insertText(d, head.end, content(head) === '\n' ? joined : `\n${joined}`);
  }
  r.merges = [...(r.merges ?? []).filter((x) => !(x.row >= m.row && x.col >= m.col && x.row + x.rowSpan <= m.row + m.rowSpan && x.col + x.colSpan <= m.col + m.colSpan)), { ...m }];
}
