/** Apps that sign in with a username and password answer their credentials scheme and whether the password may be revealed (terraform cassettes: SWA, basic auth and SPS apps). */
import { describe, expect, it } from 'vitest';
import { jsonOf as json, sendJson as send, sswsOrg, useOkta } from './helpers.js';

const server = useOkta();

describe('password app credentials', () => {
  it('a SWA app created without scheme or revealPassword answers EDIT_USERNAME_AND_PASSWORD and false; given values are kept', async () => {
    const o = await sswsOrg(server(), 'app-scheme');
    const swa = { name: 'template_swa', label: 'Portal', signOnMode: 'BROWSER_PLUGIN', settings: { app: { url: 'https://example.com/login.html', usernameField: 'u', passwordField: 'p', buttonField: 'b' } } };
    const a = await json(await o.raw('/api/v1/apps', send('POST', swa)));
    expect(a.status).toBe(200);
    expect(a.body.credentials.scheme).toBe('EDIT_USERNAME_AND_PASSWORD');
    expect(a.body.credentials.revealPassword).toBe(false);
    const shared = await json(await o.raw('/api/v1/apps', send('POST', { ...swa, label: 'Shared', credentials: { scheme: 'SHARED_USERNAME_AND_PASSWORD', revealPassword: true, userName: 'svc', password: { value: 'Secret123!' } } })));
    expect(shared.body.credentials.scheme).toBe('SHARED_USERNAME_AND_PASSWORD');
    expect(shared.body.credentials.revealPassword).toBe(true);
    const read = (await json(await o.raw(`/api/v1/apps/${a.body.id}`))).body;
    expect(read.credentials.scheme).toBe('EDIT_USERNAME_AND_PASSWORD');
  });

  it('a bookmark app carries neither', async () => {
    const o = await sswsOrg(server(), 'app-bookmark');
    const b = await json(await o.raw('/api/v1/apps', send('POST', { name: 'bookmark', label: 'Docs', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } })));
    expect(b.status).toBe(200);
    expect(b.body.credentials.scheme).toBeUndefined();
    expect(b.body.credentials.revealPassword).toBeUndefined();
  });
});
