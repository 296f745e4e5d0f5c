/** Sheets v4 through googleapis: A1 ranges, input and render options, append, batches, structural batchUpdate, errors. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

async function sheet(title = 'Book') {
  const { creds } = await freshTenant(l);
  const c = clients(l, creds.accessToken);
  const ss = await c.sheets.spreadsheets.create({ requestBody: { properties: { title } } });
  return { ...c, creds, id: ss.data.spreadsheetId!, created: ss.data };
}

describe('spreadsheets', () => {
  it('creates Sheet1 (1000×26, sheetId 0) and the spreadsheet is a Drive file', async () => {
    const { created, drive, id } = await sheet('Budget');
    expect(created.sheets).toEqual([{ properties: { sheetId: 0, title: 'Sheet1', index: 0, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } } }]);
    expect(created.spreadsheetUrl).toBe(`https://docs.google.com/spreadsheets/d/${id}/edit`);
    const f = await drive.files.get({ fileId: id, fields: 'name,mimeType' });
    expect(f.data).toEqual({ name: 'Budget', mimeType: 'application/vnd.google-apps.spreadsheet' });
  });

  it('RAW keeps strings, USER_ENTERED parses numbers, booleans, percentages and formulas', async () => {
    const { sheets, id } = await sheet();
    await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', valueInputOption: 'RAW', requestBody: { values: [['12', '=1+1']] } });
    await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A2', valueInputOption: 'USER_ENTERED', requestBody: { values: [['12', '=A2*2', 'true', '50%', "'007"]] } });
    const raw = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1:E2', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(raw.data.values).toEqual([['12', '=1+1'], [12, 24, true, 0.5, '007']]);
    const formatted = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A2:C2' });
    expect(formatted.data.values).toEqual([['12', '24', 'TRUE']]);
    const formulas = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'B2', valueRenderOption: 'FORMULA' });
    expect(formulas.data).toEqual({ range: 'Sheet1!B2', majorDimension: 'ROWS', values: [['=A2*2']] });
  });

  it('reads whole columns, trims empty edges, and transposes for COLUMNS', async () => {
    const { sheets, id } = await sheet();
    await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Sheet1!A1:B3', valueInputOption: 'RAW', requestBody: { values: [['a', 'b'], ['c', ''], ['e', 'f']] } });
    const cols = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1!A:B' });
    expect(cols.data).toEqual({ range: 'Sheet1!A1:B1000', majorDimension: 'ROWS', values: [['a', 'b'], ['c'], ['e', 'f']] });
    const t = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1:B3', majorDimension: 'COLUMNS' });
    expect(t.data.values).toEqual([['a', 'c', 'e'], ['b', '', 'f']]);
  });

  it('appends after the existing table and reports tableRange', async () => {
    const { sheets, id } = await sheet();
    await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', valueInputOption: 'RAW', requestBody: { values: [['name', 'qty'], ['apple', '3']] } });
    const app = await sheets.spreadsheets.values.append({ spreadsheetId: id, range: 'Sheet1!A:B', valueInputOption: 'USER_ENTERED', requestBody: { values: [['pear', '5']] } });
    expect(app.data).toMatchObject({ tableRange: 'Sheet1!A1:B2', updates: { updatedRange: 'Sheet1!A3:B3', updatedCells: 2 } });
    const all = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'A1:B10', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(all.data.values).toEqual([['name', 'qty'], ['apple', '3'], ['pear', 5]]);
  });

  it('batchUpdate/batchGet/batchClear values across sheets', async () => {
    const { sheets, id } = await sheet();
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'Data' } } }] } });
    const res = await sheets.spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'RAW', data: [{ range: 'Sheet1!A1', values: [['x']] }, { range: 'Data!B2:C2', values: [['y', 'z']] }] } });
    expect(res.data).toMatchObject({ totalUpdatedCells: 3, totalUpdatedSheets: 2 });
    const got = await sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Sheet1!A1', 'Data!A1:C2'] });
    expect(got.data.valueRanges!.map((v) => v.values)).toEqual([[['x']], [[], ['', 'y', 'z']]]);
    await sheets.spreadsheets.values.batchClear({ spreadsheetId: id, requestBody: { ranges: ['Data!A:C'] } });
    expect((await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Data!A1:C2' })).data.values).toBeUndefined();
  });
});

describe('structural batchUpdate', () => {
  it('adds, renames, resizes and deletes sheets, with replies', async () => {
    const { sheets, id } = await sheet();
    const add = await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'Q1', gridProperties: { rowCount: 10, columnCount: 5 } } } }] } });
    const q1 = add.data.replies![0].addSheet!.properties!;
    expect(q1).toMatchObject({ title: 'Q1', index: 1, gridProperties: { rowCount: 10, columnCount: 5 } });
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { updateSheetProperties: { properties: { sheetId: q1.sheetId, title: 'Quarter 1', gridProperties: { frozenRowCount: 1 } }, fields: 'title,gridProperties.frozenRowCount' } },
      { updateSpreadsheetProperties: { properties: { title: 'Renamed book' }, fields: 'title' } },
    ] } });
    const after = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'properties.title,sheets.properties(title,gridProperties)' });
    expect(after.data).toEqual({ properties: { title: 'Renamed book' }, sheets: [
      { properties: { title: 'Sheet1', gridProperties: { rowCount: 1000, columnCount: 26 } } },
      { properties: { title: 'Quarter 1', gridProperties: { rowCount: 10, columnCount: 5, frozenRowCount: 1 } } },
    ] });
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteSheet: { sheetId: 0 } }] } });
    const last = await failure(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteSheet: { sheetId: q1.sheetId } }] } }));
    expect(last.body).toEqual({ error: { code: 400, message: "Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.", status: 'INVALID_ARGUMENT' } });
  });

  it('is all-or-nothing: a failing request leaves earlier ones unapplied', async () => {
    const { sheets, id } = await sheet();
    const err = await failure(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ addSheet: { properties: { title: 'New' } } }, { addSheet: { properties: { title: 'Sheet1' } } }] } }));
    expect(err.body.error.message).toBe('Invalid requests[1].addSheet: A sheet with the name "Sheet1" already exists. Please enter another name.');
    const got = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.properties.title' });
    expect(got.data.sheets!.map((s) => s.properties!.title)).toEqual(['Sheet1']);
  });

  it('repeatCell writes a value over a range; get with includeGridData shows effective values', async () => {
    const { sheets, id } = await sheet();
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { repeatCell: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 }, cell: { userEnteredValue: { numberValue: 7 } }, fields: 'userEnteredValue' } },
      { updateCells: { start: { sheetId: 0, rowIndex: 2, columnIndex: 0 }, rows: [{ values: [{ userEnteredValue: { formulaValue: '=SUM(A1:A2)' } }] }], fields: 'userEnteredValue' } },
    ] } });
    const grid = await sheets.spreadsheets.get({ spreadsheetId: id, ranges: ['Sheet1!A3'], includeGridData: true });
    expect(grid.data.sheets![0].data![0].rowData![0].values![0]).toMatchObject({ userEnteredValue: { formulaValue: '=SUM(A1:A2)' }, effectiveValue: { numberValue: 14 }, formattedValue: '14' });
  });

  it('answers request kinds it does not model with 501 UNIMPLEMENTED', async () => {
    const { sheets, id } = await sheet();
    const err = await failure(sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ cancelDataSourceRefresh: { dataSourceId: '1' } }] } }));
    expect(err.status).toBe(501);
    expect(err.body.error.status).toBe('UNIMPLEMENTED');
  });
});

describe('errors', () => {
  it('uses Sheets messages with INVALID_ARGUMENT and no errors[]', async () => {
    const { sheets, id } = await sheet();
    const bad = await failure(sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Nope!A1' }));
    expect(bad.body).toEqual({ error: { code: 400, message: 'Unable to parse range: Nope!A1', status: 'INVALID_ARGUMENT' } });
    const grid = await failure(sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1001', valueInputOption: 'RAW', requestBody: { values: [['x']] } }));
    expect(grid.body.error.message).toBe("Range ('Sheet1'!A1001) exceeds grid limits. Max rows: 1000, max columns: 26");
    const noOption = await failure(sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1', requestBody: { values: [['x']] } }));
    expect(noOption.body.error.message).toBe("'valueInputOption' is required but not specified");
    const tooBig = await failure(sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'A1:B1', valueInputOption: 'RAW', requestBody: { values: [['1', '2', '3']] } }));
    expect(tooBig.body.error.message).toBe('Requested writing within range [Sheet1!A1:B1], but tried writing to column [C]');
  });

  it('403 PERMISSION_DENIED for a spreadsheet the caller cannot see, and for writes by a reader', async () => {
    const { creds, id } = await sheet();
    const bob = clients(l, creds.userTokens[`bob@${creds.domain}`]).sheets;
    const hidden = await failure(bob.spreadsheets.get({ spreadsheetId: id }));
    expect(hidden.body).toEqual({ error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } });
    const grace = clients(l, creds.userTokens[`grace@${creds.domain}`]);
    const budget = await grace.drive.files.list({ q: "name = 'Q3 Budget'", fields: 'files(id)' });
    const budgetId = budget.data.files![0].id!;
    const read = await grace.sheets.spreadsheets.values.get({ spreadsheetId: budgetId, range: 'Summary!A4:B4' });
    expect(read.data.values).toEqual([['Total', '128000']]);
    const write = await failure(grace.sheets.spreadsheets.values.update({ spreadsheetId: budgetId, range: 'Summary!A1', valueInputOption: 'RAW', requestBody: { values: [['x']] } }));
    expect(write.status).toBe(403);
  });
});
