/** Sheets v4: inserting, deleting and moving rows and columns carries merges, ranges, sheet objects and formulas along, with #REF! where cells a formula names are deleted. */
import { describe, expect, it } from 'vitest';
import { clients, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

const rng = (r1: number, r2: number, c1: number, c2: number, sheetId?: number) => ({ ...(sheetId ? { sheetId } : {}), startRowIndex: r1, endRowIndex: r2, startColumnIndex: c1, endColumnIndex: c2 });

async function book() {
  const { creds } = await freshTenant(l);
  const { sheets } = clients(l, creds.accessToken);
  const id = (await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Shift' }, sheets: [{ properties: { title: 'Data' } }, { properties: { title: 'Report', sheetId: 7 } }] } })).data.spreadsheetId!;
  const run = async (...requests: object[]) => (await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } })).data.replies!;
  const formulas = async (range: string) => (await sheets.spreadsheets.values.get({ spreadsheetId: id, range, valueRenderOption: 'FORMULA' })).data.values ?? [];
  const values = async (range: string) => (await sheets.spreadsheets.values.get({ spreadsheetId: id, range })).data.values ?? [];
  const get = async () => (await sheets.spreadsheets.get({ spreadsheetId: id })).data;
  const dataId = (await get()).sheets![0].properties!.sheetId!;
  await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Data!A1', valueInputOption: 'USER_ENTERED', requestBody: { values: [[1, '=SUM(A1:A5)'], [2, '=A3*10'], [3, '=$A$4'], [4], [5]] } });
  await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Report!A1', valueInputOption: 'USER_ENTERED', requestBody: { values: [['=Data!A2', "=SUM('Data'!A2:A3)", '=SUM(Data!B:B)', '="A3 stays"']] } });
  return { sheets, id, run, formulas, values, get, dataId };
}

describe('insertDimension', () => {
  it('rows inserted inside a range grow it; ranges below move down; formulas on every sheet follow their cells', async () => {
    const b = await book();
    const d = b.dataId;
    await b.run(
      { mergeCells: { range: rng(1, 3, 3, 4, d), mergeType: 'MERGE_ALL' } },
      { addNamedRange: { namedRange: { name: 'Top', range: rng(0, 2, 0, 1, d) } } },
      { addProtectedRange: { protectedRange: { range: rng(3, 5, 0, 1, d), warningOnly: true } } },
      { addConditionalFormatRule: { rule: { ranges: [rng(0, 5, 0, 1, d)], booleanRule: { condition: { type: 'NUMBER_GREATER', values: [{ userEnteredValue: '2' }] }, format: { textFormat: { bold: true } } } }, index: 0 } },
      { addFilterView: { filter: { title: 'F', range: rng(0, 5, 0, 2, d) } } },
      { addBanding: { bandedRange: { range: rng(6, 8, 0, 2, d), rowProperties: { firstBandColor: { red: 1 } } } } },
      { addChart: { chart: { spec: { title: 'C', basicChart: { chartType: 'COLUMN', domains: [{ domain: { sourceRange: { sources: [rng(0, 5, 0, 1, d)] } } }] } }, position: { overlayPosition: { anchorCell: { sheetId: d, rowIndex: 5, columnIndex: 2 } } } } } },
    );
    // Two rows before the third row (index 2).
    await b.run({ insertDimension: { range: { sheetId: d, dimension: 'ROWS', startIndex: 2, endIndex: 4 }, inheritFromBefore: true } });
    const ss = await b.get();
    const data = ss.sheets![0];
    expect(data.merges).toEqual([rng(1, 5, 3, 4, d)]);
    expect(ss.namedRanges![0].range).toEqual(rng(0, 2, 0, 1, d));
    expect(data.protectedRanges![0].range).toEqual(rng(5, 7, 0, 1, d));
    expect(data.conditionalFormats![0].ranges).toEqual([rng(0, 7, 0, 1, d)]);
    expect(data.filterViews![0].range).toEqual(rng(0, 7, 0, 2, d));
    expect(data.bandedRanges![0].range).toEqual(rng(8, 10, 0, 2, d));
    expect(data.charts![0].position!.overlayPosition!.anchorCell!.rowIndex).toBe(7);
    expect(data.charts![0].spec!.basicChart!.domains![0].domain!.sourceRange!.sources).toEqual([rng(0, 7, 0, 1, d)]);
    expect(await b.formulas('Data!B1:B2')).toEqual([['=SUM(A1:A7)'], ['=A5*10']]);
    expect(await b.formulas('Data!B5')).toEqual([['=$A$6']]);
    // Text in quotes is not a reference; whole columns do not move with rows.
    expect(await b.formulas('Report!A1:D1')).toEqual([['=Data!A2', "=SUM('Data'!A2:A5)", '=SUM(Data!B:B)', '="A3 stays"']]);
    expect(await b.values('Report!A1:B1')).toEqual([['2', '5']]);
  });

  it('columns inserted before a whole-column reference move it right', async () => {
    const b = await book();
    await b.run({ insertDimension: { range: { sheetId: b.dataId, dimension: 'COLUMNS', startIndex: 0, endIndex: 1 } } });
    expect(await b.formulas('Report!A1:C1')).toEqual([['=Data!B2', "=SUM('Data'!B2:B3)", '=SUM(Data!C:C)']]);
    expect(await b.formulas('Data!C1:C2')).toEqual([['=SUM(B1:B5)'], ['=B3*10']]);
  });
});

