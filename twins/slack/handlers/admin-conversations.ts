/** Enterprise channel management: admin.conversations.* acting on the same channels the Web API sees. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { bool, int, json, list, need, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { conversations, getUser, messages, newId, nowSec, team, cmpTs, type Conversation } from '../store.js';
import { postMessage } from '../model/messages.js';
import { emitEvent } from '../model/events.js';
import { newConversation } from '../model/conversations.js';
import { admin } from '../store.js';
import { decodeCursor, encodeCursor } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { addMembers, validateName } from './conversations-write.js';
import { requireOrgAdmin, teamArg, asAdmin } from './admin-users.js';

function channelArg(ctx: OpContext, a: Args, key = 'channel_id'): Conversation {
  const id = str(a, key);
  if (!id) throw invalidArguments(`missing required field: ${key}`);
  const c = conversations(ctx.tenant).get(id);
  if (!c || c.is_im || c.is_mpim) throw new SlackError('channel_not_found');
  return c;
}

const eventName = (c: Conversation, verb: string) => `${c.is_private ? 'group' : 'channel'}_${verb}`;

function archive(ctx: OpContext, c: Conversation, who: SlackPrincipal): void {
  if (c.is_archived) throw new SlackError('already_archived');
  if (c.is_general) throw new SlackError('cant_archive_general');
  postMessage(ctx.twin, ctx.tenant, c.id, { subtype: 'channel_archive', user: who.user_id, text: 'archived the channel' });
  conversations(ctx.tenant).patch(c.id, { is_archived: true });
  emitEvent(ctx.twin, ctx.tenant, { type: eventName(c, 'archive'), channel: c.id, user: who.user_id }, { channel: c.id, user: who.user_id });
}

function remove(ctx: OpContext, c: Conversation): void {
  if (c.is_general) throw new SlackError('cant_delete_general');
  conversations(ctx.tenant).delete(c.id);
  messages(ctx.tenant, c.id).clear();
  emitEvent(ctx.twin, ctx.tenant, { type: c.is_private ? 'group_deleted' : 'channel_deleted', channel: c.id }, { channel: c.id });
}

/** The admin view used by admin.conversations.search. */
function searchView(ctx: OpContext, c: Conversation): Record<string, unknown> {
  const last = messages(ctx.tenant, c.id).values().map((m) => m.ts).sort(cmpTs).pop();
  return {
    id: c.id, name: c.name, purpose: c.purpose.value, member_count: c.members.length, created: c.created, creator_id: c.creator, is_private: c.is_private,
    is_archived: c.is_archived, is_general: c.is_general, last_activity_ts: last ? Number(last.replace('.', '').slice(0, 13)) : 0, is_ext_shared: false,
    is_global_shared: false, is_org_default: false, is_org_mandatory: false, is_org_shared: false, is_frozen: false, internal_team_ids_count: 1,
    internal_team_ids_sample_team: team(ctx.tenant).id, pending_connected_team_ids: [], is_pending_ext_shared: false, connected_team_ids: [],
    conversation_host_id: team(ctx.tenant).id, channel_email_addresses: [], connected_limited_team_ids: [],
  };
}

/** Offset cursors for admin listings, opaque like the rest. */
function page<T>(items: T[], a: Args, kind: string, dflt = 10): { page: T[]; next: string } {
  const limit = Math.min(Math.max(int(a, 'limit', dflt) ?? dflt, 1), 1000);
  const cursor = str(a, 'cursor');
  let start = 0;
  if (cursor) {
    const d = decodeCursor(cursor, kind);
    if (d === undefined || !/^\d+$/.test(d)) throw new SlackError('invalid_cursor');
    start = Number(d);
  }
  const next = start + limit < items.length ? encodeCursor(kind, String(start + limit)) : '';
  return { page: items.slice(start, start + limit), next };
}

