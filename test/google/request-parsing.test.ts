// Google reads arguments as its front end does: booleans in any case (Python clients send `True`), JSON null as unset, repeated `fields`; Sheets' default spreadsheet properties and range structures as recorded from the live API.
import { describe, expect, it } from 'vitest';
import { clients, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

describe('request parsing and Sheets defaults', () => {
  it('accepts True/False query booleans, null JSON fields and repeated fields masks', async () => {
    const { creds, base } = await freshTenant(l);
    const auth = { authorization: `Bearer ${creds.accessToken}`, 'content-type': 'application/json' };
    const created = await fetch(`${base}/drive/v3/files?supportsAllDrives=True`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'From Python', mimeType: 'application/vnd.google-apps.spreadsheet', description: null }) });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    const got = await fetch(`${base}/drive/v3/files/${id}?supportsAllDrives=TRUE&includeItemsFromAllDrives=True&fields=id&fields=name`, { headers: auth });
    expect(await got.json()).toEqual({ id, name: 'From Python' });
    const bad = await fetch(`${base}/drive/v3/files/${id}?supportsAllDrives=yes`, { headers: auth });
    expect(bad.status).toBe(400);
    // A null optional field inside a batchUpdate request is unset, not a type error.
    const batch = await fetch(`${base}/v4/spreadsheets/${id}:batchUpdate`, { method: 'POST', headers: auth, body: JSON.stringify({ requests: [{ addProtectedRange: { protectedRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, description: null, warningOnly: true, editors: null } } }] }) });
    expect(batch.status).toBe(200);
  });

  it('spreadsheets.get carries the default theme and color styles; ranges come back in Google’s shapes', async () => {
    const { creds } = await freshTenant(l);
    const { sheets } = clients(l, creds.accessToken);
    const ss = await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Theme' } } });
    const id = ss.data.spreadsheetId!;
    const got = await sheets.spreadsheets.get({ spreadsheetId: id });
    expect(got.data.properties?.spreadsheetTheme?.themeColors?.find((c) => c.colorType === 'ACCENT1')?.color?.rgbColor).toEqual({ red: 0.25882354, green: 0.52156866, blue: 0.95686275 });
    expect(got.data.properties?.defaultFormat?.backgroundColorStyle).toEqual({ rgbColor: { red: 1, green: 1, blue: 1 } });
    expect(got.data.properties?.defaultFormat?.textFormat?.fontFamily).toBe('arial,sans,sans-serif');

    const res = await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { addNamedRange: { namedRange: { name: 'Totals', range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 } } } },
      { addDimensionGroup: { range: { sheetId: 0, dimension: 'COLUMNS', startIndex: 0, endIndex: 2 } } },
      { updateSheetProperties: { properties: { sheetId: 0, tabColorStyle: { rgbColor: { red: 1, green: 0, blue: 0.5 } } }, fields: 'tabColorStyle' } },
      { mergeCells: { mergeType: 'MERGE_ROWS', range: { sheetId: 0, startRowIndex: 3, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 3 } } },
    ] } });
    // sheetId 0 is proto3's default and is left out of the reply's range.
    expect(res.data.replies?.[0].addNamedRange?.namedRange?.range).toEqual({ startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 });
    expect(res.data.replies?.[1].addDimensionGroup?.dimensionGroups).toEqual([{ range: { dimension: 'COLUMNS', startIndex: 0, endIndex: 2 }, depth: 1 }]);
    const after = await sheets.spreadsheets.get({ spreadsheetId: id });
    const sheet = after.data.sheets![0];
    // Colors are stored at 8 bits a channel: 0.5 reads back as 127/255.
    expect(sheet.properties?.tabColorStyle).toEqual({ rgbColor: { red: 1, blue: 0.49803922 } });
    expect(sheet.properties?.gridProperties?.columnGroupControlAfter).toBe(true);
    expect(sheet.merges).toHaveLength(2);
    const notes = await sheets.spreadsheets.get({ spreadsheetId: id, fields: 'sheets.data.rowData.values.note', ranges: ['Sheet1!A1:B2'] });
    expect(notes.data.sheets?.[0].data).toBeDefined();
  });

  it('sortRange orders numbers before text with blanks last; copyPaste tiles the source over the destination', async () => {
    const { creds } = await freshTenant(l);
    const { sheets } = clients(l, creds.accessToken);
    const ss = await sheets.spreadsheets.create({ requestBody: {} });
    const id = ss.data.spreadsheetId!;
    await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Sheet1!A1:A5', valueInputOption: 'USER_ENTERED', requestBody: { values: [['pear'], ['10'], [''], ['2'], ['Apple']] } });
    await sheets.spreadsheets.batchUpdate({ spreadsheetId: id, requestBody: { requests: [
      { sortRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 5, startColumnIndex: 0, endColumnIndex: 1 }, sortSpecs: [{ dimensionIndex: 0, sortOrder: 'ASCENDING' }] } },
      { copyPaste: { source: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 1 }, destination: { sheetId: 0, startRowIndex: 0, endRowIndex: 4, startColumnIndex: 2, endColumnIndex: 3 }, pasteType: 'PASTE_NORMAL' } },
    ] } });
    const got = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1!A1:C5' });
    expect(got.data.values?.map((r) => r[0])).toEqual(['2', '10', 'Apple', 'pear']);
    expect(got.data.values?.slice(0, 4).map((r) => r[2])).toEqual(['2', '10', '2', '10']);
  });
});
