/** Slack workspace state: typed collections, id/ts generation, and postMessage shared by the Web API and the realtime side. */
import type { Tenant, Collection } from '../../src/core/tenant.js';
import type { Twin } from '../../src/core/twin.js';
import { SlackError } from './errors.js';
import { emitEvent } from './events.js';
import { messageOut } from './render.js';
import { assertNoBarrier } from './handlers/barrier-rules.js';
import type { Profile, SlackUser, TopicOrPurpose, Conversation, Reaction, MessageDoc, AppDoc, TokenType, TokenDoc, FileDoc, TriggerDoc, TeamInfo } from './types.js';

export type { Profile, SlackUser, TopicOrPurpose, Conversation, Reaction, MessageDoc, AppDoc, TokenType, TokenDoc, FileDoc, TriggerDoc, TeamInfo };

export const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A Slack-style id: one-letter kind prefix plus ten characters from the tenant's random source. */
export function newId(tenant: Tenant, prefix: string): string {
  return prefix + tenant.random.chars(10, ID_ALPHABET);
}

/** Epoch seconds from the twin clock. */
export const nowSec = (tenant: Tenant): number => Math.floor(tenant.now().getTime() / 1000);

/**
 * A message timestamp: clock seconds plus a per-tenant counter suffix
 * (`1700000000.000100`), strictly increasing even when the clock stands still
 * or is set back, because Slack uses ts as the message's id within a channel.
 */
export function nextTs(tenant: Tenant): string {
  const state = tenant.meta('ts', () => ({ sec: 0, seq: 0 }));
  let sec = nowSec(tenant);
  let seq = (state.seq + 100) % 1_000_000;
  if (sec < state.sec || (sec === state.sec && seq <= state.seq)) {
    sec = state.sec;
    if (seq <= state.seq) {
      if (state.seq + 1 >= 1_000_000) {
        sec += 1;
        seq = 100;
      } else seq = state.seq + 1;
    }
  }
  tenant.setMeta('ts', { sec, seq });
  return `${sec}.${String(seq).padStart(6, '0')}`;
}

/** Orders two Slack timestamps numerically. */
export const cmpTs = (a: string, b: string): number => {
  const [as, af = '0'] = a.split('.');
  const [bs, bf = '0'] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
};

export const users = (t: Tenant): Collection<SlackUser> => t.collection<SlackUser>('users');
export const conversations = (t: Tenant): Collection<Conversation> => t.collection<Conversation>('conversations');
export const messages = (t: Tenant, channelId: string): Collection<MessageDoc> => t.collection<MessageDoc>(`messages:${channelId}`);
export const apps = (t: Tenant): Collection<AppDoc> => t.collection<AppDoc>('apps');
export const tokens = (t: Tenant): Collection<TokenDoc> => t.collection<TokenDoc>('tokens');
export const files = (t: Tenant): Collection<FileDoc> => t.collection<FileDoc>('files');
export const triggers = (t: Tenant): Collection<TriggerDoc> => t.collection<TriggerDoc>('triggers');

export function team(t: Tenant): TeamInfo {
  return t.meta<TeamInfo>('team', () => ({ id: 'T0000000000', name: t.name, domain: t.name.toLowerCase(), email_domain: '', icon: { image_default: true } }));
}

export function findToken(t: Tenant, token: string): TokenDoc | undefined {
  return tokens(t).get(token);
}

export function getUser(t: Tenant, id: string): SlackUser | undefined {
  return users(t).get(id);
}

export function getConversation(t: Tenant, id: string): Conversation | undefined {
  return conversations(t).get(id);
}

/** The app whose bot user this is, if any. */
export function appForBotUser(t: Tenant, userId: string): AppDoc | undefined {
  return apps(t).find((a) => a.bot_user_id === userId);
}

/** Slack's channel_type for events: channel, group, im, mpim. */
export function channelType(c: Conversation): 'channel' | 'group' | 'im' | 'mpim' {
  return c.is_im ? 'im' : c.is_mpim ? 'mpim' : c.is_private ? 'group' : 'channel';
}

export interface NewMessage {
  user?: string;
  bot_id?: string;
  app_id?: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  subtype?: string;
  username?: string;
  icons?: Record<string, string>;
  bot_profile?: Record<string, unknown>;
  files?: string[];
  metadata?: unknown;
  client_msg_id?: string;
  /** Fields system messages carry beside the usual ones (inviter, topic, purpose, …). */
  extra?: Record<string, unknown>;
  /** Seeding only: a fixed ts (must be unique in the channel). */
  ts?: string;
  /** Seeding only: store without firing events. */
  silent?: boolean;
}

/** Plain text becomes a rich_text block, as Slack renders it for messages posted without blocks. */
export function richTextBlocks(tenant: Tenant, text: string): unknown[] {
  return [{ type: 'rich_text', block_id: tenant.random.chars(5, 'abcdefghijklmnopqrstuvwxyz0123456789'), elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] }];
}

