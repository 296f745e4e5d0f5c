/** Things attached to messages and channels: reactions, pins, bookmarks, stars (saved items). */
import type { OpContext } from '../../../src/core/handler.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { SlackError } from '../errors.js';
import { bool, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { conversations, files, getConversation, messages, newId, nowSec, team, type Conversation, type MessageDoc } from '../store.js';
import { messageOut } from '../present/messages.js';
import { fileView } from '../present/files.js';
import { emitEvent } from '../model/events.js';
import { bookmarks, stars } from '../store.js';
import { conversationArg, method, paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { canSee } from '../model/conversations.js';

const pins = (t: Tenant, channel: string) => t.collection<{ id: string; created: number; created_by: string }>(`pins:${channel}`);

/** `channel` + `timestamp` naming a message, with Slack's item errors. */
function messageItem(ctx: OpContext, a: Args, who: SlackPrincipal, tsKey = 'timestamp'): { c: Conversation; m: MessageDoc } {
  const ts = str(a, tsKey);
  if (!str(a, 'channel') && !ts) throw new SlackError('no_item_specified');
  const c = conversationArg(ctx, a, who, {});
  if (!ts) throw new SlackError('no_item_specified');
  if (!/^\d+(\.\d+)?$/.test(ts)) throw new SlackError('bad_timestamp');
  const m = messages(ctx.tenant, c.id).get(ts);
  if (!m) throw new SlackError('message_not_found');
  return { c, m };
}

/** Emoji names arrive with or without colons; skin tones are part of the name. */
function reactionName(a: Args): string {
  const raw = str(a, 'name');
  if (!raw) throw new SlackError('invalid_name');
  const name = raw.replace(/^:|:$/g, '');
  if (!/^[a-z0-9_+'\-]+(::skin-tone-[2-6])?$/.test(name)) throw new SlackError('invalid_name');
  return name;
}

const itemUser = (m: MessageDoc) => m.user ?? m.bot_id;

export const itemHandlers = {
  // https://docs.slack.dev/reference/methods/reactions.add
  'reactions.add': method((ctx, a, who) => {
    const name = reactionName(a);
    const { c, m } = messageItem(ctx, a, who);
    if (c.is_archived) throw new SlackError('is_archived');
    const reactions = [...(m.reactions ?? [])];
    const r = reactions.find((x) => x.name === name);
    if (r?.users.includes(who.user_id!)) throw new SlackError('already_reacted');
    if (!r && reactions.length >= 50) throw new SlackError('too_many_emoji');
    if (r) { r.users.push(who.user_id!); r.count = r.users.length; } else reactions.push({ name, users: [who.user_id!], count: 1 });
    messages(ctx.tenant, c.id).patch(m.ts, { reactions });
    emitEvent(ctx.twin, ctx.tenant, { type: 'reaction_added', user: who.user_id, reaction: name, item_user: itemUser(m), item: { type: 'message', channel: c.id, ts: m.ts } }, { channel: c.id, user: who.user_id });
    return {};
  }),

  'reactions.remove': method((ctx, a, who) => {
    const name = reactionName(a);
    if (str(a, 'file')) throw new SlackError('file_not_found');
    const { c, m } = messageItem(ctx, a, who);
    const reactions = (m.reactions ?? []).map((x) => ({ ...x, users: [...x.users] }));
    const r = reactions.find((x) => x.name === name);
    if (!r || !r.users.includes(who.user_id!)) throw new SlackError('no_reaction');
    r.users = r.users.filter((u) => u !== who.user_id);
    r.count = r.users.length;
    const left = reactions.filter((x) => x.count > 0);
    messages(ctx.tenant, c.id).patch(m.ts, { reactions: left.length ? left : undefined });
    emitEvent(ctx.twin, ctx.tenant, { type: 'reaction_removed', user: who.user_id, reaction: name, item_user: itemUser(m), item: { type: 'message', channel: c.id, ts: m.ts } }, { channel: c.id, user: who.user_id });
    return {};
  }),

  'reactions.get': method((ctx, a, who) => {
    if (str(a, 'file')) {
      const f = files(ctx.tenant).get(str(a, 'file')!);
      if (!f) throw new SlackError('file_not_found');
      return { type: 'file', file: fileView(f) };
    }
    const { c, m } = messageItem(ctx, a, who);
    return { type: 'message', channel: c.id, message: { ...messageOut(ctx.tenant, m, c.id), permalink: permalink(ctx.tenant, c.id, m.ts) } };
  }),

  // https://docs.slack.dev/reference/methods/reactions.list — items the user reacted to, newest first.
  'reactions.list': method((ctx, a, who) => {
    const user = str(a, 'user') ?? who.user_id!;
    const items: Array<{ id: string; channel: string; m: MessageDoc }> = [];
    for (const c of conversations(ctx.tenant).values()) {
      if (!canSee(c, who)) continue;
      for (const m of messages(ctx.tenant, c.id).values()) if (m.reactions?.some((r) => r.users.includes(user))) items.push({ id: `${c.id}/${m.ts}`, channel: c.id, m });
    }
    items.sort((x, y) => Number(y.m.ts) - Number(x.m.ts));
    const { page, next } = paginate(items, a, { kind: 'cmVhY3Rpb24', defaultLimit: 100 });
    return { items: page.map((i) => ({ type: 'message', channel: i.channel, message: messageOut(ctx.tenant, i.m, i.channel) })), response_metadata: { next_cursor: next } };
  }),

  // https://docs.slack.dev/reference/methods/pins.add — the pinner must be in the channel.
  'pins.add': method((ctx, a, who) => {
    const { c, m } = messageItem(ctx, a, who);
    if (!c.members.includes(who.user_id!)) throw new SlackError('not_in_channel');
    if (m.pinned_to?.includes(c.id)) throw new SlackError('already_pinned');
    if (pins(ctx.tenant, c.id).size >= 100) throw new SlackError('too_many_pins');
    const created = nowSec(ctx.tenant);
    pins(ctx.tenant, c.id).put({ id: m.ts, created, created_by: who.user_id! });
    messages(ctx.tenant, c.id).patch(m.ts, { pinned_to: [...(m.pinned_to ?? []), c.id] });
    const item = { type: 'message', created, created_by: who.user_id, channel: c.id, message: messageOut(ctx.tenant, m, c.id) };
    emitEvent(ctx.twin, ctx.tenant, { type: 'pin_added', user: who.user_id, channel_id: c.id, item, item_user: itemUser(m), pin_count: pins(ctx.tenant, c.id).size, pinned_info: { channel: c.id, pinned_by: who.user_id, pinned_ts: created } }, { channel: c.id, user: who.user_id });
    return {};
  }),

  'pins.remove': method((ctx, a, who) => {
    const { c, m } = messageItem(ctx, a, who);
    if (!m.pinned_to?.includes(c.id)) throw new SlackError('no_pin');
    pins(ctx.tenant, c.id).delete(m.ts);
    messages(ctx.tenant, c.id).patch(m.ts, { pinned_to: m.pinned_to.filter((x) => x !== c.id) });
    emitEvent(ctx.twin, ctx.tenant, { type: 'pin_removed', user: who.user_id, channel_id: c.id, item: { type: 'message', channel: c.id, message: messageOut(ctx.tenant, m, c.id) }, item_user: itemUser(m), pin_count: pins(ctx.tenant, c.id).size, has_pins: pins(ctx.tenant, c.id).size > 0 }, { channel: c.id, user: who.user_id });
    return {};
  }),

  'pins.list': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    const store = messages(ctx.tenant, c.id);
    const items = store.filter((m) => !!m.pinned_to?.includes(c.id)).map((m) => {
      const rec = pins(ctx.tenant, c.id).get(m.ts);
      return { type: 'message', created: rec?.created ?? Number(m.ts.split('.')[0]), created_by: rec?.created_by ?? m.user, channel: c.id, message: { ...messageOut(ctx.tenant, m, c.id), permalink: permalink(ctx.tenant, c.id, m.ts) } };
    });
    return { items };
  }),

  // https://docs.slack.dev/reference/methods/bookmarks.add
  'bookmarks.add': method((ctx, a, who) => {
    const c = bookmarkChannel(ctx, a, who);
    const title = str(a, 'title');
    const type = str(a, 'type');
    if (!title) throw new SlackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: title'] } });
    if (type !== 'link') throw new SlackError('invalid_bookmark_type');
    const link = str(a, 'link');
    if (!link || !/^https?:\/\/\S+$/.test(link)) throw new SlackError('invalid_link');
    const now = nowSec(ctx.tenant);
    const b = bookmarks(ctx.tenant, c.id).put({
      id: newId(ctx.tenant, 'Bk'), channel_id: c.id, title, link, emoji: str(a, 'emoji') ?? null, icon_url: null, type: 'link', entity_id: str(a, 'entity_id') ?? null,
      date_created: now, date_updated: 0, rank: String.fromCharCode(97 + (bookmarks(ctx.tenant, c.id).size % 26)), last_updated_by_user_id: who.user_id!, last_updated_by_team_id: team(ctx.tenant).id,
      shortcut_id: null, app_id: who.app_id ?? null,
    });
    return { bookmark: b };
  }),

  'bookmarks.edit': method((ctx, a, who) => {
    const c = bookmarkChannel(ctx, a, who);
    const b = bookmarks(ctx.tenant, c.id).get(str(a, 'bookmark_id') ?? '');
    if (!b) throw new SlackError('not_found');
    const link = str(a, 'link');
    if (link !== undefined && !/^https?:\/\/\S+$/.test(link)) throw new SlackError('invalid_link');
    const fields: Record<string, unknown> = { date_updated: nowSec(ctx.tenant), last_updated_by_user_id: who.user_id };
    if (str(a, 'title') !== undefined) fields.title = str(a, 'title');
    if (link !== undefined) fields.link = link;
    if (str(a, 'emoji') !== undefined) fields.emoji = str(a, 'emoji');
    return { bookmark: bookmarks(ctx.tenant, c.id).patch(b.id, fields) };
  }),

  'bookmarks.remove': method((ctx, a, who) => {
    const c = bookmarkChannel(ctx, a, who);
    if (!bookmarks(ctx.tenant, c.id).delete(str(a, 'bookmark_id') ?? '')) throw new SlackError('not_found');
    return {};
  }),

  'bookmarks.list': method((ctx, a, who) => {
    const c = bookmarkChannel(ctx, a, who);
    return { bookmarks: bookmarks(ctx.tenant, c.id).values() };
  }),

  // Saved items (stars): a user's own list of messages, files and channels.
  'stars.add': method((ctx, a, who) => {
    const key = starKey(ctx, a, who);
    if (stars(ctx.tenant, who.user_id!).get(key.id)) throw new SlackError('already_starred');
    stars(ctx.tenant, who.user_id!).put({ ...key, date_create: nowSec(ctx.tenant) });
    return {};
  }),
  'stars.remove': method((ctx, a, who) => {
    const key = starKey(ctx, a, who);
    if (!stars(ctx.tenant, who.user_id!).delete(key.id)) throw new SlackError('not_starred');
    return {};
  }),
  'stars.list': method((ctx, a, who) => {
    const items = stars(ctx.tenant, who.user_id!).values().reverse();
    const { page, next } = paginate(items, a, { kind: 'c3Rhcg', defaultLimit: 100 });
    return {
      items: page.map((s) => {
        if (s.type === 'message') {
          const m = messages(ctx.tenant, String(s.channel)).get(String(s.ts));
          return { type: 'message', channel: s.channel, message: m ? messageOut(ctx.tenant, m, String(s.channel)) : { ts: s.ts }, date_create: s.date_create };
        }
        if (s.type === 'file') { const f = files(ctx.tenant).get(String(s.file)); return { type: 'file', file: f ? fileView(f) : { id: s.file }, date_create: s.date_create }; }
        return { type: 'channel', channel: s.channel, date_create: s.date_create };
      }),
      response_metadata: { next_cursor: next },
      ...(bool(a, 'include_paging') ? { paging: { count: page.length, total: items.length, page: 1, pages: 1 } } : {}),
    };
  }),
} satisfies Handlers;

function bookmarkChannel(ctx: OpContext, a: Args, who: SlackPrincipal): Conversation {
  const id = str(a, 'channel_id');
  const c = id ? getConversation(ctx.tenant, id) : undefined;
  if (!c || !canSee(c, who)) throw new SlackError('channel_not_found');
  return c;
}

function starKey(ctx: OpContext, a: Args, who: SlackPrincipal): { id: string; type: string; [k: string]: unknown } {
  const file = str(a, 'file');
  if (file) {
    if (!files(ctx.tenant).get(file)) throw new SlackError('file_not_found');
    return { id: `file:${file}`, type: 'file', file };
  }
  const channel = str(a, 'channel');
  const ts = str(a, 'timestamp');
  if (!channel) throw new SlackError('no_item_specified');
  if (!ts) {
    const c = conversationArg(ctx, a, who, {});
    return { id: `channel:${c.id}`, type: 'channel', channel: c.id };
  }
  const { c, m } = messageItem(ctx, a, who);
  return { id: `message:${c.id}:${m.ts}`, type: 'message', channel: c.id, ts: m.ts };
}

export function permalink(tenant: Tenant, channel: string, ts: string): string {
  return `https://${team(tenant).domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
}
