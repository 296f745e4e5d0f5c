/** Changing conversations: create, join, leave, invite, kick, archive, rename, topic/purpose, open/close DMs, mark. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { bool, list, need, str } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { conversations, getUser, nowSec, team, users, messages, type Conversation } from '../store.js';
import { postMessage } from '../model/messages.js';
import { conversationView } from '../present/conversations.js';
import { emitEvent } from '../model/events.js';
import { newConversation } from '../model/conversations.js';
import { conversationArg, method } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { assertNoBarrier } from '../model/barriers.js';

/**
 * Channel names: lowercase letters, digits, hyphens, underscores, at most 80
 * characters (https://docs.slack.dev/reference/methods/conversations.create).
 */
export function validateName(ctx: OpContext, raw: string | undefined, except?: string): string {
  if (!raw) throw new SlackError('invalid_name_required');
  const name = raw.replace(/^#/, '').toLowerCase();
  if (name.length > 80) throw new SlackError('invalid_name_maxlength');
  if (!/^[a-z0-9_\-\u00C0-\uFFFF]+$/.test(name)) throw new SlackError(/^[-_]+$/.test(name) ? 'invalid_name_punctuation' : 'invalid_name_specials');
  if (/^[-_]+$/.test(name)) throw new SlackError('invalid_name_punctuation');
  if (conversations(ctx.tenant).find((c) => !c.is_im && !c.is_mpim && c.name === name && c.id !== except)) throw new SlackError('name_taken');
  return name;
}

const chanLetter = (c: Conversation) => (c.is_private ? 'G' : 'C');

/** Joins people to a channel: membership, the member_joined_channel event and the "has joined" system message Slack posts. */
export function addMembers(ctx: OpContext, c: Conversation, ids: string[], inviter?: string): void {
  for (const id of ids) {
    if (c.members.includes(id)) continue;
    c.members.push(id);
    conversations(ctx.tenant).patch(c.id, { members: c.members });
    emitEvent(ctx.twin, ctx.tenant, { type: 'member_joined_channel', user: id, channel: c.id, channel_type: chanLetter(c), team: team(ctx.tenant).id, ...(inviter ? { inviter } : {}) }, { channel: c.id, user: id });
    if (!c.is_im && !c.is_mpim) {
      postMessage(ctx.twin, ctx.tenant, c.id, { subtype: 'channel_join', user: id, text: `<@${id}> has joined the channel`, extra: inviter ? { inviter } : undefined });
    }
  }
}

export function removeMember(ctx: OpContext, c: Conversation, id: string): void {
  conversations(ctx.tenant).patch(c.id, { members: c.members.filter((m) => m !== id) });
  emitEvent(ctx.twin, ctx.tenant, { type: 'member_left_channel', user: id, channel: c.id, channel_type: chanLetter(c), team: team(ctx.tenant).id }, { channel: c.id, user: id });
  postMessage(ctx.twin, ctx.tenant, c.id, { subtype: 'channel_leave', user: id, text: `<@${id}> has left the channel` });
}

/** Slack names private-channel events group_* and public ones channel_*. */
const eventName = (c: Conversation, verb: string) => `${c.is_private ? 'group' : 'channel'}_${verb}`;

const view = (ctx: OpContext, c: Conversation, who: SlackPrincipal) => conversationView(ctx.tenant, conversations(ctx.tenant).get(c.id)!, { viewer: who.user_id, detail: true });

function notForDms(c: Conversation): void {
  if (c.is_im || c.is_mpim) throw new SlackError('method_not_supported_for_channel_type');
}

/** Admins, owners and the channel's creator may change it; bots act within their scopes. */
function mayManage(ctx: OpContext, c: Conversation, who: SlackPrincipal): boolean {
  if (who.kind === 'bot') return true;
  const u = getUser(ctx.tenant, who.user_id ?? '');
  return !!u && (u.is_admin || u.is_owner || c.creator === u.id);
}

function setText(field: 'topic' | 'purpose') {
  return (ctx: OpContext, a: Record<string, unknown>, who: SlackPrincipal) => {
    const c = conversationArg(ctx, a, who, { member: true, notArchived: true });
    const value = str(a, field) ?? '';
    if (value.length > 250) throw new SlackError('too_long');
    conversations(ctx.tenant).patch(c.id, { [field]: { value, creator: who.user_id ?? '', last_set: nowSec(ctx.tenant) } });
    const verb = field === 'topic' ? 'set the channel topic' : 'set the channel purpose';
    postMessage(ctx.twin, ctx.tenant, c.id, { subtype: `channel_${field}`, user: who.user_id, text: `${verb}: ${value}`, extra: { [field]: value } });
    return { channel: view(ctx, c, who) };
  };
}

export const conversationWriteHandlers = {
  // https://docs.slack.dev/reference/methods/conversations.create
  'conversations.create': method((ctx, a, who) => {
    const name = validateName(ctx, str(a, 'name'));
    const isPrivate = bool(a, 'is_private');
    const creator = who.user_id!;
    const c = conversations(ctx.tenant).put(newConversation(ctx.tenant, { name, is_private: isPrivate, creator, members: [creator] }));
    if (!isPrivate) emitEvent(ctx.twin, ctx.tenant, { type: 'channel_created', channel: { id: c.id, name, created: c.created, creator, is_channel: true, is_shared: false, is_org_shared: false, context_team_id: team(ctx.tenant).id } }, { channel: c.id, user: creator });
    return { channel: view(ctx, c, who) };
  }),

  // https://docs.slack.dev/reference/methods/conversations.join — public channels only; already a member is a warning, not an error.
  'conversations.join': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    notForDms(c);
    if (c.is_private) throw new SlackError('method_not_supported_for_channel_type');
    if (c.is_archived) throw new SlackError('is_archived');
    const already = c.members.includes(who.user_id!);
    if (!already) addMembers(ctx, c, [who.user_id!]);
    const out: Record<string, unknown> = { channel: view(ctx, c, who) };
    if (already) Object.assign(out, { __warnings: ['already_in_channel'], response_metadata: { warnings: ['already_in_channel'] } });
    return out;
  }),

  // https://docs.slack.dev/reference/methods/conversations.leave
  'conversations.leave': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    if (c.is_im) throw new SlackError('method_not_supported_for_channel_type');
    if (c.is_general) throw new SlackError('cant_leave_general');
    if (c.is_archived) throw new SlackError('is_archived');
    if (!c.members.includes(who.user_id!)) return { not_in_channel: true };
    removeMember(ctx, c, who.user_id!);
    return {};
  }),

  // https://docs.slack.dev/reference/methods/conversations.invite
  'conversations.invite': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { member: true, notArchived: true });
    if (c.is_im) throw new SlackError('method_not_supported_for_channel_type');
    const ids = list(a, 'users');
    if (!ids?.length) throw new SlackError('no_user');
    const toAdd: string[] = [];
    for (const id of ids) {
      if (id === who.user_id) throw new SlackError('cant_invite_self');
      const u = getUser(ctx.tenant, id);
      if (!u) throw new SlackError('user_not_found');
      if (u.deleted) throw new SlackError('user_is_inactive');
      if (u.is_ultra_restricted && !c.members.includes(id)) throw new SlackError('ura_max_channels');
      if (!c.members.includes(id)) toAdd.push(id);
    }
    if (!toAdd.length) throw new SlackError('already_in_channel', { errors: ids.map((user) => ({ user, ok: false, error: 'already_in_channel' })) });
    addMembers(ctx, c, toAdd, who.user_id);
    return { channel: view(ctx, c, who) };
  }),

  // https://docs.slack.dev/reference/methods/conversations.kick
  'conversations.kick': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { member: true });
    notForDms(c);
    const target = str(a, 'user');
    if (!target) throw new SlackError('user_not_found');
    if (target === who.user_id) throw new SlackError('cant_kick_self');
    if (!getUser(ctx.tenant, target)) throw new SlackError('user_not_found');
    if (c.is_general) throw new SlackError('cant_kick_from_general');
    if (!c.members.includes(target)) throw new SlackError('not_in_channel');
    if (!mayManage(ctx, c, who)) throw new SlackError('restricted_action');
    removeMember(ctx, c, target);
    return {};
  }),

  // https://docs.slack.dev/reference/methods/conversations.archive
  'conversations.archive': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    if (c.is_archived) throw new SlackError('already_archived');
    if (c.is_general) throw new SlackError('cant_archive_general');
    if (c.is_im) throw new SlackError('method_not_supported_for_channel_type');
    if (who.kind === 'bot' && !c.members.includes(who.user_id!)) throw new SlackError('not_in_channel');
    if (!mayManage(ctx, c, who) && !c.members.includes(who.user_id!)) throw new SlackError('restricted_action');
    postMessage(ctx.twin, ctx.tenant, c.id, { subtype: 'channel_archive', user: who.user_id, text: 'archived the channel' });
    conversations(ctx.tenant).patch(c.id, { is_archived: true });
    emitEvent(ctx.twin, ctx.tenant, { type: eventName(c, 'archive'), channel: c.id, user: who.user_id }, { channel: c.id, user: who.user_id });
    return {};
  }),

  // https://docs.slack.dev/reference/methods/conversations.unarchive
  'conversations.unarchive': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    notForDms(c);
    if (!c.is_archived) throw new SlackError('not_archived');
    conversations(ctx.tenant).patch(c.id, { is_archived: false });
    if (!c.members.includes(who.user_id!)) addMembers(ctx, c, [who.user_id!]);
    postMessage(ctx.twin, ctx.tenant, c.id, { subtype: 'channel_unarchive', user: who.user_id, text: 'un-archived the channel' });
    emitEvent(ctx.twin, ctx.tenant, { type: eventName(c, 'unarchive'), channel: c.id, user: who.user_id }, { channel: c.id, user: who.user_id });
    return {};
  }),

  // https://docs.slack.dev/reference/methods/conversations.rename
  'conversations.rename': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { notArchived: true });
    notForDms(c);
    if (who.kind === 'bot' && !c.members.includes(who.user_id!)) throw new SlackError('not_in_channel');
    if (!mayManage(ctx, c, who)) throw new SlackError('not_authorized');
    const name = validateName(ctx, str(a, 'name'), c.id);
    if (name !== c.name) {
      conversations(ctx.tenant).patch(c.id, { name, previous_names: [c.name, ...c.previous_names] });
      postMessage(ctx.twin, ctx.tenant, c.id, { subtype: 'channel_name', user: who.user_id, text: `renamed the channel from "${c.name}" to "${name}"` });
      emitEvent(ctx.twin, ctx.tenant, { type: eventName(c, 'rename'), channel: { id: c.id, name, name_normalized: name, created: c.created, is_channel: !c.is_private, is_mpim: false } }, { channel: c.id, user: who.user_id });
    }
    return { channel: view(ctx, c, who) };
  }),

  'conversations.setTopic': method(setText('topic')),
  'conversations.setPurpose': method(setText('purpose')),

  // https://docs.slack.dev/reference/methods/conversations.open — resume by channel, or open a DM (one user) / MPIM (several).
  'conversations.open': method((ctx, a, who) => {
    const me = who.user_id!;
    const returnIm = bool(a, 'return_im');
    const channelArg = str(a, 'channel');
    let c: Conversation | undefined;
    let existed = true;
    if (channelArg) {
      c = conversationArg(ctx, a, who, {});
      if (!c.is_im && !c.is_mpim) throw new SlackError('method_not_supported_for_channel_type');
    } else {
      const ids = list(a, 'users');
      if (!ids?.length) throw new SlackError('users_list_not_supplied');
      const others = [...new Set(ids.filter((id) => id !== me))];
      if (others.length > 8) throw new SlackError('too_many_users');
      for (const id of ids) {
        const u = getUser(ctx.tenant, id);
        if (!u) throw new SlackError('user_not_found');
        if (u.deleted) throw new SlackError('user_disabled');
      }
      if (others.length === 0) others.push(me);
      if (others.length === 1) {
        const other = others[0];
        c = conversations(ctx.tenant).find((x) => x.is_im && x.members.includes(me) && x.members.includes(other) && (other !== me || x.members.length === 1 || x.user === me));
        if (!c) {
          existed = false;
          // New DMs across an information barrier are blocked (existing ones stay readable); user_not_visible is the reference's code for a person the caller is restricted from.
          assertNoBarrier(ctx.tenant, [me, other], 'im', 'user_not_visible');
          c = conversations(ctx.tenant).put(newConversation(ctx.tenant, { is_im: true, creator: me, user: other, members: other === me ? [me] : [me, other] }));
        }
      } else {
        const all = [me, ...others].sort();
        c = conversations(ctx.tenant).find((x) => x.is_mpim && [...x.members].sort().join() === all.join());
        if (!c) {
          existed = false;
          assertNoBarrier(ctx.tenant, all, 'mpim', 'user_not_visible');
          const names = [me, ...others].map((id) => users(ctx.tenant).get(id)!.name);
          c = conversations(ctx.tenant).put(newConversation(ctx.tenant, { is_mpim: true, is_private: true, name: `mpdm-${names.join('--')}-1`, creator: me, members: [me, ...others] }));
        }
      }
    }
    const wasClosed = !!c.closed_by?.includes(me);
    if (wasClosed) conversations(ctx.tenant).patch(c.id, { closed_by: c.closed_by!.filter((x) => x !== me) });
    const full = returnIm || c.is_mpim;
    const out: Record<string, unknown> = { channel: full ? conversationView(ctx.tenant, c, { viewer: me, detail: true }) : { id: c.id } };
    if (existed && !wasClosed) Object.assign(out, { no_op: true, already_open: true });
    return out;
  }),

  // https://docs.slack.dev/reference/methods/conversations.close — DMs and MPIMs only.
  'conversations.close': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, {});
    if (!c.is_im && !c.is_mpim) throw new SlackError('method_not_supported_for_channel_type');
    const me = who.user_id!;
    if (c.closed_by?.includes(me)) return { no_op: true, already_closed: true };
    conversations(ctx.tenant).patch(c.id, { closed_by: [...(c.closed_by ?? []), me] });
    return {};
  }),

  // https://docs.slack.dev/reference/methods/conversations.mark — moves the caller's read cursor.
  'conversations.mark': method((ctx, a, who) => {
    const c = conversationArg(ctx, a, who, { member: true });
    const ts = need(a, 'ts');
    if (!/^\d+(\.\d+)?$/.test(ts)) throw new SlackError('invalid_timestamp');
    if (!messages(ctx.tenant, c.id).get(ts) && ts !== '0') throw invalidArguments('ts does not name a message in this channel');
    conversations(ctx.tenant).patch(c.id, { last_read: { ...(c.last_read ?? {}), [who.user_id!]: ts } });
    return {};
  }),
} satisfies Handlers;
