/** batchUpdate request kinds for BigQuery data sources (Connected Sheets): add, update, refresh, delete, each with its DATA_SOURCE sheet. */
/*
 * Shapes: https://developers.google.com/workspace/sheets/api/reference/rest/v4/spreadsheets/request
 * (AddDataSourceRequest, UpdateDataSourceRequest, RefreshDataSourceRequest, DeleteDataSourceRequest)
 * and .../spreadsheets#DataExecutionStatus. Adding a data source creates its DATA_SOURCE sheet and
 * starts an execution; adding, updating and refreshing need the bigquery.readonly scope as well.
 *
 * The twin reaches no BigQuery: no query ever runs. Every execution ends FAILED with
 * OBJECT_NOT_FOUND (the project, dataset or table the spec names is not found) and the sheet
 * holds no rows; a refresh without `force` of an object already in error answers
 * OBJECT_IN_ERROR_STATE, as the reference says it fails immediately.
 */
import { E } from '../../errors.js';
import { newSheet, newSheetId, type DataExecutionStatus, type DataSourceRec } from '../model/spreadsheets.js';
import { presentDataSource } from '../present/spreadsheet.js';
import { covers, maskPaths, obj, reindex, type Req, type Step } from './batch-step.js';

export const BIGQUERY_SCOPES = ['https://www.googleapis.com/auth/bigquery.readonly', 'https://www.googleapis.com/auth/bigquery', 'https://www.googleapis.com/auth/cloud-platform'];

function needBigQuery(s: Step): void {
  if (!s.scopes?.some((x) => BIGQUERY_SCOPES.includes(x))) throw E.insufficientScopes('sheets', [BIGQUERY_SCOPES[0]]);
}

/** A BigQuery spec needs a project and exactly one of a query or a table. */
function checkSpec(s: Step, spec: Req): void {
  const bq = obj(spec.bigQuery);
  if (!spec.bigQuery) throw s.fail('The data source spec must be set: only BigQuery data sources are supported.');
  if (typeof bq.projectId !== 'string' || !bq.projectId) throw s.fail('BigQuery project ID must be specified.');
  const query = obj(bq.querySpec);
  const table = obj(bq.tableSpec);
  if (!!bq.querySpec === !!bq.tableSpec) throw s.fail('Exactly one of query spec or table spec must be specified.');
  if (bq.querySpec && (typeof query.rawQuery !== 'string' || !query.rawQuery.trim())) throw s.fail('The query must not be empty.');
  if (bq.tableSpec && (typeof table.datasetId !== 'string' || !table.datasetId || typeof table.tableId !== 'string' || !table.tableId)) throw s.fail('Dataset ID and table ID must be specified.');
}

/** The result of an execution the twin cannot run. */
function execute(ds: DataSourceRec): DataExecutionStatus {
  const bq = obj(ds.spec.bigQuery);
  const table = obj(bq.tableSpec);
  const what = bq.tableSpec ? `table ${String(table.tableProjectId ?? bq.projectId)}.${String(table.datasetId)}.${String(table.tableId)}` : `project ${String(bq.projectId)}`;
  ds.status = { state: 'FAILED', errorCode: 'OBJECT_NOT_FOUND', errorMessage: `Not found: ${what} (this twin has no BigQuery; no query ran).` };
  return ds.status;
}

function find(s: Step, id: unknown): DataSourceRec {
  const ds = (s.ss.dataSources ?? []).find((x) => x.dataSourceId === id);
  if (!ds) throw s.fail(`Data source with ID ${String(id ?? '')} does not exist.`);
  return ds;
}

function addDataSource(s: Step, r: Req): Req {
  needBigQuery(s);
  const d = obj(r.dataSource);
  const spec = obj(d.spec);
  checkSpec(s, spec);
  const sheetId = typeof d.sheetId === 'number' ? d.sheetId : newSheetId(s.t, s.ss.sheets.map((x) => x.sheetId));
  if (s.ss.sheets.some((x) => x.sheetId === sheetId)) throw s.fail(`Sheet with id ${sheetId} already exists.`);
  const dataSourceId = typeof d.dataSourceId === 'string' && d.dataSourceId ? d.dataSourceId : String(s.t.random.int(1, 2147483646));
  if ((s.ss.dataSources ?? []).some((x) => x.dataSourceId === dataSourceId)) throw s.fail(`Data source with ID ${dataSourceId} already exists.`);
  const ds: DataSourceRec = { dataSourceId, sheetId, spec: structuredClone(spec), ...(Array.isArray(d.calculatedColumns) ? { calculatedColumns: structuredClone(d.calculatedColumns) } : {}), status: { state: 'NOT_STARTED' } };
  let n = 1;
  while (s.ss.sheets.some((x) => x.title === `Connected sheet ${n}`)) n++;
  // The connected sheet is added last, holding no rows until an execution succeeds.
  const sheet = newSheet(sheetId, `Connected sheet ${n}`, s.ss.sheets.length);
  sheet.dataSourceId = dataSourceId;
  s.ss.sheets.push(sheet);
  reindex(s.ss);
  (s.ss.dataSources ??= []).push(ds);
  const status = execute(ds);
  return { addDataSource: { dataSource: presentDataSource(ds), dataExecutionStatus: status } };
}