/** The thread root for a ts: a reply's ts resolves to its parent, as Slack threads it. */
export function threadRoot(t: Tenant, channelId: string, ts: string): MessageDoc | undefined {
  const m = messages(t, channelId).get(ts);
  if (!m) return undefined;
  if (m.thread_ts && m.thread_ts !== m.ts) return messages(t, channelId).get(m.thread_ts);
  return m;
}

/**
 * Stores a message in a conversation, threads it, and fires the events Slack
 * would (`message`, `app_mention`, thread broadcasts). Used by chat.* handlers
 * and by the realtime side's "act as a person" control routes alike, so the
 * workspace behaves the same whoever posts.
 */
export function postMessage(twin: Twin, tenant: Tenant, channelId: string, msg: NewMessage): MessageDoc {
  const conv = getConversation(tenant, channelId);
  if (!conv) throw new SlackError('channel_not_found');
  // A DM or group DM across an information barrier is read-only; restricted_action is chat.postMessage's code for a policy that forbids posting.
  if ((conv.is_im || conv.is_mpim) && !msg.silent) assertNoBarrier(tenant, conv.members, conv.is_im ? 'im' : 'mpim', 'restricted_action');
  const store = messages(tenant, channelId);
  let root: MessageDoc | undefined;
  // A thread_ts naming no message still posts (Slack keeps such orphans out of history); it threads nothing.
  if (msg.thread_ts) root = threadRoot(tenant, channelId, msg.thread_ts);
  const ts = msg.ts ?? nextTs(tenant);
  const teamId = team(tenant).id;
  const text = msg.text ?? '';
  const doc: MessageDoc = {
    id: ts,
    type: 'message',
    ts,
    ...(msg.subtype ? { subtype: msg.subtype } : {}),
    ...(msg.user ? { user: msg.user } : {}),
    ...(msg.bot_id ? { bot_id: msg.bot_id } : {}),
    ...(msg.app_id ? { app_id: msg.app_id } : {}),
    text,
    team: teamId,
    ...(msg.username ? { username: msg.username } : {}),
    ...(msg.icons ? { icons: msg.icons } : {}),
    ...(msg.bot_profile ? { bot_profile: msg.bot_profile } : {}),
    blocks: msg.blocks ?? (text && !msg.attachments ? richTextBlocks(tenant, text) : undefined),
    ...(msg.attachments ? { attachments: msg.attachments } : {}),
    ...(msg.files?.length ? { files: msg.files } : {}),
    ...(msg.metadata ? { metadata: msg.metadata } : {}),
    ...(msg.client_msg_id ? { client_msg_id: msg.client_msg_id } : {}),
    ...(msg.extra ?? {}),
  };
  if (msg.thread_ts && !root) doc.thread_ts = msg.thread_ts;
  if (doc.blocks === undefined) delete doc.blocks;
  const author = msg.user ?? msg.bot_id ?? '';
  if (root) {
    doc.thread_ts = root.ts;
    doc.parent_user_id = root.user ?? root.bot_id;
    if (msg.reply_broadcast) {
      doc.reply_broadcast = true;
      doc.subtype = 'thread_broadcast';
    }
    const replyUsers = root.reply_users ?? [];
    if (author && !replyUsers.includes(author)) replyUsers.push(author);
    store.patch(root.ts, {
      thread_ts: root.ts,
      reply_count: (root.reply_count ?? 0) + 1,
      reply_users: replyUsers,
      reply_users_count: replyUsers.length,
      latest_reply: ts,
    });
  }
  store.put(doc);
  conversations(tenant).patch(channelId, { updated: tenant.now().getTime() });
  if (!msg.silent) emitMessageEvents(twin, tenant, conv, doc);
  return doc;
}

function emitMessageEvents(twin: Twin, tenant: Tenant, conv: Conversation, doc: MessageDoc): void {
  const base = { ...messageOut(tenant, doc, conv.id), channel: conv.id, event_ts: doc.ts, channel_type: channelType(conv) };
  emitEvent(twin, tenant, { type: 'message', ...base }, { channel: conv.id, user: doc.user });
  // app_mention goes to each app whose bot user is mentioned, never for the bot's own posts.
  for (const m of doc.text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) {
    const app = appForBotUser(tenant, m[1]);
    if (!app || doc.user === app.bot_user_id || doc.bot_id === app.bot_id) continue;
    const ev: Record<string, unknown> = { type: 'app_mention', user: doc.user, text: doc.text, ts: doc.ts, channel: conv.id, event_ts: doc.ts, team: doc.team };
    if (doc.blocks) ev.blocks = doc.blocks;
    if (doc.thread_ts) ev.thread_ts = doc.thread_ts;
    if (doc.bot_id) ev.bot_id = doc.bot_id;
    if (doc.client_msg_id) ev.client_msg_id = doc.client_msg_id;
    emitEvent(twin, tenant, ev, { channel: conv.id, user: doc.user, app: app.id });
  }
}
