// Events API over HTTP against a local receiver: url_verification, Slack's request signing, retries and their headers.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { verifySlackRequest } from '@slack/bolt';
import type { Listening } from '../../src/server/node.js';
import { startSlack } from './helpers.js';
import { receiver, rtWorkspace, until, type Received, type RtWorkspace } from './realtime-helpers.js';

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

/** Echoes url_verification challenges like a correctly built app; everything else goes to `then`. */
const answering = (then: (r: Received, n: number) => { status?: number; body?: string; headers?: Record<string, string>; hang?: boolean }) => (r: Received, n: number) => {
  const body = r.body.startsWith('{') ? JSON.parse(r.body) : {};
  if (body.type === 'url_verification') return { status: 200, body: JSON.stringify({ challenge: body.challenge }) };
  return then(r, n);
};

async function httpApp(w: RtWorkspace, then: Parameters<typeof answering>[0] = () => ({ status: 200 })) {
  const r = await receiver(answering(then));
  cleanup.push(() => r.close());
  const res = await w.slack('PUT', `apps/${w.creds.appId}/config`, { socket_mode: false, request_url: r.url });
  expect(res.status).toBe(200);
  return r;
}

const events = (r: { requests: Received[] }) => r.requests.filter((x) => JSON.parse(x.body).type === 'event_callback');

describe('url_verification (https://api.slack.com/events/url_verification)', () => {
  it('setting a request URL sends a signed challenge and saves the URL once it is echoed', async () => {
    const w = await rtWorkspace(server, 'http-verify');
    const r = await httpApp(w);
    expect(r.requests).toHaveLength(1);
    const sent = JSON.parse(r.requests[0].body);
    expect(sent).toEqual({ token: expect.any(String), challenge: expect.any(String), type: 'url_verification' });
    expect(() => verifySlackRequest({ signingSecret: w.creds.signingSecret, body: r.requests[0].body, headers: { 'x-slack-signature': String(r.requests[0].headers['x-slack-signature']), 'x-slack-request-timestamp': Number(r.requests[0].headers['x-slack-request-timestamp']) } })).not.toThrow();
    expect((await w.slack('GET', `apps/${w.creds.appId}/config`)).body.event_subscriptions.request_url).toBe(r.url);
  });

  it('a URL that does not echo the challenge is refused and not saved', async () => {
    const w = await rtWorkspace(server, 'http-verify-bad');
    const r = await receiver(() => ({ status: 200, body: '{"challenge":"wrong"}' }));
    cleanup.push(() => r.close());
    const res = await w.slack('PUT', `apps/${w.creds.appId}/config`, { request_url: r.url });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ message: 'url_verification_failed', detail: expect.stringContaining('challenge') });
    expect((await w.slack('GET', `apps/${w.creds.appId}/config`)).body.event_subscriptions.request_url).toBeNull();
    const plain = await receiver((req) => ({ status: 200, body: JSON.parse(req.body).challenge, headers: { 'content-type': 'text/plain' } }));
    cleanup.push(() => plain.close());
    expect((await w.slack('PUT', `apps/${w.creds.appId}/config`, { request_url: plain.url })).status).toBe(200);
  });
});

