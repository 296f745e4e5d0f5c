/** users.* (directory, presence, profiles, identity, photos) and usergroups.* (user groups and their members). */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError } from '../errors.js';
import { bool, filePart, json, list, need, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { getUser, nowSec, team, users, newId, type SlackUser } from '../store.js';
import { userView } from '../present/users.js';
import { emitEvent } from '../model/events.js';
import { usergroups } from '../store.js';
import { type UsergroupDoc } from '../types.js';
import { method, paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** Emails are visible only to tokens with users:read.email (https://docs.slack.dev/reference/scopes/users.read.email). */
const seesEmail = (who: SlackPrincipal) => who.kind === 'none' || who.scopes.includes('users:read.email');

function view(u: SlackUser, who: SlackPrincipal, a: Args): Record<string, unknown> {
  const v = userView(u, { email: seesEmail(who) });
  if (bool(a, 'include_locale')) v.locale = 'en-US';
  return v;
}

function userChanged(ctx: OpContext, id: string): void {
  const u = getUser(ctx.tenant, id)!;
  emitEvent(ctx.twin, ctx.tenant, { type: 'user_change', user: userView(u), cache_ts: nowSec(ctx.tenant) }, { user: id });
}

const PROFILE_FIELDS = ['display_name', 'real_name', 'first_name', 'last_name', 'title', 'phone', 'skype', 'status_text', 'status_emoji', 'status_expiration', 'pronouns', 'email', 'fields', 'start_date'];

export const userHandlers = {
  // https://docs.slack.dev/reference/methods/users.list
  'users.list': method((ctx, a, who) => {
    const { page, next } = paginate(users(ctx.tenant).values(), a, { kind: 'dXNlcg', defaultLimit: 1000, maxLimit: 1000 });
    return { members: page.map((u) => view(u, who, a)), cache_ts: nowSec(ctx.tenant), response_metadata: { next_cursor: next } };
  }),

  'users.info': method((ctx, a, who) => {
    const u = getUser(ctx.tenant, need(a, 'user', 'user_not_found'));
    if (!u) throw new SlackError('user_not_found');
    return { user: view(u, who, a) };
  }),

  // https://docs.slack.dev/reference/methods/users.lookupByEmail
  'users.lookupByEmail': method((ctx, a, who) => {
    const email = need(a, 'email', 'users_not_found').toLowerCase();
    const u = users(ctx.tenant).find((x) => x.profile.email?.toLowerCase() === email);
    if (!u) throw new SlackError('users_not_found');
    return { user: view(u, who, a) };
  }),

  // https://docs.slack.dev/reference/methods/users.getPresence — full detail only about yourself.
  'users.getPresence': method((ctx, a, who) => {
    const id = str(a, 'user') ?? who.user_id!;
    const u = getUser(ctx.tenant, id);
    if (!u) throw new SlackError('user_not_found');
    const away = u.deleted || u.presence === 'away';
    const presence = away ? 'away' : 'active';
    if (id !== who.user_id) return { presence };
    return { presence, online: !away, auto_away: false, manual_away: u.presence === 'away', connection_count: away ? 0 : 1, last_activity: nowSec(ctx.tenant) };
  }),

  'users.setPresence': method((ctx, a, who) => {
    const p = str(a, 'presence');
    if (p !== 'auto' && p !== 'away') throw new SlackError('invalid_presence');
    users(ctx.tenant).patch(who.user_id!, { presence: p });
    emitEvent(ctx.twin, ctx.tenant, { type: 'manual_presence_change', presence: p === 'away' ? 'away' : 'active' }, { user: who.user_id });
    return {};
  }),

  'users.profile.get': method((ctx, a, who) => {
    const u = getUser(ctx.tenant, str(a, 'user') ?? who.user_id!);
    if (!u) throw new SlackError('user_not_found');
    const profile: Record<string, unknown> = { ...u.profile };
    if (!seesEmail(who) && u.id !== who.user_id) delete profile.email;
    return { profile };
  }),

  // https://docs.slack.dev/reference/methods/users.profile.set — your own profile, or anyone's for admins.
  'users.profile.set': method((ctx, a, who) => {
    const target = str(a, 'user') ?? who.user_id!;
    const me = getUser(ctx.tenant, who.user_id!)!;
    if (target !== who.user_id && !me.is_admin) throw new SlackError('not_admin');
    const u = getUser(ctx.tenant, target);
    if (!u) throw new SlackError('user_not_found');
    let changes = json<Record<string, unknown>>(a, 'profile', 'invalid_profile');
    const name = str(a, 'name');
    if (name) changes = { ...(changes ?? {}), [name]: str(a, 'value') ?? '' };
    if (!changes || typeof changes !== 'object' || Array.isArray(changes)) throw new SlackError('invalid_profile');
    for (const k of Object.keys(changes)) if (!PROFILE_FIELDS.includes(k)) throw new SlackError('invalid_profile');
    if (typeof changes.status_text === 'string' && changes.status_text.length > 100) throw new SlackError('too_long');
    if (typeof changes.display_name === 'string' && changes.display_name.startsWith('@')) throw new SlackError('invalid_starts_with_at');
    if (changes.email !== undefined && target !== who.user_id && !me.is_admin) throw new SlackError('not_admin');
    if (typeof changes.email === 'string' && users(ctx.tenant).find((x) => x.id !== u.id && x.profile.email === changes!.email)) throw new SlackError('email_taken');
    const profile = { ...u.profile, ...changes } as SlackUser['profile'];
    profile.real_name_normalized = profile.real_name;
    profile.display_name_normalized = profile.display_name;
    users(ctx.tenant).patch(u.id, { profile, real_name: profile.real_name, updated: nowSec(ctx.tenant) });
    userChanged(ctx, u.id);
    return { profile, username: u.name };
  }),

  // https://docs.slack.dev/reference/methods/users.identity (Sign in with Slack)
  'users.identity': method((ctx, _a, who) => {
    const u = getUser(ctx.tenant, who.user_id!)!;
    const t = team(ctx.tenant);
    const user: Record<string, unknown> = { name: u.real_name, id: u.id };
    if (who.scopes.includes('identity.email')) user.email = u.profile.email;
    if (who.scopes.includes('identity.avatar')) Object.assign(user, { image_24: u.profile.image_24, image_48: u.profile.image_48, image_72: u.profile.image_72, image_192: u.profile.image_192 });
    return { user, team: { id: t.id, name: t.name, domain: t.domain } };
  }),

  'users.setPhoto': method((ctx, a, who) => {
    const image = filePart(a, 'image');
    if (!image || image.data.byteLength === 0) throw new SlackError('bad_image');
    if (image.data.byteLength > 10 * 1024 * 1024) throw new SlackError('too_large');
    const hash = ctx.tenant.random.hex(12);
    const u = getUser(ctx.tenant, who.user_id!)!;
    const img = (s: number) => `https://avatars.slack-edge.com/${team(ctx.tenant).id}-${u.id}-${hash}_${s}.png`;
    const images = { image_24: img(24), image_32: img(32), image_48: img(48), image_72: img(72), image_192: img(192), image_512: img(512), image_1024: img(1024), image_original: img(1024) };
    users(ctx.tenant).patch(u.id, { profile: { ...u.profile, avatar_hash: hash, ...images, is_custom_image: true } });
    userChanged(ctx, u.id);
    return { profile: { avatar_hash: hash, ...images } };
  }),

  'users.deletePhoto': method((ctx, _a, who) => {
    const u = getUser(ctx.tenant, who.user_id!)!;
    const profile = { ...u.profile, image_original: undefined, is_custom_image: false };
    users(ctx.tenant).patch(u.id, { profile });
    userChanged(ctx, u.id);
    return {};
  }),

  // Whether a person can be found by email for Slack Connect: everyone active in this workspace is.
  'users.discoverableContacts.lookup': method((ctx, a) => {
    const email = need(a, 'email').toLowerCase();
    const u = users(ctx.tenant).find((x) => x.profile.email?.toLowerCase() === email && !x.deleted);
    return { is_discoverable: !!u };
  }),
} satisfies Handlers;

function groupView(g: UsergroupDoc, a: Args): Record<string, unknown> {
  const { users: members, ...rest } = g;
  const out: Record<string, unknown> = { ...rest, user_count: members.length };
  if (bool(a, 'include_users')) out.users = members;
  if (!bool(a, 'include_count', true)) delete out.user_count;
  return out;
}

function findGroup(ctx: OpContext, a: Args): UsergroupDoc {
  const id = need(a, 'usergroup', 'missing_argument');
  const g = usergroups(ctx.tenant).get(id);
  if (!g) throw new SlackError('no_such_subteam');
  return g;
}

function checkHandle(ctx: OpContext, handle: string, except?: string): void {
  if (!/^[a-z0-9._-]{1,21}$/.test(handle)) throw new SlackError('bad_handle');
  if (['here', 'channel', 'everyone', 'group'].includes(handle)) throw new SlackError('forbidden_handle');
  if (usergroups(ctx.tenant).find((g) => g.handle === handle && g.id !== except) || users(ctx.tenant).find((u) => u.name === handle)) throw new SlackError('handle_already_exists');
}

function groupChanged(ctx: OpContext, g: UsergroupDoc, who: SlackPrincipal): void {
  emitEvent(ctx.twin, ctx.tenant, { type: 'subteam_updated', subteam: groupView(g, { include_users: 'true' }) }, { user: who.user_id });
}

export const usergroupHandlers = {
  // https://docs.slack.dev/reference/methods/usergroups.create
  'usergroups.create': method((ctx, a, who) => {
    const name = str(a, 'name');
    if (!name) throw new SlackError('missing_subteam_name');
    if (name.length > 255) throw new SlackError('name_too_long');
    if (usergroups(ctx.tenant).find((g) => g.name === name)) throw new SlackError('name_already_exists');
    const handle = str(a, 'handle') ?? name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').slice(0, 21);
    checkHandle(ctx, handle);
    const description = str(a, 'description') ?? '';
    if (description.length > 140) throw new SlackError('description_too_long');
    const now = nowSec(ctx.tenant);
    const g = usergroups(ctx.tenant).put({
      id: newId(ctx.tenant, 'S'), team_id: team(ctx.tenant).id, is_usergroup: true, is_subteam: true, name, description, handle, is_external: false,
      date_create: now, date_update: now, date_delete: 0, auto_type: null, auto_provision: false, enterprise_subteam_id: '', created_by: who.user_id!,
      updated_by: who.user_id!, deleted_by: null, prefs: { channels: list(a, 'channels') ?? [], groups: [] }, users: [], user_count: 0, channel_count: (list(a, 'channels') ?? []).length,
    });
    emitEvent(ctx.twin, ctx.tenant, { type: 'subteam_created', subteam: groupView(g, a) }, { user: who.user_id });
    return { usergroup: groupView(g, a) };
  }),

  'usergroups.update': method((ctx, a, who) => {
    const g = findGroup(ctx, a);
    const fields: Partial<UsergroupDoc> = { date_update: nowSec(ctx.tenant), updated_by: who.user_id! };
    const name = str(a, 'name');
    if (name) {
      if (usergroups(ctx.tenant).find((x) => x.name === name && x.id !== g.id)) throw new SlackError('name_already_exists');
      fields.name = name;
    }
    const handle = str(a, 'handle');
    if (handle) { checkHandle(ctx, handle, g.id); fields.handle = handle; }
    if (str(a, 'description') !== undefined) fields.description = str(a, 'description')!;
    const channels = list(a, 'channels');
    if (channels) { fields.prefs = { channels, groups: g.prefs.groups }; fields.channel_count = channels.length; }
    const out = usergroups(ctx.tenant).patch(g.id, fields)!;
    groupChanged(ctx, out, who);
    return { usergroup: groupView(out, a) };
  }),

  'usergroups.disable': method((ctx, a, who) => {
    const g = findGroup(ctx, a);
    const out = usergroups(ctx.tenant).patch(g.id, { date_delete: nowSec(ctx.tenant), deleted_by: who.user_id!, date_update: nowSec(ctx.tenant) })!;
    groupChanged(ctx, out, who);
    return { usergroup: groupView(out, a) };
  }),

  'usergroups.enable': method((ctx, a, who) => {
    const g = findGroup(ctx, a);
    const out = usergroups(ctx.tenant).patch(g.id, { date_delete: 0, deleted_by: null, date_update: nowSec(ctx.tenant) })!;
    groupChanged(ctx, out, who);
    return { usergroup: groupView(out, a) };
  }),

  // https://docs.slack.dev/reference/methods/usergroups.list — disabled groups only with include_disabled.
  'usergroups.list': method((ctx, a) => {
    const all = bool(a, 'include_disabled');
    return { usergroups: usergroups(ctx.tenant).filter((g) => all || !g.date_delete).map((g) => groupView(g, a)) };
  }),

  'usergroups.users.list': method((ctx, a) => {
    const g = findGroup(ctx, a);
    if (g.date_delete && !bool(a, 'include_disabled')) throw new SlackError('no_such_subteam');
    return { users: g.users };
  }),

  // https://docs.slack.dev/reference/methods/usergroups.users.update — replaces the member list.
  'usergroups.users.update': method((ctx, a, who) => {
    const g = findGroup(ctx, a);
    const ids = list(a, 'users');
    if (!ids?.length) throw new SlackError('no_users_provided');
    for (const id of ids) {
      const u = getUser(ctx.tenant, id);
      if (!u || u.deleted || u.is_bot) throw new SlackError('invalid_users');
    }
    const before = g.users;
    const members = [...new Set(ids)];
    const out = usergroups(ctx.tenant).patch(g.id, { users: members, user_count: members.length, date_update: nowSec(ctx.tenant), updated_by: who.user_id! })!;
    emitEvent(ctx.twin, ctx.tenant, {
      type: 'subteam_members_changed', subteam_id: g.id, team_id: team(ctx.tenant).id, date_previous_update: g.date_update, date_update: out.date_update,
      added_users: members.filter((m) => !before.includes(m)), removed_users: before.filter((m) => !members.includes(m)),
    }, { user: who.user_id });
    return { usergroup: groupView(out, { ...a, include_users: 'true' }) };
  }),
} satisfies Handlers;

