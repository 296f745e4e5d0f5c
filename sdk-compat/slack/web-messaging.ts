/** @slack/web-api scenarios for messaging: auth, chat, conversations, threads, reactions, pins, bookmarks, stars, scheduling, search. */
import { WebClient } from '@slack/web-api';
import type { CompatContext, Scenario, Tracker } from '../types.js';

const SDK = '@slack/web-api';

export function clients(ctx: CompatContext, t: Tracker) {
  const make = (token: string) => t.track(new WebClient(token, { slackApiUrl: ctx.credentials.apiUrl, retryConfig: { retries: 0 } }), '');
  return { bot: make(ctx.credentials.botToken), user: make(ctx.credentials.userToken), admin: make(ctx.credentials.adminToken), make };
}

export const isSlackError = (code: string) => (e: any) => e?.data?.error === code;

async function channelByName(web: WebClient, name: string): Promise<string> {
  const res = await web.conversations.list({ types: 'public_channel,private_channel', limit: 1000 });
  const c = res.channels?.find((x) => x.name === name);
  if (!c?.id) throw new Error(`no channel ${name}`);
  return c.id;
}

async function conversationsScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const { bot, user } = clients(ctx, t);
  const who = await bot.auth.test();
  t.check(who.user_id === ctx.credentials.botUserId && who.bot_id === ctx.credentials.botId, 'auth.test names the bot', who);
  const ping = await bot.api.test({ hello: 'world' } as never);
  t.check((ping.args as Record<string, string>)?.hello === 'world', 'api.test echoes arguments', ping);
  const teams = await bot.auth.teams.list({});
  t.check(teams.teams?.[0]?.id === ctx.credentials.teamId, 'auth.teams.list lists the workspace', teams);

  const list = await bot.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true });
  t.check(list.channels?.some((c) => c.name === 'general') && !list.channels?.some((c) => c.name === 'old-project'), 'exclude_archived hides archived channels');
  const created = await bot.conversations.create({ name: 'compat-room' });
  const id = created.channel!.id!;
  const info = await bot.conversations.info({ channel: id, include_num_members: true });
  t.check(info.channel?.num_members === 1, 'a new channel has its creator as only member', info.channel);
  const people = await bot.users.list({});
  const bob = people.members!.find((m) => m.name === 'bob')!.id!;
  const carol = people.members!.find((m) => m.name === 'carol')!.id!;
  await bot.conversations.invite({ channel: id, users: `${bob},${carol}` });
  const members = await bot.conversations.members({ channel: id });
  t.check(members.members?.length === 3, 'invited members are listed', members.members);
  await bot.conversations.kick({ channel: id, user: carol });
  await bot.conversations.setTopic({ channel: id, topic: 'Compat testing' });
  await bot.conversations.setPurpose({ channel: id, purpose: 'Where the SDK runs' });
  const renamed = await bot.conversations.rename({ channel: id, name: 'compat-room-2' });
  t.check(renamed.channel?.name === 'compat-room-2', 'rename changes the name', renamed.channel);
  const mine = await bot.users.conversations({ types: 'public_channel' });
  t.check(mine.channels?.some((c) => c.id === id), 'users.conversations includes the new channel');
  await bot.conversations.archive({ channel: id });
  await t.expectError(() => bot.chat.postMessage({ channel: id, text: 'x' }), isSlackError('is_archived'), 'posting to an archived channel is is_archived');
  await bot.conversations.unarchive({ channel: id });
  const random = await channelByName(bot, 'random');
  await bot.conversations.join({ channel: random });
  await bot.conversations.leave({ channel: random });
  await t.expectError(() => bot.conversations.history({ channel: random }), isSlackError('not_in_channel'), 'history of a channel the bot left is not_in_channel');

  const dm = await bot.conversations.open({ users: bob });
  const posted = await bot.chat.postMessage({ channel: dm.channel!.id!, text: 'hello bob' });
  await bot.conversations.mark({ channel: dm.channel!.id!, ts: posted.ts! });
  await bot.conversations.close({ channel: dm.channel!.id! });
  await t.expectError(() => user.conversations.history({ channel: dm.channel!.id! }), isSlackError('channel_not_found'), 'another person cannot read a DM they are not in');
}

