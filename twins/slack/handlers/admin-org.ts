/** Org-level admin methods: emoji, usergroups, teams and settings, roles, app approvals, auth policies, functions, workflows, analytics. */
import { gzipSync } from 'node:zlib';
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { bool, json, list, need, str, type Args } from './args.js';
import { apps, conversations, getUser, newId, nowSec, team, tokens, users, type TeamInfo } from '../store.js';
import { admin, emojiStore, usergroups } from '../store.js';
import { paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { teamArg, asAdmin } from './admin-users.js';

const EMOJI_NAME = /^[a-z0-9_+'-]{1,100}$/;

function emojiName(a: Args, key = 'name'): string {
  const n = need(a, key, 'invalid_name').replace(/^:|:$/g, '');
  if (!EMOJI_NAME.test(n)) throw new SlackError('invalid_name');
  return n;
}

function usergroupArg(ctx: OpContext, a: Args) {
  const g = usergroups(ctx.tenant).get(need(a, 'usergroup_id', 'invalid_usergroup'));
  if (!g) throw new SlackError('no_such_subteam');
  return g;
}

function channelIds(ctx: OpContext, a: Args): string[] {
  const ids = list(a, 'channel_ids');
  if (!ids?.length) throw invalidArguments('missing required field: channel_ids');
  for (const id of ids) if (!conversations(ctx.tenant).get(id)) throw new SlackError('channel_not_found');
  return ids;
}

/** Settings writes for this workspace land in its team info (so team.info shows them); other teams are admin records. */
function setTeam(ctx: OpContext, a: Args, fields: Partial<TeamInfo> & Record<string, unknown>) {
  const id = teamArg(ctx, a, true);
  if (id === team(ctx.tenant).id) ctx.tenant.setMeta('team', { ...team(ctx.tenant), ...fields });
  else admin(ctx.tenant, 'teams').patch(id, fields);
  return {};
}

function appArg(ctx: OpContext, a: Args): string {
  const id = str(a, 'app_id') ?? str(a, 'request_id');
  if (!id) throw invalidArguments('one of app_id or request_id is required');
  const req = admin(ctx.tenant, 'app_requests').get(id);
  if (req) return String(req.app_id);
  if (!apps(ctx.tenant).get(id)) throw new SlackError('app_not_found');
  return id;
}

export const adminOrgHandlers = {
  'admin.emoji.add': asAdmin((ctx, a, who) => {
    const name = emojiName(a);
    const url = need(a, 'url', 'invalid_url');
    if (!/^https?:\/\//.test(url)) throw new SlackError('invalid_url');
    if (emojiStore(ctx.tenant).get(name)) throw new SlackError('error_name_taken');
    emojiStore(ctx.tenant).put({ id: name, name, url, user_id: who.user_id!, date_created: nowSec(ctx.tenant) });
    return {};
  }),
  'admin.emoji.addAlias': asAdmin((ctx, a, who) => {
    const name = emojiName(a);
    const target = emojiName(a, 'alias_for');
    if (!emojiStore(ctx.tenant).get(target)) throw new SlackError('emoji_not_found');
    if (emojiStore(ctx.tenant).get(name)) throw new SlackError('error_name_taken');
    emojiStore(ctx.tenant).put({ id: name, name, url: `alias:${target}`, user_id: who.user_id!, date_created: nowSec(ctx.tenant) });
    return {};
  }),
  'admin.emoji.list': asAdmin((ctx, a) => {
    const { page, next } = paginate(emojiStore(ctx.tenant).values(), a, { kind: 'ZW1vamk', defaultLimit: 100 });
    return { emoji: Object.fromEntries(page.map((e) => [e.name, { url: e.url, date_created: e.date_created, uploaded_by: e.user_id }])), response_metadata: { next_cursor: next } };
  }),
  'admin.emoji.remove': asAdmin((ctx, a) => {
    if (!emojiStore(ctx.tenant).delete(emojiName(a))) throw new SlackError('emoji_not_found');
    return {};
  }),
  'admin.emoji.rename': asAdmin((ctx, a) => {
    const name = emojiName(a);
    const to = emojiName(a, 'new_name');
    const e = emojiStore(ctx.tenant).get(name);
    if (!e) throw new SlackError('emoji_not_found');
    if (emojiStore(ctx.tenant).get(to)) throw new SlackError('error_name_taken');
    emojiStore(ctx.tenant).delete(name);
    emojiStore(ctx.tenant).put({ ...e, id: to, name: to });
    return {};
  }),

  'admin.usergroups.addChannels': asAdmin((ctx, a) => {
    const g = usergroupArg(ctx, a);
    const chans = [...new Set([...g.prefs.channels, ...channelIds(ctx, a)])];
    usergroups(ctx.tenant).patch(g.id, { prefs: { ...g.prefs, channels: chans }, channel_count: chans.length });
    return {};
  }),
  'admin.usergroups.removeChannels': asAdmin((ctx, a) => {
    const g = usergroupArg(ctx, a);
    const drop = channelIds(ctx, a);
    const chans = g.prefs.channels.filter((c) => !drop.includes(c));
    usergroups(ctx.tenant).patch(g.id, { prefs: { ...g.prefs, channels: chans }, channel_count: chans.length });
    return {};
  }),
  'admin.usergroups.listChannels': asAdmin((ctx, a) => {
    const g = usergroupArg(ctx, a);
    const withCount = bool(a, 'include_num_members');
    return {
      channels: g.prefs.channels.map((id) => conversations(ctx.tenant).get(id)).filter(Boolean).map((c) => ({
        id: c!.id, name: c!.name, team_id: team(ctx.tenant).id, is_redacted: false, ...(withCount ? { num_members: c!.members.length } : {}),
      })),
    };
  }),
  'admin.usergroups.addTeams': asAdmin((ctx, a) => {
    usergroupArg(ctx, a);
    for (const t of list(a, 'team_ids') ?? []) teamArg(ctx, { team_id: t });
    return {};
  }),

  'admin.teams.list': asAdmin((ctx, a) => {
    const t = team(ctx.tenant);
    const owner = users(ctx.tenant).find((u) => u.is_primary_owner);
    const all = [
      { id: t.id, name: t.name, discoverability: t.discoverability ?? 'invite_only', primary_owner: { user_id: owner?.id, email: owner?.profile.email }, team_url: `https://${t.domain}.slack.com/` },
      ...admin(ctx.tenant, 'teams').values().map((x) => ({ id: x.id, name: x.name, discoverability: x.discoverability, primary_owner: x.primary_owner, team_url: `https://${x.domain}.slack.com/` })),
    ];
    const { page, next } = paginate(all, a, { kind: 'dGVhbQ', defaultLimit: 100 });
    return { teams: page, response_metadata: { next_cursor: next } };
  }),
  'admin.teams.create': asAdmin((ctx, a, who) => {
    const domain = need(a, 'team_domain', 'invalid_domain').toLowerCase();
    const name = need(a, 'team_name', 'invalid_team_name');
    if (!/^[a-z0-9-]{1,21}$/.test(domain)) throw new SlackError('invalid_domain');
    if (domain === team(ctx.tenant).domain || admin(ctx.tenant, 'teams').find((x) => x.domain === domain)) throw new SlackError('domain_taken');
    const me = getUser(ctx.tenant, who.user_id!);
    const t = admin(ctx.tenant, 'teams').put({ id: newId(ctx.tenant, 'T'), name, domain, description: str(a, 'team_description') ?? '', discoverability: str(a, 'team_discoverability') ?? 'invite_only', primary_owner: { user_id: me?.id, email: me?.profile.email } });
    return { team: t.id };
  }),
  'admin.teams.admins.list': asAdmin((ctx, a) => { teamArg(ctx, a, true); return { admin_ids: users(ctx.tenant).filter((u) => u.is_admin && !u.deleted).map((u) => u.id), response_metadata: { next_cursor: '' } }; }),
  'admin.teams.owners.list': asAdmin((ctx, a) => { teamArg(ctx, a, true); return { owner_ids: users(ctx.tenant).filter((u) => u.is_owner && !u.deleted).map((u) => u.id), response_metadata: { next_cursor: '' } }; }),
  'admin.teams.settings.info': asAdmin((ctx, a) => {
    const id = teamArg(ctx, a, true);
    const t = id === team(ctx.tenant).id ? team(ctx.tenant) : (admin(ctx.tenant, 'teams').get(id) as unknown as TeamInfo);
    return { team: { id: t.id, name: t.name, domain: t.domain, email_domain: t.email_domain ?? '', icon: t.icon ?? {}, enterprise_id: team(ctx.tenant).enterprise_id, enterprise_name: team(ctx.tenant).enterprise_name, default_channels: (t as unknown as Record<string, unknown>).default_channels ?? [], discoverability: t.discoverability ?? 'invite_only', description: t.description ?? '' } };
  }),
  'admin.teams.settings.setName': asAdmin((ctx, a) => setTeam(ctx, a, { name: need(a, 'name', 'invalid_name') })),
  'admin.teams.settings.setDescription': asAdmin((ctx, a) => setTeam(ctx, a, { description: need(a, 'description', 'invalid_description') })),
  'admin.teams.settings.setIcon': asAdmin((ctx, a) => {
    const url = need(a, 'image_url', 'invalid_image_url');
    return setTeam(ctx, a, { icon: { image_default: false, image_34: url, image_44: url, image_68: url, image_88: url, image_102: url, image_132: url, image_230: url, image_original: url } });
  }),
  'admin.teams.settings.setDiscoverability': asAdmin((ctx, a) => {
    const d = need(a, 'discoverability', 'invalid_discoverability');
    if (!['open', 'invite_only', 'closed', 'unlisted'].includes(d)) throw new SlackError('invalid_discoverability');
    return setTeam(ctx, a, { discoverability: d });
  }),
  'admin.teams.settings.setDefaultChannels': asAdmin((ctx, a) => setTeam(ctx, a, { default_channels: channelIds(ctx, a) })),

  'admin.roles.listAssignments': asAdmin((ctx, a) => {
    const roles = list(a, 'role_ids');
    const entities = list(a, 'entity_ids');
    const items = admin(ctx.tenant, 'role_assignments').filter((r) => (!roles || roles.includes(String(r.role_id))) && (!entities || entities.includes(String(r.entity_id))));
    const { page, next } = paginate(items, a, { kind: 'cm9sZQ', defaultLimit: 100 });
    return { role_assignments: page.map(({ id: _id, ...r }) => r), response_metadata: { next_cursor: next } };
  }),
  'admin.roles.addAssignments': asAdmin((ctx, a) => {
    const role = need(a, 'role_id', 'invalid_role');
    if (!/^Rl[0-9A-Z]+$/.test(role)) throw new SlackError('invalid_role');
    const entities = list(a, 'entity_ids') ?? [];
    const people = list(a, 'user_ids') ?? [];
    if (!entities.length || !people.length) throw invalidArguments('entity_ids and user_ids are required');
    const rejected: Array<{ id: string; error: string }> = [];
    for (const u of people) {
      if (!getUser(ctx.tenant, u)) { rejected.push({ id: u, error: 'user_not_found' }); continue; }
      for (const e of entities) admin(ctx.tenant, 'role_assignments').put({ id: `${role}:${e}:${u}`, role_id: role, entity_id: e, user_id: u, date_create: nowSec(ctx.tenant) });
    }
    return { rejected_users: rejected };
  }),
  'admin.roles.removeAssignments': asAdmin((ctx, a) => {
    const role = need(a, 'role_id', 'invalid_role');
    for (const u of list(a, 'user_ids') ?? []) for (const e of list(a, 'entity_ids') ?? []) admin(ctx.tenant, 'role_assignments').delete(`${role}:${e}:${u}`);
    return {};
  }),

  // App approvals: approving or restricting records a resolution; uninstall revokes the app's tokens.
  'admin.apps.approve': asAdmin((ctx, a) => resolveApp(ctx, a, 'approved')),
  'admin.apps.restrict': asAdmin((ctx, a) => resolveApp(ctx, a, 'restricted')),
  'admin.apps.clearResolution': asAdmin((ctx, a) => {
    const id = appArg(ctx, a);
    admin(ctx.tenant, 'app_resolutions').delete(id);
    return {};
  }),
  'admin.apps.approved.list': asAdmin((ctx, a) => resolutionList(ctx, a, 'approved')),
  'admin.apps.restricted.list': asAdmin((ctx, a) => resolutionList(ctx, a, 'restricted')),
  'admin.apps.requests.list': asAdmin((ctx, a) => {
    const { page, next } = paginate(admin(ctx.tenant, 'app_requests').values(), a, { kind: 'YXBwcmVx', defaultLimit: 100 });
    return { app_requests: page, response_metadata: { next_cursor: next } };
  }),
  'admin.apps.requests.cancel': asAdmin((ctx, a) => {
    if (!admin(ctx.tenant, 'app_requests').delete(need(a, 'request_id', 'invalid_request_id'))) throw new SlackError('invalid_request_id');
    return {};
  }),
  'admin.apps.uninstall': asAdmin((ctx, a) => {
    const id = appArg(ctx, a);
    for (const t of tokens(ctx.tenant).filter((x) => x.app_id === id)) tokens(ctx.tenant).patch(t.id, { revoked: true });
    return {};
  }),
  'admin.apps.activities.list': asAdmin((ctx, a) => {
    const id = str(a, 'app_id');
    const items = admin(ctx.tenant, 'app_resolutions').filter((r) => !id || r.id === id).map((r) => ({ id: `${r.id}:${r.date}`, app_id: r.id, level: 'info', event_type: `app_${r.resolution}`, source: 'admin', component_type: 'app', component_id: r.id, payload: {}, created: r.date, trace_id: '' }));
    return { activities: items, response_metadata: { next_cursor: '' } };
  }),
  'admin.apps.config.lookup': asAdmin((ctx, a) => {
    const ids = list(a, 'app_ids') ?? [];
    return { configs: ids.map((id) => ({ app_id: id, domain_restrictions: admin(ctx.tenant, 'app_config').get(id)?.domain_restrictions ?? { urls: [], emails: [] }, workflow_auth_strategy: admin(ctx.tenant, 'app_config').get(id)?.workflow_auth_strategy ?? 'builder_choice' })) };
  }),
  'admin.apps.config.set': asAdmin((ctx, a) => {
    const id = need(a, 'app_id', 'app_not_found');
    const prev = admin(ctx.tenant, 'app_config').get(id) ?? { id };
    // domain_restrictions is a JSON argument: a form's malformed JSON is the caller's invalid_arguments, never a twin failure.
    const restrictions = json(a, 'domain_restrictions');
    admin(ctx.tenant, 'app_config').put({ ...prev, id, ...(restrictions ? { domain_restrictions: restrictions } : {}), ...(str(a, 'workflow_auth_strategy') ? { workflow_auth_strategy: str(a, 'workflow_auth_strategy') } : {}) });
    return {};
  }),

  'admin.auth.policy.assignEntities': asAdmin((ctx, a) => {
    const policy = need(a, 'policy_name');
    const type = need(a, 'entity_type');
    for (const e of list(a, 'entity_ids') ?? []) admin(ctx.tenant, 'auth_policies').put({ id: `${policy}:${e}`, policy_name: policy, entity_id: e, entity_type: type, date_added: nowSec(ctx.tenant) });
    return { entity_total_count: admin(ctx.tenant, 'auth_policies').filter((p) => p.policy_name === policy).length };
  }),
  'admin.auth.policy.removeEntities': asAdmin((ctx, a) => {
    const policy = need(a, 'policy_name');
    for (const e of list(a, 'entity_ids') ?? []) admin(ctx.tenant, 'auth_policies').delete(`${policy}:${e}`);
    return { entity_total_count: admin(ctx.tenant, 'auth_policies').filter((p) => p.policy_name === policy).length };
  }),
  'admin.auth.policy.getEntities': asAdmin((ctx, a) => {
    const policy = need(a, 'policy_name');
    const items = admin(ctx.tenant, 'auth_policies').filter((p) => p.policy_name === policy);
    const { page, next } = paginate(items, a, { kind: 'cG9saWN5', defaultLimit: 100 });
    return { entities: page.map((p) => ({ entity_id: p.entity_id, entity_type: p.entity_type, date_added: p.date_added })), entity_total_count: items.length, response_metadata: { next_cursor: next } };
  }),

  // Workflow-platform objects: none are deployed in the twin's org, so listings are empty and lookups find nothing.
  'admin.functions.list': asAdmin(() => ({ functions: [], response_metadata: { next_cursor: '' } })),
  'admin.functions.permissions.lookup': asAdmin((_ctx, a) => ({ permissions: Object.fromEntries((list(a, 'function_ids') ?? []).map((id) => [id, { permission_type: 'app_collaborators' }])) })),
  'admin.functions.permissions.set': asAdmin((_ctx, a) => { need(a, 'function_id'); throw new SlackError('function_not_found'); }),
  'admin.workflows.search': asAdmin(() => ({ workflows: [], total_found: 0, response_metadata: { next_cursor: '' } })),
  'admin.workflows.permissions.lookup': asAdmin((_ctx, a) => ({ permissions: Object.fromEntries((list(a, 'workflow_ids') ?? []).map((id) => [id, { complete: false, who_can_run: { permission_type: 'app_collaborators', user_ids: [] } }])) })),
  'admin.workflows.collaborators.add': asAdmin(() => { throw new SlackError('workflow_not_found'); }),
  'admin.workflows.collaborators.remove': asAdmin(() => { throw new SlackError('workflow_not_found'); }),
  'admin.workflows.unpublish': asAdmin(() => { throw new SlackError('workflow_not_found'); }),

  // https://docs.slack.dev/reference/methods/admin.analytics.getFile — gzipped newline-delimited JSON, one line per person or channel.
  'admin.analytics.getFile': asAdmin((ctx, a) => {
    const type = need(a, 'type', 'invalid_type');
    if (type !== 'member' && type !== 'public_channel') throw new SlackError('invalid_type');
    const date = str(a, 'date') ?? new Date(ctx.now().getTime() - 86400_000).toISOString().slice(0, 10);
    const t = team(ctx.tenant);
    const rows = type === 'member'
      ? users(ctx.tenant).filter((u) => !u.is_bot).map((u) => ({ enterprise_id: t.enterprise_id, date, user_id: u.id, email_address: u.profile.email, is_guest: u.is_restricted, is_billable_seat: !u.deleted, is_active: !u.deleted, messages_posted: 0 }))
      : conversations(ctx.tenant).filter((c) => c.is_channel).map((c) => ({ enterprise_id: t.enterprise_id, date, channel_id: c.id, originating_team: { team_id: t.id, name: t.name }, members_count: c.members.length, messages_posted_count: 0 }));
    const body = gzipSync(Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n')));
    return { __raw: new Response(body, { status: 200, headers: { 'content-type': 'application/gzip' } }) };
  }),
} satisfies Handlers;

function resolveApp(ctx: OpContext, a: Args, resolution: string) {
  teamArg(ctx, a);
  const id = appArg(ctx, a);
  const reqId = str(a, 'request_id');
  if (reqId) admin(ctx.tenant, 'app_requests').delete(reqId);
  admin(ctx.tenant, 'app_resolutions').put({ id, resolution, date: nowSec(ctx.tenant) });
  return {};
}

function resolutionList(ctx: OpContext, a: Args, resolution: string) {
  const items = admin(ctx.tenant, 'app_resolutions').filter((r) => r.resolution === resolution).map((r) => {
    const app = apps(ctx.tenant).get(r.id);
    return { id: r.id, app: { id: r.id, name: app?.name ?? '', description: '', help_url: '', privacy_policy_url: '', app_homepage_url: '', app_directory_url: '', is_app_directory_approved: false, is_internal: true, additional_info: '' }, scopes: (app?.scopes.bot ?? []).map((name) => ({ name, description: '', is_sensitive: false, token_type: 'bot' })), date_updated: r.date, last_resolved_by: { actor_id: '', actor_type: 'user' } };
  });
  const { page, next } = paginate(items, a, { kind: 'YXBwcw', defaultLimit: 100 });
  return { [`${resolution}_apps`]: page, response_metadata: { next_cursor: next } };
}

