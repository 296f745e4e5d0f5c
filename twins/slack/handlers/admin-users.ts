/** Enterprise provisioning of people: admin.users.* (invite, assign, list, remove, roles, expiration, sessions) and admin.inviteRequests.*. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { bool, int, list, need, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { conversations, getUser, newId, nowSec, team, users, type SlackUser } from '../store.js';
import { userView } from '../present/users.js';
import { emitEvent } from '../model/events.js';
import { makeUser } from '../model/people.js';
import { admin } from '../store.js';
import { type SlackMethod, method, paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { addMembers } from './conversations-write.js';

/** admin.* callers must be org admins or owners, on top of the admin.* scope (https://docs.slack.dev/admins). */
export function requireOrgAdmin(ctx: OpContext, who: SlackPrincipal): SlackUser {
  const u = getUser(ctx.tenant, who.user_id ?? '');
  if (!u || !(u.is_admin || u.is_owner)) throw new SlackError('not_an_admin');
  return u;
}

/** A team_id argument must name this workspace or one created through admin.teams.create. */
export function teamArg(ctx: OpContext, a: Args, required = false): string {
  const id = str(a, 'team_id');
  if (!id) {
    if (required) throw invalidArguments('missing required field: team_id');
    return team(ctx.tenant).id;
  }
  if (id !== team(ctx.tenant).id && !admin(ctx.tenant, 'teams').get(id)) throw new SlackError('team_not_found');
  return id;
}

function personArg(ctx: OpContext, a: Args, key = 'user_id'): SlackUser {
  const u = getUser(ctx.tenant, need(a, key, 'user_not_found'));
  if (!u || u.is_bot) throw new SlackError('user_not_found');
  return u;
}

function changed(ctx: OpContext, id: string): void {
  emitEvent(ctx.twin, ctx.tenant, { type: 'user_change', user: userView(getUser(ctx.tenant, id)!), cache_ts: nowSec(ctx.tenant) }, { user: id });
}

/** Creates a provisioned person, puts them in their channels and announces team_join. */
export function provision(ctx: OpContext, who: SlackPrincipal, email: string, fields: { real_name?: string; is_restricted?: boolean; is_ultra_restricted?: boolean; channel_ids?: string[] }): SlackUser {
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new SlackError('invalid_email');
  if (users(ctx.tenant).find((u) => u.profile.email?.toLowerCase() === email.toLowerCase() && !u.deleted)) throw new SlackError('already_in_team');
  const channels = (fields.channel_ids ?? []).map((id) => {
    const c = conversations(ctx.tenant).get(id);
    if (!c || c.is_im || c.is_mpim) throw new SlackError('channel_not_found');
    return c;
  });
  const name = email.split('@')[0].toLowerCase().replace(/[^a-z0-9._-]/g, '');
  const u = users(ctx.tenant).put({ ...makeUser(ctx.tenant, team(ctx.tenant).id, { name, real_name: fields.real_name ?? name, email, is_restricted: fields.is_restricted, is_ultra_restricted: fields.is_ultra_restricted }), is_invited_user: true } as SlackUser);
  emitEvent(ctx.twin, ctx.tenant, { type: 'team_join', user: userView(u) }, { user: u.id });
  for (const c of channels) addMembers(ctx, c, [u.id], who.user_id);
  return u;
}

function orgUser(ctx: OpContext, u: SlackUser): Record<string, unknown> {
  return {
    id: u.id, email: u.profile.email ?? '', is_admin: u.is_admin, is_owner: u.is_owner, is_primary_owner: u.is_primary_owner, is_restricted: u.is_restricted,
    is_ultra_restricted: u.is_ultra_restricted, is_bot: u.is_bot, username: u.name, full_name: u.real_name, is_active: !u.deleted,
    date_created: u.updated, ...(u.deleted ? { deactivated_ts: u.updated } : {}), ...(u.expiration_ts ? { expiration_ts: u.expiration_ts } : {}),
    workspaces: [team(ctx.tenant).id], roles: u.is_owner ? ['owner'] : u.is_admin ? ['admin'] : [],
  };
}

const sessions = (ctx: OpContext) => admin(ctx.tenant, 'sessions');
const sessionSettings = (ctx: OpContext) => admin(ctx.tenant, 'session_settings');

/** Every active person has one signed-in web session until an admin resets it. */
function ensureSessions(ctx: OpContext): void {
  if (ctx.tenant.meta('sessionsSeeded', () => false)) return;
  for (const u of users(ctx.tenant).filter((x) => !x.is_bot && !x.deleted && x.id !== 'USLACKBOT')) {
    // Session ids are numbers in Slack's answers, so the stored id must not start with 0 (it would not survive the round trip).
    sessions(ctx).put({ id: `${ctx.tenant.random.int(1, 9)}${ctx.tenant.random.digits(9)}`, user_id: u.id, team_id: team(ctx.tenant).id, created: { device_hardware: 'Computer', os: 'Mac OS', os_version: '14.5', slack_client_version: '4.41.97', ip: '192.0.2.10' }, recent: { ip: '192.0.2.10' } });
  }
  ctx.tenant.setMeta('sessionsSeeded', true);
}

