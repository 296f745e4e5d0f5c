// Socket Mode against the twin: handshake, envelopes, acks, Slack's retry schedule on the twin clock, disconnects.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SocketModeClient } from '@slack/socket-mode';
import { WebClient } from '@slack/web-api';
import type { Listening } from '../../src/server/node.js';
import { startSlack } from './helpers.js';
import { rawSocket, rtWorkspace, until, type RtWorkspace } from './realtime-helpers.js';

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

/** A SocketModeClient that records every envelope and acks only when told. */
async function connect(w: RtWorkspace, opts: { autoAck?: boolean; clientPingTimeout?: number } = {}) {
  const client = new SocketModeClient({ appToken: w.creds.appToken, clientPingTimeout: opts.clientPingTimeout, clientOptions: { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } } });
  const envelopes: any[] = [];
  client.on('slack_event', async (e: any) => {
    envelopes.push(e);
    if (opts.autoAck) await e.ack();
  });
  const opened = await client.start();
  cleanup.push(() => client.disconnect());
  return { client, envelopes, opened };
}

async function openUrl(w: RtWorkspace): Promise<string> {
  const res = await new WebClient(w.creds.appToken, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } }).apps.connections.open();
  return res.url!;
}

describe('Socket Mode handshake (https://api.slack.com/apis/connections/socket-implement)', () => {
  it('apps.connections.open returns a ws:// /link/ URL and the socket says hello with connection info', async () => {
    const w = await rtWorkspace(server, 'sm-hello');
    const url = await openUrl(w);
    expect(url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/t/${w.tenant}/link/\\?ticket=[^&]+&app_id=${w.creds.appId}$`));
    const s = await rawSocket(url);
    cleanup.push(() => s.ws.close());
    const hello = await until(() => s.frames[0], 'hello');
    expect(hello).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: w.creds.appId } });
    expect(hello.debug_info).toMatchObject({ host: expect.stringMatching(/^applink-/), build_number: expect.any(Number), approximate_connection_time: 18060 });
  });

  it('SocketModeClient.start() resolves after hello; a second connection counts two', async () => {
    const w = await rtWorkspace(server, 'sm-start');
    const { opened } = await connect(w);
    expect(opened.ok).toBe(true);
    const s = await rawSocket(await openUrl(w));
    cleanup.push(() => s.ws.close());
    expect((await until(() => s.frames[0], 'hello')).num_connections).toBe(2);
    const list = await w.slack('GET', 'socket/connections');
    expect(list.body.connections).toHaveLength(2);
  });

  it('tickets are single use; unknown tickets and other tokens are refused', async () => {
    const w = await rtWorkspace(server, 'sm-ticket');
    const url = await openUrl(w);
    const first = await rawSocket(url);
    cleanup.push(() => first.ws.close());
    await until(() => first.frames[0], 'hello');
    const again = await rawSocket(url);
    expect(await again.closed).toEqual({ code: 1008, reason: 'invalid_ticket' });
    expect(again.frames).toEqual([]);
    const forged = await rawSocket(url.replace(/ticket=[^&]+/, 'ticket=nope'));
    expect((await forged.closed).code).toBe(1008);
    const bot = new WebClient(w.creds.botToken, { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } });
    await expect(bot.apps.connections.open()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
  });
});

describe('events_api envelopes', () => {
  it('a person mentioning the bot yields message and app_mention envelopes with the Events API payload', async () => {
    const w = await rtWorkspace(server, 'sm-events');
    const { envelopes } = await connect(w, { autoAck: true });
    const alice = w.person('alice');
    const general = w.channel('general');
    const posted = await w.act('message', { user: alice, channel: general, text: `hey <@${w.creds.botUserId}> ship it` });
    expect(posted.ok).toBe(true);
    const mention = await until(() => envelopes.find((e) => e.body.event.type === 'app_mention'), 'app_mention envelope');
    expect(mention).toMatchObject({ type: 'events_api', retry_num: 0, retry_reason: '', accepts_response_payload: false });
    expect(mention.envelope_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(mention.body).toMatchObject({
      token: expect.any(String), team_id: w.creds.teamId, api_app_id: w.creds.appId, type: 'event_callback',
      event_id: expect.stringMatching(/^Ev[A-Z0-9]+$/), event_time: expect.any(Number), is_ext_shared_channel: false,
      event_context: expect.stringMatching(/^4-/), authorizations: [{ enterprise_id: w.creds.enterpriseId, team_id: w.creds.teamId, user_id: w.creds.botUserId, is_bot: true, is_enterprise_install: false }],
      context_enterprise_id: w.creds.enterpriseId,
    });
    expect(mention.body.event).toMatchObject({ type: 'app_mention', user: alice, channel: general, ts: posted.ts, text: `hey <@${w.creds.botUserId}> ship it` });
    const message = await until(() => envelopes.find((e) => e.body.event.type === 'message'), 'message envelope');
    expect(message.body.event).toMatchObject({ type: 'message', channel_type: 'channel', user: alice, ts: posted.ts });
    expect(message.body.event_id).not.toBe(mention.body.event_id);
    await until(async () => (await w.slack('GET', 'deliveries?state=acked')).body.deliveries.length === 2, 'both acked');
  });

  it('channels the bot is not in produce no envelopes, and the event log says why', async () => {
    const w = await rtWorkspace(server, 'sm-visibility');
    const { envelopes } = await connect(w, { autoAck: true });
    await w.act('message', { user: w.person('alice'), channel: w.channel('random'), text: 'bots cannot see this' });
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'but this one' });
    await until(() => envelopes.length === 1, 'one envelope');
    expect(envelopes[0].body.event.text).toBe('but this one');
    const log = (await w.slack('GET', 'events?type=message')).body.events;
    expect(log[0].skipped).toContainEqual({ app: w.creds.appId, reason: 'not_in_channel' });
  });

  it('an event sent while the app is offline arrives on a later retry once it connects (retry_attempt 2 after a minute)', async () => {
    const w = await rtWorkspace(server, 'sm-offline');
    await w.freeze();
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'sent while offline' });
    const d = await until(async () => {
      const x = (await w.slack('GET', 'deliveries')).body.deliveries[0];
      return x?.attempts.length === 2 && x;
    }, 'first attempt and immediate retry, both without a connection');
    expect(d).toMatchObject({ state: 'pending', retryReason: 'timeout', attempts: [{ outcome: 'no_connection' }, { outcome: 'no_connection' }] });
    const { envelopes } = await connect(w, { autoAck: true });
    await new Promise((r) => setTimeout(r, 100));
    expect(envelopes).toHaveLength(0);
    await w.advance(60_000);
    const env = await until(() => envelopes[0], 'retry after one minute');
    expect(env).toMatchObject({ retry_num: 2, retry_reason: 'timeout', body: { event: { text: 'sent while offline' } } });
  });
});

describe('acks and retries on the twin clock (https://api.slack.com/apis/events-api#retries)', () => {
  it('an unacked envelope is retried after 3 s with retry_attempt/retry_reason, same event_id, new envelope_id', async () => {
    const w = await rtWorkspace(server, 'sm-retry');
    await w.freeze();
    const { envelopes } = await connect(w);
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'ack me' });
    const first = await until(() => envelopes[0], 'first envelope');
    await w.advance(2999);
    await new Promise((r) => setTimeout(r, 100));
    expect(envelopes).toHaveLength(1);
    await w.advance(1);
    const second = await until(() => envelopes[1], 'retry');
    expect(second).toMatchObject({ retry_num: 1, retry_reason: 'timeout' });
    expect(second.body.event_id).toBe(first.body.event_id);
    expect(second.envelope_id).not.toBe(first.envelope_id);
    await second.ack();
    const d = await until(async () => (await w.slack('GET', `deliveries/${first.envelope_id}`)).body.state === 'acked' && (await w.slack('GET', `deliveries/${first.envelope_id}`)).body, 'acked');
    expect(d.attempts.map((a: any) => a.outcome)).toEqual(['timeout', 'acked']);
    await w.advance(10 * 60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(envelopes).toHaveLength(2);
  });

  it('never acked: retries immediately, after 1 minute and after 5 minutes, then gives up', async () => {
    const w = await rtWorkspace(server, 'sm-schedule');
    await w.freeze();
    const { envelopes } = await connect(w);
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'nobody home' });
    await until(() => envelopes.length === 1, 'attempt 0');
    await w.advance(3000);
    await until(() => envelopes.length === 2, 'retry 1 (immediate)');
    await w.advance(3000 + 59_999);
    await new Promise((r) => setTimeout(r, 100));
    expect(envelopes).toHaveLength(2);
    await w.advance(1);
    await until(() => envelopes.length === 3, 'retry 2 (after 1 minute)');
    await w.advance(3000 + 300_000);
    await until(() => envelopes.length === 4, 'retry 3 (after 5 minutes)');
    expect(envelopes.map((e) => e.retry_num)).toEqual([0, 1, 2, 3]);
    await w.advance(3000);
    const d = await until(async () => {
      const r = (await w.slack('GET', `deliveries/${envelopes[0].envelope_id}`)).body;
      return r.state === 'failed' && r;
    }, 'final failure');
    expect(d.error).toBe('timeout');
    await w.advance(60 * 60_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(envelopes).toHaveLength(4);
  });

  it('malformed frames, binary frames and unknown envelope ids are ignored without closing the socket', async () => {
    const w = await rtWorkspace(server, 'sm-garbage');
    await w.freeze();
    const s = await rawSocket(await openUrl(w));
    cleanup.push(() => s.ws.close());
    await until(() => s.frames[0], 'hello');
    for (const junk of ['{', '[]', 'null', '"x"', JSON.stringify({ envelope_id: 42 }), JSON.stringify({ envelope_id: 'not-ours', payload: {} }), JSON.stringify({ payload: 1 })]) s.ws.send(junk);
    s.ws.send(Buffer.from([0, 1, 2]), { binary: true });
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'still alive?' });
    const env = await until(() => s.frames.find((f) => f.type === 'events_api'), 'envelope after garbage');
    s.ws.send(JSON.stringify({ envelope_id: env.envelope_id, payload: {} }));
    await until(async () => (await w.slack('GET', `deliveries/${env.envelope_id}`)).body.state === 'acked', 'ack accepted');
    expect(s.ws.readyState).toBe(s.ws.OPEN);
    expect((await (await fetch(`${w.base}/_dtu/health`)).json()).ok).toBe(true);
  });
});

describe('disconnects', () => {
  it('refresh_requested from the control plane makes SocketModeClient reconnect with a new ticket', async () => {
    const w = await rtWorkspace(server, 'sm-refresh');
    const { client, envelopes } = await connect(w, { autoAck: true, clientPingTimeout: 300 });
    let reconnected = 0;
    client.on('connected', () => reconnected++);
    const res = await w.slack('POST', 'socket/disconnect', { reason: 'refresh_requested' });
    expect(res.body.disconnected).toHaveLength(1);
    await until(() => reconnected >= 1, 'reconnected', 8000);
    const conns = (await w.slack('GET', 'socket/connections')).body.connections;
    expect(conns).toHaveLength(1);
    expect(conns[0].id).not.toBe(res.body.disconnected[0]);
    await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'after refresh' });
    await until(() => envelopes.find((e) => e.body.event.text === 'after refresh'), 'event on the new connection');
  });

  it('a connection reaching its lifetime gets warning, then refresh_requested and is closed', async () => {
    const w = await rtWorkspace(server, 'sm-lifetime');
    await w.freeze();
    await w.slack('PUT', 'socket/settings', { connection_lifetime_ms: 60_000 });
    const s = await rawSocket(await openUrl(w));
    await until(() => s.frames[0], 'hello');
    await w.advance(49_999);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.frames).toHaveLength(1);
    await w.advance(1);
    expect(await until(() => s.frames[1], 'warning')).toMatchObject({ type: 'disconnect', reason: 'warning', debug_info: { host: s.frames[0].debug_info.host } });
    await w.advance(10_000);
    expect(await until(() => s.frames[2], 'refresh')).toMatchObject({ type: 'disconnect', reason: 'refresh_requested' });
    expect((await s.closed).code).toBe(1000);
    await w.slack('PUT', 'socket/settings', { connection_lifetime_ms: 18_060_000 });
  });

  it('turning Socket Mode off sends link_disabled and refuses new connections', async () => {
    const w = await rtWorkspace(server, 'sm-disabled');
    const s = await rawSocket(await openUrl(w));
    await until(() => s.frames[0], 'hello');
    const res = await w.slack('PUT', `apps/${w.creds.appId}/config`, { socket_mode: false });
    expect(res.status).toBe(200);
    expect(await until(() => s.frames[1], 'link_disabled')).toMatchObject({ type: 'disconnect', reason: 'link_disabled' });
    await s.closed;
    await expect(openUrl(w)).rejects.toMatchObject({ data: { error: 'access_denied' } });
  });
});
