/** Slack workspace state: typed collections of one tenant and its id/ts generation; no rules, no HTTP. */
import type { Tenant, Collection } from '../../src/core/tenant.js';
import { orderIndex, select, termIndex } from '../../src/core/lookup.js';
import type {
  Profile, SlackUser, TopicOrPurpose, Conversation, Reaction, MessageDoc, AppDoc, TokenType, TokenDoc, FileDoc, TriggerDoc, TeamInfo,
  UsergroupDoc, EmojiDoc, ReminderDoc, BookmarkDoc, ScheduledDoc, ViewDoc, CallDoc, CanvasDoc, AdminDoc,
} from './types.js';

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
  return tsText(sec, seq);
}

/**
 * Slack's `<seconds>.<6 digits>` timestamp text, as one flat string: the template literal it replaces made a rope
 * of three strings (about twice the heap), kept by every message, every index key and every event that carries it.
 */
export function tsText(sec: number, frac: number): string {
  if (!(Number.isInteger(frac) && frac >= 0 && frac < 1_000_000)) return `${sec}.${String(frac).padStart(6, '0')}`;
  const head = String(sec);
  const n = head.length;
  const codes = new Array<number>(n + 7);
  for (let i = 0; i < n; i++) codes[i] = head.charCodeAt(i);
  codes[n] = 46; // '.'
  for (let i = 6, f = frac; i >= 1; i--, f = Math.floor(f / 10)) codes[n + i] = 48 + (f % 10);
  return String.fromCharCode.apply(null, codes);
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

/** A ts as a string that sorts as `cmpTs` orders them; null (left out of the order) for one of another shape. */
const tsKey = (ts: string): string | null => {
  const m = /^(\d{1,15})(?:\.(\d{1,12}))?$/.exec(ts);
  return m ? `${m[1].padStart(15, '0')}.${(m[2] ?? '').padEnd(6, '0').padStart(12, '0')}` : null;
};

/** A conversation's messages in ts order, so a history page reads its page, not the conversation. */
export const messagesByTs = (t: Tenant, channelId: string) => orderIndex(messages(t, channelId), 'ts', (m) => tsKey(m.ts));

/** The first place in a conversation's ts order whose ts has `reached` a bound (false below some place, true from it on). */
export function firstTsPlace(t: Tenant, channelId: string, reached: (ts: string) => boolean): number {
  const ids = messagesByTs(t, channelId).ascending();
  const col = messages(t, channelId);
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (reached(col.get(ids[mid])!.ts)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A conversation's messages by the thread they are in (`thread_ts`; a root is filed under its own ts). */
export const threadMembers = (t: Tenant, channelId: string) => termIndex(messages(t, channelId), 'thread', (m) => (m.thread_ts ? [m.thread_ts] : []));

/** A thread's replies that pass `also`, in the conversation's order: read from the thread's filing, not the conversation. */
export function threadReplies(t: Tenant, channelId: string, rootTs: string, also: (m: MessageDoc) => boolean = () => true): MessageDoc[] {
  const index = threadMembers(t, channelId);
  return select(messages(t, channelId), index, index.ids(rootTs), (m) => m.thread_ts === rootTs && m.ts !== rootTs && also(m));
}

/** A conversation's pinned messages. */
export const pinnedMessages = (t: Tenant, channelId: string) => termIndex(messages(t, channelId), 'pinned', (m) => (m.pinned_to?.length ? ['pinned'] : []));

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

// Secondary collections: usergroups, emoji, reminders, bookmarks, scheduled messages, views, calls, canvases, admin state.
export const usergroups = (t: Tenant): Collection<UsergroupDoc> => t.collection<UsergroupDoc>('usergroups');
export const emojiStore = (t: Tenant): Collection<EmojiDoc> => t.collection<EmojiDoc>('emoji');
export const reminders = (t: Tenant): Collection<ReminderDoc> => t.collection<ReminderDoc>('reminders');
export const bookmarks = (t: Tenant, channel: string): Collection<BookmarkDoc> => t.collection<BookmarkDoc>(`bookmarks:${channel}`);
export const scheduled = (t: Tenant): Collection<ScheduledDoc> => t.collection<ScheduledDoc>('scheduled');
export const views = (t: Tenant): Collection<ViewDoc> => t.collection<ViewDoc>('views');
export const calls = (t: Tenant): Collection<CallDoc> => t.collection<CallDoc>('calls');
export const canvases = (t: Tenant): Collection<CanvasDoc> => t.collection<CanvasDoc>('canvases');
export const admin = (t: Tenant, kind: string): Collection<AdminDoc> => t.collection<AdminDoc>(`admin:${kind}`);

/** Pins of files/other items that are not messages; message pins live on the message (pinned_to). */
export const stars = (t: Tenant, user: string): Collection<AdminDoc> => t.collection<AdminDoc>(`stars:${user}`);