describe('signed delivery (https://api.slack.com/authentication/verifying-requests-from-slack)', () => {
  it('posts the event_callback JSON with v0 HMAC-SHA256 signature that Bolt verifies', async () => {
    const w = await rtWorkspace(server, 'http-signed');
    const r = await httpApp(w);
    const posted = await w.act('message', { user: w.person('alice'), channel: w.channel('general'), text: `<@${w.creds.botUserId}> hello over http` });
    await until(() => events(r).length === 2, 'message and app_mention');
    for (const req of events(r)) {
      expect(req.method).toBe('POST');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['user-agent']).toMatch(/^Slackbot 1\.0/);
      expect(req.headers['x-slack-retry-num']).toBeUndefined();
      const ts = Number(req.headers['x-slack-request-timestamp']);
      expect(Math.abs(ts - Math.floor((await w.now()) / 1000))).toBeLessThanOrEqual(2);
      const expected = `v0=${createHmac('sha256', w.creds.signingSecret).update(`v0:${ts}:${req.body}`).digest('hex')}`;
      expect(req.headers['x-slack-signature']).toBe(expected);
      verifySlackRequest({ signingSecret: w.creds.signingSecret, body: req.body, headers: { 'x-slack-signature': expected, 'x-slack-request-timestamp': ts } });
      expect(() => verifySlackRequest({ signingSecret: 'not-the-secret', body: req.body, headers: { 'x-slack-signature': expected, 'x-slack-request-timestamp': ts } })).toThrow(/signature mismatch/);
    }
    const types = events(r).map((x) => JSON.parse(x.body).event.type).sort();
    expect(types).toEqual(['app_mention', 'message']);
    expect(JSON.parse(events(r)[0].body)).toMatchObject({ type: 'event_callback', api_app_id: w.creds.appId, team_id: w.creds.teamId, event: { ts: posted.ts } });
  });

  it('retries a 500 at once with X-Slack-Retry-Num and X-Slack-Retry-Reason: http_error', async () => {
    const w = await rtWorkspace(server, 'http-500');
    const r = await httpApp(w, (_req, n) => (n === 2 ? { status: 500, body: 'boom' } : { status: 200 }));
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'flaky' });
    await until(() => events(r).length === 2, 'retry after 500');
    const [first, retry] = events(r);
    expect(first.body).toBe(retry.body);
    expect(retry.headers['x-slack-retry-num']).toBe('1');
    expect(retry.headers['x-slack-retry-reason']).toBe('http_error');
    const d = (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries[0];
    expect(d).toMatchObject({ state: 'acked', attempts: [{ via: 'http', status: 500, outcome: 'http_error' }, { via: 'http', status: 200, outcome: 'acked' }] });
  });

  it('follows Slack’s schedule on the twin clock: immediately, 1 minute, 5 minutes, then stops', async () => {
    const w = await rtWorkspace(server, 'http-schedule');
    const r = await httpApp(w, () => ({ status: 503 }));
    await w.freeze();
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'down for maintenance' });
    await until(() => events(r).length === 2, 'first try and immediate retry');
    await w.advance(59_000);
    await new Promise((res) => setTimeout(res, 100));
    expect(events(r)).toHaveLength(2);
    await w.advance(1_000);
    await until(() => events(r).length === 3, 'retry after 1 minute');
    await w.advance(299_000);
    await new Promise((res) => setTimeout(res, 100));
    expect(events(r)).toHaveLength(3);
    await w.advance(1_000);
    await until(() => events(r).length === 4, 'retry after 5 minutes');
    expect(events(r).map((x) => x.headers['x-slack-retry-num'])).toEqual([undefined, '1', '2', '3']);
    await w.advance(3_600_000);
    await new Promise((res) => setTimeout(res, 100));
    expect(events(r)).toHaveLength(4);
    const d = (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries[0];
    expect(d).toMatchObject({ state: 'failed', error: 'http_error' });
  });

  it('X-Slack-No-Retry: 1 on a failure stops retries', async () => {
    const w = await rtWorkspace(server, 'http-noretry');
    const r = await httpApp(w, () => ({ status: 500, headers: { 'x-slack-no-retry': '1' } }));
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'no retries please' });
    await until(async () => (await w.slack('GET', 'deliveries?state=failed')).body.deliveries.length === 1, 'failed');
    expect(events(r)).toHaveLength(1);
  });

  it('an endpoint that does not answer within 3 s (twin clock) is retried with http_timeout', async () => {
    const w = await rtWorkspace(server, 'http-timeout');
    const r = await httpApp(w, (_req, n) => (n === 2 ? { hang: true } : { status: 200 }));
    await w.freeze();
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'slow app' });
    await until(() => events(r).length === 1, 'first attempt');
    await new Promise((res) => setTimeout(res, 100));
    expect(events(r)).toHaveLength(1);
    await w.advance(3000);
    await until(() => events(r).length === 2, 'retry after timeout');
    expect(events(r)[1].headers).toMatchObject({ 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await until(async () => (await w.slack('GET', 'deliveries?state=acked')).body.deliveries.length === 1, 'acked on retry');
  });

  it('a refused connection counts as connection_failed and is retried', async () => {
    const w = await rtWorkspace(server, 'http-refused');
    const r = await httpApp(w);
    await r.close();
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'nobody listening' });
    const d = await until(async () => {
      const x = (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries[0];
      return x?.attempts.length >= 2 && x;
    }, 'two attempts');
    expect(d.attempts[0].outcome).toBe('connection_failed');
    expect(d.retryReason).toBe('connection_failed');
  });
});

describe('slash commands and interactions over HTTP', () => {
  it('a slash command is a signed form post; the response body becomes the ephemeral reply', async () => {
    const w = await rtWorkspace(server, 'http-command');
    const r = await httpApp(w, () => ({ status: 200, body: JSON.stringify({ text: 'pong (only you can see this)' }) }));
    const alice = w.person('alice');
    const unknown = await w.slack('POST', 'act/command', { user: alice, channel: w.channel('general'), command: '/ping' });
    expect(unknown).toMatchObject({ status: 404, body: { error: { message: expect.stringMatching(/^\/ping is not a valid command/) } } });
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { slash_commands: [{ command: '/ping', description: 'Ping' }] });
    const res = await w.act('command', { user: alice, channel: w.channel('general'), command: '/ping', text: 'hello world' });
    expect(res).toMatchObject({ ok: true, state: 'acked', outcome: { response: 'ephemeral' } });
    const req = r.requests.find((x) => x.headers['content-type'] === 'application/x-www-form-urlencoded')!;
    const form = Object.fromEntries(new URLSearchParams(req.body));
    expect(form).toMatchObject({ command: '/ping', text: 'hello world', user_id: alice, user_name: 'alice', channel_id: w.channel('general'), channel_name: 'general', team_id: w.creds.teamId, api_app_id: w.creds.appId, is_enterprise_install: 'false' });
    expect(form.response_url).toMatch(new RegExp(`^${w.base}/commands/`));
    expect(form.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    verifySlackRequest({ signingSecret: w.creds.signingSecret, body: req.body, headers: { 'x-slack-signature': String(req.headers['x-slack-signature']), 'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']) } });
    const seen = await w.slack('GET', `act/ephemeral?user=${alice}`);
    expect(seen.body.messages).toMatchObject([{ type: 'message', channel: w.channel('general'), user: alice, text: 'pong (only you can see this)' }]);
  });

  it('an interaction is a form field `payload` holding JSON', async () => {
    const w = await rtWorkspace(server, 'http-interactive');
    const r = await httpApp(w);
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { shortcuts: [{ callback_id: 'open_ticket', type: 'global' }] });
    const res = await w.act('shortcut', { user: w.person('bob'), callback_id: 'open_ticket' });
    expect(res.state).toBe('acked');
    const req = r.requests.find((x) => x.body.startsWith('payload='))!;
    const payload = JSON.parse(new URLSearchParams(req.body).get('payload')!);
    expect(payload).toMatchObject({ type: 'shortcut', callback_id: 'open_ticket', trigger_id: res.trigger_id, user: { id: w.person('bob'), username: 'bob' }, team: { id: w.creds.teamId }, api_app_id: w.creds.appId });
  });
});
