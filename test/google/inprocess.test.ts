/** The twin in-process behind Google's real hosts (MSW): googleapis with no rootUrl at all, service-account tokens included; and quotas. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { google } from 'googleapis';
import { createVendorTwin } from '../../src/vendors.js';
import { mswHandlers } from '../../src/msw.js';
import type { Twin } from '../../src/core/twin.js';
import { SCOPES, failure, type GoogleCreds } from './helpers.js';

const ORIGINS = ['https://www.googleapis.com', 'https://sheets.googleapis.com', 'https://docs.googleapis.com', 'https://admin.googleapis.com', 'https://oauth2.googleapis.com'];

let twin: Twin;
let server: ReturnType<typeof setupServer>;
beforeAll(async () => {
  twin = await createVendorTwin('google');
  server = setupServer(...mswHandlers(twin, { origins: ORIGINS }));
  server.listen({ onUnhandledRequest: 'error' });
});
afterAll(async () => {
  server.close();
  await twin.close();
});

async function creds(tenant: string): Promise<GoogleCreds> {
  const res = await twin.fetch(new Request(`https://www.googleapis.com/t/${tenant}/_dtu/credentials`));
  return (await res.json()) as GoogleCreds;
}

describe('in-process on the real hosts', () => {
  it('a delegated service account gets its token from oauth2.googleapis.com and uploads without any rootUrl', async () => {
    const c = await creds('inproc-1');
    const sa = new google.auth.JWT({ email: c.serviceAccount.client_email, key: c.serviceAccount.private_key, scopes: [SCOPES.drive, SCOPES.sheets], subject: `erin@${c.domain}` });
    const drive = google.drive({ version: 'v3', auth: sa });
    const up = await drive.files.create({ requestBody: { name: 'from-msw.txt' }, media: { mimeType: 'text/plain', body: 'no sockets' }, fields: 'id,owners(emailAddress)' });
    expect(up.data.owners![0].emailAddress).toBe(`erin@${c.domain}`);
    const body = await drive.files.get({ fileId: up.data.id!, alt: 'media' }, { responseType: 'text' });
    expect(body.data).toBe('no sockets');
    const sheets = google.sheets({ version: 'v4', auth: sa });
    const ss = await sheets.spreadsheets.create({ requestBody: { properties: { title: 'inproc' } } });
    expect(ss.data.spreadsheetUrl).toContain(ss.data.spreadsheetId!);
  });
});

describe('quotas', () => {
  it('with enforcement on, Sheets answers 429 RESOURCE_EXHAUSTED once the per-user read quota is spent', async () => {
    const c = await creds('inproc-quota');
    await twin.fetch(new Request('https://www.googleapis.com/_dtu/ratelimits?tenant=inproc-quota', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enforce: true, scale: 1 / 60 }) }));
    const auth = new google.auth.OAuth2();
    auth.setCredentials({ access_token: c.accessToken });
    const sheets = google.sheets({ version: 'v4', auth, retry: false });
    const budget = await google.drive({ version: 'v3', auth }).files.list({ q: "name = 'Q3 Budget'", fields: 'files(id)' });
    const id = budget.data.files![0].id!;
    expect((await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Summary!A1' })).status).toBe(200);
    const err = await failure(sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Summary!A1' }));
    expect(err.status).toBe(429);
    expect(err.body.error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
  });
});
