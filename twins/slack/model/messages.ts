/** Messages: posting into a conversation, threading, and the events a post announces. */
import type { Tenant } from '../../../src/core/tenant.js';
import type { Twin } from '../../../src/core/twin.js';
import { SlackError } from '../errors.js';
import { conversations, getConversation, messages, nextTs, nowSec, team } from '../store.js';
import type { MessageDoc } from '../types.js';
import { assertNoBarrier } from './barriers.js';
import { publish } from './events.js';

/** The workspace's message edit window in minutes: -1 "any time" (Slack's default), 0 "never". */
export const editWindowMins = (t: Tenant): number => team(t).msg_edit_window_mins ?? -1;

/**
 * Whether a member may still edit a message by the workspace's edit window (chat.update answers
 * `edit_window_closed` otherwise: docs.slack.dev/reference/methods/chat.update, "Errors"). The window runs from
 * the message's own timestamp on the twin's clock.
 */
export function editWindowOpen(t: Tenant, m: MessageDoc): boolean {
  const mins = editWindowMins(t);
  if (mins < 0) return true;
  if (mins === 0) return false;
  return nowSec(t) - Number(m.ts) <= mins * 60;
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
  // Fields are set one by one in the stored order (a literal of conditional spreads allocated an object per field).
  const doc = { id: ts, type: 'message', ts } as MessageDoc;
  if (msg.subtype) doc.subtype = msg.subtype;
  if (msg.user) doc.user = msg.user;
  if (msg.bot_id) doc.bot_id = msg.bot_id;
  if (msg.app_id) doc.app_id = msg.app_id;
  doc.text = text;
  doc.team = teamId;
  if (msg.username) doc.username = msg.username;
  if (msg.icons) doc.icons = msg.icons;
  if (msg.bot_profile) doc.bot_profile = msg.bot_profile;
  doc.blocks = msg.blocks ?? (text && !msg.attachments ? richTextBlocks(tenant, text) : undefined);
  if (msg.attachments) doc.attachments = msg.attachments;
  if (msg.files?.length) doc.files = msg.files;
  if (msg.metadata) doc.metadata = msg.metadata;
  if (msg.client_msg_id) doc.client_msg_id = msg.client_msg_id;
  if (msg.extra) Object.assign(doc, msg.extra);
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
  if (!msg.silent) publish(twin, tenant, { kind: 'message', conversation: conv, message: doc });
  return doc;
}