/** Only `spec` (and its sub-fields) and `calculatedColumns` change; the sheet a data source is bound to never does. */
function updateDataSource(s: Step, r: Req): Req {
  needBigQuery(s);
  const d = obj(r.dataSource);
  const ds = find(s, d.dataSourceId);
  const paths = maskPaths(r.fields, s.fail);
  if (paths.some((p) => p === 'sheetId' || p === 'dataSourceId')) throw s.fail('The sheet ID and data source ID of a data source cannot be changed.');
  const next = structuredClone(ds);
  if (covers(paths, 'spec')) next.spec = structuredClone(obj(d.spec));
  else if (paths.some((p) => p.startsWith('spec.'))) {
    for (const p of paths.filter((x) => x.startsWith('spec.'))) {
      const keys = p.split('.').slice(1);
      let from: unknown = d.spec;
      let into = next.spec as Req;
      for (const k of keys.slice(0, -1)) {
        from = obj(from)[k];
        into = (into[k] = { ...obj(into[k]) }) as Req;
      }
      const v = obj(from)[keys.at(-1)!];
      if (v === undefined) delete into[keys.at(-1)!];
      else into[keys.at(-1)!] = structuredClone(v);
    }
  }
  if (covers(paths, 'calculatedColumns')) next.calculatedColumns = Array.isArray(d.calculatedColumns) ? structuredClone(d.calculatedColumns) : undefined;
  checkSpec(s, next.spec);
  Object.assign(ds, next);
  const status = execute(ds);
  return { updateDataSource: { dataSource: presentDataSource(ds), dataExecutionStatus: status } };
}

function refreshDataSource(s: Step, r: Req): Req {
  needBigQuery(s);
  let targets: DataSourceRec[];
  if (r.isAll === true) targets = s.ss.dataSources ?? [];
  else if (typeof r.dataSourceId === 'string') targets = [find(s, r.dataSourceId)];
  else if (r.references) {
    const refs = Array.isArray(obj(r.references).references) ? (obj(r.references).references as unknown[]) : [];
    if (!refs.length) throw s.fail('At least one data source object reference must be specified.');
    // Data source sheets are the only data source objects the twin keeps.
    targets = refs.map((ref) => {
      const sheetId = obj(ref).sheetId;
      const ds = (s.ss.dataSources ?? []).find((x) => String(x.sheetId) === String(sheetId));
      if (!ds) throw s.fail(`Data source object reference ${JSON.stringify(ref)} is invalid.`);
      return ds;
    });
  } else throw s.fail('One of data source ID, references or isAll must be specified.');
  const statuses = targets.map((ds) => {
    // Without force, an object already in error is not re-executed and fails at once.
    const dataExecutionStatus = r.force !== true && ds.status.state === 'FAILED' ? { state: 'FAILED', errorCode: 'OBJECT_IN_ERROR_STATE', errorMessage: ds.status.errorMessage } : execute(ds);
    return { reference: { sheetId: String(ds.sheetId) }, dataExecutionStatus };
  });
  // With isAll, only the objects that failed are listed — here, all of them.
  return { refreshDataSource: { statuses } };
}

/** The data source goes with its DATA_SOURCE sheet (DeleteDataSourceRequest). */
function deleteDataSource(s: Step, r: Req): Req {
  const ds = find(s, r.dataSourceId);
  s.ss.dataSources = s.ss.dataSources!.filter((x) => x !== ds);
  s.ss.sheets = s.ss.sheets.filter((x) => x.sheetId !== ds.sheetId);
  reindex(s.ss);
  return {};
}

export const dataSourceKinds: Record<string, (s: Step, r: Req) => Req> = { addDataSource, updateDataSource, refreshDataSource, deleteDataSource };
