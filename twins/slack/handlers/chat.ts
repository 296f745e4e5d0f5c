/** chat.*: posting, editing, deleting, ephemeral and /me messages, permalinks, unfurls, streaming. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError } from '../errors.js';
import { bool, json, need, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { apps, channelType, conversations, getUser, messages, nextTs, team, threadReplies, users, type Conversation, type MessageDoc } from '../store.js';
import { editWindowOpen, postMessage, richTextBlocks, type NewMessage } from '../model/messages.js';
import { messageOut } from '../present/messages.js';
import { botProfile } from '../present/bots.js';
import { emitEvent } from '../model/events.js';
import { newConversation } from '../model/conversations.js';
import { conversationArg, method, resolveConversation } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { readContent } from './content.js';
import { assertNoBarrier } from '../model/barriers.js';
import { storeEphemeral } from '../realtime/responses.js';

/** Who a post is from: a bot token posts as its bot user with bot_id/app_id/bot_profile; a user token as the person. */
export function authorFields(ctx: OpContext, who: SlackPrincipal): Partial<NewMessage> {
  if (who.kind === 'bot') {
    const app = apps(ctx.tenant).get(who.app_id ?? '');
    const out: Partial<NewMessage> = { user: who.user_id, bot_id: who.bot_id, app_id: who.app_id };
    if (app) out.bot_profile = botProfile(ctx.tenant, app);
    return out;
  }
  return { user: who.user_id };
}

/** The DM between the caller and a user, opened on demand (posting to a user id posts to that DM). */
function dmWith(ctx: OpContext, me: string, other: string): Conversation {
  const found = conversations(ctx.tenant).find((c) => c.is_im && c.members.includes(me) && c.members.includes(other));
  if (found) return found;
  // An information barrier blocks opening the DM; chat.postMessage names a policy refusal restricted_action.
  assertNoBarrier(ctx.tenant, [me, other], 'im', 'restricted_action');
  return conversations(ctx.tenant).put(newConversation(ctx.tenant, { is_im: true, creator: me, user: other, members: [me, other] }));
}

/** The target conversation for posting, with Slack's membership rules (chat:write.public lets bots post to public channels they are not in). */
export function postTarget(ctx: OpContext, a: Args, who: SlackPrincipal): Conversation {
  const id = str(a, 'channel');
  if (!id) throw new SlackError('channel_not_found');
  const person = /^[UW][A-Z0-9]+$/.test(id) ? getUser(ctx.tenant, id) : undefined;
  if (person && !resolveConversation(ctx, id)) {
    if (person.deleted) throw new SlackError('channel_not_found');
    return dmWith(ctx, who.user_id!, person.id);
  }
  const c = conversationArg(ctx, a, who, {});
  if (c.is_archived) throw new SlackError('is_archived');
  checkWhoCanPost(ctx, c, who);
  const member = c.members.includes(who.user_id!);
  if (!member) {
    const publicOk = !c.is_private && !c.is_im && !c.is_mpim && who.kind === 'bot' && who.scopes.includes('chat:write.public');
    if (!publicOk) throw new SlackError('not_in_channel');
  }
  return c;
}

/**
 * Channel posting preferences set by admin.conversations.setConversationPrefs:
 * `who_can_post` types admin/owner/org_admin/ra/everyone and listed users.
 */
function checkWhoCanPost(ctx: OpContext, c: Conversation, who: SlackPrincipal): void {
  const rule = (c.prefs as { who_can_post?: { type: string[]; user: string[] } } | undefined)?.who_can_post;
  if (!rule || (!rule.type.length && !rule.user.length)) return;
  const u = getUser(ctx.tenant, who.user_id ?? '');
  if (!u) throw new SlackError('restricted_action');
  const ok = rule.user.includes(u.id) || rule.type.some((t) =>
    t === 'everyone' || (t === 'ra' && !u.is_restricted && !u.is_ultra_restricted) || (t === 'admin' && (u.is_admin || u.is_owner)) || ((t === 'owner' || t === 'org_admin') && u.is_owner));
  if (!ok) throw new SlackError('restricted_action');
}

