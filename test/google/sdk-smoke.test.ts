/** googleapis against the Google twin, end to end: one pass over each API, auth flows, and the error rules. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { google } from 'googleapis';
import { SCOPES, clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

describe('Drive through googleapis', () => {
  it('creates a file and reads it back (files.create, files.get)', async () => {
    const { creds } = await freshTenant(l);
    const { drive } = clients(l, creds.accessToken);
    const created = await drive.files.create({ requestBody: { name: 'plan.txt', mimeType: 'text/plain', description: 'first' }, fields: 'id,name,mimeType' });
    expect(created.status).toBe(200);
    expect(created.data.name).toBe('plan.txt');
    const got = await drive.files.get({ fileId: created.data.id!, fields: 'id,name,description,owners(emailAddress),ownedByMe' });
    expect(got.data).toMatchObject({ id: created.data.id, name: 'plan.txt', description: 'first', ownedByMe: true, owners: [{ emailAddress: creds.adminEmail }] });
  });

  it('uploads media with a per-call rootUrl and downloads it with alt=media', async () => {
    const { creds } = await freshTenant(l);
    const { drive, rootUrl } = clients(l, creds.accessToken);
    const up = await drive.files.create({ requestBody: { name: 'hello.txt' }, media: { mimeType: 'text/plain', body: 'hello, twin' }, fields: 'id,size,md5Checksum,mimeType' }, { rootUrl });
    expect(up.data).toMatchObject({ size: '11', mimeType: 'text/plain', md5Checksum: createHash('md5').update('hello, twin').digest('hex') });
    const down = await drive.files.get({ fileId: up.data.id!, alt: 'media' }, { responseType: 'text' });
    expect(down.data).toBe('hello, twin');
    expect(String((down.headers as unknown as Headers).get('content-type'))).toContain('text/plain');
  });

  it('searches with the Drive query language (q)', async () => {
    const { creds } = await freshTenant(l);
    const { drive } = clients(l, creds.accessToken);
    const folder = await drive.files.create({ requestBody: { name: 'Reports', mimeType: 'application/vnd.google-apps.folder' } });
    await drive.files.create({ requestBody: { name: 'Report March', parents: [folder.data.id!], mimeType: 'text/plain' } });
    await drive.files.create({ requestBody: { name: 'Report April', parents: [folder.data.id!], mimeType: 'text/csv' } });
    await drive.files.create({ requestBody: { name: 'Unrelated', mimeType: 'text/plain' } });
    const inFolder = await drive.files.list({ q: `'${folder.data.id}' in parents and trashed = false`, orderBy: 'name', fields: 'files(name)' });
    expect(inFolder.data.files!.map((f) => f.name)).toEqual(['Report April', 'Report March']);
    const csv = await drive.files.list({ q: "name contains 'Report' and not (mimeType = 'text/plain' or mimeType = 'application/vnd.google-apps.folder')", fields: 'files(name)' });
    expect(csv.data.files!.map((f) => f.name)).toEqual(['Report April']);
  });

  it('enforces permissions: a user without access gets 404 "File not found: <id>." until the file is shared', async () => {
    const { creds } = await freshTenant(l);
    const alice = clients(l, creds.userTokens[`alice@${creds.domain}`]).drive;
    const bob = clients(l, creds.userTokens[`bob@${creds.domain}`]).drive;
    const f = await alice.files.create({ requestBody: { name: 'alice-secret.txt' } });
    const denied = await failure(bob.files.get({ fileId: f.data.id! }));
    expect(denied.status).toBe(404);
    expect(denied.body).toEqual({
      error: {
        code: 404,
        message: `File not found: ${f.data.id}.`,
        errors: [{ message: `File not found: ${f.data.id}.`, domain: 'global', reason: 'notFound', location: 'fileId', locationType: 'parameter' }],
      },
    });
    await alice.permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: `bob@${creds.domain}` } });
    const seen = await bob.files.get({ fileId: f.data.id!, fields: 'name,capabilities(canEdit)' });
    expect(seen.data).toEqual({ name: 'alice-secret.txt', capabilities: { canEdit: false } });
  });
});

describe('Sheets, Docs and Admin through googleapis', () => {
  it('round-trips values (spreadsheets.create, values.update, values.get)', async () => {
    const { creds } = await freshTenant(l);
    const { sheets } = clients(l, creds.accessToken);
    const ss = await sheets.spreadsheets.create({ requestBody: { properties: { title: 'Numbers' } } });
    const id = ss.data.spreadsheetId!;
    const upd = await sheets.spreadsheets.values.update({ spreadsheetId: id, range: 'Sheet1!A1:B2', valueInputOption: 'USER_ENTERED', requestBody: { values: [['a', '2'], ['b', '=B1*21']] } });
    expect(upd.data).toMatchObject({ updatedRange: 'Sheet1!A1:B2', updatedCells: 4, updatedRows: 2, updatedColumns: 2 });
    const got = await sheets.spreadsheets.values.get({ spreadsheetId: id, range: 'Sheet1!A1:B2', valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(got.data.values).toEqual([['a', 2], ['b', 42]]);
  });

  it('inserts text into a document and reads the structure back (documents.batchUpdate)', async () => {
    const { creds } = await freshTenant(l);
    const { docs } = clients(l, creds.accessToken);
    const doc = await docs.documents.create({ requestBody: { title: 'Notes' } });
    await docs.documents.batchUpdate({ documentId: doc.data.documentId!, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: 'Hello\nWorld' } }] } });
    const got = await docs.documents.get({ documentId: doc.data.documentId! });
    const paras = got.data.body!.content!.filter((c) => c.paragraph).map((c) => [c.startIndex, c.endIndex, c.paragraph!.elements![0].textRun!.content]);
    expect(paras).toEqual([[1, 7, 'Hello\n'], [7, 13, 'World\n']]);
  });

  it('inserts, lists and gets a user (Admin Directory)', async () => {
    const { creds } = await freshTenant(l);
    const { admin } = clients(l, creds.accessToken);
    const email = `zoe@${creds.domain}`;
    const u = await admin.users.insert({ requestBody: { primaryEmail: email, name: { givenName: 'Zoe', familyName: 'Zed' }, password: 'sup3r-secret' } });
    expect(u.data).toMatchObject({ kind: 'admin#directory#user', primaryEmail: email, customerId: creds.customerId });
    expect(u.data).not.toHaveProperty('password');
    const listed = await admin.users.list({ customer: 'my_customer', query: 'givenName:Zo' });
    expect(listed.data.users!.map((x) => x.primaryEmail)).toEqual([email]);
    const byEmail = await admin.users.get({ userKey: email });
    expect(byEmail.data.id).toBe(u.data.id);
  });
});

describe('service accounts', () => {
  it('gets a token through the JWT-bearer grant (interceptor redirects oauth2.googleapis.com) and acts as a delegated user', async () => {
    const { creds } = await freshTenant(l);
    const sa = new google.auth.JWT({ email: creds.serviceAccount.client_email, key: creds.serviceAccount.private_key, scopes: [SCOPES.drive], subject: `carol@${creds.domain}` });
    sa.transporter.interceptors.request.add({
      resolved: async (c) => {
        const u = new URL(String(c.url));
        if (u.origin === 'https://oauth2.googleapis.com') (c as { url: unknown }).url = new URL(`${l.url}${u.pathname}`);
        return c;
      },
    });
    const drive = google.drive({ version: 'v3', auth: sa, rootUrl: `${l.url}/` });
    const about = await drive.about.get({ fields: 'user(emailAddress)' });
    expect(about.data.user?.emailAddress).toBe(`carol@${creds.domain}`);
  });

  it('authenticates a self-signed JWT (useJWTAccessWithScope) as the service account itself', async () => {
    const { creds } = await freshTenant(l);
    const sa = new google.auth.JWT({ email: creds.serviceAccount.client_email, key: creds.serviceAccount.private_key, keyId: creds.serviceAccount.private_key_id, scopes: [SCOPES.drive] });
    sa.useJWTAccessWithScope = true;
    const drive = google.drive({ version: 'v3', auth: sa, rootUrl: `${l.url}/` });
    const made = await drive.files.create({ requestBody: { name: 'robot.txt' }, fields: 'owners(emailAddress)' });
    expect(made.data.owners![0].emailAddress).toBe(creds.serviceAccount.client_email);
  });
});

describe('the status rule and bad input', () => {
  it('Sheets and Docs errors carry status; Drive and Admin errors do not', async () => {
    const { creds } = await freshTenant(l);
    const c = clients(l, creds.accessToken);
    const sheetErr = await failure(c.sheets.spreadsheets.values.get({ spreadsheetId: 'nope', range: 'A1' }));
    expect(sheetErr.body).toEqual({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } });
    const docErr = await failure(c.docs.documents.get({ documentId: 'nope' }));
    expect(docErr.body.error.status).toBe('NOT_FOUND');
    const driveErr = await failure(c.drive.files.get({ fileId: 'nope' }));
    expect(driveErr.body.error).not.toHaveProperty('status');
    const adminErr = await failure(c.admin.users.get({ userKey: `nobody@${creds.domain}` }));
    expect(adminErr.body).toEqual({ error: { code: 404, message: 'Resource Not Found: userKey', errors: [{ message: 'Resource Not Found: userKey', domain: 'global', reason: 'notFound' }] } });
  });

  it('answers a bad token with 401 authError and WWW-Authenticate, on every API', async () => {
    for (const path of ['/drive/v3/files', '/v4/spreadsheets/x', '/v1/documents/x', '/admin/directory/v1/users?customer=my_customer']) {
      const res = await fetch(`${l.url}${path}`, { headers: { authorization: 'Bearer ya29.not-a-token' } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
      const body = (await res.json()) as { error: { status: string; message: string } };
      expect(body.error.status).toBe('UNAUTHENTICATED');
      expect(body.error.message).toMatch(/^Request had invalid authentication credentials\./);
    }
  });

  it('never answers bad input with a 500', async () => {
    const { creds } = await freshTenant(l);
    const auth = { authorization: `Bearer ${creds.accessToken}` };
    const cases: Array<[string, RequestInit]> = [
      ['/drive/v3/files', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name": ' }],
      ['/v4/spreadsheets', { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'hello' }],
      ['/v4/spreadsheets', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }],
      ['/drive/v3/nothing-here', { headers: auth }],
      ['/drive/v3/about', { method: 'DELETE', headers: auth }],
      ['/v1/documents', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: `{"title":"${'x'.repeat(11 * 1024 * 1024)}"}` }],
      ['/drive/v3/files', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }],
    ];
    for (const [path, init] of cases) {
      const res = await fetch(`${l.url}${path}`, init);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      const body = (await res.json()) as { error: { code: number } };
      expect(body.error.code).toBe(res.status);
    }
  });
});