const asAdmin = (fn: SlackMethod) =>
  method((ctx, a, who) => {
    requireOrgAdmin(ctx, who);
    return fn(ctx, a, who);
  });

export const adminUserHandlers = {
  // https://docs.slack.dev/reference/methods/admin.users.invite
  'admin.users.invite': asAdmin((ctx, a, who) => {
    teamArg(ctx, a, true);
    const channelIds = list(a, 'channel_ids');
    if (!channelIds?.length) throw invalidArguments('missing required field: channel_ids');
    const guestTs = int(a, 'guest_expiration_ts');
    const u = provision(ctx, who, need(a, 'email', 'invalid_email'), { real_name: str(a, 'real_name'), is_restricted: bool(a, 'is_restricted'), is_ultra_restricted: bool(a, 'is_ultra_restricted'), channel_ids: channelIds });
    if (guestTs) users(ctx.tenant).patch(u.id, { expiration_ts: guestTs });
    return {};
  }),

  'admin.users.assign': asAdmin((ctx, a) => {
    teamArg(ctx, a, true);
    const u = personArg(ctx, a);
    if (!u.deleted) throw new SlackError('user_already_team_member');
    users(ctx.tenant).patch(u.id, { deleted: false, is_restricted: bool(a, 'is_restricted'), is_ultra_restricted: bool(a, 'is_ultra_restricted'), updated: nowSec(ctx.tenant) });
    for (const id of list(a, 'channel_ids') ?? []) {
      const c = conversations(ctx.tenant).get(id);
      if (c) addMembers(ctx, c, [u.id]);
    }
    changed(ctx, u.id);
    return {};
  }),

  'admin.users.list': asAdmin((ctx, a) => {
    teamArg(ctx, a);
    const activeOnly = str(a, 'is_active');
    const people = users(ctx.tenant).filter((u) => !u.is_bot && (activeOnly === undefined || bool(a, 'is_active') === !u.deleted));
    const { page, next } = paginate(people, a, { kind: 'dXNlcg', defaultLimit: 100, maxLimit: 1000 });
    return { users: page.map((u) => orgUser(ctx, u)), response_metadata: { next_cursor: next } };
  }),

  // Removing someone from the (only) workspace deactivates them; the primary owner cannot be removed.
  'admin.users.remove': asAdmin((ctx, a) => {
    teamArg(ctx, a, true);
    const u = personArg(ctx, a);
    if (u.is_primary_owner) throw new SlackError('cannot_remove_primary_owner');
    users(ctx.tenant).patch(u.id, { deleted: true, updated: nowSec(ctx.tenant) });
    for (const s of sessions(ctx).filter((x) => x.user_id === u.id)) sessions(ctx).delete(s.id);
    changed(ctx, u.id);
    return {};
  }),

  'admin.users.setAdmin': asAdmin((ctx, a) => setRole(ctx, a, { is_admin: true, is_owner: false })),
  'admin.users.setOwner': asAdmin((ctx, a) => setRole(ctx, a, { is_admin: true, is_owner: true })),
  'admin.users.setRegular': asAdmin((ctx, a) => setRole(ctx, a, { is_admin: false, is_owner: false, is_restricted: false, is_ultra_restricted: false })),

  'admin.users.setExpiration': asAdmin((ctx, a) => {
    const u = personArg(ctx, a);
    const ts = int(a, 'expiration_ts');
    if (!ts || ts <= nowSec(ctx.tenant)) throw new SlackError('invalid_expiration_ts');
    users(ctx.tenant).patch(u.id, { expiration_ts: ts });
    return {};
  }),
  'admin.users.getExpiration': asAdmin((ctx, a) => {
    const u = personArg(ctx, a);
    return { user: { id: u.id, email: u.profile.email, expiration_ts: u.expiration_ts ?? 0, is_restricted: u.is_restricted, is_ultra_restricted: u.is_ultra_restricted } };
  }),

  'admin.users.session.list': asAdmin((ctx, a) => {
    ensureSessions(ctx);
    const user = str(a, 'user_id');
    const all = sessions(ctx).filter((s) => !user || s.user_id === user);
    const { page, next } = paginate(all, a, { kind: 'c2Vzc2lvbg', defaultLimit: 100 });
    return { active_sessions: page.map(({ id, ...s }) => ({ session_id: Number(id), ...s })), response_metadata: { next_cursor: next } };
  }),
  'admin.users.session.reset': asAdmin((ctx, a) => {
    ensureSessions(ctx);
    const u = personArg(ctx, a);
    for (const s of sessions(ctx).filter((x) => x.user_id === u.id)) sessions(ctx).delete(s.id);
    return {};
  }),
  'admin.users.session.resetBulk': asAdmin((ctx, a) => {
    ensureSessions(ctx);
    const ids = list(a, 'user_ids');
    if (!ids?.length) throw invalidArguments('missing required field: user_ids');
    for (const s of sessions(ctx).filter((x) => ids.includes(String(x.user_id)))) sessions(ctx).delete(s.id);
    return {};
  }),
  'admin.users.session.invalidate': asAdmin((ctx, a) => {
    ensureSessions(ctx);
    teamArg(ctx, a, true);
    if (!sessions(ctx).delete(need(a, 'session_id'))) throw new SlackError('invalid_session');
    return {};
  }),
  'admin.users.session.getSettings': asAdmin((ctx, a) => {
    const ids = list(a, 'user_ids');
    if (!ids?.length) throw invalidArguments('missing required field: user_ids');
    const found = ids.map((id) => sessionSettings(ctx).get(id)).filter(Boolean);
    return { session_settings: found.map((s) => ({ user_id: s!.id, desktop_app_browser_quit: s!.desktop_app_browser_quit, duration: s!.duration })), no_settings_applied: ids.filter((id) => !sessionSettings(ctx).get(id)) };
  }),
  'admin.users.session.setSettings': asAdmin((ctx, a) => {
    const ids = list(a, 'user_ids');
    if (!ids?.length) throw invalidArguments('missing required field: user_ids');
    const duration = int(a, 'duration');
    for (const id of ids) {
      if (!getUser(ctx.tenant, id)) throw new SlackError('user_not_found');
      sessionSettings(ctx).put({ id, desktop_app_browser_quit: bool(a, 'desktop_app_browser_quit'), duration: duration ?? null });
    }
    return {};
  }),
  'admin.users.session.clearSettings': asAdmin((ctx, a) => {
    const ids = list(a, 'user_ids');
    if (!ids?.length) throw invalidArguments('missing required field: user_ids');
    for (const id of ids) sessionSettings(ctx).delete(id);
    return {};
  }),
  // Slack emails the export to the caller; the twin records the request.
  'admin.users.unsupportedVersions.export': asAdmin((ctx, a) => {
    admin(ctx.tenant, 'exports').put({ id: newId(ctx.tenant, 'X'), kind: 'unsupported_versions', date_end_of_support: int(a, 'date_end_of_support'), requested: nowSec(ctx.tenant) });
    return {};
  }),

  // Invite requests: people asking admins to let someone in (https://docs.slack.dev/reference/methods/admin.inviteRequests.list).
  'admin.inviteRequests.list': asAdmin((ctx, a) => inviteList(ctx, a, 'pending')),
  'admin.inviteRequests.approved.list': asAdmin((ctx, a) => inviteList(ctx, a, 'approved')),
  'admin.inviteRequests.denied.list': asAdmin((ctx, a) => inviteList(ctx, a, 'denied')),
  'admin.inviteRequests.approve': asAdmin((ctx, a, who) => {
    const r = pendingRequest(ctx, a);
    provision(ctx, who, String(r.email), { channel_ids: (r.channel_ids as string[]) ?? [] });
    admin(ctx.tenant, 'invite_requests').patch(r.id, { state: 'approved', reviewer: who.user_id, date_reviewed: nowSec(ctx.tenant) });
    return {};
  }),
  'admin.inviteRequests.deny': asAdmin((ctx, a, who) => {
    const r = pendingRequest(ctx, a);
    admin(ctx.tenant, 'invite_requests').patch(r.id, { state: 'denied', reviewer: who.user_id, date_reviewed: nowSec(ctx.tenant) });
    return {};
  }),
} satisfies Handlers;