/** Overrides of the poster's name and icon need chat:write.customize for bots; set on `out`. */
function customization(a: Args, who: SlackPrincipal, out: Partial<NewMessage>): Partial<NewMessage> {
  const allowed = who.kind !== 'bot' || who.scopes.includes('chat:write.customize');
  if (!allowed) return out;
  const username = str(a, 'username');
  const emoji = str(a, 'icon_emoji');
  const url = str(a, 'icon_url');
  if (username) out.username = username;
  if (emoji) out.icons = { emoji };
  else if (url) out.icons = { image_36: url, image_48: url, image_72: url };
  return out;
}

/** Per-channel posting limit (about one message per second, bursts allowed), counted only when enforcement is on. */
function channelRateLimit(ctx: OpContext, channel: string): void {
  const state = ctx.twin.rateLimiter.hit(ctx.tenant.name, { key: `chat.postMessage:${channel}`, limit: 60, windowSec: 60 });
  if (state.exceeded) throw new SlackError('ratelimited', {}, 429, { 'retry-after': String(Math.max(1, state.resetAt - ctx.twin.clock.seconds())) });
}

function findMessage(ctx: OpContext, c: Conversation, ts: string | undefined): MessageDoc {
  if (!ts) throw new SlackError('message_not_found');
  const m = messages(ctx.tenant, c.id).get(ts);
  if (!m) throw new SlackError('message_not_found');
  return m;
}

/** Authors change their own messages; workspace admins using user tokens may delete anyone's. */
function isAuthor(m: MessageDoc, who: SlackPrincipal): boolean {
  if (who.kind === 'bot') return !!m.bot_id && m.bot_id === who.bot_id;
  return m.user === who.user_id && !m.bot_id;
}

/** Builds and posts a message from a content-bearing method call. */
export function postFromArgs(ctx: OpContext, a: Args, who: SlackPrincipal, c: Conversation, extra: Partial<NewMessage> = {}): MessageDoc {
  const content = readContent(a, { truncate: true });
  // Field by field rather than a literal of spreads (a slow copy per spread); `extra` still wins.
  const msg = customization(a, who, authorFields(ctx, who));
  msg.text = content.text ?? '';
  msg.blocks = content.blocks;
  msg.attachments = content.attachments;
  msg.metadata = content.metadata;
  msg.thread_ts = str(a, 'thread_ts') || undefined;
  msg.reply_broadcast = bool(a, 'reply_broadcast');
  for (const k in extra) (msg as Record<string, unknown>)[k] = extra[k as keyof NewMessage];
  return postMessage(ctx.twin, ctx.tenant, c.id, msg);
}

