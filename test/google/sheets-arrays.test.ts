/** Sheets v4 formulas with array results: array literals and array functions spill into the cells beside them, and show #REF! when data is in the way. */
import { describe, expect, it } from 'vitest';
import { clients, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

async function book(rows: unknown[][]) {
  const { creds } = await freshTenant(l);
  const { sheets } = clients(l, creds.accessToken);
  const id = (await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Arrays' } } })).data.spreadsheetId!;
  await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', valueInputOption: 'USER_ENTERED', requestBody: { values: rows } });
  const values = async (range: string, valueRenderOption = 'UNFORMATTED_VALUE') => (await sheets.spreadsheets.values.get({ spreadsheetId: id, range, valueRenderOption })).data.values ?? [];
  const put = (range: string, v: unknown[][]) => sheets.spreadsheets.values.update({ spreadsheetId: id, range, valueInputOption: 'USER_ENTERED', requestBody: { values: v } });
  return { sheets, id, values, put };
}

describe('spilling (https://support.google.com/docs/answer/6208276)', () => {
  it('SEQUENCE and array literals spill right and down; other formulas read the spilled cells', async () => {
    const b = await book([['=SEQUENCE(3, 2)', '', '', '={1,2;3,4}'], [], [], ['=B3+E2']]);
    expect(await b.values('A1:E4')).toEqual([[1, 2, '', 1, 2], [3, 4, '', 3, 4], [5, 6], [10]]);
    // A spilled cell holds no formula of its own.
    expect(await b.values('A1:B2', 'FORMULA')).toEqual([['=SEQUENCE(3, 2)', 2], [3, 4]]);
  });

  it('data in the way stops the spill and the formula shows #REF!', async () => {
    const b = await book([['=SEQUENCE(2, 2)'], ['', 'x']]);
    expect(await b.values('A1:B2')).toEqual([['#REF!'], ['', 'x']]);
    await b.put('B2', [['']]);
    expect(await b.values('A1:B2')).toEqual([[1, 2], [3, 4]]);
  });

  it('FILTER, SORT, UNIQUE, TRANSPOSE, SPLIT and ARRAYFORMULA', async () => {
    const b = await book([
      ['pear', 3, '=FILTER(A1:A4, B1:B4 > 2)', '=SORT(A1:B4, 2, FALSE)', '', '=UNIQUE(A1:A4)', '=TRANSPOSE(B1:B2)', '', '=SPLIT("a,b;3", ",;")'],
      ['fig', 1],
      ['pear', 5],
      ['kiwi', 2, '', '', '', '', '=ARRAYFORMULA(B1:B4 * 10)'],
    ]);
    expect(await b.values('C1:C3')).toEqual([['pear'], ['pear']]);
    expect(await b.values('D1:E4')).toEqual([['pear', 5], ['pear', 3], ['kiwi', 2], ['fig', 1]]);
    expect(await b.values('F1:F4')).toEqual([['pear'], ['fig'], ['kiwi']]);
    expect(await b.values('G1:H1')).toEqual([[3, 1]]);
    expect(await b.values('I1:K1')).toEqual([['a', 'b', 3]]);
    expect(await b.values('G4:G7')).toEqual([[30], [10], [50], [20]]);
    // No row matches: FILTER answers #N/A.
    await b.put('L1', [['=FILTER(A1:A4, B1:B4 > 100)']]);
    expect(await b.values('L1')).toEqual([['#N/A']]);
    // A blank cell (B5) compares as blank, not as an error.
    await b.put('L2', [['=JOIN(",", ARRAYFORMULA(B1:B5 > 2))']]);
    expect(await b.values('L2')).toEqual([['TRUE,FALSE,TRUE,FALSE,FALSE']]);
  });

  it('spreadsheets.get grid data shows spilled values without a userEnteredValue', async () => {
    const b = await book([['={7,8}']]);
    const got = await b.sheets.spreadsheets.get({ spreadsheetId: b.id, ranges: ['A1:B1'], includeGridData: true });
    const cells = got.data.sheets![0].data![0].rowData![0].values!;
    expect(cells[0].userEnteredValue).toEqual({ formulaValue: '={7,8}' });
    expect(cells[1]).toEqual({ effectiveValue: { numberValue: 8 }, formattedValue: '8' });
  });
});
