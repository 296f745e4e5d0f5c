// RTM against the twin (https://api.slack.com/rtm): rtm.connect, hello, the event stream, sending messages, typing, ping/pong; reminders, ephemeral messages and barriers as a person's client sees them.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { personClient, startSlack } from './helpers.js';
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

describe('delivery to a person’s clients', () => {
  it('Slackbot posts a due reminder in the person’s Slackbot DM at the reminder time on the twin clock (https://docs.slack.dev/reference/methods/reminders.add)', async () => {
    const w = await rtWorkspace(server, 'rtm-remind');
    await w.freeze();
    const s = await rawSocket((await w.userClient.rtm.connect()).url!);
    cleanup.push(() => s.ws.close());
    await until(() => s.frames[0], 'hello');
    const once = await w.userClient.reminders.add({ text: 'stretch', time: 'in 10 minutes' });
    const daily = await w.userClient.reminders.add({ text: 'standup', time: 'in 5 minutes', recurrence: { frequency: 'daily' } });
    const done = await w.userClient.reminders.add({ text: 'never shown', time: 'in 5 minutes' });
    await w.userClient.reminders.complete({ reminder: done.reminder!.id! });
    await w.advance(4 * 60_000);
    await new Promise((r) => setTimeout(r, 150));
    expect(s.frames.filter((f) => f.type === 'message')).toHaveLength(0);
    await w.advance(7 * 60_000);
    const first = await until(() => s.frames.filter((f) => f.type === 'message' && f.user === 'USLACKBOT').length === 2 && s.frames.filter((f) => f.type === 'message'), 'two reminders');
    expect(first.map((f) => f.text)).toEqual(['Reminder: standup.', 'Reminder: stretch.']);
    const dm = first[0].channel;
    expect((await w.userClient.conversations.info({ channel: dm })).channel).toMatchObject({ is_im: true, user: 'USLACKBOT' });
    expect((await w.bot.users.info({ user: 'USLACKBOT' })).user).toMatchObject({ id: 'USLACKBOT', name: 'slackbot' });
    // The one-time reminder went off once and stays incomplete; the daily one repeats for each day the clock passes.
    expect((await w.userClient.reminders.info({ reminder: once.reminder!.id! })).reminder).toMatchObject({ complete_ts: 0 });
    await w.advance(2 * 86_400_000);
    await until(() => s.frames.filter((f) => f.text === 'Reminder: standup.').length === 3, 'two more standups');
    const history = await w.userClient.conversations.history({ channel: dm });
    expect(history.messages?.map((m) => m.text)).toEqual(['Reminder: standup.', 'Reminder: standup.', 'Reminder: stretch.', 'Reminder: standup.']);
    expect(history.messages?.some((m) => m.text === 'Reminder: never shown.')).toBe(false);
    expect(daily.reminder?.recurring).toBe(true);
  });

  it('an ephemeral message reaches only its recipient’s connected clients, never history, the Events API or Socket Mode (https://docs.slack.dev/reference/methods/chat.postEphemeral)', async () => {
    const w = await rtWorkspace(server, 'rtm-ephemeral');
    const alice = await rawSocket((await w.userClient.rtm.connect()).url!);
    const botSocket = await rawSocket((await w.bot.rtm.connect()).url!);
    cleanup.push(() => alice.ws.close(), () => botSocket.ws.close());
    await until(() => alice.frames[0] && botSocket.frames[0], 'both hello');
    const channel = w.channel('bot-lab');
    const before = (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries.length;
    const { message_ts } = await w.bot.chat.postEphemeral({ channel, user: w.person('alice'), text: 'only for alice', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*only* for alice' } }] });
    const seen = await until(() => alice.frames.find((f) => f.is_ephemeral), 'ephemeral frame');
    expect(seen).toMatchObject({ type: 'message', is_ephemeral: true, channel, ts: message_ts, user: w.creds.botUserId, bot_id: w.creds.botId, text: 'only for alice', blocks: [{ type: 'section' }] });
    await w.userClient.chat.postMessage({ channel, text: 'a normal message after it' });
    await until(() => botSocket.frames.find((f) => f.text === 'a normal message after it'), 'the next message');
    expect(botSocket.frames.some((f) => f.is_ephemeral)).toBe(false);
    expect((await w.bot.conversations.history({ channel })).messages?.some((m) => m.ts === message_ts)).toBe(false);
    const events = (await w.slack('GET', 'deliveries?kind=events_api')).body.deliveries.slice(before);
    expect(events.map((d: any) => d.payload.event.text)).toEqual(['a normal message after it']);
  });

  it('a DM across an information barrier is read-only over RTM too', async () => {
    const w = await rtWorkspace(server, 'rtm-barrier');
    const groups = (await w.bot.usergroups.list({})).usergroups!;
    await w.admin.admin.barriers.create({ primary_usergroup_id: groups.find((g) => g.handle === 'eng')!.id!, barriered_from_usergroup_ids: [groups.find((g) => g.handle === 'support')!.id!], restricted_subjects: ['im', 'mpim', 'call'] } as never);
    const bob = await personClient(server, w, 'bob');
    const dm = (await w.control('GET', `snapshot`)).tenants[w.tenant].collections.conversations.find((c: any) => c.is_im && c.members.includes(bob.userId) && c.members.includes(w.person('carol')));
    const s = await rawSocket((await bob.client.rtm.connect()).url!);
    cleanup.push(() => s.ws.close());
    await until(() => s.frames[0], 'hello');
    // bob (eng) and carol (eng) share no barrier; dan (support) is barriered from both.
    s.ws.send(JSON.stringify({ id: 1, type: 'message', channel: dm.id, text: 'still fine' }));
    expect(await until(() => s.frames.find((f) => f.reply_to === 1), 'reply 1')).toMatchObject({ ok: true });
    await w.userClient.usergroups.users.update({ usergroup: groups.find((g) => g.handle === 'support')!.id!, users: w.person('carol') });
    s.ws.send(JSON.stringify({ id: 2, type: 'message', channel: dm.id, text: 'now barred' }));
    expect(await until(() => s.frames.find((f) => f.reply_to === 2), 'reply 2')).toMatchObject({ ok: false, error: { code: 2, msg: 'restricted_action' } });
  });
});
