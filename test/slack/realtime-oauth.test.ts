// OAuth v2 against the twin (https://api.slack.com/authentication/oauth-v2): authorize page, code exchange, rotation, revocation, InstallProvider.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { InstallProvider, type Installation } from '@slack/oauth';
import type { Listening } from '../../src/server/node.js';
import { startSlack, slackError } from './helpers.js';
import { rtWorkspace, until, type RtWorkspace } from './realtime-helpers.js';

let server: Listening;
const cleanup: Array<() => Promise<unknown> | unknown> = [];
beforeAll(async () => {
  server = await startSlack();
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});
afterAll(async () => {
  await server.close();
});

const noToken = (w: RtWorkspace) => new WebClient(undefined, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } });

/** Runs the authorize step as `user` and returns the code from the redirect. */
async function authorize(w: RtWorkspace, user: string, q: Record<string, string>): Promise<URL> {
  const u = new URL(`${w.base}/oauth/v2/authorize`);
  for (const [k, v] of Object.entries({ client_id: w.creds.clientId, redirect_uri: 'http://127.0.0.1:9/oauth/callback', state: 'st-1', ...q, dtu_auto_approve: user })) u.searchParams.set(k, v);
  const res = await fetch(u, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('authorize page', () => {
  it('shows an approval form; allowing redirects with code and state, cancelling with access_denied', async () => {
    const w = await rtWorkspace(server, 'oauth-page');
    const params = new URLSearchParams({ client_id: w.creds.clientId, scope: 'chat:write,channels:read', user_scope: 'search:read', redirect_uri: 'https://app.example.com/cb', state: 'xyz' });
    const page = await fetch(`${w.base}/oauth/v2/authorize?${params}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('DTU Test App');
    expect(html).toContain(`<option value="${w.person('alice')}">`);
    expect(html).not.toContain(`<option value="${w.person('frank')}">`);
    expect(html).toContain('<code>chat:write</code>');
    const form = new URLSearchParams({ ...Object.fromEntries(params), user: w.person('bob'), decision: 'allow' });
    const ok = await fetch(`${w.base}/oauth/v2/authorize`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(ok.status).toBe(302);
    const loc = new URL(ok.headers.get('location')!);
    expect(loc.origin + loc.pathname).toBe('https://app.example.com/cb');
    expect(loc.searchParams.get('state')).toBe('xyz');
    expect(loc.searchParams.get('code')).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    form.set('decision', 'deny');
    const denied = await fetch(`${w.base}/oauth/v2/authorize`, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
  });

  it('refuses unknown clients and redirect URIs outside the configured ones', async () => {
    const w = await rtWorkspace(server, 'oauth-page-bad');
    expect((await fetch(`${w.base}/oauth/v2/authorize?client_id=nope&scope=chat:write`)).status).toBe(400);
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { redirect_urls: ['https://app.example.com/oauth'] });
    const bad = await fetch(`${w.base}/oauth/v2/authorize?client_id=${w.creds.clientId}&scope=chat:write&redirect_uri=https://evil.example.com/`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('bad_redirect_uri');
    const sub = await fetch(`${w.base}/oauth/v2/authorize?client_id=${w.creds.clientId}&scope=chat:write&redirect_uri=https://app.example.com/oauth/done&dtu_auto_approve=${w.person('alice')}`, { redirect: 'manual' });
    expect(sub.status).toBe(302);
  });
});

describe('oauth.v2.access', () => {
  it('exchanges a code for bot and user tokens that work, once', async () => {
    const w = await rtWorkspace(server, 'oauth-access');
    const carol = w.person('carol');
    const loc = await authorize(w, carol, { scope: 'chat:write,commands', user_scope: 'search:read,users:read' });
    const code = loc.searchParams.get('code')!;
    const res = await noToken(w).oauth.v2.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code, redirect_uri: 'http://127.0.0.1:9/oauth/callback' });
    expect(res).toMatchObject({
      ok: true, app_id: w.creds.appId, token_type: 'bot', access_token: expect.stringMatching(/^xoxb-/), bot_user_id: w.creds.botUserId,
      team: { id: w.creds.teamId }, enterprise: { id: w.creds.enterpriseId, name: 'Acme Enterprise' }, is_enterprise_install: false,
      authed_user: { id: carol, token_type: 'user', access_token: expect.stringMatching(/^xoxp-/), scope: 'search:read,users:read' },
    });
    expect(String(res.scope).split(',')).toEqual(expect.arrayContaining(['chat:write', 'commands']));
    const me = await new WebClient(res.authed_user!.access_token, { slackApiUrl: w.creds.apiUrl }).auth.test();
    expect(me).toMatchObject({ ok: true, user_id: carol, team_id: w.creds.teamId });
    const bot = await new WebClient(res.access_token, { slackApiUrl: w.creds.apiUrl }).auth.test();
    expect(bot).toMatchObject({ ok: true, user_id: w.creds.botUserId, bot_id: w.creds.botId });
    expect((await slackError(noToken(w).oauth.v2.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code }))).error).toBe('invalid_code');
  });

  it('takes client credentials by HTTP Basic auth; reports bad secrets, codes and redirect URIs in Slack’s words', async () => {
    const w = await rtWorkspace(server, 'oauth-errors');
    const code = (await authorize(w, w.person('alice'), { scope: 'chat:write' })).searchParams.get('code')!;
    const form = (o: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(o) });
    const bad = await (await fetch(`${w.creds.apiUrl}oauth.v2.access`, form({ client_id: w.creds.clientId, client_secret: 'wrong', code }))).json();
    expect(bad).toEqual({ ok: false, error: 'bad_client_secret' });
    expect((await (await fetch(`${w.creds.apiUrl}oauth.v2.access`, form({ client_id: 'who', client_secret: 'x', code }))).json()).error).toBe('invalid_client_id');
    expect((await (await fetch(`${w.creds.apiUrl}oauth.v2.access`, form({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code, redirect_uri: 'http://elsewhere/' }))).json()).error).toBe('bad_redirect_uri');
    expect((await (await fetch(`${w.creds.apiUrl}oauth.v2.access`, form({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code: 'forged' }))).json()).error).toBe('invalid_code');
    const basic = Buffer.from(`${w.creds.clientId}:${w.creds.clientSecret}`).toString('base64');
    const ok = await (await fetch(`${w.creds.apiUrl}oauth.v2.access`, { method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ code }) })).json();
    expect(ok).toMatchObject({ ok: true, token_type: 'bot', authed_user: { id: w.person('alice') } });
    expect(ok.authed_user.access_token).toBeUndefined();
  });

  it('expired codes are refused (10 minutes on the twin clock)', async () => {
    const w = await rtWorkspace(server, 'oauth-expiry');
    await w.freeze();
    const code = (await authorize(w, w.person('alice'), { scope: 'chat:write' })).searchParams.get('code')!;
    await w.advance(10 * 60_000);
    expect((await slackError(noToken(w).oauth.v2.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code }))).error).toBe('invalid_code');
  });

  it('with token rotation, issues expiring xoxe tokens and refresh tokens that rotate (https://api.slack.com/authentication/rotation)', async () => {
    const w = await rtWorkspace(server, 'oauth-rotation');
    await w.freeze();
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { token_rotation_enabled: true });
    const code = (await authorize(w, w.person('dan'), { scope: 'chat:write', user_scope: 'users:read' })).searchParams.get('code')!;
    const res = await noToken(w).oauth.v2.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code });
    expect(res).toMatchObject({ access_token: expect.stringMatching(/^xoxe\.xoxb-1-/), refresh_token: expect.stringMatching(/^xoxe-1-/), expires_in: 43200, authed_user: { access_token: expect.stringMatching(/^xoxe\.xoxp-1-/), refresh_token: expect.stringMatching(/^xoxe-1-/), expires_in: 43200 } });
    const refreshed = await noToken(w).oauth.v2.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, grant_type: 'refresh_token', refresh_token: res.refresh_token! });
    expect(refreshed).toMatchObject({ ok: true, token_type: 'bot', access_token: expect.stringMatching(/^xoxe\.xoxb-1-/), refresh_token: expect.stringMatching(/^xoxe-1-/), expires_in: 43200, bot_user_id: w.creds.botUserId });
    expect(refreshed.access_token).not.toBe(res.access_token);
    expect((await slackError(noToken(w).oauth.v2.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, grant_type: 'refresh_token', refresh_token: res.refresh_token! }))).error).toBe('invalid_refresh_token');
    const rotated = new WebClient(refreshed.access_token, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } });
    expect((await rotated.auth.test()).ok).toBe(true);
    await w.advance(43_200_000);
    expect((await slackError(rotated.auth.test())).error).toBe('token_expired');
  });
});