async function chatScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const { bot, user } = clients(ctx, t);
  const lab = await channelByName(bot, 'bot-lab');
  const parent = await bot.chat.postMessage({ channel: lab, text: 'compat parent', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*compat* parent' } }] });
  const reply = await user.chat.postMessage({ channel: lab, text: 'a reply', thread_ts: parent.ts! });
  await bot.chat.postMessage({ channel: lab, text: 'broadcast reply', thread_ts: parent.ts!, reply_broadcast: true });
  const replies = await bot.conversations.replies({ channel: lab, ts: parent.ts! });
  t.check(replies.messages?.length === 3 && replies.messages[0].reply_count === 2, 'replies return the parent and both replies', replies.messages);
  const history = await bot.conversations.history({ channel: lab, limit: 2 });
  t.check(history.messages?.[0]?.subtype === 'thread_broadcast', 'a broadcast reply shows in history', history.messages);
  const updated = await bot.chat.update({ channel: lab, ts: parent.ts!, text: 'compat parent (edited)' });
  t.check(updated.message?.edited !== undefined, 'updated messages carry edited', updated);
  await t.expectError(() => bot.chat.update({ channel: lab, ts: reply.ts!, text: 'not mine' }), isSlackError('cant_update_message'), 'updating someone else’s message is cant_update_message');
  const link = await bot.chat.getPermalink({ channel: lab, message_ts: reply.ts! });
  t.check(link.permalink?.includes(`thread_ts=${parent.ts}`), 'a reply permalink names its thread', link);
  await bot.chat.postEphemeral({ channel: lab, user: ctx.credentials.installerUserId, text: 'just for you' });
  await user.chat.meMessage({ channel: lab, text: 'is testing' });
  await bot.chat.unfurl({ channel: lab, ts: reply.ts!, unfurls: { 'https://example.com': { text: 'Example' } } });
  const deleted = await bot.chat.delete({ channel: lab, ts: parent.ts! });
  t.check(deleted.ts === parent.ts, 'delete echoes the ts');

  const now = Math.floor(Date.parse((await ctx.control('GET', 'clock')).now) / 1000);
  const scheduled = await bot.chat.scheduleMessage({ channel: lab, text: 'later', post_at: now + 600 });
  const pending = await bot.chat.scheduledMessages.list({ channel: lab });
  t.check(pending.scheduled_messages?.some((s) => s.id === scheduled.scheduled_message_id), 'scheduled messages are listed');
  await bot.chat.deleteScheduledMessage({ channel: lab, scheduled_message_id: scheduled.scheduled_message_id! });

  const stream = await bot.chat.startStream({ channel: lab, thread_ts: reply.ts!, markdown_text: 'Working' } as never);
  await bot.chat.appendStream({ channel: lab, ts: stream.ts!, markdown_text: '…' });
  const stopped = await bot.chat.stopStream({ channel: lab, ts: stream.ts!, markdown_text: ' done' });
  t.check((stopped.message as { text?: string } | undefined)?.text === 'Working… done', 'a stopped stream holds the whole text', stopped);
}

async function itemsScenario(ctx: CompatContext, t: Tracker): Promise<void> {
  const { bot, user } = clients(ctx, t);
  const general = await channelByName(bot, 'general');
  const msg = await bot.chat.postMessage({ channel: general, text: 'react to me' });
  await bot.reactions.add({ channel: general, timestamp: msg.ts!, name: 'thumbsup' });
  await user.reactions.add({ channel: general, timestamp: msg.ts!, name: 'thumbsup' });
  await t.expectError(() => bot.reactions.add({ channel: general, timestamp: msg.ts!, name: 'thumbsup' }), isSlackError('already_reacted'), 'reacting twice is already_reacted');
  const got = await bot.reactions.get({ channel: general, timestamp: msg.ts! });
  t.check((got.message as { reactions?: Array<{ count: number }> } | undefined)?.reactions?.[0]?.count === 2, 'two people reacted', got);
  await bot.reactions.remove({ channel: general, timestamp: msg.ts!, name: 'thumbsup' });
  await t.expectError(() => bot.reactions.remove({ channel: general, timestamp: msg.ts!, name: 'thumbsup' }), isSlackError('no_reaction'), 'removing a missing reaction is no_reaction');
  const reacted = await user.reactions.list({});
  t.check(reacted.items?.length ?? 0 >= 1, 'reactions.list shows what the user reacted to');

  await bot.pins.add({ channel: general, timestamp: msg.ts! });
  const pins = await bot.pins.list({ channel: general });
  t.check(pins.items?.length === 2, 'the fixture pin plus the new one', pins.items);
  await bot.pins.remove({ channel: general, timestamp: msg.ts! });

  const bm = await bot.bookmarks.add({ channel_id: general, title: 'Handbook', type: 'link', link: 'https://example.com/handbook' });
  await bot.bookmarks.edit({ channel_id: general, bookmark_id: bm.bookmark!.id!, title: 'Employee handbook' });
  const bms = await bot.bookmarks.list({ channel_id: general });
  t.check(bms.bookmarks?.[0]?.title === 'Employee handbook', 'bookmarks are edited in place', bms);
  await bot.bookmarks.remove({ channel_id: general, bookmark_id: bm.bookmark!.id! });

  await user.stars.add({ channel: general, timestamp: msg.ts! });
  const starred = await user.stars.list({});
  t.check(starred.items?.length === 1, 'one saved item', starred);
  await user.stars.remove({ channel: general, timestamp: msg.ts! });

  const found = await user.search.messages({ query: 'react to me in:#general' });
  t.check(found.messages?.total === 1, 'search finds the message in #general', found.messages);
  const all = await user.search.all({ query: 'Welcome' });
  t.check((all.messages?.total ?? 0) >= 1, 'search.all includes messages');
  await user.search.files({ query: 'nothing-matches-this' });
}

export const scenarios: Scenario[] = [
  { vendor: 'slack', sdk: SDK, name: 'web: conversations lifecycle, membership, DMs', run: conversationsScenario },
  { vendor: 'slack', sdk: SDK, name: 'web: chat — threads, broadcast, edit, delete, ephemeral, permalinks, scheduling, streaming', run: chatScenario },
  { vendor: 'slack', sdk: SDK, name: 'web: reactions, pins, bookmarks, stars and search', run: itemsScenario },
];
