// Wire-level Slack conventions: GET/POST/JSON argument passing, token placement, scope enforcement and headers, and bad input that must never 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack, workspace, slackError, channelId } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

const form = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe('argument passing (docs.slack.dev/apis/web-api#basics)', () => {
  it('accepts GET query arguments, POST forms, and JSON with a bearer token', async () => {
    const ws = await workspace(server, 'wire-args');
    const bearer = { authorization: `Bearer ${ws.creds.botToken}` };
    const get = await (await ws.raw(`/api/auth.test?token=${ws.creds.botToken}`)).json();
    expect(get).toMatchObject({ ok: true, user_id: ws.creds.botUserId });
    const general = await channelId(ws.bot, 'general');
    const posted = await (await ws.raw('/api/chat.postMessage', { method: 'POST', headers: { ...bearer, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ channel: general, text: 'json body', blocks: [{ type: 'divider' }] }) })).json();
    expect(posted).toMatchObject({ ok: true, channel: general, message: { text: 'json body', blocks: [{ type: 'divider' }] } });
    expect(posted.warning).toBeUndefined();
    // Query and body arguments mix in one call.
    const mixed = await (await ws.raw(`/api/conversations.info?channel=${general}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form({ token: ws.creds.botToken, include_num_members: 'true' }) })).json();
    expect(mixed.channel).toMatchObject({ id: general, num_members: expect.any(Number) });
  });

  it('picks the workspace from the token alone when the URL has no tenant prefix', async () => {
    const ws = await workspace(server, 'wire-noprefix');
    const { WebClient } = await import('@slack/web-api');
    const plain = new WebClient(ws.creds.botToken, { slackApiUrl: `${ws.url}/api/`, retryConfig: { retries: 0 } });
    expect(await plain.auth.test()).toMatchObject({ team_id: ws.creds.teamId, user_id: ws.creds.botUserId });
  });

  it('warns missing_charset for JSON without a charset, as Slack does', async () => {
    const ws = await workspace(server, 'wire-charset');
    const res = await (await ws.raw('/api/auth.test', { method: 'POST', headers: { authorization: `Bearer ${ws.creds.botToken}`, 'content-type': 'application/json' }, body: '{}' })).json();
    expect(res).toMatchObject({ ok: true, warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } });
  });

  it('does not read a token inside a JSON body (JSON needs the Authorization header)', async () => {
    const ws = await workspace(server, 'wire-jsontoken');
    const res = await ws.raw('/api/auth.test', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ token: ws.creds.botToken }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  it('api.test echoes arguments and fails with the error it is given', async () => {
    const ws = await workspace(server, 'wire-apitest');
    expect(await ws.bot.api.test({ foo: 'bar' } as never)).toMatchObject({ ok: true, args: { foo: 'bar' } });
    expect((await slackError(ws.bot.api.test({ error: 'my_error' }))).error).toBe('my_error');
  });
});

describe('tokens and scopes', () => {
  it('answers not_authed, invalid_auth and account_inactive', async () => {
    const ws = await workspace(server, 'wire-auth');
    expect((await slackError(ws.client('').auth.test())).error).toBe('not_authed');
    expect((await slackError(ws.client('xoxb-123-456-nope').auth.test())).error).toBe('invalid_auth');
  });

  it('missing_scope names needed and provided scopes and sets the scope headers', async () => {
    const ws = await workspace(server, 'wire-scope');
    // The bot lacks users:read.email (docs.slack.dev/reference/methods/users.lookupByEmail).
    const err = await slackError(ws.bot.users.lookupByEmail({ email: 'bob@acme.test' }));
    expect(err.error).toBe('missing_scope');
    expect(err.data.needed).toBe('users:read.email');
    expect(err.data.provided).toContain('users:read');
    expect(err.data.response_metadata.acceptedScopes).toEqual(['users:read.email']);
    const ok = await ws.userClient.users.lookupByEmail({ email: 'bob@acme.test' });
    expect(ok.user?.name).toBe('bob');
    expect(ok.response_metadata?.scopes).toContain('users:read.email');
    expect(ok.response_metadata?.acceptedScopes).toEqual(['users:read.email']);
  });

  it('refuses token types a method does not accept (not_allowed_token_type)', async () => {
    const ws = await workspace(server, 'wire-types');
    expect((await slackError(ws.bot.search.messages({ query: 'hello' }))).error).toBe('not_allowed_token_type');
    expect((await slackError(ws.client(ws.creds.appToken).chat.postMessage({ channel: 'C1', text: 'x' }))).error).toBe('not_allowed_token_type');
  });

  it('per-conversation-type scopes: private channel history needs groups:history', async () => {
    const ws = await workspace(server, 'wire-groups');
    const { issueToken } = await import('../../twins/slack/model/tokens.js');
    const { apps } = await import('../../twins/slack/store.js');
    const t = server.twin.tenant(ws.tenant);
    const limited = issueToken(t, 'bot', apps(t).get(ws.creds.appId)!, ws.creds.botUserId, ['channels:history', 'channels:read', 'groups:read'], ws.creds.teamId);
    const client = ws.client(limited.token);
    const lab = await channelId(ws.bot, 'bot-lab');
    const err = await slackError(client.conversations.history({ channel: lab }));
    expect(err).toMatchObject({ error: 'missing_scope', data: { needed: 'groups:history' } });
  });
});

describe('bad input never yields a 500', () => {
  it('malformed JSON is invalid_json', async () => {
    const ws = await workspace(server, 'bad-json');
    const res = await ws.raw('/api/chat.postMessage', { method: 'POST', headers: { authorization: `Bearer ${ws.creds.botToken}`, 'content-type': 'application/json; charset=utf-8' }, body: '{"channel": ' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_json' });
  });

  it('a content type Slack does not take is invalid_post_type; a body without one is missing_post_type', async () => {
    const ws = await workspace(server, 'bad-type');
    const auth = { authorization: `Bearer ${ws.creds.botToken}` };
    const xml = await ws.raw('/api/auth.test', { method: 'POST', headers: { ...auth, 'content-type': 'application/xml' }, body: '<a/>' });
    expect(xml.status).toBe(200);
    expect(await xml.json()).toMatchObject({ ok: false, error: 'invalid_post_type' });
    const none = await ws.raw('/api/auth.test', { method: 'POST', headers: auth, body: new Uint8Array([1, 2, 3]) });
    expect(await none.json()).toMatchObject({ ok: false, error: expect.stringMatching(/^(missing_post_type|invalid_post_type)$/) });
  });

  it('invalid UTF-8 in a form is invalid_form_data', async () => {
    const ws = await workspace(server, 'bad-utf8');
    const res = await ws.raw('/api/chat.postMessage', { method: 'POST', headers: { authorization: `Bearer ${ws.creds.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: new Uint8Array([0x74, 0x65, 0x78, 0x74, 0x3d, 0xff, 0xfe]) });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_form_data' });
  });

  it('an oversized body is refused with 413 request_too_large', async () => {
    const ws = await workspace(server, 'bad-big');
    const res = await ws.raw('/api/chat.postMessage', { method: 'POST', headers: { authorization: `Bearer ${ws.creds.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: `text=${'a'.repeat(11 * 1024 * 1024)}` });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: 'request_too_large' });
  });

  it('an unknown method is 404 unknown_method', async () => {
    const ws = await workspace(server, 'bad-method');
    const res = await ws.raw('/api/nonsense.method', { method: 'POST', headers: { authorization: `Bearer ${ws.creds.botToken}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: 'unknown_method', req_method: 'nonsense.method' });
  });

  it('a routed method without behavior is loud: HTTP 501 not_implemented_in_twin', async () => {
    // Every routed Slack method has behavior now, so a twin is assembled with one handler taken away.
    const { definition } = await import('../../twins/slack/index.js');
    const { createTwin } = await import('../../src/core/twin.js');
    const def = definition();
    const { 'agents.conversations.getCanvas': _gone, ...rest } = def.handlers;
    const twin = createTwin({ ...def, handlers: rest });
    try {
      const creds = (await (await twin.fetch(new Request('http://127.0.0.1/t/bad-501/_dtu/credentials'))).json()) as { botToken: string };
      const res = await twin.fetch(new Request('http://127.0.0.1/t/bad-501/api/agents.conversations.getCanvas', { method: 'POST', headers: { authorization: `Bearer ${creds.botToken}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'channel=C0000000001&canvas_id=F0000000001' }));
      expect(res.status).toBe(501);
      expect(await res.json()).toMatchObject({ ok: false, error: 'not_implemented_in_twin', method: 'agents.conversations.getCanvas' });
    } finally {
      await twin.close();
    }
  });

  it('junk argument types are Slack errors, not crashes', async () => {
    const ws = await workspace(server, 'bad-args');
    const auth = { authorization: `Bearer ${ws.creds.botToken}`, 'content-type': 'application/json; charset=utf-8' };
    for (const [method, body] of [
      ['chat.postMessage', { channel: ['a', 'b'], text: { nested: true } }],
      ['conversations.history', { channel: 42, limit: 'lots' }],
      ['conversations.list', { limit: -5, cursor: 12 }],
      ['users.info', { user: null }],
      ['reactions.add', { channel: {}, timestamp: [], name: 7 }],
      ['chat.update', { channel: 'C1', ts: { $gt: 1 } }],
      ['views.open', { trigger_id: 1, view: 'not json' }],
      ['files.completeUploadExternal', { files: 'nope' }],
    ] as const) {
      const res = await ws.raw(`/api/${method}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
      expect(res.status, method).toBe(200);
      const json = await res.json();
      expect(json.ok, method).toBe(false);
      expect(typeof json.error, method).toBe('string');
    }
    const arr = await ws.raw('/api/auth.test', { method: 'POST', headers: auth, body: '[1,2]' });
    expect(arr.status).toBe(200);
  });
});

describe('rate limits (docs.slack.dev/apis/web-api/rate-limits)', () => {
  it('answers 429 with Retry-After once a tier is exhausted, when enforcement is on', async () => {
    const ws = await workspace(server, 'rate');
    await ws.control('PUT', 'ratelimits', { enforce: true, scale: 0.02 });
    try {
      // conversations.list is Tier 2 (20/min); at scale 0.02 the budget is 1 call.
      await ws.bot.conversations.list({});
      const res = await ws.raw('/api/conversations.list', { method: 'POST', headers: { authorization: `Bearer ${ws.creds.botToken}` } });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await res.json()).toMatchObject({ ok: false, error: 'ratelimited' });
      const client = ws.client(ws.creds.botToken);
      const { WebClient } = await import('@slack/web-api');
      const strict = new WebClient(ws.creds.botToken, { slackApiUrl: ws.creds.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
      await expect(strict.conversations.list({})).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error' });
      void client;
    } finally {
      await ws.control('PUT', 'ratelimits', { enforce: false, scale: 1 });
    }
  });
});
