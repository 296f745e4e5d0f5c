// Simulated people through the control plane: the payloads apps receive, response_url semantics, and refusal of bad input.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SocketModeClient } from '@slack/socket-mode';
import type { Listening } from '../../src/server/node.js';
import { startSlack } from './helpers.js';
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

/** Connects over Socket Mode and acks every envelope with what `reply` returns for it. */
async function listen(w: RtWorkspace, reply: (e: any) => Record<string, unknown> | undefined = () => undefined) {
  const client = new SocketModeClient({ appToken: w.creds.appToken, clientOptions: { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } } });
  const got: any[] = [];
  client.on('slack_event', async (e: any) => {
    got.push(e);
    await e.ack(reply(e));
  });
  await client.start();
  cleanup.push(() => client.disconnect());
  return got;
}

const buttonMessage = (w: RtWorkspace, channel: string) =>
  w.bot.chat.postMessage({ channel, text: 'Pick one', blocks: [{ type: 'actions', block_id: 'b1', elements: [{ type: 'button', action_id: 'yes', text: { type: 'plain_text', text: 'Yes' }, value: 'y' }, { type: 'static_select', action_id: 'size', options: [{ text: { type: 'plain_text', text: 'Large' }, value: 'L' }] }] }] });

describe('people acting in the workspace', () => {
  it('DMs to the bot (by user id) arrive as message.im; joins and reactions fire their events', async () => {
    const w = await rtWorkspace(server, 'people-events');
    const got = await listen(w);
    const bob = w.person('bob');
    const dm = await w.act('message', { user: bob, to: w.creds.botUserId, text: 'hello bot' });
    expect(dm.channel).toMatch(/^D/);
    const im = await until(() => got.find((e) => e.body.event.channel_type === 'im'), 'message.im');
    expect(im.body.event).toMatchObject({ type: 'message', user: bob, text: 'hello bot', channel: dm.channel, client_msg_id: expect.any(String) });
    expect((await w.act('message', { user: bob, to: w.creds.botUserId, text: 'again' })).channel).toBe(dm.channel);
    await w.act('join', { user: w.person('dan'), channel: w.channel('engineering') });
    const joined = await until(() => got.find((e) => e.body.event.type === 'member_joined_channel'), 'member_joined_channel');
    expect(joined.body.event).toMatchObject({ user: w.person('dan'), channel: w.channel('engineering'), channel_type: 'C' });
    const posted = await w.act('message', { user: bob, channel: w.channel('engineering'), text: 'react to me' });
    await w.act('reaction', { user: w.person('carol'), channel: w.channel('engineering'), ts: posted.ts, name: ':eyes:' });
    await w.act('reaction', { user: w.person('carol'), channel: w.channel('engineering'), ts: posted.ts, name: 'eyes', remove: true });
    const removed = await until(() => got.find((e) => e.body.event.type === 'reaction_removed'), 'reaction_removed');
    expect(removed.body.event).toMatchObject({ user: w.person('carol'), reaction: 'eyes', item_user: bob, item: { type: 'message', channel: w.channel('engineering'), ts: posted.ts } });
    expect(got.some((e) => e.body.event.type === 'reaction_added')).toBe(true);
  });

  it('Web API changes made by people reach the app too: channel_created, rename and archive', async () => {
    const w = await rtWorkspace(server, 'people-webapi');
    const got = await listen(w);
    const created = await w.userClient.conversations.create({ name: 'launch-room' });
    const id = created.channel!.id!;
    await w.userClient.conversations.rename({ channel: id, name: 'launch-room-2' });
    await w.userClient.conversations.archive({ channel: id });
    await until(() => got.some((e) => e.body.event.type === 'channel_archive'), 'channel_archive');
    const types = got.map((e) => e.body.event.type);
    expect(types).toEqual(expect.arrayContaining(['channel_created', 'channel_rename', 'channel_archive']));
    expect(got.find((e) => e.body.event.type === 'channel_created').body.event.channel).toMatchObject({ id, name: 'launch-room' });
  });

  it('block_actions from a select carry selected_option; from a modal they carry the view and its state', async () => {
    const w = await rtWorkspace(server, 'people-actions');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { shortcuts: [{ callback_id: 'go', type: 'global' }] });
    const got = await listen(w);
    const channel = w.channel('engineering');
    const msg = await buttonMessage(w, channel);
    const pick = await w.act('block_action', { user: w.person('alice'), channel, message_ts: msg.ts, action_id: 'size', value: 'L' });
    expect(pick.state).toBe('acked');
    const interactive = () => got.filter((e) => e.type === 'interactive');
    expect(interactive()[0].body.actions[0]).toMatchObject({ type: 'static_select', action_id: 'size', block_id: 'b1', selected_option: { value: 'L', text: { text: 'Large' } } });
    const trigger = (await w.act('shortcut', { user: w.person('alice'), callback_id: 'go' })).trigger_id;
    const opened = await w.bot.views.open({ trigger_id: trigger, view: { type: 'modal', title: { type: 'plain_text', text: 'M' }, notify_on_close: true, blocks: [{ type: 'actions', block_id: 'a', elements: [{ type: 'button', action_id: 'inner', text: { type: 'plain_text', text: 'Go' } }] }] } });
    const inModal = await w.act('block_action', { user: w.person('alice'), view_id: opened.view!.id, action_id: 'inner' });
    expect(inModal.state).toBe('acked');
    const payload = got.find((e) => e.body.container?.type === 'view').body;
    expect(payload).toMatchObject({ type: 'block_actions', container: { type: 'view', view_id: opened.view!.id }, view: { id: opened.view!.id, type: 'modal', notify_on_close: true }, actions: [{ type: 'button', action_id: 'inner' }] });
    expect(payload.response_url).toBeUndefined();
    const closed = await w.act('view_closed', { view_id: opened.view!.id });
    expect(closed).toMatchObject({ notified: true, state: 'acked' });
    expect(interactive().at(-1).body).toMatchObject({ type: 'view_closed', is_cleared: false, view: { id: opened.view!.id } });
  });

  it('message shortcuts carry the message and a response_url; response_url honours delete_original and use limits', async () => {
    const w = await rtWorkspace(server, 'people-response-url');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { shortcuts: [{ callback_id: 'archive_msg', type: 'message' }] });
    const got = await listen(w);
    const channel = w.channel('engineering');
    const msg = await buttonMessage(w, channel);
    const res = await w.act('shortcut', { user: w.person('bob'), callback_id: 'archive_msg', channel, message_ts: msg.ts });
    expect(got.find((e) => e.type === 'interactive').body).toMatchObject({ type: 'message_action', callback_id: 'archive_msg', message_ts: msg.ts, channel: { id: channel, name: 'engineering' }, message: { ts: msg.ts, text: 'Pick one' }, response_url: res.response_url });
    const post = (body: unknown) => fetch(res.response_url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(await (await post({ text: 'Moved it', response_type: 'in_channel', thread_ts: msg.ts })).json()).toEqual({ ok: true });
    expect((await w.userClient.conversations.replies({ channel, ts: msg.ts! })).messages?.[1]?.text).toBe('Moved it');
    expect((await fetch(res.response_url, { method: 'POST', body: 'not json' })).status).toBe(400);
    expect(await (await post({ delete_original: true })).json()).toEqual({ ok: true });
    const left = await w.userClient.conversations.history({ channel, latest: msg.ts, inclusive: true, limit: 1 });
    expect(left.messages?.[0]?.ts).not.toBe(msg.ts);
    for (let i = 0; i < 3; i++) await post({ text: `note ${i}` });
    const sixth = await post({ text: 'one too many' });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect((await fetch(res.response_url.replace(/[^/]+$/, 'forged'), { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('interactions with no app to receive them fail as dispatch_failed, and interactions are never retried', async () => {
    const w = await rtWorkspace(server, 'people-dispatch');
    await w.slack('PUT', `apps/${w.creds.appId}/config`, { slash_commands: [{ command: '/nobody' }] });
    const res = await w.act('command', { user: w.person('alice'), channel: w.channel('general'), command: '/nobody' });
    expect(res).toMatchObject({ ok: true, state: 'failed', error: 'dispatch_failed' });
    await w.freeze();
    const silent = new SocketModeClient({ appToken: w.creds.appToken, clientOptions: { slackApiUrl: w.creds.apiUrl, retryConfig: { retries: 0 } } });
    const seen: any[] = [];
    silent.on('slash_commands', (e: any) => seen.push(e));
    await silent.start();
    cleanup.push(() => silent.disconnect());
    const pending = w.act('command', { user: w.person('alice'), channel: w.channel('general'), command: '/nobody' });
    await until(() => seen.length === 1, 'command envelope');
    expect(seen[0]).toMatchObject({ accepts_response_payload: true, body: { command: '/nobody' } });
    await w.advance(3000);
    expect(await pending).toMatchObject({ state: 'failed', error: 'timeout' });
    await w.advance(600_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toHaveLength(1);
  });

  it('bad input is refused with 4xx and never crashes the twin', async () => {
    const w = await rtWorkspace(server, 'people-bad-input');
    const raw = (path: string, body: string, method = 'POST') => fetch(`${w.base}/_dtu/slack/${path}`, { method, headers: { 'content-type': 'application/json' }, body });
    const cases: Array<[string, string]> = [
      ['act/message', '{'], ['act/message', '[]'], ['act/message', '{"user":"UNOPE","channel":"C1","text":"x"}'],
      ['act/message', JSON.stringify({ user: w.person('alice'), channel: w.channel('random'), text: 7 })],
      ['act/message', JSON.stringify({ user: w.person('alice'), channel: w.channel('leadership') === '' ? '' : 'CNOPE', text: 'x' })],
      ['act/reaction', JSON.stringify({ user: w.person('alice'), channel: w.channel('general'), ts: 'nope', name: 'x' })],
      ['act/command', JSON.stringify({ user: w.person('alice'), channel: w.channel('general'), command: 'no-slash' })],
      ['act/block_action', JSON.stringify({ user: w.person('alice'), channel: w.channel('general'), message_ts: '1.2', action_id: 'x' })],
      ['act/view_submission', JSON.stringify({ view_id: 'VNOPE', values: 'x' })],
      ['act/view_closed', '{"view_id":{}}'], ['act/shortcut', '{"user":null}'], ['act/app_home', JSON.stringify({ user: w.person('alice'), app_id: 'ANOPE' })],
      ['socket/disconnect', '{"reason":"because"}'], ['socket/settings', '{"connection_lifetime_ms":-1}'],
      [`apps/${w.creds.appId}/config`, '{"request_url":"ftp://x"}'], [`apps/${w.creds.appId}/config`, '{"slash_commands":[{"command":"nope"}]}'],
      ['apps/ANOPE/config', '{}'], ['events', '{"event":"x"}'], ['deliveries/nope', ''],
    ];
    for (const [path, body] of cases) {
      const method = path.startsWith('apps/') || path === 'socket/settings' ? 'PUT' : path.startsWith('deliveries') ? 'GET' : 'POST';
      const res = method === 'GET' ? await fetch(`${w.base}/_dtu/slack/${path}`) : await raw(path, body, method);
      expect(res.status, `${method} ${path} ${body}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path} ${body}`).toBeLessThan(500);
    }
    const page = await fetch(`${w.base}/oauth/v2/authorize`, { method: 'POST', body: '%%%' });
    expect(page.status).toBe(400);
    expect((await (await fetch(`${w.base}/_dtu/health`)).json()).ok).toBe(true);
  });
});
