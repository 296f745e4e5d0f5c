/** Sheets v4 data sources (Connected Sheets) through googleapis: stored specs, DATA_SOURCE sheets, and executions that report failure because no BigQuery is reachable. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

const table = { bigQuery: { projectId: 'acme-billing', tableSpec: { tableProjectId: 'bigquery-public-data', datasetId: 'samples', tableId: 'shakespeare' } } };

async function connectedBook() {
  const { creds } = await freshTenant(l);
  // Adding, updating and refreshing a BigQuery data source needs bigquery.readonly besides the Sheets scope (AddDataSourceRequest reference).
  const { sheets } = clients(l, creds.tokens.adaConnectedSheets);
  const plain = clients(l, creds.accessToken).sheets;
  const id = (await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Connected' } } })).data.spreadsheetId!;
  const run = async (...requests: object[]) => (await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests } })).data.replies!;
  const get = async () => (await sheets.spreadsheets.get({ spreadsheetId: id })).data;
  return { sheets, plain, id, run, get };
}

describe('data sources', () => {
  it('addDataSource stores the spec, adds a DATA_SOURCE sheet, and reports the execution as FAILED: no query runs', async () => {
    const b = await connectedBook();
    const [reply] = await b.run({ addDataSource: { dataSource: { spec: table } } });
    const ds = reply.addDataSource!.dataSource!;
    expect(ds.spec).toEqual(table);
    expect(ds.dataSourceId).toMatch(/^\d+$/);
    expect(reply.addDataSource!.dataExecutionStatus).toMatchObject({ state: 'FAILED', errorCode: 'OBJECT_NOT_FOUND' });
    const got = await b.get();
    expect(got.dataSources).toEqual([{ dataSourceId: ds.dataSourceId, spec: table, sheetId: ds.sheetId }]);
    const sheet = got.sheets!.find((s) => s.properties!.sheetId === ds.sheetId)!;
    expect(sheet.properties).toMatchObject({ sheetType: 'DATA_SOURCE', index: 1, dataSourceSheetProperties: { dataSourceId: ds.dataSourceId, dataExecutionStatus: { state: 'FAILED', errorCode: 'OBJECT_NOT_FOUND' } } });
  });

  it('refuses a spec without a project or with both a query and a table, and a caller without a BigQuery scope', async () => {
    const b = await connectedBook();
    const noProject = await failure(b.run({ addDataSource: { dataSource: { spec: { bigQuery: { querySpec: { rawQuery: 'SELECT 1' } } } } } }));
    expect(noProject.status).toBe(400);
    expect(noProject.body.error.message).toMatch(/^Invalid requests\[0\]\.addDataSource: /);
    const both = await failure(b.run({ addDataSource: { dataSource: { spec: { bigQuery: { projectId: 'p', querySpec: { rawQuery: 'SELECT 1' }, tableSpec: table.bigQuery.tableSpec } } } } }));
    expect(both.status).toBe(400);
    const scope = await failure(b.plain.spreadsheets.batchUpdate({ spreadsheetId: b.id, requestBody: { requests: [{ addDataSource: { dataSource: { spec: table } } }] } }));
    expect(scope.status).toBe(403);
    expect(scope.body.error.status).toBe('PERMISSION_DENIED');
    expect((await b.get()).dataSources).toBeUndefined();
  });

  it('updateDataSource changes the spec through the mask; refresh without force fails at once on an object in error; delete takes the sheet', async () => {
    const b = await connectedBook();
    const [added] = await b.run({ addDataSource: { dataSource: { spec: table } } });
    const { dataSourceId, sheetId } = added.addDataSource!.dataSource!;
    const [updated] = await b.run({ updateDataSource: { dataSource: { dataSourceId, spec: { bigQuery: { projectId: 'acme-billing', querySpec: { rawQuery: 'SELECT 1' } } } }, fields: 'spec' } });
    expect(updated.updateDataSource!.dataSource!.spec).toEqual({ bigQuery: { projectId: 'acme-billing', querySpec: { rawQuery: 'SELECT 1' } } });
    expect(updated.updateDataSource!.dataExecutionStatus!.state).toBe('FAILED');
    const [lazy, forced] = await b.run({ refreshDataSource: { dataSourceId } }, { refreshDataSource: { dataSourceId, force: true } });
    expect(lazy.refreshDataSource!.statuses).toEqual([{ reference: { sheetId: String(sheetId) }, dataExecutionStatus: expect.objectContaining({ state: 'FAILED', errorCode: 'OBJECT_IN_ERROR_STATE' }) }]);
    expect(forced.refreshDataSource!.statuses![0].dataExecutionStatus).toMatchObject({ state: 'FAILED', errorCode: 'OBJECT_NOT_FOUND' });
    expect((await failure(b.run({ updateDataSource: { dataSource: { dataSourceId, sheetId: 5 }, fields: 'sheetId' } }))).status).toBe(400);
    await b.run({ deleteDataSource: { dataSourceId } });
    const got = await b.get();
    expect(got.dataSources).toBeUndefined();
    expect(got.sheets!.map((s) => s.properties!.sheetType)).toEqual(['GRID']);
    expect((await failure(b.run({ deleteDataSource: { dataSourceId } }))).status).toBe(400);
  });
});
