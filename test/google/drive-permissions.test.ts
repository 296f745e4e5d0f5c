/** Drive sharing as enforced access: roles, groups (nested), domain and link sharing, ownership, and OAuth scopes. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

async function people() {
  const { creds, base } = await freshTenant(l);
  const as = (who: string) => clients(l, creds.userTokens[`${who}@${creds.domain}`]).drive;
  return { creds, base, as, email: (who: string) => `${who}@${creds.domain}` };
}

describe('roles', () => {
  it('a reader can read but not change a file: 403 insufficientFilePermissions', async () => {
    const { as, email } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'spec.txt' } });
    await as('alice').permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: email('bob') } });
    const err = await failure(as('bob').files.update({ fileId: f.data.id!, requestBody: { name: 'mine now' } }));
    expect(err.status).toBe(403);
    expect(err.body).toEqual({
      error: {
        code: 403,
        message: 'The user does not have sufficient permissions for this file.',
        errors: [{ message: 'The user does not have sufficient permissions for this file.', domain: 'global', reason: 'insufficientFilePermissions' }],
      },
    });
  });

  it('a writer can edit and share but only the owner can delete', async () => {
    const { as, email } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'shared.txt' } });
    await as('alice').permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'writer', emailAddress: email('bob') } });
    await as('bob').files.update({ fileId: f.data.id!, requestBody: { name: 'renamed by bob' } });
    await as('bob').permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: email('carol') } });
    expect((await as('carol').files.get({ fileId: f.data.id! })).data.name).toBe('renamed by bob');
    expect((await failure(as('bob').files.delete({ fileId: f.data.id! }))).status).toBe(403);
    await as('alice').files.delete({ fileId: f.data.id! });
  });

  it('revoking a permission takes the file away again', async () => {
    const { as, email } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'temp access' } });
    const p = await as('alice').permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'reader', emailAddress: email('dave') } });
    expect((await as('dave').files.get({ fileId: f.data.id! })).status).toBe(200);
    await as('alice').permissions.delete({ fileId: f.data.id!, permissionId: p.data.id! });
    expect((await failure(as('dave').files.get({ fileId: f.data.id! }))).status).toBe(404);
  });

  it('files inside a shared folder inherit its sharing', async () => {
    const { as, email } = await people();
    const folder = await as('alice').files.create({ requestBody: { name: 'Team', mimeType: 'application/vnd.google-apps.folder' } });
    const inner = await as('alice').files.create({ requestBody: { name: 'inner.txt', parents: [folder.data.id!] } });
    await as('alice').permissions.create({ fileId: folder.data.id!, requestBody: { type: 'user', role: 'commenter', emailAddress: email('erin') } });
    const seen = await as('erin').files.get({ fileId: inner.data.id!, fields: 'name,capabilities(canComment,canEdit)' });
    expect(seen.data).toEqual({ name: 'inner.txt', capabilities: { canComment: true, canEdit: false } });
  });
});

describe('groups, domain and anyone', () => {
  it('sharing with a group reaches members of nested groups (all-staff ⊃ sales)', async () => {
    const { as, email } = await people();
    const f = await as('ada').files.create({ requestBody: { name: 'all hands.txt' } });
    await as('ada').permissions.create({ fileId: f.data.id!, requestBody: { type: 'group', role: 'reader', emailAddress: email('all-staff') } });
    expect((await as('frank').files.get({ fileId: f.data.id! })).data.name).toBe('all hands.txt');
    const listed = await as('frank').files.list({ q: 'sharedWithMe', fields: 'files(name)' });
    expect(listed.data.files!.map((x) => x.name)).toContain('all hands.txt');
  });

  it('a domain-shared, discoverable file is searchable; a link-only file opens by id but is not listed', async () => {
    const { as } = await people();
    const found = await as('ivan').files.list({ q: "name = 'Employee Handbook.txt'", fields: 'files(id,name)' });
    expect(found.data.files!.map((f) => f.name)).toEqual(['Employee Handbook.txt']);
    const link = await as('carol').files.list({ q: "name = 'Launch announcement.txt'", fields: 'files(id)' });
    const id = link.data.files![0].id!;
    expect((await as('ivan').files.list({ q: "name = 'Launch announcement.txt'" })).data.files).toEqual([]);
    expect((await as('ivan').files.get({ fileId: id })).data.name).toBe('Launch announcement.txt');
  });

  it('an API key reads a file shared with anyone, and nothing else', async () => {
    const { creds, base, as } = await people();
    const link = await as('carol').files.list({ q: "name = 'Launch announcement.txt'", fields: 'files(id)' });
    const ok = await fetch(`${base}/drive/v3/files/${link.data.files![0].id}?alt=media&key=${creds.apiKey}`);
    expect(await ok.text()).toBe('We are launching next week!\n');
    const priv = await as('bob').files.list({ q: "name = 'bob-private.txt'", fields: 'files(id)' });
    const denied = await fetch(`${base}/drive/v3/files/${priv.data.files![0].id}?key=${creds.apiKey}`);
    expect(denied.status).toBe(404);
  });
});

describe('ownership', () => {
  it('needs transferOwnership=true to make someone owner, then the old owner is a writer', async () => {
    const { as, email } = await people();
    const f = await as('alice').files.create({ requestBody: { name: 'handover' } });
    const err = await failure(as('alice').permissions.create({ fileId: f.data.id!, requestBody: { type: 'user', role: 'owner', emailAddress: email('bob') } }));
    expect(err.body.error.errors[0]).toMatchObject({ location: 'transferOwnership', message: "The transferOwnership parameter must be enabled when the permission role is 'owner'." });
    await as('alice').permissions.create({ fileId: f.data.id!, transferOwnership: true, requestBody: { type: 'user', role: 'owner', emailAddress: email('bob') } });
    const perms = await as('bob').permissions.list({ fileId: f.data.id!, fields: 'permissions(emailAddress,role)' });
    expect(perms.data.permissions).toEqual([{ emailAddress: email('bob'), role: 'owner' }, { emailAddress: email('alice'), role: 'writer' }]);
  });
});

describe('OAuth scopes', () => {
  it('a drive.readonly token can read but not write: 403 insufficientPermissions with WWW-Authenticate', async () => {
    const { creds } = await people();
    const ro = clients(l, creds.tokens.adminReadonly).drive;
    expect((await ro.files.list({})).status).toBe(200);
    const err = await failure(ro.files.create({ requestBody: { name: 'nope' } }));
    expect(err.status).toBe(403);
    expect(err.body.error).toMatchObject({
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
      status: 'PERMISSION_DENIED',
    });
    expect(err.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });

  it('a drive.file token sees only files its app created', async () => {
    const { creds } = await people();
    const narrow = clients(l, creds.tokens.adminDriveFile).drive;
    const mine = await narrow.files.create({ requestBody: { name: 'app file' } });
    const listed = await narrow.files.list({ fields: 'files(name)' });
    expect(listed.data.files!.map((f) => f.name)).toEqual(['app file']);
    const full = await clients(l, creds.accessToken).drive.files.list({ q: "name = 'Employee Handbook.txt'", fields: 'files(id)' });
    expect((await failure(narrow.files.get({ fileId: full.data.files![0].id! }))).status).toBe(404);
    expect((await narrow.files.get({ fileId: mine.data.id! })).data.name).toBe('app file');
  });

  it('scopes are per API: a read-only token cannot create a spreadsheet, a Drive token cannot use the Directory', async () => {
    const { creds } = await people();
    const c = clients(l, creds.tokens.adminDriveOnly);
    const ro = clients(l, creds.tokens.adminReadonly);
    const s = await failure(ro.sheets.spreadsheets.create({ requestBody: {} }));
    expect(s.body.error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED', message: 'Request had insufficient authentication scopes.' });
    expect(s.body.error).not.toHaveProperty('errors');
    const a = await failure(c.admin.users.list({ customer: 'my_customer' }));
    expect(a.body.error.errors[0].reason).toBe('insufficientPermissions');
  });
});