describe('auth.revoke and apps.event.authorizations.list', () => {
  it('a revoked token answers token_revoked; test=true revokes nothing', async () => {
    const w = await rtWorkspace(server, 'oauth-revoke');
    const code = (await authorize(w, w.person('erin'), { user_scope: 'users:read' })).searchParams.get('code')!;
    const res = await noToken(w).oauth.v2.access({ client_id: w.creds.clientId, client_secret: w.creds.clientSecret, code });
    expect(res.token_type).toBe('user');
    const erin = new WebClient(res.authed_user!.access_token, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } });
    expect(await erin.auth.revoke({ test: true })).toMatchObject({ ok: true, revoked: false });
    expect((await erin.auth.test()).ok).toBe(true);
    expect(await erin.auth.revoke()).toMatchObject({ ok: true, revoked: true });
    expect((await slackError(erin.auth.test())).error).toBe('token_revoked');
  });

  it('revoking the bot token tells the app (tokens_revoked, app_uninstalled) over its socket', async () => {
    const w = await rtWorkspace(server, 'oauth-revoke-bot');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { bot_events: ['tokens_revoked', 'app_uninstalled'] });
    const { SocketModeClient } = await import('@slack/socket-mode');
    const sm = new SocketModeClient({ appToken: w.creds.appToken, clientOptions: { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } } });
    const got: any[] = [];
    sm.on('slack_event', async (e: any) => {
      got.push(e.body.event);
      await e.ack();
    });
    await sm.start();
    cleanup.push(() => sm.disconnect());
    await w.bot.auth.revoke();
    await until(() => got.length === 2, 'two events');
    expect(got).toEqual([{ type: 'tokens_revoked', tokens: { bot: [w.creds.botUserId] } }, { type: 'app_uninstalled' }]);
    expect((await slackError(w.bot.auth.test())).error).toBe('token_revoked');
  });

  it('lists the installations an event is visible to from its event_context', async () => {
    const w = await rtWorkspace(server, 'oauth-authz');
    const { SocketModeClient } = await import('@slack/socket-mode');
    const sm = new SocketModeClient({ appToken: w.creds.appToken, clientOptions: { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } } });
    const got: any[] = [];
    sm.on('slack_event', async (e: any) => {
      got.push(e.body);
      await e.ack();
    });
    await sm.start();
    cleanup.push(() => sm.disconnect());
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'context please' });
    const body = await until(() => got[0], 'event');
    const app = new WebClient(w.creds.appToken, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } });
    const res = await app.apps.event.authorizations.list({ event_context: body.event_context });
    expect(res.authorizations).toContainEqual({ enterprise_id: w.creds.enterpriseId, team_id: w.creds.teamId, user_id: w.creds.botUserId, is_bot: true, is_enterprise_install: false });
    expect((await slackError(app.apps.event.authorizations.list({ event_context: '4-garbage!' }))).error).toBe('invalid_event_context');
    expect((await slackError(w.bot.apps.event.authorizations.list({ event_context: body.event_context }))).error).toBe('not_allowed_token_type');
  });
});

