// RTM against the twin (https://api.slack.com/rtm): rtm.connect, hello, the event stream, sending messages, typing, ping/pong.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { startSlack } from './helpers.js';
import { rawSocket, rtWorkspace, until } from './realtime-helpers.js';

let server: Listening;
const cleanup: Array<() => unknown> = [];
beforeAll(async () => {
  server = await startSlack();
});
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});
afterAll(async () => {
  await server.close();
});

describe('RTM', () => {
  it('rtm.connect returns a ws:// URL, team and self; the socket says hello', async () => {
    const w = await rtWorkspace(server, 'rtm-connect');
    const res = await w.bot.rtm.connect();
    expect(res).toMatchObject({ ok: true, url: expect.stringMatching(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/t/${w.tenant}/rtm/\\?ticket=`)), team: { id: w.creds.teamId, domain: expect.any(String) }, self: { id: w.creds.botUserId, name: 'dtubot' } });
    const s = await rawSocket(res.url!);
    cleanup.push(() => s.ws.close());
    expect(await until(() => s.frames[0], 'hello')).toEqual({ type: 'hello' });
    const reused = await rawSocket(res.url!);
    expect((await reused.closed).code).toBe(1008);
  });

  it('streams bare events for conversations the user is in, and none from elsewhere', async () => {
    const w = await rtWorkspace(server, 'rtm-stream');
    const s = await rawSocket((await w.bot.rtm.connect()).url!);
    cleanup.push(() => s.ws.close());
    await until(() => s.frames[0], 'hello');
    await w.act('message', { user: w.person('alice'), channel: w.channel('random'), text: 'not for the bot' });
    const posted = await w.act('message', { user: w.person('alice'), channel: w.channel('bot-lab'), text: 'for the bot' });
    await w.act('reaction', { user: w.person('alice'), channel: w.channel('bot-lab'), ts: posted.ts, name: 'tada' });
    const reaction = await until(() => s.frames.find((f) => f.type === 'reaction_added'), 'reaction_added');
    expect(reaction).toMatchObject({ user: w.person('alice'), reaction: 'tada', item: { type: 'message', channel: w.channel('bot-lab'), ts: posted.ts } });
    const messages = s.frames.filter((f) => f.type === 'message');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ type: 'message', channel: w.channel('bot-lab'), user: w.person('alice'), text: 'for the bot', ts: posted.ts });
    expect(messages[0].api_app_id).toBeUndefined();
    expect(s.frames.some((f) => f.type === 'app_mention')).toBe(false);
  });

  it('client messages are posted and answered with reply_to/ts; others in the channel see them', async () => {
    const w = await rtWorkspace(server, 'rtm-send');
    const bot = await rawSocket((await w.bot.rtm.connect()).url!);
    const person = await rawSocket((await w.userClient.rtm.connect()).url!);
    cleanup.push(() => bot.ws.close(), () => person.ws.close());
    await until(() => bot.frames[0] && person.frames[0], 'both hello');
    const channel = w.channel('bot-lab');
    bot.ws.send(JSON.stringify({ id: 7, type: 'message', channel, text: 'beep boop' }));
    const reply = await until(() => bot.frames.find((f) => f.reply_to === 7), 'reply');
    expect(reply).toEqual({ ok: true, reply_to: 7, ts: expect.stringMatching(/^\d+\.\d{6}$/), text: 'beep boop' });
    const seen = await until(() => person.frames.find((f) => f.type === 'message' && f.ts === reply.ts), 'message at the other end');
    expect(seen).toMatchObject({ user: w.creds.botUserId, bot_id: w.creds.botId, text: 'beep boop', channel });
    const history = await w.userClient.conversations.history({ channel, limit: 1 });
    expect(history.messages?.[0]).toMatchObject({ ts: reply.ts, text: 'beep boop' });
    bot.ws.send(JSON.stringify({ id: 8, type: 'message', channel: w.channel('random'), text: 'not a member' }));
    bot.ws.send(JSON.stringify({ id: 9, type: 'message', channel }));
    expect(await until(() => bot.frames.find((f) => f.reply_to === 8), 'error 8')).toMatchObject({ ok: false, error: { code: 2, msg: 'channel not found' } });
    expect(await until(() => bot.frames.find((f) => f.reply_to === 9), 'error 9')).toMatchObject({ ok: false, error: { msg: 'message text is missing' } });
  });

  it('ping gets pong with reply_to and echoed fields; typing reaches the others; garbage gets an error, not a close', async () => {
    const w = await rtWorkspace(server, 'rtm-ping');
    const bot = await rawSocket((await w.bot.rtm.connect()).url!);
    const person = await rawSocket((await w.userClient.rtm.connect()).url!);
    cleanup.push(() => bot.ws.close(), () => person.ws.close());
    await until(() => bot.frames[0] && person.frames[0], 'both hello');
    person.ws.send(JSON.stringify({ id: 1, type: 'ping', time: 1234 }));
    expect(await until(() => person.frames.find((f) => f.type === 'pong'), 'pong')).toEqual({ type: 'pong', reply_to: 1, time: 1234 });
    person.ws.send(JSON.stringify({ id: 2, type: 'typing', channel: w.channel('bot-lab') }));
    expect(await until(() => bot.frames.find((f) => f.type === 'user_typing'), 'user_typing')).toEqual({ type: 'user_typing', channel: w.channel('bot-lab'), user: w.creds.installerUserId });
    expect(person.frames.some((f) => f.type === 'user_typing')).toBe(false);
    person.ws.send('{not json');
    person.ws.send(JSON.stringify({ id: 3, type: 'teleport' }));
    await until(() => person.frames.filter((f) => f.ok === false).length === 2, 'two errors');
    person.ws.send(JSON.stringify({ id: 4, type: 'ping' }));
    await until(() => person.frames.find((f) => f.reply_to === 4), 'still answering');
    expect(person.ws.readyState).toBe(person.ws.OPEN);
  });
});