export const chatHandlers = {
  // https://docs.slack.dev/reference/methods/chat.postMessage
  'chat.postMessage': method((ctx, a, who) => {
    const c = postTarget(ctx, a, who);
    channelRateLimit(ctx, c.id);
    const m = postFromArgs(ctx, a, who, c);
    return { channel: c.id, ts: m.ts, message: messageOut(ctx.tenant, m, c.id) };
  }),

  // https://docs.slack.dev/reference/methods/chat.meMessage
  'chat.meMessage': method((ctx, a, who) => {
    const c = postTarget(ctx, a, who);
    const text = str(a, 'text');
    if (!text) throw new SlackError('no_text');
    const m = postMessage(ctx.twin, ctx.tenant, c.id, { user: who.user_id, text, subtype: 'me_message' });
    return { channel: c.id, ts: m.ts };
  }),

  // https://docs.slack.dev/reference/methods/chat.postEphemeral — seen only by `user` (on their connected clients), never stored in history.
  'chat.postEphemeral': method((ctx, a, who) => {
    const c = postTarget(ctx, a, who);
    const target = str(a, 'user');
    if (!target || !getUser(ctx.tenant, target)) throw new SlackError('user_not_found');
    if (!c.members.includes(target)) throw new SlackError('user_not_in_channel');
    const content = readContent(a);
    const ts = nextTs(ctx.tenant);
    const author = authorFields(ctx, who);
    const thread = str(a, 'thread_ts');
    storeEphemeral(ctx.twin, ctx.tenant, {
      id: ts, ts, channel: c.id, user: target, from: who.user_id, text: content.text ?? '', ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(content.attachments ? { attachments: content.attachments } : {}), ...(thread ? { thread_ts: thread } : {}),
      ...(author.bot_id ? { bot_id: author.bot_id, app_id: author.app_id } : {}),
    });
    return { message_ts: ts };
  }),

  // https://docs.slack.dev/reference/methods/chat.update — fires message_changed with the previous message.
  'chat.update': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    const m = findMessage(ctx, c, str(a, 'ts'));
    if (!isAuthor(m, who) || m.subtype === 'tombstone') throw new SlackError('cant_update_message');
    // The workspace's edit window binds members editing with their own token; apps' bots are not members.
    if (who.kind === 'user' && !editWindowOpen(ctx.tenant, m)) throw new SlackError('edit_window_closed');
    const content = readContent(a, { requireSome: false });
    if (content.text === undefined && !content.blocks && !content.attachments) throw new SlackError('no_text');
    const previous = messageOut(ctx.tenant, m, c.id);
    const editTs = nextTs(ctx.tenant);
    const fields: Partial<MessageDoc> = { edited: { user: who.user_id!, ts: editTs } };
    if (content.text !== undefined) fields.text = content.text;
    if (content.blocks) fields.blocks = content.blocks;
    else if (content.text !== undefined && isAutoRichText(m)) fields.blocks = content.text ? richTextBlocks(ctx.tenant, content.text) : undefined;
    if (content.attachments) fields.attachments = content.attachments;
    if (content.metadata) fields.metadata = content.metadata;
    messages(ctx.tenant, c.id).patch(m.ts, fields);
    const now = messageOut(ctx.tenant, messages(ctx.tenant, c.id).get(m.ts)!, c.id);
    emitEvent(ctx.twin, ctx.tenant, { type: 'message', subtype: 'message_changed', hidden: true, channel: c.id, ts: editTs, message: now, previous_message: previous, channel_type: channelType(c) }, { channel: c.id, user: who.user_id });
    return { channel: c.id, ts: m.ts, text: now.text, message: now };
  }),

  // https://docs.slack.dev/reference/methods/chat.delete — a thread parent with replies becomes a tombstone.
  'chat.delete': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    const m = findMessage(ctx, c, str(a, 'ts'));
    const admin = who.kind === 'user' && !!users(ctx.tenant).get(who.user_id!)?.is_admin;
    if (!isAuthor(m, who) && !admin) throw new SlackError('cant_delete_message');
    deleteMessage(ctx, c, m, who);
    return { channel: c.id, ts: m.ts };
  }),

  // https://docs.slack.dev/reference/methods/chat.getPermalink
  'chat.getPermalink': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    const m = findMessage(ctx, c, str(a, 'message_ts'));
    const base = `https://${team(ctx.tenant).domain}.slack.com/archives/${c.id}/p${m.ts.replace('.', '')}`;
    const permalink = m.thread_ts && m.thread_ts !== m.ts ? `${base}?thread_ts=${m.thread_ts}&cid=${c.id}` : base;
    return { channel: c.id, permalink };
  }),

  // https://docs.slack.dev/reference/methods/chat.unfurl — attaches previews to the message's links.
  'chat.unfurl': method((ctx, a, who) => {
    if (!str(a, 'channel') && !str(a, 'source')) throw new SlackError('missing_channel');
    const c = conversationArg(ctx, a, who, {});
    const ts = str(a, 'ts');
    if (!ts) throw new SlackError('missing_ts');
    const m = messages(ctx.tenant, c.id).get(ts);
    if (!m) throw new SlackError('cannot_find_message');
    const unfurls = json<Record<string, Record<string, unknown>>>(a, 'unfurls', 'invalid_unfurls_format');
    if (!unfurls) throw new SlackError('missing_unfurls');
    if (typeof unfurls !== 'object' || Array.isArray(unfurls)) throw new SlackError('invalid_unfurls_format');
    const existing = (m.attachments ?? []) as Array<Record<string, unknown>>;
    const added = Object.entries(unfurls).map(([url, att], i) => ({ ...att, from_url: url, app_unfurl_url: url, is_app_unfurl: true, app_id: who.app_id, id: existing.length + i + 1 }));
    messages(ctx.tenant, c.id).patch(ts, { attachments: [...existing, ...added] });
    return {};
  }),

  // Streaming replies for AI apps: start, append, stop (https://docs.slack.dev/reference/methods/chat.startStream).
  'chat.startStream': method((ctx, a, who) => {
    const c = postTarget(ctx, a, who);
    const text = str(a, 'markdown_text') ?? '';
    const m = postMessage(ctx.twin, ctx.tenant, c.id, { ...authorFields(ctx, who), text, blocks: text ? [{ type: 'markdown', text }] : [], thread_ts: str(a, 'thread_ts') || undefined });
    messages(ctx.tenant, c.id).patch(m.ts, { streaming: true });
    return { channel: c.id, ts: m.ts };
  }),
  'chat.appendStream': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    const m = findMessage(ctx, c, need(a, 'ts'));
    if (!isAuthor(m, who)) throw new SlackError('message_not_owned_by_app');
    if (!m.streaming) throw new SlackError('message_not_in_streaming_state');
    const add = str(a, 'markdown_text');
    if (!add) throw new SlackError('no_text');
    const text = m.text + add;
    messages(ctx.tenant, c.id).patch(m.ts, { text, blocks: [{ type: 'markdown', text }] });
    return { channel: c.id, ts: m.ts };
  }),
  'chat.stopStream': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    const m = findMessage(ctx, c, need(a, 'ts'));
    if (!isAuthor(m, who)) throw new SlackError('message_not_owned_by_app');
    if (!m.streaming) throw new SlackError('message_not_in_streaming_state');
    const text = m.text + (str(a, 'markdown_text') ?? '');
    const blocks = json<unknown[]>(a, 'blocks', 'invalid_blocks_format');
    messages(ctx.tenant, c.id).patch(m.ts, { text, blocks: [{ type: 'markdown', text }, ...(blocks ?? [])], streaming: false });
    return { channel: c.id, ts: m.ts, message: messageOut(ctx.tenant, messages(ctx.tenant, c.id).get(m.ts)!, c.id) };
  }),
} satisfies Handlers;

