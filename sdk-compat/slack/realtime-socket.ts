/** @slack/socket-mode and RTM scenarios: WebSocket handshakes, envelopes, acks, retries on the twin clock, refresh, RTM streams. */
import { WebClient } from '@slack/web-api';
import { SocketModeClient } from '@slack/socket-mode';
import WebSocket from 'ws';
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { until } from './wait.js';

const SOCKET_ONLY = { modes: ['socket' as const], modesReason: 'needs real WebSockets (Socket Mode / RTM), which in-process interception does not carry' };

const web = (ctx: CompatContext, t: Tracker, token: string) => t.track(new WebClient(token, { slackApiUrl: ctx.credentials.apiUrl, retryConfig: { retries: 0 } }), '');

async function ids(ctx: CompatContext, bot: WebClient) {
  const people = (await bot.users.list({})).members ?? [];
  const chans = (await bot.conversations.list({ types: 'public_channel,private_channel' })).channels ?? [];
  return { person: (n: string) => people.find((m) => m.name === n)!.id!, channel: (n: string) => chans.find((c) => c.name === n)!.id! };
}

async function socketModeScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const app = web(ctx, t, ctx.credentials.appToken);
  const bot = web(ctx, t, ctx.credentials.botToken);
  const opened = await app.apps.connections.open();
  t.check(/^ws:\/\/.+\/link\/\?ticket=[^&]+&app_id=/.test(String(opened.url)), 'apps.connections.open returns a ws:// /link/ URL', opened);
  const { person, channel } = await ids(ctx, bot);
  await ctx.control('POST', 'clock', { freeze: true });
  const client = t.track(new SocketModeClient({ appToken: ctx.credentials.appToken, clientPingTimeout: 300, clientOptions: { slackApiUrl: ctx.credentials.apiUrl, retryConfig: { retries: 0 } } }), 'socket');
  const envelopes: any[] = [];
  let ackNext = false;
  client.on('slack_event', async (e: any) => {
    envelopes.push(e);
    if (ackNext) await e.ack();
  });
  try {
    const started = await client.start();
    t.check(started.ok === true, 'start() resolves after hello', started);
    await ctx.control('POST', 'slack/act/message', { user: person('alice'), channel: channel('bot-lab'), text: `<@${ctx.credentials.botUserId}> compat` });
    await until(() => envelopes.length >= 2, 'message and app_mention envelopes', t);
    const mention = envelopes.find((e) => e.body.event.type === 'app_mention');
    t.check(mention?.type === 'events_api' && mention.retry_num === 0 && mention.body.api_app_id === ctx.credentials.appId, 'an events_api envelope for the mention', mention);
    // Nothing was acked: after 3 s on the twin clock both are retried with retry_attempt 1.
    ackNext = true;
    await ctx.control('POST', 'clock', { advanceMs: 3000 });
    await until(() => envelopes.length >= 4, 'retries', t);
    t.check(envelopes.slice(2).every((e) => e.retry_num === 1 && e.retry_reason === 'timeout'), 'retries carry retry_attempt 1 and retry_reason timeout', envelopes.slice(2).map((e) => [e.retry_num, e.retry_reason]));
    const refreshed = new Promise<void>((r) => client.once('connected', () => r()));
    const res = await ctx.control('POST', 'slack/socket/disconnect', { reason: 'refresh_requested' });
    t.check(res.disconnected.length === 1, 'the control plane asked the connection to refresh', res);
    await Promise.race([refreshed, new Promise((r) => setTimeout(r, 8000))]);
    const conns = await ctx.control('GET', 'slack/socket/connections');
    t.check(conns.connections.length === 1 && conns.connections[0].id !== res.disconnected[0], 'the client reconnected on a new connection', conns);
  } finally {
    await client.disconnect();
    await ctx.control('POST', 'clock', { freeze: false });
  }
}

async function rtmScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const bot = web(ctx, t, ctx.credentials.botToken);
  const res = await bot.rtm.connect();
  t.check(res.self?.id === ctx.credentials.botUserId && res.team?.id === ctx.credentials.teamId, 'rtm.connect names self and team', res);
  const { person, channel } = await ids(ctx, bot);
  const frames: any[] = [];
  const ws = new WebSocket(String(res.url));
  ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
  try {
    await until(() => frames[0]?.type === 'hello', 'hello', t);
    await ctx.control('POST', 'slack/act/message', { user: person('alice'), channel: channel('bot-lab'), text: 'over rtm' });
    const msg = await until(() => frames.find((f) => f.type === 'message' && f.text === 'over rtm'), 'message event', t);
    t.check(msg?.user === person('alice'), 'RTM streams the bare message event', msg);
    ws.send(JSON.stringify({ id: 1, type: 'message', channel: channel('bot-lab'), text: 'typed over rtm' }));
    const ack = await until(() => frames.find((f) => f.reply_to === 1), 'reply', t);
    t.check(ack?.ok === true && ack.ts, 'a sent message is acknowledged with reply_to and ts', ack);
    ws.send(JSON.stringify({ id: 2, type: 'ping' }));
    t.check(await until(() => frames.find((f) => f.type === 'pong' && f.reply_to === 2), 'pong', t), 'ping gets pong');
    const history = await bot.conversations.history({ channel: channel('bot-lab'), limit: 1 });
    t.check(history.messages?.[0]?.text === 'typed over rtm', 'the RTM message is in the history', history.messages?.[0]);
  } finally {
    ws.close();
  }
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: '@slack/socket-mode', name: 'realtime: Socket Mode — hello, envelopes, retries on the twin clock, refresh', ...SOCKET_ONLY, run: socketModeScenario },
  { vendor: 'slack', sdk: '@slack/web-api', name: 'realtime: RTM — rtm.connect, event stream, send, ping', ...SOCKET_ONLY, run: rtmScenario },
];