describe('@slack/oauth InstallProvider', () => {
  it('completes install path → authorize → handleCallback against the twin and stores a working installation', async () => {
    const w = await rtWorkspace(server, 'oauth-provider');
    const stored: Installation[] = [];
    const installer = new InstallProvider({
      clientId: w.creds.clientId, clientSecret: w.creds.clientSecret, stateSecret: 'twin-state-secret', directInstall: true,
      authorizationUrl: `${w.base}/oauth/v2/authorize`, clientOptions: { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } },
      installationStore: { storeInstallation: async (i) => void stored.push(i), fetchInstallation: async () => stored[0] as any, deleteInstallation: async () => undefined },
    });
    let failure: unknown;
    const http: Server = createServer((req, res) => {
      const redirectUri = `http://127.0.0.1:${(http.address() as AddressInfo).port}/slack/oauth_redirect`;
      if (req.url?.startsWith('/slack/install')) void installer.handleInstallPath(req, res, {}, { scopes: ['chat:write', 'channels:history'], userScopes: ['users:read'], redirectUri });
      else
        void installer.handleCallback(req, res, {
          success: (_i, _o, _req, r) => void r.end('installed'),
          failure: (e, _o, _req, r) => {
            failure = e;
            r.writeHead(500);
            r.end(String(e));
          },
        });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => http.close(r)));
    const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const start = await fetch(`${origin}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = start.headers.get('set-cookie')!.split(';')[0];
    const authorizeUrl = new URL(start.headers.get('location')!);
    expect(authorizeUrl.href.startsWith(`${w.base}/oauth/v2/authorize?`)).toBe(true);
    authorizeUrl.searchParams.set('dtu_auto_approve', w.person('dan'));
    const approved = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(approved.status, `${authorizeUrl} → ${await approved.clone().text()}`).toBe(302);
    const callback = approved.headers.get('location')!;
    expect(callback.startsWith(`${origin}/slack/oauth_redirect?code=`)).toBe(true);
    const done = await fetch(callback, { headers: { cookie } });
    expect(failure).toBeUndefined();
    expect(await done.text()).toBe('installed');
    expect(stored[0]).toMatchObject({ team: { id: w.creds.teamId }, appId: w.creds.appId, bot: { userId: w.creds.botUserId, id: w.creds.botId }, user: { id: w.person('dan'), scopes: ['users:read'] }, authVersion: 'v2' });
    const bot = new WebClient(stored[0].bot!.token, { slackApiUrl: w.creds.apiUrl });
    expect((await bot.auth.test()).ok).toBe(true);
  });
});
