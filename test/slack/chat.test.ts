// chat.* through @slack/web-api: threads, broadcasts, edits, deletes, ephemeral, permalinks, scheduling and content validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack, workspace, slackError, channelId, personClient } from './helpers.js';

let server: Listening;
beforeAll(async () => { server = await startSlack(); });
afterAll(async () => { await server.close(); });

describe('threads', () => {
  it('threads replies under the parent and counts them (reply_count, reply_users, latest_reply)', async () => {
    const ws = await workspace(server, 'chat-thread');
    const lab = await channelId(ws.bot, 'bot-lab');
    const parent = await ws.bot.chat.postMessage({ channel: lab, text: 'parent' });
    const r1 = await ws.bot.chat.postMessage({ channel: lab, text: 'first reply', thread_ts: parent.ts });
    const r2 = await ws.userClient.chat.postMessage({ channel: lab, text: 'second reply', thread_ts: parent.ts });
    expect(r1.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: ws.creds.botUserId });
    const replies = await ws.bot.conversations.replies({ channel: lab, ts: parent.ts! });
    expect(replies.messages!.map((m) => m.text)).toEqual(['parent', 'first reply', 'second reply']);
    expect(replies.messages![0]).toMatchObject({ reply_count: 2, latest_reply: r2.ts, reply_users_count: 2 });
    // Replies stay out of channel history unless broadcast.
    const history = await ws.bot.conversations.history({ channel: lab, limit: 3 });
    expect(history.messages!.map((m) => m.text)).not.toContain('first reply');
    // A reply's ts resolves to its thread.
    const viaReply = await ws.bot.conversations.replies({ channel: lab, ts: r1.ts! });
    expect(viaReply.messages).toHaveLength(3);
    expect((await slackError(ws.bot.conversations.replies({ channel: lab, ts: '1000000000.000001' }))).error).toBe('thread_not_found');
  });

  it('reply_broadcast puts a thread_broadcast copy in the channel', async () => {
    const ws = await workspace(server, 'chat-broadcast');
    const lab = await channelId(ws.bot, 'bot-lab');
    const parent = await ws.bot.chat.postMessage({ channel: lab, text: 'parent' });
    await ws.bot.chat.postMessage({ channel: lab, text: 'everyone should see this', thread_ts: parent.ts!, reply_broadcast: true });
    const history = await ws.bot.conversations.history({ channel: lab, limit: 1 });
    expect(history.messages![0]).toMatchObject({ subtype: 'thread_broadcast', text: 'everyone should see this', thread_ts: parent.ts });
    expect((history.messages![0] as { root?: { text?: string } }).root?.text).toBe('parent');
  });
});

