/** Sheets developer metadata: update by lookup, PROJECT visibility per OAuth client, metadata leaving with its sheet, spreadsheets.get. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

async function book() {
  const { creds } = await freshTenant(l);
  const c = clients(l, creds.accessToken);
  const ss = await c.sheets.spreadsheets.create({ requestBody: { properties: { title: 'Meta' }, sheets: [{ properties: { title: 'A' } }, { properties: { title: 'B' } }] } });
  const [a, b] = ss.data.sheets!.map((s) => s.properties!.sheetId!);
  const batch = (requests: object[]) => c.sheets.spreadsheets.batchUpdate({ spreadsheetId: ss.data.spreadsheetId!, requestBody: { requests } });
  return { c, id: ss.data.spreadsheetId!, a, b, batch };
}

describe('developer metadata', () => {
  it('updateDeveloperMetadata changes the value of what a lookup selects; spreadsheets.get shows it', async () => {
    const { c, id, batch } = await book();
    await batch([{ createDeveloperMetadata: { developerMetadata: { metadataKey: 'owner', metadataValue: 'finance', visibility: 'DOCUMENT', location: { spreadsheet: true } } } }]);
    const res = await batch([{ updateDeveloperMetadata: { dataFilters: [{ developerMetadataLookup: { metadataKey: 'owner' } }], developerMetadata: { metadataValue: 'ops' }, fields: 'metadataValue' } }]);
    expect(res.data.replies?.[0]?.updateDeveloperMetadata?.developerMetadata?.[0]).toMatchObject({ metadataKey: 'owner', metadataValue: 'ops', location: { locationType: 'SPREADSHEET', spreadsheet: true } });
    const got = await c.sheets.spreadsheets.get({ spreadsheetId: id });
    expect(got.data.developerMetadata?.map((m) => m.metadataValue)).toEqual(['ops']);
  });

  it('PROJECT metadata is read by its own client through get, and left out of spreadsheets.get', async () => {
    const { c, id, a, batch } = await book();
    const made = await batch([{ createDeveloperMetadata: { developerMetadata: { metadataKey: 'sync-state', visibility: 'PROJECT', location: { sheetId: a } } } }]);
    const mid = made.data.replies![0].createDeveloperMetadata!.developerMetadata!.metadataId!;
    expect((await c.sheets.spreadsheets.developerMetadata.get({ spreadsheetId: id, metadataId: mid })).data.visibility).toBe('PROJECT');
    const got = await c.sheets.spreadsheets.get({ spreadsheetId: id });
    expect(got.data.sheets?.[0]?.developerMetadata).toBeUndefined();
  });

  it('deleting a sheet deletes its metadata; a duplicate id and an empty lookup are refused', async () => {
    const { c, id, b, batch } = await book();
    await batch([{ createDeveloperMetadata: { developerMetadata: { metadataId: 77, metadataKey: 'k', visibility: 'DOCUMENT', location: { sheetId: b } } } }]);
    const dup = await failure(batch([{ createDeveloperMetadata: { developerMetadata: { metadataId: 77, metadataKey: 'k2', visibility: 'DOCUMENT', location: { sheetId: b } } } }]));
    expect([dup.status, dup.body.error.status]).toEqual([400, 'INVALID_ARGUMENT']);
    const empty = await failure(c.sheets.spreadsheets.developerMetadata.search({ spreadsheetId: id, requestBody: { dataFilters: [{ developerMetadataLookup: {} }] } }));
    expect(empty.status).toBe(400);
    await batch([{ deleteSheet: { sheetId: b } }]);
    expect((await failure(c.sheets.spreadsheets.developerMetadata.get({ spreadsheetId: id, metadataId: 77 }))).status).toBe(404);
  });
});
