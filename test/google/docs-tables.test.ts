/** Docs v1 tables, footnotes, section styles and suggestions view modes through googleapis, each read back with documents.get. */
import { describe, expect, it } from 'vitest';
import type { docs_v1 } from 'googleapis';
import { failure, useDocs } from './helpers.js';

const doc = useDocs();

type Cell = docs_v1.Schema$TableCell;
const tableOf = (d: docs_v1.Schema$Document) => d.body!.content!.find((e) => e.table)!;
const cellText = (c: Cell) => (c.content ?? []).map((p) => (p.paragraph?.elements ?? []).map((e) => e.textRun?.content ?? '').join('')).join('');
const grid = (d: docs_v1.Schema$Document) => tableOf(d).table!.tableRows!.map((r) => r.tableCells!.map(cellText));
const at = (start: number, rowIndex = 0, columnIndex = 0) => ({ tableStartLocation: { index: start }, rowIndex, columnIndex });

describe('insertTable', () => {
  it('adds a newline, then the table: one index for the table, each row and cell, and its end (a 2x2 table spans 12)', async () => {
    const d = await doc('Intro');
    // Index 6 is the end of "Intro": the table follows a new, empty paragraph there.
    const reply = (await d.update([{ insertTable: { location: { index: 6 }, rows: 2, columns: 2 } }])).data;
    expect(reply.replies).toEqual([{}]);
    const got = await d.get();
    const t = tableOf(got);
    expect([t.startIndex, t.endIndex, t.table!.rows, t.table!.columns]).toEqual([7, 19, 2, 2]);
    expect(t.table!.tableRows!.map((r) => [r.startIndex, r.endIndex, r.tableCells!.map((c) => [c.startIndex, c.endIndex, c.content![0].startIndex])])).toEqual([
      [8, 13, [[9, 11, 10], [11, 13, 12]]],
      [13, 18, [[14, 16, 15], [16, 18, 17]]],
    ]);
    expect(t.table!.tableStyle!.tableColumnProperties).toEqual([{ widthType: 'EVENLY_DISTRIBUTED' }, { widthType: 'EVENLY_DISTRIBUTED' }]);
    expect(t.table!.tableRows![0].tableCells![0].tableCellStyle).toMatchObject({ rowSpan: 1, columnSpan: 1, contentAlignment: 'TOP' });
    // The paragraph that held the rest of "Intro"'s line follows the table.
    expect(got.body!.content!.at(-1)).toMatchObject({ startIndex: 19, endIndex: 20 });
  });

  it('fills cells by index, last cell first, and moves what follows; text at a table mark is refused', async () => {
    const d = await doc('');
    await d.update([{ insertTable: { endOfSegmentLocation: {}, rows: 2, columns: 2 } }]);
    // Table at 2: cell contents at 5, 7 (row 1) and 10, 12 (row 2).
    await d.update([12, 10, 7, 5].map((index, i) => ({ insertText: { location: { index }, text: ['d', 'c', 'b', 'a'][i] } })));
    expect(grid(await d.get())).toEqual([['a\n', 'b\n'], ['c\n', 'd\n']]);
    const bad = await failure(d.update([{ insertText: { location: { index: 4 }, text: 'x' } }]));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^Invalid requests\[0\]\.insertText: Index 4 is not inside the bounds of an existing paragraph/);
    expect((await failure(d.update([{ insertTable: { location: { index: 1 }, rows: 0, columns: 2 } }]))).status).toBe(400);
  });

  it('deleting a whole table is one range; a range cutting into it, or emptying a cell, is refused', async () => {
    const d = await doc('A');
    await d.update([{ insertTable: { location: { index: 2 }, rows: 1, columns: 2 } }]);
    const t = tableOf(await d.get());
    const cut = await failure(d.update([{ deleteContentRange: { range: { startIndex: t.startIndex! + 1, endIndex: t.endIndex! } } }]));
    expect(cut.status).toBe(400);
    const cell = t.table!.tableRows![0].tableCells![0];
    expect((await failure(d.update([{ deleteContentRange: { range: { startIndex: cell.startIndex! + 1, endIndex: cell.endIndex! } } }]))).status).toBe(400);
    await d.update([{ deleteContentRange: { range: { startIndex: t.startIndex!, endIndex: t.endIndex! } } }]);
    const after = await d.get();
    expect(after.body!.content!.some((e) => e.table)).toBe(false);
    expect(after.body!.content!.at(-1)!.endIndex).toBe(4);
  });
});