describe('deleteDimension and moveDimension', () => {
  it('deleting rows shrinks ranges, drops what is all deleted, and turns references to deleted cells into #REF!', async () => {
    const b = await book();
    const d = b.dataId;
    await b.run(
      { mergeCells: { range: rng(1, 3, 3, 4, d), mergeType: 'MERGE_ALL' } },
      { addConditionalFormatRule: { rule: { ranges: [rng(1, 3, 0, 1, d), rng(0, 5, 1, 2, d)], booleanRule: { condition: { type: 'NOT_BLANK' }, format: { textFormat: { italic: true } } } }, index: 0 } },
      { addNamedRange: { namedRange: { name: 'Gone', range: rng(1, 3, 0, 1, d) } } },
    );
    // Rows 2 and 3 (indexes 1-2) go.
    await b.run({ deleteDimension: { range: { sheetId: d, dimension: 'ROWS', startIndex: 1, endIndex: 3 } } });
    const ss = await b.get();
    expect(ss.sheets![0].merges).toBeUndefined();
    expect(ss.sheets![0].conditionalFormats![0].ranges).toEqual([rng(0, 3, 1, 2, d)]);
    expect(ss.namedRanges).toBeUndefined();
    expect(await b.formulas('Data!A1:B2')).toEqual([[1, '=SUM(A1:A3)'], [4]]);
    expect(await b.formulas('Report!A1:B1')).toEqual([['=#REF!', '=SUM(#REF!)']]);
    expect(await b.values('Report!A1:B1')).toEqual([['#REF!', '#REF!']]);
    expect(await b.values('Data!B1')).toEqual([['10']]);
  });

  it('moving a row carries the references to it', async () => {
    const b = await book();
    // Row 2 (index 1) to after row 4: it becomes row 4.
    await b.run({ moveDimension: { source: { sheetId: b.dataId, dimension: 'ROWS', startIndex: 1, endIndex: 2 }, destinationIndex: 4 } });
    expect(await b.formulas('Report!A1')).toEqual([['=Data!A4']]);
    expect(await b.values('Report!A1')).toEqual([['2']]);
  });

  it('deleteRange shifts references inside its columns only', async () => {
    const b = await book();
    await b.run({ deleteRange: { range: rng(0, 1, 0, 1, b.dataId), shiftDimension: 'ROWS' } });
    expect(await b.formulas('Report!A1')).toEqual([['=Data!A1']]);
    expect(await b.formulas('Data!B2')).toEqual([['=A2*10']]);
  });
});