function setRole(ctx: OpContext, a: Args, flags: Partial<SlackUser>) {
  teamArg(ctx, a, true);
  const u = personArg(ctx, a);
  if (u.is_primary_owner && flags.is_owner === false) throw new SlackError('cannot_downgrade_primary_owner');
  users(ctx.tenant).patch(u.id, { ...flags, updated: nowSec(ctx.tenant) });
  changed(ctx, u.id);
  return {};
}

function inviteList(ctx: OpContext, a: Args, state: string) {
  teamArg(ctx, a);
  const items = admin(ctx.tenant, 'invite_requests').filter((r) => r.state === state);
  const { page, next } = paginate(items, a, { kind: 'aW52aXRl', defaultLimit: 100 });
  const key = state === 'pending' ? 'invite_requests' : `${state}_requests`;
  return { [key]: page.map(({ state: _s, ...r }) => r), response_metadata: { next_cursor: next } };
}

function pendingRequest(ctx: OpContext, a: Args) {
  teamArg(ctx, a);
  const r = admin(ctx.tenant, 'invite_requests').get(need(a, 'invite_request_id', 'invalid_request'));
  if (!r) throw new SlackError('invalid_request');
  if (r.state !== 'pending') throw new SlackError('already_reviewed');
  return r;
}

export { asAdmin };