describe('rows and columns', () => {
  it('inserts and deletes rows and columns around a reference cell, shifting every later index', async () => {
    const d = await doc('');
    await d.update([{ insertTable: { endOfSegmentLocation: {}, rows: 2, columns: 2 } }]);
    await d.update([12, 10, 7, 5].map((index, i) => ({ insertText: { location: { index }, text: ['d', 'c', 'b', 'a'][i] } })));
    await d.update([{ insertTableRow: { tableCellLocation: at(2, 0, 1), insertBelow: true } }]);
    expect(grid(await d.get())).toEqual([['a\n', 'b\n'], ['\n', '\n'], ['c\n', 'd\n']]);
    await d.update([{ insertTableColumn: { tableCellLocation: at(2, 0, 0), insertRight: false } }]);
    let got = await d.get();
    expect(grid(got)).toEqual([['\n', 'a\n', 'b\n'], ['\n', '\n', '\n'], ['\n', 'c\n', 'd\n']]);
    // 3 rows of 3 empty-or-one-letter cells: 2 + 3 * (1 + 3 * 2) + 4 letters = 27 indexes from 2.
    expect(tableOf(got).endIndex).toBe(29);
    expect(got.body!.content!.at(-1)).toMatchObject({ startIndex: 29, endIndex: 30 });
    await d.update([{ deleteTableRow: { tableCellLocation: at(2, 1, 0) } }, { deleteTableColumn: { tableCellLocation: at(2, 0, 2) } }]);
    got = await d.get();
    expect(grid(got)).toEqual([['\n', 'a\n'], ['\n', 'c\n']]);
    expect(tableOf(got).table!.tableStyle!.tableColumnProperties).toHaveLength(2);
    const bad = await failure(d.update([{ insertTableRow: { tableCellLocation: at(2, 5, 0) } }]));
    expect(bad.body.error.message).toMatch(/^Invalid requests\[0\]\.insertTableRow: Invalid row index 5/);
    expect((await failure(d.update([{ deleteTableRow: { tableCellLocation: at(3, 0, 0) } }]))).body.error.message).toMatch(/Invalid table start location/);
  });

  it('deleting the last row removes the table', async () => {
    const d = await doc('');
    await d.update([{ insertTable: { endOfSegmentLocation: {}, rows: 1, columns: 1 } }]);
    await d.update([{ deleteTableRow: { tableCellLocation: at(2) } }]);
    expect((await d.get()).body!.content!.some((e) => e.table)).toBe(false);
  });
});

describe('merges and styles', () => {
  it('merges gather the cells’ text into the head cell with its spans; unmerge keeps the text in the head', async () => {
    const d = await doc('');
    await d.update([{ insertTable: { endOfSegmentLocation: {}, rows: 2, columns: 2 } }]);
    await d.update([12, 10, 7, 5].map((index, i) => ({ insertText: { location: { index }, text: ['d', 'c', 'b', 'a'][i] } })));
    await d.update([{ mergeTableCells: { tableRange: { tableCellLocation: at(2), rowSpan: 2, columnSpan: 1 } } }]);
    let got = await d.get();
    expect(grid(got)).toEqual([['a\nc\n', 'b\n'], ['\n', 'd\n']]);
    expect(tableOf(got).table!.tableRows![0].tableCells![0].tableCellStyle).toMatchObject({ rowSpan: 2, columnSpan: 1 });
    const partial = await failure(d.update([{ mergeTableCells: { tableRange: { tableCellLocation: at(2, 1, 0), rowSpan: 1, columnSpan: 2 } } }]));
    expect(partial.body.error.message).toMatch(/partially overlaps merged cells/);
    await d.update([{ unmergeTableCells: { tableRange: { tableCellLocation: at(2), rowSpan: 2, columnSpan: 2 } } }]);
    got = await d.get();
    expect(tableOf(got).table!.tableRows![0].tableCells![0].tableCellStyle).toMatchObject({ rowSpan: 1, columnSpan: 1 });
    expect(grid(got)[0][0]).toBe('a\nc\n');
  });

  it('cell, row and column styles land on the cells named, and pinned header rows are header rows', async () => {
    const d = await doc('');
    await d.update([{ insertTable: { endOfSegmentLocation: {}, rows: 3, columns: 2 } }]);
    await d.update([
      { updateTableCellStyle: { tableRange: { tableCellLocation: at(2, 0, 1), rowSpan: 2, columnSpan: 1 }, tableCellStyle: { backgroundColor: { color: { rgbColor: { red: 1 } } }, contentAlignment: 'MIDDLE' }, fields: 'backgroundColor,contentAlignment' } },
      { updateTableColumnProperties: { tableStartLocation: { index: 2 }, columnIndices: [0], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 90, unit: 'PT' } }, fields: 'width,widthType' } },
      { updateTableRowStyle: { tableStartLocation: { index: 2 }, rowIndices: [2], tableRowStyle: { minRowHeight: { magnitude: 40, unit: 'PT' } }, fields: 'minRowHeight' } },
      { pinTableHeaderRows: { tableStartLocation: { index: 2 }, pinnedHeaderRowsCount: 1 } },
    ]);
    const t = tableOf(await d.get()).table!;
    const styled = t.tableRows!.map((r) => r.tableCells!.map((c) => c.tableCellStyle!.contentAlignment));
    expect(styled).toEqual([['TOP', 'MIDDLE'], ['TOP', 'MIDDLE'], ['TOP', 'TOP']]);
    expect(t.tableRows![0].tableCells![1].tableCellStyle!.backgroundColor).toEqual({ color: { rgbColor: { red: 1 } } });
    expect(t.tableStyle!.tableColumnProperties).toEqual([{ widthType: 'FIXED_WIDTH', width: { magnitude: 90, unit: 'PT' } }, { widthType: 'EVENLY_DISTRIBUTED' }]);
    expect(t.tableRows!.map((r) => r.tableRowStyle)).toEqual([{ minRowHeight: { unit: 'PT' }, tableHeader: true }, { minRowHeight: { unit: 'PT' } }, { minRowHeight: { magnitude: 40, unit: 'PT' } }]);
    // Row spans are output only; a column under 5 points is refused (UpdateTableColumnPropertiesRequest).
    expect((await failure(d.update([{ updateTableCellStyle: { tableStartLocation: { index: 2 }, tableCellStyle: { rowSpan: 2 }, fields: 'rowSpan' } }]))).status).toBe(400);
    expect((await failure(d.update([{ updateTableColumnProperties: { tableStartLocation: { index: 2 }, columnIndices: [], tableColumnProperties: { widthType: 'FIXED_WIDTH', width: { magnitude: 2, unit: 'PT' } }, fields: 'width,widthType' } }]))).status).toBe(400);
    expect((await failure(d.update([{ pinTableHeaderRows: { tableStartLocation: { index: 2 }, pinnedHeaderRowsCount: 4 } }]))).status).toBe(400);
  });
});