export const adminConversationHandlers = {
  // https://docs.slack.dev/reference/methods/admin.conversations.create
  'admin.conversations.create': asAdmin((ctx, a, who) => {
    const name = validateName(ctx, str(a, 'name'));
    if (str(a, 'is_private') === undefined) throw invalidArguments('missing required field: is_private');
    if (!bool(a, 'org_wide')) teamArg(ctx, a, true);
    const isPrivate = bool(a, 'is_private');
    const c = conversations(ctx.tenant).put(newConversation(ctx.tenant, {
      name, is_private: isPrivate, creator: who.user_id!, members: [], purpose: { value: str(a, 'description') ?? '', creator: who.user_id!, last_set: nowSec(ctx.tenant) },
    }));
    if (!isPrivate) emitEvent(ctx.twin, ctx.tenant, { type: 'channel_created', channel: { id: c.id, name, created: c.created, creator: who.user_id } }, { channel: c.id, user: who.user_id });
    return { channel_id: c.id };
  }),
  'admin.conversations.archive': asAdmin((ctx, a, who) => { archive(ctx, channelArg(ctx, a), who); return {}; }),
  'admin.conversations.unarchive': asAdmin((ctx, a, who) => {
    const c = channelArg(ctx, a);
    if (!c.is_archived) throw new SlackError('channel_not_archived');
    conversations(ctx.tenant).patch(c.id, { is_archived: false });
    emitEvent(ctx.twin, ctx.tenant, { type: eventName(c, 'unarchive'), channel: c.id, user: who.user_id }, { channel: c.id, user: who.user_id });
    return {};
  }),
  'admin.conversations.delete': asAdmin((ctx, a) => { remove(ctx, channelArg(ctx, a)); return {}; }),
  'admin.conversations.rename': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    const name = validateName(ctx, str(a, 'name'), c.id);
    conversations(ctx.tenant).patch(c.id, { name, previous_names: [c.name, ...c.previous_names] });
    emitEvent(ctx.twin, ctx.tenant, { type: eventName(c, 'rename'), channel: { id: c.id, name, created: c.created } }, { channel: c.id });
    return {};
  }),
  'admin.conversations.invite': asAdmin((ctx, a, who) => {
    const c = channelArg(ctx, a);
    const ids = list(a, 'user_ids');
    if (!ids?.length) throw invalidArguments('missing required field: user_ids');
    for (const id of ids) if (!getUser(ctx.tenant, id) || getUser(ctx.tenant, id)!.deleted) throw new SlackError('user_not_found');
    addMembers(ctx, c, ids.filter((id) => !c.members.includes(id)), who.user_id);
    return {};
  }),
  'admin.conversations.convertToPrivate': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    if (c.is_private) throw new SlackError('channel_already_private');
    if (c.is_general) throw new SlackError('restricted_action');
    conversations(ctx.tenant).patch(c.id, { is_private: true, is_channel: false, is_group: true });
    emitEvent(ctx.twin, ctx.tenant, { type: 'channel_convert_to_private', channel: c.id }, { channel: c.id });
    return {};
  }),
  'admin.conversations.convertToPublic': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    if (!c.is_private) throw new SlackError('channel_already_public');
    conversations(ctx.tenant).patch(c.id, { is_private: false, is_channel: true, is_group: false });
    emitEvent(ctx.twin, ctx.tenant, { type: 'channel_convert_to_public', channel: c.id }, { channel: c.id });
    return {};
  }),
  // No channel in the twin is shared with another organization.
  'admin.conversations.disconnectShared': asAdmin((ctx, a) => { channelArg(ctx, a); throw new SlackError('not_supported'); }),
  'admin.conversations.ekm.listOriginalConnectedChannelInfo': asAdmin(() => ({ channels: [], response_metadata: { next_cursor: '' } })),

  // https://docs.slack.dev/reference/methods/admin.conversations.search
  'admin.conversations.search': asAdmin((ctx, a) => {
    const q = (str(a, 'query') ?? '').toLowerCase();
    const types = list(a, 'search_channel_types');
    const items = conversations(ctx.tenant).filter((c) => !c.is_im && !c.is_mpim && c.name.includes(q)).filter((c) => {
      if (!types?.length) return true;
      return types.some((t) => (t === 'private' ? c.is_private : t === 'archived' ? c.is_archived : t === 'exclude_archived' ? !c.is_archived : t === 'public' || t === 'multi_workspace' ? !c.is_private : t === 'org_wide' ? false : true));
    });
    const sort = str(a, 'sort') ?? 'member_count';
    const dir = (str(a, 'sort_dir') ?? 'desc') === 'asc' ? 1 : -1;
    items.sort((x, y) => dir * (sort === 'name' ? x.name.localeCompare(y.name) : sort === 'created' ? x.created - y.created : x.members.length - y.members.length));
    const { page: p, next } = page(items, a, 'YWRtaW5jb252', 10);
    return { conversations: p.map((c) => searchView(ctx, c)), next_cursor: next, total_count: items.length };
  }),
  // Channels with no message since a time (https://docs.slack.dev/reference/methods/admin.conversations.lookup).
  'admin.conversations.lookup': asAdmin((ctx, a) => {
    const before = int(a, 'last_message_activity_before');
    if (before === undefined) throw invalidArguments('missing required field: last_message_activity_before');
    const teams = list(a, 'team_ids');
    if (!teams?.length) throw invalidArguments('missing required field: team_ids');
    const idle = conversations(ctx.tenant).filter((c) => !c.is_im && !c.is_mpim && !c.is_archived).filter((c) => {
      const last = messages(ctx.tenant, c.id).values().map((m) => Number(m.ts.split('.')[0])).sort((x, y) => x - y).pop() ?? c.created;
      return last < before;
    });
    const { page: p, next } = page(idle.map((c) => c.id), a, 'bG9va3Vw', 100);
    return { channel_ids: p, response_metadata: { next_cursor: next } };
  }),

  'admin.conversations.getConversationPrefs': asAdmin((ctx, a) => ({ prefs: channelArg(ctx, a).prefs ?? { who_can_post: { type: [], user: [] }, can_thread: { type: [], user: [] } } })),
  // Preferences are enforced: who_can_post "type:admin" lets only admins post (restricted_action otherwise).
  'admin.conversations.setConversationPrefs': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    const prefs = json<Record<string, string>>(a, 'prefs');
    if (!prefs || typeof prefs !== 'object') throw invalidArguments('missing required field: prefs');
    const parsed: Record<string, { type: string[]; user: string[] }> = { ...((c.prefs as Record<string, { type: string[]; user: string[] }> | undefined) ?? {}) };
    for (const [k, v] of Object.entries(prefs)) {
      const parts = String(v).split(',').map((s) => s.trim()).filter(Boolean);
      parsed[k] = { type: parts.filter((p) => p.startsWith('type:')).map((p) => p.slice(5)), user: parts.filter((p) => p.startsWith('user:')).map((p) => p.slice(5)) };
    }
    conversations(ctx.tenant).patch(c.id, { prefs: parsed });
    return {};
  }),
  'admin.conversations.getTeams': asAdmin((ctx, a) => { channelArg(ctx, a); return { team_ids: [team(ctx.tenant).id], response_metadata: { next_cursor: '' } }; }),
  'admin.conversations.setTeams': asAdmin((ctx, a) => { channelArg(ctx, a); for (const t of list(a, 'target_team_ids') ?? []) teamArg(ctx, { team_id: t }); return {}; }),

  'admin.conversations.getCustomRetention': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    return { duration_days: c.retention_duration ?? 0, is_policy_enabled: c.retention_duration !== undefined };
  }),
  'admin.conversations.setCustomRetention': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    const days = int(a, 'duration_days');
    if (days === undefined || days < 1) throw invalidArguments('duration_days must be a positive integer');
    conversations(ctx.tenant).patch(c.id, { retention_duration: days });
    return {};
  }),
  'admin.conversations.removeCustomRetention': asAdmin((ctx, a) => { conversations(ctx.tenant).patch(channelArg(ctx, a).id, { retention_duration: undefined }); return {}; }),

  'admin.conversations.restrictAccess.addGroup': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    const group = need(a, 'group_id');
    admin(ctx.tenant, 'restricted_groups').put({ id: `${c.id}:${group}`, channel_id: c.id, group_id: group });
    return {};
  }),
  'admin.conversations.restrictAccess.listGroups': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    return { group_ids: admin(ctx.tenant, 'restricted_groups').filter((g) => g.channel_id === c.id).map((g) => g.group_id) };
  }),
  'admin.conversations.restrictAccess.removeGroup': asAdmin((ctx, a) => {
    const c = channelArg(ctx, a);
    if (!admin(ctx.tenant, 'restricted_groups').delete(`${c.id}:${need(a, 'group_id')}`)) throw new SlackError('group_not_found');
    return {};
  }),

  // Bulk actions run at once; Slack reports a bulk_action_id to poll.
  'admin.conversations.bulkArchive': asAdmin((ctx, a, who) => bulk(ctx, a, (c) => archive(ctx, c, who))),
  'admin.conversations.bulkDelete': asAdmin((ctx, a) => bulk(ctx, a, (c) => remove(ctx, c))),
  'admin.conversations.bulkMove': asAdmin((ctx, a) => { teamArg(ctx, { team_id: need(a, 'target_team_id') }); return bulk(ctx, a, () => undefined); }),
} satisfies Handlers;

function bulk(ctx: OpContext, a: Args, act: (c: Conversation) => void) {
  const ids = list(a, 'channel_ids');
  if (!ids?.length) throw invalidArguments('missing required field: channel_ids');
  const chans = ids.map((id) => channelArg(ctx, { channel_id: id }));
  for (const c of chans) act(c);
  return { bulk_action_id: newId(ctx.tenant, 'Ba') };
}

export { requireOrgAdmin };
