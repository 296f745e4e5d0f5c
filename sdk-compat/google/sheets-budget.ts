// googleapis compat: building a budget workbook with the Sheets API — values in and out, tables, batches, tabs, and Sheets' error bodies.
import type { Scenario } from '../types.js';
import { SDK, apis, onePlatform, userToken } from './common.js';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Sheets: budget workbook — values, append, batches, tabs, copyTo, errors',
  async run(ctx, t) {
    const { sheets: rawSheets, drive: rawDrive } = apis(ctx);
    const sheets = t.track(rawSheets, 'sheets');
    const drive = t.track(rawDrive, 'drive');

    const created = await sheets.spreadsheets.create({ requestBody: { properties: { title: 'FY Budget' }, sheets: [{ properties: { title: 'Costs' } }, { properties: { title: 'Summary' } }] } });
    const id = created.data.spreadsheetId!;
    t.check(created.data.sheets?.map((s) => s.properties?.title).join() === 'Costs,Summary', 'two tabs created', created.data.sheets);
    const file = await drive.files.get({ fileId: id, fields: 'mimeType,name' });
    t.check(file.data.mimeType === 'application/vnd.google-apps.spreadsheet' && file.data.name === 'FY Budget', 'the workbook is a Drive file', file.data);

    await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Costs!A1:B1', valueInputOption: 'RAW', requestBody: { values: [['Item', 'Cost']] } });
    const header = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Costs!A1:B1' });
    t.checkEffect(header.data.values?.[0]?.join() === 'Item,Cost', 'values.update wrote the header', header.data);
    const app = await sheets.spreadsheets.values.append({ spreadsheetId: id, range: 'Costs!A:B', valueInputOption: 'USER_ENTERED', insertDataOption: 'INSERT_ROWS', requestBody: { values: [['Laptops', '2,400'], ['Travel', '$900']] } });
    t.check(app.data.tableRange === 'Costs!A1:B1' && app.data.updates?.updatedRange === 'Costs!A2:B3', 'append goes under the header', app.data);
    await sheets.spreadsheets.values.batchUpdate({ spreadsheetId: id, requestBody: { valueInputOption: 'USER_ENTERED', data: [
      { range: 'Summary!A1:B1', values: [['Total', '=SUM(Costs!B2:B10)']] },
      { range: 'Summary!A2:B2', values: [['Share of laptops', '=Costs!B2/B1']] },
    ] } });
    const totals = await sheets.spreadsheets.values.batchGet({ spreadsheetId: id, ranges: ['Summary!B1', 'Summary!B2'], valueRenderOption: 'UNFORMATTED_VALUE' });
    const [total, share] = totals.data.valueRanges!.map((v) => v.values?.[0]?.[0]);
    t.checkEffect(total === 3300 && Math.abs(Number(share) - 2400 / 3300) < 1e-9, 'formulas evaluate across tabs', totals.data);
    const formula = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Summary!B1', valueRenderOption: 'FORMULA' });
    t.check(formula.data.values?.[0]?.[0] === '=SUM(Costs!B2:B10)', 'FORMULA render gives the formula back', formula.data);

    const added = await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { addSheet: { properties: { title: 'Scratch', index: 0 } } },
      { updateSheetProperties: { properties: { sheetId: created.data.sheets![0].properties!.sheetId, gridProperties: { frozenRowCount: 1 } }, fields: 'gridProperties.frozenRowCount' } },
    ] } });
    const scratchId = added.data.replies![0].addSheet!.properties!.sheetId!;
    const order = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.properties(title,index,gridProperties.frozenRowCount)' });
    t.checkEffect(order.data.sheets?.[0]?.properties?.title === 'Scratch' && order.data.sheets?.[1]?.properties?.gridProperties?.frozenRowCount === 1, 'new tab first; header row frozen', order.data);

    const other = await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Archive' } } });
    const copied = await sheets.spreadsheets.sheets.copyTo({ spreadsheetId: id, sheetId: created.data.sheets![0].properties!.sheetId!, requestBody: { destinationSpreadsheetId: other.data.spreadsheetId! } });
    t.check(copied.data.title === 'Copy of Costs', 'copyTo names the copy', copied.data);
    const copiedVals = await sheets.spreadsheets.values.get({ spreadsheetId: other.data.spreadsheetId!, range: `'Copy of Costs'!A2:B2` });
    t.check(copiedVals.data.values?.[0]?.join() === 'Laptops,2400', 'copied tab keeps the data', copiedVals.data);

    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteSheet: { sheetId: scratchId } }] } });
    const cleared = await sheets.spreadsheets.values.clear({ spreadsheetId: id, range: 'Summary!A2:B2' });
    t.check(cleared.data.clearedRange === 'Summary!A2:B2', 'clear reports its range', cleared.data);
    await sheets.spreadsheets.values.batchClear({ spreadsheetId: other.data.spreadsheetId!, requestBody: { ranges: [`'Copy of Costs'!A:B`] } });
    const emptied = await sheets.spreadsheets.values.get({ spreadsheetId: other.data.spreadsheetId!, range: `'Copy of Costs'!A1:B3` });
    t.checkEffect(!emptied.data.values, 'batchClear empties the copied tab', emptied.data);

    // Structure as a finance team keeps it: merged title, a named range, a protected header, groups, sorting.
    const costsId = created.data.sheets![0].properties!.sheetId!;
    const shaped = await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { mergeCells: { mergeType: 'MERGE_ALL', range: { sheetId: costsId, startRowIndex: 5, endRowIndex: 6, startColumnIndex: 0, endColumnIndex: 2 } } },
      { addNamedRange: { namedRange: { name: 'Costs_Table', range: { sheetId: costsId, startRowIndex: 0, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 2 } } } },
      { addProtectedRange: { protectedRange: { range: { sheetId: costsId, startRowIndex: 0, endRowIndex: 1 }, description: 'Header', warningOnly: true } } },
      { addDimensionGroup: { range: { sheetId: costsId, dimension: 'ROWS', startIndex: 1, endIndex: 3 } } },
      { sortRange: { range: { sheetId: costsId, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 2 }, sortSpecs: [{ dimensionIndex: 1, sortOrder: 'ASCENDING' }] } },
    ] } });
    const shape = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'namedRanges,sheets(merges,protectedRanges,rowGroups,properties.title)' });
    const costs = shape.data.sheets?.find((x) => x.properties?.title === 'Costs');
    const sorted = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Costs!A2:A3' });
    t.checkEffect(
      shaped.data.replies?.[1]?.addNamedRange?.namedRange?.name === 'Costs_Table' && costs?.merges?.length === 1 && costs?.protectedRanges?.[0]?.warningOnly === true
        && costs?.rowGroups?.[0]?.depth === 1 && shape.data.namedRanges?.length === 1 && sorted.data.values?.map((r) => r[0]).join() === 'Travel,Laptops',
      'merge, named range, protection, group and sort all applied',
      { shape: shape.data, sorted: sorted.data },
    );

    // The same reads and writes addressed by DataFilter (an A1 range or a GridRange).
    const byFilter = await sheets.spreadsheets.values.batchGetByDataFilter({ spreadsheetId: id, requestBody: { dataFilters: [{ a1Range: 'Costs!A1:B1' }, { gridRange: { sheetId: costsId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 2 } }], valueRenderOption: 'FORMATTED_VALUE' } });
    t.check(byFilter.data.valueRanges?.length === 2 && byFilter.data.valueRanges.every((v) => v.valueRange?.values?.[0]?.join() === 'Item,Cost' && v.dataFilters?.length === 1), 'both filters read the header', byFilter.data);
    await sheets.spreadsheets.values.batchUpdateByDataFilter({ spreadsheetId: id, requestBody: { valueInputOption: 'RAW', data: [{ dataFilter: { a1Range: 'Summary!D1' }, values: [['note']] }] } });
    const wrote = await sheets.spreadsheets.getByDataFilter({ spreadsheetId: id, requestBody: { dataFilters: [{ a1Range: 'Summary!D1' }], includeGridData: true } });
    t.checkEffect(wrote.data.sheets?.[0]?.data?.[0]?.rowData?.[0]?.values?.[0]?.formattedValue === 'note', 'written and read back by filter', wrote.data.sheets?.[0]?.data);
    await sheets.spreadsheets.values.batchClearByDataFilter({ spreadsheetId: id, requestBody: { dataFilters: [{ a1Range: 'Summary!D1' }] } });
    const gone = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Summary!D1' });
    t.checkEffect(!gone.data.values, 'cleared by filter', gone.data);

    // Developer metadata (Sheets developer metadata guide): tag the Costs tab and its header row, find them again by key and location.
    const tagged = await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { createDeveloperMetadata: { developerMetadata: { metadataKey: 'budget-tab', metadataValue: 'costs', visibility: 'DOCUMENT', location: { sheetId: costsId } } } },
      { createDeveloperMetadata: { developerMetadata: { metadataKey: 'header', visibility: 'DOCUMENT', location: { dimensionRange: { sheetId: costsId, dimension: 'ROWS', startIndex: 0, endIndex: 1 } } } } },
    ] } });
    const tabMeta = tagged.data.replies?.[0]?.createDeveloperMetadata?.developerMetadata;
    t.check(tabMeta?.location?.locationType === 'SHEET' && typeof tabMeta.metadataId === 'number', 'metadata created on the tab', tagged.data.replies);
    const fetched = await sheets.spreadsheets.developerMetadata.get({ spreadsheetId: id, metadataId: tabMeta!.metadataId! });
    t.check(fetched.data.metadataKey === 'budget-tab' && fetched.data.metadataValue === 'costs', 'developerMetadata.get by id', fetched.data);
    const searched = await sheets.spreadsheets.developerMetadata.search({ spreadsheetId: id, requestBody: { dataFilters: [{ developerMetadataLookup: { metadataLocation: { dimensionRange: { sheetId: costsId, dimension: 'ROWS', startIndex: 0, endIndex: 5 } }, locationMatchingStrategy: 'INTERSECTING_LOCATION' } }] } });
    t.check(searched.data.matchedDeveloperMetadata?.length === 1 && searched.data.matchedDeveloperMetadata[0].developerMetadata?.metadataKey === 'header', 'search finds the row metadata by an intersecting range', searched.data);
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [{ deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: 'header' } } } }] } });
    const afterDelete = await sheets.spreadsheets.developerMetadata.search({ spreadsheetId: id, requestBody: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'header' } }] } });
    t.checkEffect(!afterDelete.data.matchedDeveloperMetadata, 'deleted by lookup', afterDelete.data);
    await t.expectError(() => sheets.spreadsheets.developerMetadata.get({ spreadsheetId: id, metadataId: 1 }), onePlatform(404, 'NOT_FOUND'), 'unknown metadata id → 404');

    await t.expectError(() => sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Nope!A1' }), onePlatform(400, 'INVALID_ARGUMENT', 'Unable to parse range: Nope!A1'), 'unknown tab → Unable to parse range');
    await t.expectError(() => sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Costs!A1', requestBody: { values: [['x']] } }), onePlatform(400, 'INVALID_ARGUMENT', "'valueInputOption' is required but not specified"), 'valueInputOption is required');
    await t.expectError(() => sheets.spreadsheets.get({ spreadsheetId: 'does-not-exist' }), onePlatform(404, 'NOT_FOUND', 'Requested entity was not found.'), 'unknown spreadsheet → 404');
    const outsider = t.track(apis(ctx, userToken(ctx, 'ivan')).sheets, 'sheets');
    await t.expectError(() => outsider.spreadsheets.values.get({ spreadsheetId: id, range: 'Costs!A1' }), onePlatform(403, 'PERMISSION_DENIED', 'The caller does not have permission'), 'unshared workbook → 403 for others');
  },
};

export default scenario;
