/** Reading conversations: list, info, history, replies, members; users.conversations. */
import { SlackError, missingScope } from '../errors.js';
import { bool, list, need, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { cmpTs, conversations, firstTsPlace, messages, messagesByTs, pinnedMessages, threadReplies, users, type Conversation, type MessageDoc } from '../store.js';
import { walk } from '../../../src/core/lookup.js';
import { threadRoot } from '../model/messages.js';
import { messageOut } from '../present/messages.js';
import { conversationView } from '../present/conversations.js';
import type { OpContext } from '../../../src/core/handler.js';
import { conversationArg, decodeCursor, encodeCursor, method, pageLimit, paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { canSee } from '../model/conversations.js';
import { ReplyCache } from '../../../src/core/reply-cache.js';
import { keptMethod } from './kept.js';

const TYPES = ['public_channel', 'private_channel', 'mpim', 'im'] as const;
type ConvType = (typeof TYPES)[number];
const TYPE_SCOPE: Record<ConvType, string> = { public_channel: 'channels:read', private_channel: 'groups:read', mpim: 'mpim:read', im: 'im:read' };

const typeOf = (c: Conversation): ConvType => (c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'private_channel' : 'public_channel');

/** The `types` argument, each type checked against the token's scopes as Slack does (missing_scope names the one lacking). */
function typesArg(a: Args, who: SlackPrincipal): ConvType[] {
  const asked = list(a, 'types') ?? ['public_channel'];
  for (const t of asked) if (!(TYPES as readonly string[]).includes(t)) throw new SlackError('invalid_types');
  for (const t of asked as ConvType[]) {
    if (who.kind !== 'none' && !who.scopes.includes(TYPE_SCOPE[t])) throw missingScope([TYPE_SCOPE[t]], who.scopes);
  }
  return asked as ConvType[];
}

/** Conversations of the asked types the caller can see, optionally only those `member` belongs to. */
function visibleConversations(ctx: OpContext, a: Args, who: SlackPrincipal, member?: string): Conversation[] {
  const types = typesArg(a, who);
  const excludeArchived = bool(a, 'exclude_archived');
  return conversations(ctx.tenant).filter((c) => {
    if (!types.includes(typeOf(c))) return false;
    if (excludeArchived && c.is_archived) return false;
    if (!canSee(c, who)) return false;
    if (member && !c.members.includes(member)) return false;
    if ((c.is_im || c.is_mpim) && who.user_id && c.closed_by?.includes(who.user_id)) return false;
    return true;
  });
}

/** Timestamp window filtering shared by history and replies (oldest/latest/inclusive). */
function inWindow(a: Args): (m: MessageDoc) => boolean {
  const oldest = str(a, 'oldest');
  const latest = str(a, 'latest');
  const inclusive = bool(a, 'inclusive');
  for (const [k, v] of [['oldest', oldest], ['latest', latest]] as const) {
    if (v !== undefined && v !== '' && !/^\d+(\.\d+)?$/.test(v)) throw new SlackError('invalid_ts_' + k);
  }
  return (m) => {
    if (oldest && (inclusive ? cmpTs(m.ts, oldest) < 0 : cmpTs(m.ts, oldest) <= 0)) return false;
    if (latest && (inclusive ? cmpTs(m.ts, latest) > 0 : cmpTs(m.ts, latest) >= 0)) return false;
    return true;
  };
}

const HISTORY = { kind: 'bmV4dF90cw', defaultLimit: 100, maxLimit: 999 };

/** History pages kept until the workspace changes: a page of messages is presented and serialized once, not per read. */
const historyPages = new ReplyCache('slack conversations.history');

/**
 * A history page, newest first: walks the conversation's ts order from the top, or from the cursor's
 * message, and reads what it shows. A cursor whose message is gone or hidden (or a history with
 * timestamps the order cannot hold) pages the whole sorted history, which answers `invalid_cursor` as before.
 */
function historyPage(ctx: OpContext, c: Conversation, a: Args, shown: (m: MessageDoc) => boolean, all: () => MessageDoc[]): { page: MessageDoc[]; next: string } {
  const order = messagesByTs(ctx.tenant, c.id);
  const cursor = str(a, 'cursor');
  const from = cursor ? decodeCursor(cursor, HISTORY.kind) : undefined;
  const at = from === undefined ? undefined : messages(ctx.tenant, c.id).get(from);
  if ((cursor && !(at && shown(at) && order.position(at.id) >= 0)) || order.unkeyed) return paginate(all(), a, HISTORY);
  const limit = pageLimit(a, HISTORY);
  // The oldest/latest window as a stretch of the order (what `inWindow` keeps), so a page inside it reads the window alone.
  const oldest = str(a, 'oldest');
  const latest = str(a, 'latest');
  const inclusive = bool(a, 'inclusive');
  const floor = oldest ? firstTsPlace(ctx.tenant, c.id, (ts) => (inclusive ? cmpTs(ts, oldest) >= 0 : cmpTs(ts, oldest) > 0)) : 0;
  const ceiling = latest ? firstTsPlace(ctx.tenant, c.id, (ts) => (inclusive ? cmpTs(ts, latest) > 0 : cmpTs(ts, latest) >= 0)) : undefined;
  const docs = walk(messages(ctx.tenant, c.id), order, 'desc-stable', limit + 1, shown, all, { from: at?.id, floor, ceiling });
  return { page: docs.slice(0, limit), next: docs.length > limit ? encodeCursor(HISTORY.kind, docs[limit].id) : '' };
}

/** conversations.info and conversations.list answers kept until the workspace changes: a channel is presented and serialized once, not per read. */
const conversationReads = new ReplyCache('slack conversations.info/list');

export const conversationReadHandlers = {
  // https://docs.slack.dev/reference/methods/conversations.list
  'conversations.list': keptMethod(conversationReads, (ctx, a, who) => {
    const items = visibleConversations(ctx, a, who);
    const { page, next } = paginate(items, a, { kind: 'team', defaultLimit: 100, maxLimit: 1000 });
    return { channels: page.map((c) => conversationView(ctx.tenant, c, { viewer: who.user_id, numMembers: !c.is_im })), response_metadata: { next_cursor: next } };
  }),

  // https://docs.slack.dev/reference/methods/conversations.info
  'conversations.info': keptMethod(conversationReads, (ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { scope: 'read' });
    return { channel: conversationView(ctx.tenant, c, { viewer: who.user_id, detail: true, numMembers: bool(a, 'include_num_members') && !c.is_im, locale: bool(a, 'include_locale') }) };
  }),

  // https://docs.slack.dev/reference/methods/conversations.history — newest first; replies stay in their threads unless broadcast.
  // Bots read only conversations they are in (not_in_channel otherwise); user tokens read every public channel.
  'conversations.history': keptMethod(historyPages, (ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { scope: 'history', member: who.kind === 'bot' });
    const within = inWindow(a);
    const shown = (m: MessageDoc) => (!m.thread_ts || m.thread_ts === m.ts || m.subtype === 'thread_broadcast') && within(m);
    const all = () => messages(ctx.tenant, c.id).filter(shown).sort((x, y) => cmpTs(y.ts, x.ts));
    const { page, next } = historyPage(ctx, c, a, shown, all);
    const out: Record<string, unknown> = {
      messages: page.map((m) => messageOut(ctx.tenant, m, c.id)),
      has_more: !!next,
      pin_count: pinnedMessages(ctx.tenant, c.id).ids('pinned').size,
      channel_actions_ts: null,
      channel_actions_count: 0,
    };
    if (str(a, 'latest')) out.latest = str(a, 'latest');
    if (str(a, 'oldest')) out.oldest = str(a, 'oldest');
    if (next) out.response_metadata = { next_cursor: next };
    return out;
  }),

  // https://docs.slack.dev/reference/methods/conversations.replies — the parent first, then replies oldest first.
  'conversations.replies': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { scope: 'history', member: who.kind === 'bot' });
    const ts = need(a, 'ts');
    const root = threadRoot(ctx.tenant, c.id, ts);
    if (!root) throw new SlackError('thread_not_found');
    const within = inWindow(a);
    const replies = threadReplies(ctx.tenant, c.id, root.ts, within).sort((x, y) => cmpTs(x.ts, y.ts));
    const { page, next } = paginate(replies, a, { kind: 'bmV4dF90cw', defaultLimit: 1000, maxLimit: 1000 });
    const first = str(a, 'cursor') ? [] : [root];
    const out: Record<string, unknown> = { messages: [...first, ...page].map((m) => messageOut(ctx.tenant, m, c.id)), has_more: !!next };
    if (next) out.response_metadata = { next_cursor: next };
    return out;
  }),

  // https://docs.slack.dev/reference/methods/conversations.members — deactivated people drop out.
  'conversations.members': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { scope: 'read' });
    const ids = c.members.filter((m) => !users(ctx.tenant).get(m)?.deleted).map((id) => ({ id }));
    const { page, next } = paginate(ids, a, { kind: 'dXNlcg', defaultLimit: 100, maxLimit: 1000 });
    return { members: page.map((m) => m.id), response_metadata: { next_cursor: next } };
  }),

  // https://docs.slack.dev/reference/methods/users.conversations — the conversations a user belongs to (the caller by default).
  'users.conversations': method((ctx, a, who) => {
    const userId = str(a, 'user') ?? who.user_id;
    if (!userId || !users(ctx.tenant).get(userId)) throw new SlackError('user_not_found');
    const items = visibleConversations(ctx, a, who, userId);
    const { page, next } = paginate(items, a, { kind: 'team', defaultLimit: 100, maxLimit: 1000 });
    return { channels: page.map((c) => conversationView(ctx.tenant, c, { viewer: who.user_id })), response_metadata: { next_cursor: next } };
  }),
} satisfies Handlers;