describe('footnotes, sections and positioned objects', () => {
  it('createFootnote adds a one-index reference and a footnote segment holding a space and a newline, edited through its segment id', async () => {
    const d = await doc('Claim');
    const reply = (await d.update([{ createFootnote: { location: { index: 6 } } }])).data;
    const footnoteId = reply.replies![0].createFootnote!.footnoteId!;
    expect(footnoteId).toBeTruthy();
    await d.update([{ insertText: { location: { segmentId: footnoteId, index: 1 }, text: 'Source.' } }]);
    const got = await d.get();
    const els = got.body!.content![1].paragraph!.elements!;
    expect(els.map((e) => [e.startIndex, e.endIndex, e.textRun?.content ?? e.footnoteReference])).toEqual([
      [1, 6, 'Claim'],
      [6, 7, { footnoteId, footnoteNumber: '1', textStyle: {} }],
      [7, 8, '\n'],
    ]);
    expect(got.footnotes![footnoteId].footnoteId).toBe(footnoteId);
    expect(got.footnotes![footnoteId].content![0].paragraph!.elements![0].textRun!.content).toBe(' Source.\n');
    // Deleting the reference deletes the footnote.
    await d.update([{ deleteContentRange: { range: { startIndex: 6, endIndex: 7 } } }]);
    expect((await d.get()).footnotes).toBeUndefined();
    expect((await failure(d.update([{ createFootnote: { location: { segmentId: 'kix.nope', index: 1 } } }]))).status).toBe(400);
  });

  it('updateSectionStyle sets the section the range is in; positioned objects cannot be named', async () => {
    const d = await doc('One\nTwo');
    await d.update([{ insertSectionBreak: { location: { index: 5 }, sectionType: 'NEXT_PAGE' } }]);
    await d.update([{ updateSectionStyle: { range: { startIndex: 7, endIndex: 8 }, sectionStyle: { marginLeft: { magnitude: 36, unit: 'PT' }, columnSeparatorStyle: 'BETWEEN_EACH_COLUMN' }, fields: 'marginLeft,columnSeparatorStyle' } }]);
    const breaks = (await d.get()).body!.content!.filter((e) => e.sectionBreak).map((e) => e.sectionBreak!.sectionStyle);
    expect(breaks).toEqual([
      { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' },
      { columnSeparatorStyle: 'BETWEEN_EACH_COLUMN', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'NEXT_PAGE', marginLeft: { magnitude: 36, unit: 'PT' } },
    ]);
    expect((await failure(d.update([{ updateSectionStyle: { range: { startIndex: 1, endIndex: 2 }, sectionStyle: { defaultHeaderId: 'x' }, fields: 'defaultHeaderId' } }]))).status).toBe(400);
    const gone = await failure(d.update([{ deletePositionedObject: { objectId: 'kix.none' } }]));
    expect(gone.body.error.message).toBe('Invalid requests[0].deletePositionedObject: The positioned object ID kix.none is invalid.');
  });
});

describe('suggestionsViewMode (documents.get)', () => {
  it('reports the mode applied: inline for editors by default, the view chosen otherwise, 400 for an unknown one', async () => {
    const d = await doc('Text');
    const inline = await d.get();
    expect(inline.suggestionsViewMode).toBe('SUGGESTIONS_INLINE');
    for (const mode of ['PREVIEW_SUGGESTIONS_ACCEPTED', 'PREVIEW_WITHOUT_SUGGESTIONS']) {
      const got = await d.get(mode);
      expect(got.suggestionsViewMode).toBe(mode);
      // No suggestions are stored, so every view has the same content.
      expect(got.body).toEqual(inline.body);
    }
    expect((await failure(d.get('SHOW_EVERYTHING'))).status).toBe(400);
  });
});
