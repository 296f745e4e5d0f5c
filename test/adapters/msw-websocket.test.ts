/** socketMode: 'msw' — the Socket Mode link served through msw's WebSocket API, for clients on the global WebSocket. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket as UndiciWebSocket } from 'undici';
import { setupTwins, type InProcessTwins } from '../../src/msw.js';

const g = globalThis as { WebSocket?: unknown };
const hadGlobal = 'WebSocket' in g;
let twins: InProcessTwins<readonly ['slack']>;
beforeAll(async () => {
  // Node 20 has no global WebSocket; msw patches the global one, so give it one before the server starts.
  if (!hadGlobal) g.WebSocket = UndiciWebSocket;
  twins = await setupTwins({ vendors: ['slack'], socketMode: 'msw' });
});
afterAll(async () => {
  await twins.close();
  if (!hadGlobal) delete g.WebSocket;
});

describe('Socket Mode through msw.ws', () => {
  it('apps.connections.open hands out a wss://slack.com link; the twin says hello and takes acks over it', async () => {
    const open = await fetch('https://slack.com/api/apps.connections.open', { method: 'POST', headers: { authorization: `Bearer ${twins.credentials.slack.appToken}` } });
    const { ok, url } = (await open.json()) as { ok: boolean; url: string };
    expect(ok).toBe(true);
    expect(url).toMatch(/^wss:\/\/slack\.com\/link\/\?ticket=/);
    const Ws = g.WebSocket as typeof UndiciWebSocket;
    const socket = new Ws(url);
    const frames: Array<{ type: string; envelope_id?: string }> = [];
    const next = () => new Promise<{ type: string; envelope_id?: string }>((resolve, reject) => {
      socket.addEventListener('message', (e) => resolve(JSON.parse(String(e.data))), { once: true });
      socket.addEventListener('close', () => reject(new Error('closed')), { once: true });
    });
    frames.push(await next());
    expect(frames[0]).toMatchObject({ type: 'hello', connection_info: { app_id: twins.credentials.slack.appId } });
    const connections = await (await fetch('https://slack.com/_dtu/slack/socket/connections')).json();
    expect(connections.connections).toHaveLength(1);
    // A mention delivered as an events_api envelope, acked over the same socket.
    const channel = 'general';
    const snap = await (await fetch('https://slack.com/_dtu/snapshot?tenant=default')).json();
    const cols = snap.tenants.default.collections;
    const channelId = cols.conversations.find((c: { name: string }) => c.name === channel).id;
    const person = cols.users.find((u: { name: string }) => u.name === 'alice').id;
    const envelope = next();
    await fetch('https://slack.com/_dtu/slack/act/message', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: person, channel: channelId, text: `<@${twins.credentials.slack.botUserId}> hi` }) });
    const frame = await envelope;
    expect(frame.type).toBe('events_api');
    socket.send(JSON.stringify({ envelope_id: frame.envelope_id }));
    const acked = async () => ((await (await fetch('https://slack.com/_dtu/slack/deliveries?kind=events_api')).json()) as { deliveries: Array<{ state: string }> }).deliveries;
    for (let i = 0; i < 50 && !(await acked()).some((d) => d.state === 'acked'); i++) await new Promise((r) => setTimeout(r, 50));
    expect((await acked()).some((d) => d.state === 'acked')).toBe(true);
    socket.close();
  });
});
