/** Sheets v4 batchUpdate kinds that move cells or store sheet objects, read back through spreadsheets.get and values.get. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

async function book(rows: string[][]) {
  const { creds } = await freshTenant(l);
  const { sheets } = clients(l, creds.accessToken);
  const ss = await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Kinds' } } });
  const id = ss.data.spreadsheetId!;
  await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', valueInputOption: 'RAW', requestBody: { values: rows } });
  const run = async (...requests: object[]) => (await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } })).data.replies!;
  const values = async (range: string) => (await sheets.spreadsheets.values.get({ spreadsheetId: id, range })).data.values ?? [];
  const get = async () => (await sheets.spreadsheets.get({ spreadsheetId: id })).data;
  return { sheets, id, run, values, get };
}

describe('cells that move', () => {
  it('duplicateSheet copies cells and merges under a new id and "Copy of" name', async () => {
    const b = await book([['a', 'b'], ['c', 'd']]);
    await b.run({ mergeCells: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 }, mergeType: 'MERGE_ALL' } });
    const [reply] = await b.run({ duplicateSheet: { sourceSheetId: 0 } });
    const props = reply.duplicateSheet!.properties!;
    expect(props).toMatchObject({ title: 'Copy of Sheet1', index: 1, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } });
    expect(props.sheetId).not.toBe(0);
    expect(await b.values("'Copy of Sheet1'!A1:B2")).toEqual([['a'], ['c', 'd']]);
    const ss = await b.get();
    expect(ss.sheets![1].merges).toEqual([{ sheetId: props.sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 }]);
    const again = await failure(b.sheets.spreadsheets.batchUpdate({ spreadsheetId: b.id, requestBody: { requests: [{ duplicateSheet: { sourceSheetId: 0, newSheetName: 'Copy of Sheet1' } }] } }));
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe('Invalid requests[0].duplicateSheet: A sheet with the name "Copy of Sheet1" already exists. Please enter another name.');
  });

  it('insertRange shifts cells down within its columns; deleteRange closes the gap', async () => {
    const b = await book([['a1', 'b1'], ['a2', 'b2']]);
    await b.run({ insertRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1 }, shiftDimension: 'ROWS' } });
    expect(await b.values('A1:B3')).toEqual([['', 'b1'], ['a1', 'b2'], ['a2']]);
    expect((await b.get()).sheets![0].properties!.gridProperties!.rowCount).toBe(1001);
    await b.run({ deleteRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 1, endColumnIndex: 2 }, shiftDimension: 'COLUMNS' } });
    expect(await b.values('A1:B3')).toEqual([[], ['a1', 'b2'], ['a2']]);
    const bad = await failure(b.sheets.spreadsheets.batchUpdate({ spreadsheetId: b.id, requestBody: { requests: [{ insertRange: { range: { sheetId: 99, startRowIndex: 0, endRowIndex: 1 }, shiftDimension: 'ROWS' } }] } }));
    expect(bad.body.error.message).toBe('Invalid requests[0].insertRange: No grid with id: 99');
  });

  it('moveDimension moves rows and columns, counting the destination before the move', async () => {
    const b = await book([['r0'], ['r1'], ['r2'], ['r3']]);
    await b.run({ moveDimension: { source: { sheetId: 0, dimension: 'ROWS', startIndex: 0, endIndex: 1 }, destinationIndex: 3 } });
    expect(await b.values('A1:A4')).toEqual([['r1'], ['r2'], ['r0'], ['r3']]);
    await b.run({ moveDimension: { source: { sheetId: 0, dimension: 'ROWS', startIndex: 2, endIndex: 4 }, destinationIndex: 0 } });
    expect(await b.values('A1:A4')).toEqual([['r0'], ['r3'], ['r1'], ['r2']]);
    await b.run({ moveDimension: { source: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }, destinationIndex: 2 } });
    expect(await b.values('A1:B2')).toEqual([['', 'r0'], ['', 'r3']]);
  });

  it('deleteDuplicates reports the count and closes the rows up; trimWhitespace reports changed cells', async () => {
    const b = await book([['x', '1'], ['y', '2'], ['x', '3'], ['  z   w ', '4']]);
    const [dup] = await b.run({ deleteDuplicates: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 4, startColumnIndex: 0, endColumnIndex: 2 }, comparisonColumns: [{ sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 }] } });
    expect(dup).toEqual({ deleteDuplicates: { duplicatesRemovedCount: 1 } });
    expect(await b.values('A1:B4')).toEqual([['x', '1'], ['y', '2'], ['  z   w ', '4']]);
    const [trim] = await b.run({ trimWhitespace: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 4, startColumnIndex: 0, endColumnIndex: 2 } } });
    expect(trim).toEqual({ trimWhitespace: { cellsChangedCount: 1 } });
    expect(await b.values('A3')).toEqual([['z w']]);
    const [none] = await b.run({ deleteDuplicates: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 2 } } });
    expect(none).toEqual({ deleteDuplicates: {} });
  });
});

describe('stored sheet objects', () => {
  it('addChart stores a chart get returns; updateChartSpec, position and deleteEmbeddedObject change it', async () => {
    const b = await book([['k', 'v'], ['a', '1']]);
    const spec = { title: 'Sales', basicChart: { chartType: 'COLUMN', domains: [{ domain: { sourceRange: { sources: [{ sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 }] } } }] } };
    const [added] = await b.run({ addChart: { chart: { spec, position: { overlayPosition: { anchorCell: { sheetId: 0, rowIndex: 3, columnIndex: 1 } } } } } });
    const chart = added.addChart!.chart!;
    expect(chart.chartId).toBeGreaterThan(0);
    expect(chart.position).toEqual({ overlayPosition: { anchorCell: { rowIndex: 3, columnIndex: 1 }, widthPixels: 600, heightPixels: 371 } });
    await b.run({ updateChartSpec: { chartId: chart.chartId, spec: { ...spec, title: 'Revenue' } } });
    const [moved] = await b.run({ updateEmbeddedObjectPosition: { objectId: chart.chartId, newPosition: { overlayPosition: { widthPixels: 300 } }, fields: 'overlayPosition.widthPixels' } });
    expect(moved.updateEmbeddedObjectPosition!.position!.overlayPosition).toMatchObject({ anchorCell: { rowIndex: 3, columnIndex: 1 }, widthPixels: 300, heightPixels: 371 });
    const got = (await b.get()).sheets![0].charts!;
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ chartId: chart.chartId, spec: { title: 'Revenue' } });
    await b.run({ deleteEmbeddedObject: { objectId: chart.chartId } });
    expect((await b.get()).sheets![0].charts).toBeUndefined();
    const gone = await failure(b.sheets.spreadsheets.batchUpdate({ spreadsheetId: b.id, requestBody: { requests: [{ deleteEmbeddedObject: { objectId: chart.chartId } }] } }));
    expect(gone.body.error.message).toBe(`Invalid requests[0].deleteEmbeddedObject: No object with id: ${chart.chartId}`);
  });

  it('banding is stored with an id, refuses overlaps, updates and deletes', async () => {
    const b = await book([['h'], ['1']]);
    const range = { sheetId: 0, startRowIndex: 0, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 2 };
    const rowProperties = { firstBandColor: { red: 1, green: 1, blue: 1 }, secondBandColor: { red: 0.9, green: 0.9, blue: 0.9 } };
    const [added] = await b.run({ addBanding: { bandedRange: { range, rowProperties } } });
    const id = added.addBanding!.bandedRange!.bandedRangeId!;
    expect(added.addBanding!.bandedRange).toEqual({ bandedRangeId: id, range: { startRowIndex: 0, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 2 }, rowProperties });
    const overlap = await failure(b.sheets.spreadsheets.batchUpdate({ spreadsheetId: b.id, requestBody: { requests: [{ addBanding: { bandedRange: { range: { ...range, startRowIndex: 3, endRowIndex: 8 }, rowProperties } } }] } }));
    expect(overlap.status).toBe(400);
    await b.run({ updateBanding: { bandedRange: { bandedRangeId: id, range: { ...range, endRowIndex: 9 } }, fields: 'range' } });
    expect((await b.get()).sheets![0].bandedRanges).toEqual([{ bandedRangeId: id, range: { startRowIndex: 0, endRowIndex: 9, startColumnIndex: 0, endColumnIndex: 2 }, rowProperties }]);
    await b.run({ deleteBanding: { bandedRangeId: id } });
    expect((await b.get()).sheets![0].bandedRanges).toBeUndefined();
  });

  it('filter views: add, update title, duplicate, delete', async () => {
    const b = await book([['h'], ['1']]);
    const [added] = await b.run({ addFilterView: { filter: { title: 'Mine', range: { sheetId: 0, startRowIndex: 0, endRowIndex: 10, startColumnIndex: 0, endColumnIndex: 3 } } } });
    const view = added.addFilterView!.filter!;
    expect(view).toMatchObject({ title: 'Mine', range: { startRowIndex: 0, endRowIndex: 10, startColumnIndex: 0, endColumnIndex: 3 } });
    await b.run({ updateFilterView: { filter: { filterViewId: view.filterViewId, title: 'Ours' }, fields: 'title' } });
    const [dup] = await b.run({ duplicateFilterView: { filterId: view.filterViewId } });
    const copy = dup.duplicateFilterView!.filter!;
    expect(copy.filterViewId).not.toBe(view.filterViewId);
    expect((await b.get()).sheets![0].filterViews!.map((f) => f.title)).toEqual(['Ours', copy.title]);
    await b.run({ deleteFilterView: { filterId: view.filterViewId } });
    expect((await b.get()).sheets![0].filterViews!.map((f) => f.filterViewId)).toEqual([copy.filterViewId]);
  });
});

describe('cells written from other cells or text', () => {
  it('updateBorders sets outer and inner borders that get returns in userEnteredFormat', async () => {
    const b = await book([['a', 'b'], ['c', 'd']]);
    const solid = { style: 'SOLID', color: { red: 1 } };
    await b.run({ updateBorders: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 }, top: solid, innerHorizontal: { style: 'DASHED' } } });
    const got = await b.sheets.spreadsheets.get({ spreadsheetId: b.id, ranges: ['A1:B2'], includeGridData: true });
    const rows = got.data.sheets![0].data![0].rowData!;
    expect(rows[0].values![0].userEnteredFormat!.borders).toEqual({ top: { style: 'SOLID', width: 1, color: { red: 1 }, colorStyle: { rgbColor: { red: 1 } } }, bottom: { style: 'DASHED', width: 1, color: {}, colorStyle: { rgbColor: {} } } });
    expect(rows[1].values![1].userEnteredFormat!.borders).toEqual({ top: { style: 'DASHED', width: 1, color: {}, colorStyle: { rgbColor: {} } } });
    await b.run({ updateBorders: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 }, top: { style: 'NONE' } } });
    const cleared = await b.sheets.spreadsheets.get({ spreadsheetId: b.id, ranges: ['A1'], includeGridData: true });
    expect(cleared.data.sheets![0].data![0].rowData![0].values![0].userEnteredFormat!.borders).toEqual({ bottom: { style: 'DASHED', width: 1, color: {}, colorStyle: { rgbColor: {} } } });
  });

  it('textToColumns splits a column and parses numbers; pasteData writes delimited rows', async () => {
    const b = await book([['x;1;true'], ['y;2']]);
    await b.run({ textToColumns: { source: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 }, delimiterType: 'SEMICOLON' } });
    const got = await b.sheets.spreadsheets.values.get({ spreadsheetId: b.id, range: 'A1:C2', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(got.data.values).toEqual([['x', 1, true], ['y', 2]]);
    const wide = await failure(b.sheets.spreadsheets.batchUpdate({ spreadsheetId: b.id, requestBody: { requests: [{ textToColumns: { source: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 }, delimiterType: 'COMMA' } }] } }));
    expect(wide.status).toBe(400);
    await b.run({ pasteData: { coordinate: { sheetId: 0, rowIndex: 3, columnIndex: 1 }, data: 'p|=1+2\nq|3', delimiter: '|', type: 'PASTE_NORMAL' } });
    expect(await b.values('B4:C5')).toEqual([['p', '3'], ['q', '3']]);
  });

  it('autoFill continues number and text series and shifts relative formula references', async () => {
    const b = await book([]);
    await b.sheets.spreadsheets.values.update({ spreadsheetId: b.id, range: 'A1', valueInputOption: 'USER_ENTERED', requestBody: { values: [['1', 'Item 1', '=A1*2'], ['3', 'Item 2', '=A2*2']] } });
    await b.run({ autoFill: { sourceAndDestination: { source: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 3 }, dimension: 'ROWS', fillLength: 2 } } });
    const got = await b.sheets.spreadsheets.values.get({ spreadsheetId: b.id, range: 'A1:C4', valueRenderOption: 'FORMULA' });
    expect(got.data.values).toEqual([[1, 'Item 1', '=A1*2'], [3, 'Item 2', '=A2*2'], [5, 'Item 3', '=A3*2'], [7, 'Item 4', '=A4*2']]);
    expect(await b.values('C4')).toEqual([['14']]);
  });

  it('randomizeRange keeps the rows and only reorders them', async () => {
    const b = await book([['1', 'a'], ['2', 'b'], ['3', 'c'], ['4', 'd'], ['5', 'e']]);
    await b.run({ randomizeRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 2 } } });
    const rows = await b.values('A1:B5');
    expect([...rows].sort((x, y) => x[0].localeCompare(y[0]))).toEqual([['1', 'a'], ['2', 'b'], ['3', 'c'], ['4', 'd'], ['5', 'e']]);
  });

  it('updateConditionalFormatRule replaces a rule and moves one, answering old and new', async () => {
    const b = await book([['1']]);
    const rule = (v: string) => ({ ranges: [{ sheetId: 0, startRowIndex: 0, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 1 }], booleanRule: { condition: { type: 'NUMBER_GREATER', values: [{ userEnteredValue: v }] }, format: { textFormat: { bold: true } } } });
    await b.run({ addConditionalFormatRule: { rule: rule('1'), index: 0 } }, { addConditionalFormatRule: { rule: rule('2'), index: 1 } });
    const [replaced] = await b.run({ updateConditionalFormatRule: { sheetId: 0, index: 1, rule: rule('3') } });
    expect(replaced.updateConditionalFormatRule).toMatchObject({ newIndex: 1, oldRule: { booleanRule: { condition: { values: [{ userEnteredValue: '2' }] } } }, newRule: { booleanRule: { condition: { values: [{ userEnteredValue: '3' }] } } } });
    const [moved] = await b.run({ updateConditionalFormatRule: { sheetId: 0, index: 1, newIndex: 0 } });
    expect(moved.updateConditionalFormatRule).toMatchObject({ oldIndex: 1 });
    const cf = (await b.get()).sheets![0].conditionalFormats!;
    expect(cf.map((r) => r.booleanRule!.condition!.values![0].userEnteredValue)).toEqual(['3', '1']);
  });

  it('addSlicer stores a slicer; updateSlicerSpec changes it; deleteEmbeddedObject removes it', async () => {
    const b = await book([['k'], ['a']]);
    const [added] = await b.run({ addSlicer: { slicer: { spec: { dataRange: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 }, columnIndex: 0, title: 'Pick' }, position: { overlayPosition: { anchorCell: { sheetId: 0, rowIndex: 0, columnIndex: 3 } } } } } });
    const slicer = added.addSlicer!.slicer!;
    expect(slicer.slicerId).toBeGreaterThan(0);
    await b.run({ updateSlicerSpec: { slicerId: slicer.slicerId, spec: { title: 'Choose' }, fields: 'title' } });
    expect((await b.get()).sheets![0].slicers).toEqual([{ ...slicer, spec: { ...slicer.spec, title: 'Choose' } }]);
    await b.run({ deleteEmbeddedObject: { objectId: slicer.slicerId } });
    expect((await b.get()).sheets![0].slicers).toBeUndefined();
  });
});
