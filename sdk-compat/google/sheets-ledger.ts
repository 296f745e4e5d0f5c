// googleapis compat: keeping a ledger with the Sheets API — rows inserted and deleted under formulas and merges, array formulas that spill, and a BigQuery data source that cannot run here.
import type { Scenario } from '../types.js';
import { SDK, apis, onePlatform } from './common.js';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Sheets: ledger — insert/delete/move rows carry formulas and merges (#REF!), spilling arrays, data sources',
  async run(ctx, t) {
    const sheets = t.track(apis(ctx).sheets, 'sheets');
    const created = await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Ledger' }, sheets: [{ properties: { title: 'Entries', sheetId: 0 } }, { properties: { title: 'Totals', sheetId: 9 } }] } });
    const id = created.data.spreadsheetId!;
    await sheets.spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'USER_ENTERED', data: [
      { range: 'Entries!A1', values: [['Rent', 900], ['Food', 300], ['Fuel', 120], ['Gym', 40]] },
      { range: 'Totals!A1', values: [['=SUM(Entries!B1:B4)', '=Entries!B3']] },
    ] } });

    // Inserting a row inside the summed range grows it; the cell reference follows its row
    // (InsertDimensionRequest; https://support.google.com/docs/answer/54813).
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { mergeCells: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 3, endColumnIndex: 4 }, mergeType: 'MERGE_ALL' } },
      { insertDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
    ] } });
    const grown = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Totals!A1:B1', valueRenderOption: 'FORMULA' });
    const merged = await sheets.spreadsheets.get({ spreadsheetId: id, ranges: ['Entries'], fields: 'sheets(merges)' });
    t.checkEffect(
      JSON.stringify(grown.data.values) === JSON.stringify([['=SUM(Entries!B1:B5)', '=Entries!B4']]) && merged.data.sheets?.[0]?.merges?.[0]?.endRowIndex === 3,
      'formulas and the merge follow the inserted row',
      { formulas: grown.data.values, merges: merged.data.sheets?.[0]?.merges },
    );

    // Deleting the row a reference points at leaves #REF! in its place.
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteDimension: { range: { sheetId: 0, dimension: 'ROWS', startIndex: 3, endIndex: 4 } } }] } });
    const cut = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Totals!A1:B1', valueRenderOption: 'FORMULA' });
    const cutValues = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Totals!A1:B1', valueRenderOption: 'UNFORMATTED_VALUE' });
    t.checkEffect(
      JSON.stringify(cut.data.values) === JSON.stringify([['=SUM(Entries!B1:B4)', '=#REF!']]) && JSON.stringify(cutValues.data.values) === JSON.stringify([[1240, '#REF!']]),
      'a reference to a deleted row becomes #REF!; the sum shrinks',
      { formulas: cut.data.values, values: cutValues.data.values },
    );

    // SORT of a FILTER spills the rows left (https://support.google.com/docs/answer/3093150, answer/3093197).
    await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Totals!C1', valueInputOption: 'USER_ENTERED', requestBody: { values: [['=SORT(FILTER(Entries!A1:B4, Entries!B1:B4 > 0), 2, TRUE)']] } });
    const sorted = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Totals!C1:D4', valueRenderOption: 'UNFORMATTED_VALUE' });
    t.check(JSON.stringify(sorted.data.values) === JSON.stringify([['Gym', 40], ['Food', 300], ['Rent', 900]]), 'SORT spills three rows', sorted.data.values);

    // Data sources need a BigQuery scope; the twin reaches no BigQuery, so executions report FAILED.
    const connected = t.track(apis(ctx, ctx.credentials.tokens.adaConnectedSheets).sheets, 'sheets');
    const copy = await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Connected' } } });
    await t.expectError(
      () => sheets.spreadsheets.batchUpdate({ spreadsheetId: copy.data.spreadsheetId!, requestBody: { requests: [{ addDataSource: { dataSource: { spec: { bigQuery: { projectId: 'p', querySpec: { rawQuery: 'SELECT 1' } } } } } }] } }),
      onePlatform(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.'),
      'addDataSource without a BigQuery scope → 403',
    );
    const added = await connected.spreadsheets.batchUpdate({ spreadsheetId: copy.data.spreadsheetId!, requestBody: { requests: [{ addDataSource: { dataSource: { spec: { bigQuery: { projectId: 'p', querySpec: { rawQuery: 'SELECT 1' } } } } } }] } });
    const reply = added.data.replies?.[0]?.addDataSource;
    t.check(reply?.dataExecutionStatus?.state === 'FAILED' && !!reply.dataSource?.dataSourceId && typeof reply.dataSource.sheetId === 'number', 'the data source is stored; its execution failed', reply);
  },
};

export default scenario;