/** Whether a message's blocks were generated from its text (so an edit regenerates them). */
function isAutoRichText(m: MessageDoc): boolean {
  const b = m.blocks as Array<Record<string, unknown>> | undefined;
  return !b || (b.length === 1 && b[0].type === 'rich_text');
}

/** Removes a message (or leaves a tombstone for a thread parent) and fires message_deleted. */
export function deleteMessage(ctx: OpContext, c: Conversation, m: MessageDoc, who: SlackPrincipal): void {
  const store = messages(ctx.tenant, c.id);
  const previous = messageOut(ctx.tenant, m, c.id);
  if (m.reply_count && (!m.thread_ts || m.thread_ts === m.ts)) {
    store.patch(m.ts, { subtype: 'tombstone', text: 'This message was deleted.', user: 'USLACKBOT', blocks: undefined, attachments: undefined, files: undefined, reactions: undefined, bot_id: undefined, app_id: undefined, bot_profile: undefined });
  } else {
    store.delete(m.ts);
    if (m.thread_ts && m.thread_ts !== m.ts) {
      const root = store.get(m.thread_ts);
      if (root) {
        const rest = threadReplies(ctx.tenant, c.id, root.ts);
        const replyUsers = [...new Set(rest.map((x) => x.user ?? x.bot_id ?? '').filter(Boolean))];
        store.patch(root.ts, { reply_count: rest.length, reply_users: replyUsers, reply_users_count: replyUsers.length, latest_reply: rest.length ? rest[rest.length - 1].ts : undefined });
        if (!rest.length && root.subtype === 'tombstone') store.delete(root.ts);
      }
    }
  }
  emitEvent(ctx.twin, ctx.tenant, { type: 'message', subtype: 'message_deleted', hidden: true, channel: c.id, ts: nextTs(ctx.tenant), deleted_ts: m.ts, previous_message: previous, channel_type: channelType(c) }, { channel: c.id, user: who.user_id });
}
