// The Web API side of the event contract: each workspace change publishes the Events API event Slack would send, to the realtime bus.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { observeEvents } from '../../twins/slack/realtime/workspace-events.js';
import { startSlack, workspace, channelId } from './helpers.js';

let server: Listening;
let seen: Array<{ tenant: string; event: Record<string, any>; opts: Record<string, unknown> }> = [];
beforeAll(async () => {
  server = await startSlack();
  observeEvents(server.twin, (tenant, event, opts) => seen.push({ tenant: tenant.name, event: event as Record<string, any>, opts: opts as Record<string, unknown> }));
});
beforeEach(() => { seen = []; });
afterAll(async () => { await server.close(); });

const of = (tenant: string, type: string) => seen.filter((s) => s.tenant === tenant && s.event.type === type).map((s) => s.event);

describe('events published by Web API calls (docs.slack.dev/reference/events)', () => {
  it('message, app_mention (only when the bot is mentioned by someone else), edits and deletes', async () => {
    const ws = await workspace(server, 'ev-msg');
    const eng = await channelId(ws.bot, 'engineering');
    const m = await ws.userClient.chat.postMessage({ channel: eng, text: `hey <@${ws.creds.botUserId}> deploy please` });
    const msg = of(ws.tenant, 'message').find((e) => e.ts === m.ts)!;
    expect(msg).toMatchObject({ channel: eng, user: ws.creds.installerUserId, channel_type: 'channel', text: `hey <@${ws.creds.botUserId}> deploy please` });
    expect(of(ws.tenant, 'app_mention')).toEqual([expect.objectContaining({ channel: eng, ts: m.ts, user: ws.creds.installerUserId })]);
    await ws.bot.chat.postMessage({ channel: eng, text: `note to self <@${ws.creds.botUserId}>` });
    expect(of(ws.tenant, 'app_mention')).toHaveLength(1);
    await ws.userClient.chat.update({ channel: eng, ts: m.ts!, text: 'edited' });
    const changed = of(ws.tenant, 'message').find((e) => e.subtype === 'message_changed')!;
    expect(changed).toMatchObject({ channel: eng, hidden: true, message: { ts: m.ts, text: 'edited' }, previous_message: { text: `hey <@${ws.creds.botUserId}> deploy please` } });
    await ws.userClient.chat.delete({ channel: eng, ts: m.ts! });
    expect(of(ws.tenant, 'message').find((e) => e.subtype === 'message_deleted')).toMatchObject({ deleted_ts: m.ts, channel: eng });
  });

  it('thread replies carry thread_ts; broadcasts are thread_broadcast', async () => {
    const ws = await workspace(server, 'ev-thread');
    const lab = await channelId(ws.bot, 'bot-lab');
    const p = await ws.userClient.chat.postMessage({ channel: lab, text: 'root' });
    await ws.userClient.chat.postMessage({ channel: lab, text: 'reply', thread_ts: p.ts!, reply_broadcast: true });
    const reply = of(ws.tenant, 'message').find((e) => e.text === 'reply')!;
    expect(reply).toMatchObject({ subtype: 'thread_broadcast', thread_ts: p.ts, channel_type: 'group', root: { ts: p.ts } });
  });

  it('reactions, pins, membership and channel lifecycle', async () => {
    const ws = await workspace(server, 'ev-items');
    const lab = await channelId(ws.bot, 'bot-lab');
    const m = await ws.bot.chat.postMessage({ channel: lab, text: 'x' });
    await ws.userClient.reactions.add({ channel: lab, timestamp: m.ts!, name: 'eyes' });
    await ws.userClient.reactions.remove({ channel: lab, timestamp: m.ts!, name: 'eyes' });
    expect(of(ws.tenant, 'reaction_added')[0]).toMatchObject({ user: ws.creds.installerUserId, reaction: 'eyes', item_user: ws.creds.botUserId, item: { type: 'message', channel: lab, ts: m.ts } });
    expect(of(ws.tenant, 'reaction_removed')).toHaveLength(1);
    await ws.bot.pins.add({ channel: lab, timestamp: m.ts! });
    await ws.bot.pins.remove({ channel: lab, timestamp: m.ts! });
    expect(of(ws.tenant, 'pin_added')[0]).toMatchObject({ channel_id: lab, item: { type: 'message', message: { ts: m.ts } } });
    expect(of(ws.tenant, 'pin_removed')).toHaveLength(1);

    const c = await ws.bot.conversations.create({ name: 'ev-room' });
    const id = c.channel!.id!;
    expect(of(ws.tenant, 'channel_created')[0]).toMatchObject({ channel: { id, name: 'ev-room' } });
    const bob = (await ws.bot.users.list({})).members!.find((u) => u.name === 'bob')!.id!;
    await ws.bot.conversations.invite({ channel: id, users: bob });
    expect(of(ws.tenant, 'member_joined_channel')).toEqual([expect.objectContaining({ user: bob, channel: id, channel_type: 'C', inviter: ws.creds.botUserId })]);
    await ws.bot.conversations.kick({ channel: id, user: bob });
    expect(of(ws.tenant, 'member_left_channel')[0]).toMatchObject({ user: bob, channel: id });
    await ws.bot.conversations.rename({ channel: id, name: 'ev-room-2' });
    await ws.bot.conversations.archive({ channel: id });
    await ws.bot.conversations.unarchive({ channel: id });
    expect(of(ws.tenant, 'channel_rename')[0]).toMatchObject({ channel: { id, name: 'ev-room-2' } });
    expect(of(ws.tenant, 'channel_archive')[0]).toMatchObject({ channel: id, user: ws.creds.botUserId });
    expect(of(ws.tenant, 'channel_unarchive')).toHaveLength(1);
  });

  it('people: team_join from provisioning and user_change from profile edits; file_shared from uploads', async () => {
    const ws = await workspace(server, 'ev-people');
    const general = await channelId(ws.bot, 'general');
    await ws.admin.admin.users.invite({ team_id: ws.creds.teamId, email: 'joiner@acme.test', channel_ids: general } as never);
    expect(of(ws.tenant, 'team_join')[0].user).toMatchObject({ name: 'joiner', profile: { email: 'joiner@acme.test' } });
    await ws.userClient.users.profile.set({ profile: { title: 'Chief Tester' } } as never);
    expect(of(ws.tenant, 'user_change')[0].user).toMatchObject({ id: ws.creds.installerUserId, profile: { title: 'Chief Tester' } });
    const up: any = await ws.bot.files.uploadV2({ channel_id: general, file: Buffer.from('x'), filename: 'x.txt' });
    expect(of(ws.tenant, 'file_shared')[0]).toMatchObject({ channel_id: general, file_id: up.files[0].files[0].id, user_id: ws.creds.botUserId });
    const share = of(ws.tenant, 'message').find((e) => e.subtype === 'file_share')!;
    expect(share.files[0]).toMatchObject({ id: up.files[0].files[0].id, name: 'x.txt' });
  });

  it('scheduled messages fire message events when they post', async () => {
    const ws = await workspace(server, 'ev-sched');
    const lab = await channelId(ws.bot, 'bot-lab');
    const now = Math.floor((await ws.control('GET', 'clock')).epochMs / 1000);
    await ws.bot.chat.scheduleMessage({ channel: lab, text: 'tick', post_at: now + 60 });
    expect(of(ws.tenant, 'message').some((e) => e.text === 'tick')).toBe(false);
    try {
      await ws.control('POST', 'clock', { advanceMs: 61_000 });
      expect(of(ws.tenant, 'message').find((e) => e.text === 'tick')).toMatchObject({ channel: lab, bot_id: ws.creds.botId });
    } finally {
      await ws.control('POST', 'clock', { advanceMs: -61_000 });
    }
  });
});