describe('posting rules', () => {
  it('needs text, blocks or attachments (no_text) and validates blocks (invalid_blocks)', async () => {
    const ws = await workspace(server, 'chat-content');
    const lab = await channelId(ws.bot, 'bot-lab');
    expect((await slackError(ws.bot.chat.postMessage({ channel: lab } as never))).error).toBe('no_text');
    const bad = await slackError(ws.bot.chat.postMessage({ channel: lab, text: 'x', blocks: [{ type: 'nonsense' }] as never }));
    expect(bad.error).toBe('invalid_blocks');
    expect(bad.data.response_metadata.messages[0]).toMatch(/^\[ERROR\] unsupported type: nonsense/);
    const attachments = Array.from({ length: 101 }, (_, i) => ({ text: `a${i}` }));
    expect((await slackError(ws.bot.chat.postMessage({ channel: lab, text: 'x', attachments }))).error).toBe('too_many_attachments');
    const ok = await ws.bot.chat.postMessage({ channel: lab, text: 'fallback', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*bold*' } }] });
    expect(ok.message?.blocks?.[0]?.type).toBe('section');
  });

  it('truncates text past 40,000 characters (docs.slack.dev chat.postMessage#truncating)', async () => {
    const ws = await workspace(server, 'chat-long');
    const lab = await channelId(ws.bot, 'bot-lab');
    const res = await ws.bot.chat.postMessage({ channel: lab, text: 'x'.repeat(40010) });
    expect(res.message?.text).toHaveLength(40000);
    expect((await slackError(ws.bot.chat.update({ channel: lab, ts: res.ts!, text: 'y'.repeat(40001) }))).error).toBe('msg_too_long');
  });

  it('lets a bot with chat:write.public post to public channels it is not in, but not private ones', async () => {
    const ws = await workspace(server, 'chat-public');
    const random = await channelId(ws.bot, 'random');
    await ws.bot.chat.postMessage({ channel: random, text: 'drive-by' });
    const leadership = await channelId(ws.userClient, 'leadership');
    expect((await slackError(ws.bot.chat.postMessage({ channel: leadership, text: 'hi' }))).error).toBe('channel_not_found');
    expect((await slackError(ws.bot.chat.postMessage({ channel: 'C00000NOPE0', text: 'hi' }))).error).toBe('channel_not_found');
  });

  it('accepts a channel name and a user id (posting to a user id opens the DM)', async () => {
    const ws = await workspace(server, 'chat-names');
    const byName = await ws.bot.chat.postMessage({ channel: '#general', text: 'by name' });
    expect(byName.channel).toBe(await channelId(ws.bot, 'general'));
    const toUser = await ws.bot.chat.postMessage({ channel: ws.creds.installerUserId, text: 'dm by user id' });
    expect(toUser.channel).toMatch(/^D/);
  });

  it('applies username and icon overrides for bots with chat:write.customize', async () => {
    const ws = await workspace(server, 'chat-custom');
    const res = await ws.bot.chat.postMessage({ channel: '#bot-lab', text: 'custom', username: 'Deploy Bot', icon_emoji: ':rocket:' });
    expect(res.message).toMatchObject({ username: 'Deploy Bot', icons: { emoji: ':rocket:' } });
  });
});

describe('edits and deletes', () => {
  it('updates own messages (message_changed semantics) and refuses others’ with cant_update_message', async () => {
    const ws = await workspace(server, 'chat-update');
    const lab = await channelId(ws.bot, 'bot-lab');
    const mine = await ws.bot.chat.postMessage({ channel: lab, text: 'draft' });
    const upd = await ws.bot.chat.update({ channel: lab, ts: mine.ts!, text: 'final' });
    expect(upd).toMatchObject({ channel: lab, ts: mine.ts, text: 'final' });
    expect(upd.message?.edited?.user).toBe(ws.creds.botUserId);
    const history = await ws.bot.conversations.history({ channel: lab, limit: 1 });
    expect(history.messages![0].text).toBe('final');
    const hers = (await ws.bot.conversations.history({ channel: lab })).messages!.find((m) => m.text === 'Testing the bot here')!;
    expect((await slackError(ws.bot.chat.update({ channel: lab, ts: hers.ts!, text: 'hijack' }))).error).toBe('cant_update_message');
    expect((await slackError(ws.bot.chat.update({ channel: lab, ts: '1000000000.000009', text: 'x' }))).error).toBe('message_not_found');
  });

  it('deletes messages; a thread parent with replies becomes a tombstone', async () => {
    const ws = await workspace(server, 'chat-delete');
    const lab = await channelId(ws.bot, 'bot-lab');
    const lone = await ws.bot.chat.postMessage({ channel: lab, text: 'oops' });
    await ws.bot.chat.delete({ channel: lab, ts: lone.ts! });
    expect((await slackError(ws.bot.chat.delete({ channel: lab, ts: lone.ts! }))).error).toBe('message_not_found');
    const parent = await ws.bot.chat.postMessage({ channel: lab, text: 'parent' });
    const reply = await ws.bot.chat.postMessage({ channel: lab, text: 'reply', thread_ts: parent.ts });
    await ws.bot.chat.delete({ channel: lab, ts: parent.ts! });
    const thread = await ws.bot.conversations.replies({ channel: lab, ts: parent.ts! });
    expect(thread.messages![0]).toMatchObject({ subtype: 'tombstone', text: 'This message was deleted.' });
    await ws.bot.chat.delete({ channel: lab, ts: reply.ts! });
    expect((await slackError(ws.bot.conversations.replies({ channel: lab, ts: parent.ts! }))).error).toBe('thread_not_found');
    const carol = await personClient(server, ws, 'alice');
    const alices = (await ws.bot.conversations.history({ channel: lab })).messages!.find((m) => m.user === carol.userId)!;
    expect((await slackError(ws.bot.chat.delete({ channel: lab, ts: alices.ts! }))).error).toBe('cant_delete_message');
  });
});

describe('ephemeral, /me, permalinks, unfurls', () => {
  it('posts ephemeral messages only to channel members and keeps them out of history', async () => {
    const ws = await workspace(server, 'chat-eph');
    const lab = await channelId(ws.bot, 'bot-lab');
    const eph = await ws.bot.chat.postEphemeral({ channel: lab, user: ws.creds.installerUserId, text: 'only you' });
    expect(eph.message_ts).toMatch(/^\d+\.\d{6}$/);
    const history = await ws.bot.conversations.history({ channel: lab });
    expect(history.messages!.some((m) => m.text === 'only you')).toBe(false);
    const dan = (await ws.bot.users.list({})).members!.find((m) => m.name === 'dan')!.id!;
    expect((await slackError(ws.bot.chat.postEphemeral({ channel: lab, user: dan, text: 'x' }))).error).toBe('user_not_in_channel');
  });

  it('builds permalinks with thread context and posts /me messages', async () => {
    const ws = await workspace(server, 'chat-link');
    const lab = await channelId(ws.bot, 'bot-lab');
    const parent = await ws.bot.chat.postMessage({ channel: lab, text: 'parent' });
    const reply = await ws.bot.chat.postMessage({ channel: lab, text: 'reply', thread_ts: parent.ts });
    const link = await ws.bot.chat.getPermalink({ channel: lab, message_ts: reply.ts! });
    expect(link.permalink).toBe(`https://acme.slack.com/archives/${lab}/p${reply.ts!.replace('.', '')}?thread_ts=${parent.ts}&cid=${lab}`);
    const me = await ws.userClient.chat.meMessage({ channel: lab, text: 'waves' });
    const history = await ws.bot.conversations.history({ channel: lab, limit: 1 });
    expect(history.messages![0]).toMatchObject({ ts: me.ts, subtype: 'me_message', text: 'waves' });
  });

  it('attaches unfurls to the message', async () => {
    const ws = await workspace(server, 'chat-unfurl');
    const lab = await channelId(ws.bot, 'bot-lab');
    const m = await ws.userClient.chat.postMessage({ channel: lab, text: 'see https://example.com/x' });
    await ws.bot.chat.unfurl({ channel: lab, ts: m.ts!, unfurls: { 'https://example.com/x': { text: 'Example page' } } });
    const history = await ws.bot.conversations.history({ channel: lab, limit: 1 });
    expect(history.messages![0].attachments?.[0]).toMatchObject({ text: 'Example page', from_url: 'https://example.com/x' });
  });
});

describe('scheduled messages', () => {
  it('posts when the twin clock passes post_at, and lists/deletes pending ones', async () => {
    const ws = await workspace(server, 'chat-sched');
    const lab = await channelId(ws.bot, 'bot-lab');
    const clock = await ws.control('GET', 'clock');
    const now = Math.floor(clock.epochMs / 1000);
    expect((await slackError(ws.bot.chat.scheduleMessage({ channel: lab, text: 'past', post_at: now - 10 }))).error).toBe('time_in_past');
    expect((await slackError(ws.bot.chat.scheduleMessage({ channel: lab, text: 'far', post_at: now + 121 * 86400 }))).error).toBe('time_too_far');
    const keep = await ws.bot.chat.scheduleMessage({ channel: lab, text: 'see you in an hour', post_at: now + 3600 });
    const drop = await ws.bot.chat.scheduleMessage({ channel: lab, text: 'never mind', post_at: now + 7200 });
    expect(keep.scheduled_message_id).toMatch(/^Q/);
    const listed = await ws.bot.chat.scheduledMessages.list({ channel: lab });
    expect(listed.scheduled_messages!.map((s) => s.id)).toEqual([keep.scheduled_message_id, drop.scheduled_message_id]);
    await ws.bot.chat.deleteScheduledMessage({ channel: lab, scheduled_message_id: drop.scheduled_message_id! });
    expect((await slackError(ws.bot.chat.deleteScheduledMessage({ channel: lab, scheduled_message_id: drop.scheduled_message_id! }))).error).toBe('invalid_scheduled_message_id');
    try {
      await ws.control('POST', 'clock', { advanceMs: 3601 * 1000 });
      const history = await ws.bot.conversations.history({ channel: lab, limit: 1 });
      expect(history.messages![0]).toMatchObject({ text: 'see you in an hour', bot_id: ws.creds.botId });
      expect((await ws.bot.chat.scheduledMessages.list({ channel: lab })).scheduled_messages).toEqual([]);
    } finally {
      await ws.control('POST', 'clock', { advanceMs: -3601 * 1000 });
    }
  });
});

describe('streaming', () => {
  it('starts, appends to and stops a streamed message', async () => {
    const ws = await workspace(server, 'chat-stream');
    const lab = await channelId(ws.bot, 'bot-lab');
    const start: any = await ws.bot.apiCall('chat.startStream', { channel: lab, markdown_text: 'Thinking' });
    await ws.bot.apiCall('chat.appendStream', { channel: lab, ts: start.ts, markdown_text: '...' });
    const stop: any = await ws.bot.apiCall('chat.stopStream', { channel: lab, ts: start.ts, markdown_text: ' done' });
    expect((stop.message as { text: string }).text).toBe('Thinking... done');
    expect((await slackError(ws.bot.apiCall('chat.appendStream', { channel: lab, ts: start.ts, markdown_text: 'late' }))).error).toBe('message_not_in_streaming_state');
  });
});
