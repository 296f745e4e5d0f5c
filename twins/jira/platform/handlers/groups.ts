// Groups: create, read, remove (optionally swapping role actorships to another group), bulk read, members (paged, inactive on request), membership changes, and the group picker.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { groups, projects, users, type GroupDoc } from '../../store.js';
import { audit } from '../model/site-settings.js';
import { addMember, deleteGroup, ensureGroup, findGroup, membersOf, removeMember } from '../model/groups.js';
import { userDetails, viewOf } from '../present/site.js';
import { intParam, listParam, me, objectBody, pageBean, type Ctx, requireSiteAdmin } from './common.js';

const groupSelf = (ctx: Ctx, g: GroupDoc) => `${ctx.baseUrl}/rest/api/3/group?groupId=${g.id}`;

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have permission to manage groups.');

/** `groupId` wins over `groupname` (the deprecated one); neither is a 400, an unknown one a 404. */
function groupOr404(ctx: Ctx, by: { groupId?: unknown; groupname?: unknown }): GroupDoc {
  if (!by.groupId && !by.groupname) throw jiraError(400, ['You must specify a group name or group ID.']);
  const g = findGroup(ctx.tenant, by);
  if (!g) throw jiraError(404, [`Specified group does not exist.`]);
  return g;
}

function groupJson(ctx: Ctx, g: GroupDoc, expand: string[]) {
  const members = membersOf(ctx.tenant, g).filter((u) => u.active);
  const v = viewOf(ctx);
  return {
    name: g.name,
    groupId: g.id,
    self: groupSelf(ctx, g),
    users: { size: members.length, items: expand.includes('users') ? members.map((u) => userDetails(v, u)) : [], 'max-results': 50, 'start-index': 0, 'end-index': 0 },
    expand: 'users',
  };
}

export const groupHandlers = {
  createGroup: (ctx) => {
    requireAdmin(ctx);
    const name = typeof objectBody(ctx).name === 'string' ? String(objectBody(ctx).name).trim() : '';
    if (!name) throw fieldErrors({ name: 'You must specify a group name.' });
    if (findGroup(ctx.tenant, { groupname: name })) throw jiraError(400, ['A group with that name already exists.']);
    const g = ensureGroup(ctx.tenant, name);
    audit(ctx.tenant, me(ctx).accountId, ctx.now(), { summary: 'Group created', category: 'group management', objectItem: { id: g.id, name: g.name, typeName: 'GROUP' }, changedValues: [] });
    return { status: 201, body: groupJson(ctx, g, []) };
  },

  getGroup: (ctx) => ({ body: groupJson(ctx, groupOr404(ctx, ctx.query), listParam(ctx.query.expand)) }),

  /** Removing a group drops its memberships; `swapGroup`/`swapGroupId` takes over its project role actorships. */
  removeGroup: (ctx) => {
    requireAdmin(ctx);
    const g = groupOr404(ctx, ctx.query);
    const swap = ctx.query.swapGroupId || ctx.query.swapGroup ? groupOr404(ctx, { groupId: ctx.query.swapGroupId, groupname: ctx.query.swapGroup }) : undefined;
    if (swap?.id === g.id) throw jiraError(400, ['You cannot swap a group with itself.']);
    for (const p of projects(ctx.tenant).values()) {
      let changed = false;
      for (const actors of Object.values(p.roleActors ?? {})) {
        for (let n = actors.length - 1; n >= 0; n--) {
          const a = actors[n];
          if (a.type !== 'group' || a.groupId !== g.id) continue;
          changed = true;
          if (swap && !actors.some((x) => x.type === 'group' && x.groupId === swap.id)) actors[n] = { ...a, groupId: swap.id };
          else actors.splice(n, 1);
        }
      }
      if (changed) projects(ctx.tenant).put(p);
    }
    deleteGroup(ctx.tenant, g);
    audit(ctx.tenant, me(ctx).accountId, ctx.now(), { summary: 'Group deleted', category: 'group management', objectItem: { id: g.id, name: g.name, typeName: 'GROUP' }, changedValues: [] });
    return { status: 200 };
  },

  bulkGetGroups: (ctx) => {
    const ids = new Set(listParam(ctx.query.groupId));
    const names = new Set(listParam(ctx.query.groupName).map((n) => n.toLowerCase()));
    const all = groups(ctx.tenant)
      .filter((g) => (!ids.size && !names.size) || ids.has(g.id) || names.has(g.name.toLowerCase()))
      .sort((a, b) => a.name.localeCompare(b.name));
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 50, 1, 1000);
    return { body: pageBean(ctx, all.map((g) => ({ name: g.name, groupId: g.id })), startAt, maxResults) };
  },

  /** Active members only unless `includeInactiveUsers=true`; pages of at most 50. */
  getUsersFromGroup: (ctx) => {
    const g = groupOr404(ctx, ctx.query);
    const inactive = String(ctx.query.includeInactiveUsers) === 'true';
    const list = membersOf(ctx.tenant, g).filter((u) => inactive || u.active);
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 50, 1, 50);
    const v = viewOf(ctx);
    return { body: pageBean(ctx, list.map((u) => userDetails(v, u)), startAt, maxResults) };
  },

  addUserToGroup: (ctx) => {
    requireAdmin(ctx);
    const g = groupOr404(ctx, ctx.query);
    const accountId = objectBody(ctx).accountId;
    const u = typeof accountId === 'string' ? users(ctx.tenant).get(accountId) : undefined;
    if (!u) throw jiraError(400, [`User with account id '${String(accountId ?? '')}' does not exist.`]);
    if (u.groups.includes(g.name)) throw jiraError(400, [`Cannot add user. User is already a member of '${g.name}'.`]);
    addMember(ctx.tenant, g, u);
    audit(ctx.tenant, me(ctx).accountId, ctx.now(), { summary: 'User added to group', category: 'group management', objectItem: { id: g.id, name: g.name, typeName: 'GROUP' }, changedValues: [{ fieldName: 'Membership', changedTo: u.accountId }] });
    return { status: 201, body: groupJson(ctx, g, []) };
  },

  removeUserFromGroup: (ctx) => {
    requireAdmin(ctx);
    const g = groupOr404(ctx, ctx.query);
    const u = typeof ctx.query.accountId === 'string' ? users(ctx.tenant).get(ctx.query.accountId) : undefined;
    if (!u) throw jiraError(400, [`User with account id '${String(ctx.query.accountId ?? '')}' does not exist.`]);
    if (!u.groups.includes(g.name)) throw jiraError(400, [`Cannot remove user. User is not a member of '${g.name}'.`]);
    removeMember(ctx.tenant, g, u);
    return { status: 200 };
  },

  /**
   * The group picker: names containing `query` (case-sensitively unless `caseInsensitive`), minus `exclude`/`excludeId`,
   * with the match highlighted. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-groups-picker-get
   */
  findGroups: (ctx) => {
    const query = String(ctx.query.query ?? '');
    const ci = String(ctx.query.caseInsensitive) === 'true';
    const exclude = new Set(listParam(ctx.query.exclude));
    const excludeId = new Set(listParam(ctx.query.excludeId));
    const maxResults = intParam(ctx.query.maxResults, 20, 0, 1000);
    const account = typeof ctx.query.accountId === 'string' ? users(ctx.tenant).get(ctx.query.accountId) : undefined;
    const hit = (name: string) => (ci ? name.toLowerCase().indexOf(query.toLowerCase()) : name.indexOf(query));
    const all = groups(ctx.tenant)
      .filter((g) => hit(g.name) >= 0 && !exclude.has(g.name) && !excludeId.has(g.id) && (!account || account.groups.includes(g.name)))
      .sort((a, b) => a.name.localeCompare(b.name));
    const shown = all.slice(0, maxResults).map((g) => {
      const at = hit(g.name);
      const html = query ? `${g.name.slice(0, at)}<b>${g.name.slice(at, at + query.length)}</b>${g.name.slice(at + query.length)}` : g.name;
      return { name: g.name, html, labels: [], groupId: g.id };
    });
    return { body: { header: `Showing ${shown.length} of ${all.length} matching groups`, total: all.length, groups: shown } };
  },
} satisfies Handlers;
