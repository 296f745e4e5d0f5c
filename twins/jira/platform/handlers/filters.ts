// Saved filters: create (JQL checked), read, update, delete (owners only), search, mine and favourites, share permissions, columns, default share scope, ownership.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { filters, findProject, isSiteAdmin, nextId, roles, users, type FilterDoc } from '../../store.js';
import { compileJql } from '../model/jql/evaluate.js';
import { JqlError } from '../model/jql/lexer.js';
import { findGroup } from '../model/groups.js';
import { getProperty, setProperty } from '../model/properties.js';
import { userRef, viewOf, type View } from '../present/site.js';
import { intParam, listParam, me, objectBody, pageBean, type Ctx } from './common.js';

type Share = FilterDoc['sharePermissions'][number];

function shareJson(v: View, s: Share) {
  const out: Record<string, unknown> = { id: Number(s.id), type: s.type };
  if (s.projectId) {
    const p = findProject(v.t, s.projectId);
    out.project = p ? { self: `${v.base}/rest/api/3/project/${p.id}`, id: p.id, key: p.key, name: p.name } : { id: s.projectId };
  }
  if (s.roleId) {
    const r = roles(v.t).get(s.roleId);
    out.role = { self: `${v.base}/rest/api/3/role/${s.roleId}`, name: r?.name, id: Number(s.roleId) };
  }
  if (s.groupId) out.group = { groupId: s.groupId, name: findGroup(v.t, { groupId: s.groupId })?.name };
  if (s.accountId) out.user = userRef(v, s.accountId);
  return out;
}

function filterJson(ctx: Ctx, f: FilterDoc) {
  const v = viewOf(ctx);
  const mine = me(ctx).accountId;
  return {
    expand: 'sharedUsers,subscriptions',
    self: `${ctx.baseUrl}/rest/api/3/filter/${f.id}`,
    id: f.id,
    name: f.name,
    description: f.description,
    owner: userRef(v, f.ownerId),
    jql: f.jql,
    viewUrl: `${ctx.baseUrl}/issues/?filter=${f.id}`,
    searchUrl: `${ctx.baseUrl}/rest/api/3/search?jql=${encodeURIComponent(f.jql)}`,
    favourite: f.favouritedBy.includes(mine),
    favouritedCount: f.favouritedBy.length,
    sharePermissions: f.sharePermissions.map((s) => shareJson(v, s)),
    editPermissions: f.editPermissions.map((s) => shareJson(v, s)),
    isWritable: f.ownerId === mine,
    approximateLastUsed: null,
    sharedUsers: { size: 0, items: [], 'max-results': 1000, 'start-index': 0, 'end-index': 0 },
    subscriptions: { size: 0, items: [], 'max-results': 1000, 'start-index': 0, 'end-index': 0 },
  };
}

/** Who can see a filter: its owner, admins, and whoever a share names (global, logged-in, project, group, user). */
function canSee(ctx: Ctx, f: FilterDoc): boolean {
  const u = me(ctx);
  if (f.ownerId === u.accountId || isSiteAdmin(u)) return true;
  return f.sharePermissions.some((s) =>
    s.type === 'global' || s.type === 'authenticated' || s.type === 'loggedin' || s.type === 'project' ||
    (s.type === 'group' && !!s.groupId && u.groups.includes(findGroup(ctx.tenant, { groupId: s.groupId })?.name ?? '')) ||
    (s.type === 'user' && s.accountId === u.accountId));
}

/**
 * Jira Cloud answers a filter that does not exist, or that the caller may not see, with 404 on the platform
 * filter routes (jira.js's live suite asserts NotFoundError for GET /filter/{id} and its share permissions);
 * the Agile board routes keep their 400 for the same message.
 */
function filterOr404(ctx: Ctx, id: unknown): FilterDoc {
  const f = filters(ctx.tenant).get(String(id));
  if (!f || !canSee(ctx, f)) throw jiraError(404, [`The selected filter is not available to you, perhaps it has been deleted or had its permissions changed.`]);
  return f;
}

function ownedOr403(ctx: Ctx, id: unknown): FilterDoc {
  const f = filterOr404(ctx, id);
  if (f.ownerId !== me(ctx).accountId && !isSiteAdmin(me(ctx))) throw jiraError(400, ['Only the owner of a filter can change it.']);
  return f;
}

function checkJql(ctx: Ctx, jql: unknown): string {
  const text = typeof jql === 'string' ? jql : '';
  try {
    compileJql({ t: ctx.tenant, me: me(ctx).accountId, now: ctx.now() }, text);
  } catch (e) {
    if (e instanceof JqlError) throw fieldErrors({ jql: e.messages.join(' ') });
    throw e;
  }
  return text;
}

function checkName(ctx: Ctx, name: unknown, except?: FilterDoc): string {
  if (typeof name !== 'string' || !name.trim()) throw fieldErrors({ filterName: 'You must specify a name to save this filter as.' });
  if (name.length > 255) throw fieldErrors({ filterName: 'The filter name must not exceed 255 characters.' });
  const owner = except?.ownerId ?? me(ctx).accountId;
  if (filters(ctx.tenant).find((f) => f !== except && f.ownerId === owner && f.name.toLowerCase() === name.trim().toLowerCase())) {
    throw fieldErrors({ filterName: 'Filter with same name already exists.' });
  }
  return name.trim();
}

/** A share permission from the body (`type` plus `projectId`, `groupname`/`groupId`, `projectRoleId`, `accountId`). */
function shareFrom(ctx: Ctx, b: Record<string, unknown>): Share {
  const type = String(b.type ?? '').toLowerCase();
  const share: Share = { id: nextId(ctx.tenant, 'sharepermission'), type: type === 'projectrole' ? 'project' : type };
  if (type === 'project' || type === 'projectrole') {
    const p = findProject(ctx.tenant, String(b.projectId ?? ''));
    if (!p) throw jiraError(400, [`Project with id '${String(b.projectId)}' does not exist.`]);
    share.projectId = p.id;
    if (type === 'projectrole') {
      if (!roles(ctx.tenant).get(String(b.projectRoleId))) throw jiraError(400, [`Project role with id '${String(b.projectRoleId)}' does not exist.`]);
      share.roleId = String(b.projectRoleId);
    }
  } else if (type === 'group') {
    const g = findGroup(ctx.tenant, { groupId: b.groupId, groupname: b.groupname });
    if (!g) throw jiraError(400, ['Group does not exist.']);
    share.groupId = g.id;
  } else if (type === 'user') {
    const u = users(ctx.tenant).get(String(b.accountId ?? ''));
    if (!u) throw jiraError(400, ['User does not exist.']);
    share.accountId = u.accountId;
  } else if (type !== 'global' && type !== 'authenticated') {
    throw jiraError(400, [`Invalid share type '${String(b.type)}'.`]);
  }
  return share;
}

const shares = (ctx: Ctx, list: unknown): Share[] => (Array.isArray(list) ? list.map((x) => shareFrom(ctx, (x ?? {}) as Record<string, unknown>)) : []);

export const filterHandlers = {
  createFilter: (ctx) => {
    const b = objectBody(ctx);
    const name = checkName(ctx, b.name);
    const jql = checkJql(ctx, b.jql);
    const f = filters(ctx.tenant).put({
      id: nextId(ctx.tenant, 'filter'),
      name,
      description: typeof b.description === 'string' ? b.description : '',
      jql,
      ownerId: me(ctx).accountId,
      favouritedBy: b.favourite === true ? [me(ctx).accountId] : [],
      sharePermissions: shares(ctx, b.sharePermissions),
      editPermissions: shares(ctx, b.editPermissions),
    });
    return { body: filterJson(ctx, f) };
  },
  getFilter: (ctx) => ({ body: filterJson(ctx, filterOr404(ctx, ctx.params.id)) }),
  updateFilter: (ctx) => {
    const f = ownedOr403(ctx, ctx.params.id);
    const b = objectBody(ctx);
    const next: Partial<FilterDoc> = { name: checkName(ctx, b.name ?? f.name, f) };
    if (b.jql !== undefined) next.jql = checkJql(ctx, b.jql);
    if (typeof b.description === 'string') next.description = b.description;
    if (b.sharePermissions !== undefined) next.sharePermissions = shares(ctx, b.sharePermissions);
    if (b.editPermissions !== undefined) next.editPermissions = shares(ctx, b.editPermissions);
    filters(ctx.tenant).patch(f.id, next);
    return { body: filterJson(ctx, f) };
  },
  deleteFilter: (ctx) => {
    const f = ownedOr403(ctx, ctx.params.id);
    filters(ctx.tenant).delete(f.id);
    return { status: 204 };
  },
  getFiltersPaginated: (ctx) => {
    const name = typeof ctx.query.filterName === 'string' ? ctx.query.filterName.toLowerCase() : '';
    const owner = typeof ctx.query.accountId === 'string' ? ctx.query.accountId : undefined;
    const ids = new Set(listParam(ctx.query.id));
    const project = ctx.query.projectId !== undefined ? String(ctx.query.projectId) : undefined;
    let list = filters(ctx.tenant).filter((f) => canSee(ctx, f) && (!name || f.name.toLowerCase().includes(name)) && (!owner || f.ownerId === owner) && (!ids.size || ids.has(f.id)) && (!project || f.sharePermissions.some((s) => s.projectId === project)));
    const order = String(ctx.query.orderBy ?? 'name');
    const desc = order.startsWith('-');
    const key = order.replace(/^[-+]/, '');
    const get = (f: FilterDoc): string | number => (key === 'id' ? Number(f.id) : key === 'favourite_count' ? f.favouritedBy.length : key === 'owner' ? users(ctx.tenant).get(f.ownerId)?.displayName ?? '' : f.name.toLowerCase());
    list = list.sort((a, b) => (get(a) < get(b) ? -1 : get(a) > get(b) ? 1 : Number(a.id) - Number(b.id)) * (desc ? -1 : 1));
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 50, 1, 100);
    // The search answers FilterDetails, whose subscriptions are a plain array and which has no sharedUsers or isWritable.
    const details = (f: FilterDoc) => {
      const { sharedUsers: _users, subscriptions: _subs, isWritable: _w, ...rest } = filterJson(ctx, f);
      return { ...rest, subscriptions: [] };
    };
    return { body: pageBean(ctx, list.map(details), startAt, maxResults) };
  },
  getMyFilters: (ctx) => {
    const mine = me(ctx).accountId;
    const fav = String(ctx.query.includeFavourites) === 'true';
    return { body: filters(ctx.tenant).filter((f) => f.ownerId === mine || (fav && f.favouritedBy.includes(mine))).map((f) => filterJson(ctx, f)) };
  },
  getFavouriteFilters: (ctx) => ({ body: filters(ctx.tenant).filter((f) => canSee(ctx, f) && f.favouritedBy.includes(me(ctx).accountId)).map((f) => filterJson(ctx, f)) }),
  setFavouriteForFilter: (ctx) => {
    const f = filterOr404(ctx, ctx.params.id);
    const mine = me(ctx).accountId;
    if (!f.favouritedBy.includes(mine)) filters(ctx.tenant).patch(f.id, { favouritedBy: [...f.favouritedBy, mine] });
    return { body: filterJson(ctx, f) };
  },
  deleteFavouriteForFilter: (ctx) => {
    const f = filterOr404(ctx, ctx.params.id);
    filters(ctx.tenant).patch(f.id, { favouritedBy: f.favouritedBy.filter((x) => x !== me(ctx).accountId) });
    return { body: filterJson(ctx, f) };
  },
  changeFilterOwner: (ctx) => {
    const f = ownedOr403(ctx, ctx.params.id);
    const u = users(ctx.tenant).get(String(objectBody(ctx).accountId ?? ''));
    if (!u?.active) throw jiraError(400, ['The new owner must be an active user.']);
    filters(ctx.tenant).patch(f.id, { ownerId: u.accountId });
    return { status: 204 };
  },
  getColumns: (ctx) => {
    const f = filterOr404(ctx, ctx.params.id);
    if (!f.columns) throw jiraError(404, ['The filter has no columns of its own; it uses the default columns.']);
    return { body: f.columns.map((value) => ({ label: value, value })) };
  },
  setColumns: (ctx) => {
    const f = ownedOr403(ctx, ctx.params.id);
    const raw = Array.isArray(ctx.body) ? ctx.body : (ctx.body as { columns?: unknown })?.columns;
    const cols = listParam(raw);
    filters(ctx.tenant).patch(f.id, { columns: cols });
    return { status: 200 };
  },
  resetColumns: (ctx) => {
    const f = ownedOr403(ctx, ctx.params.id);
    filters(ctx.tenant).patch(f.id, { columns: undefined });
    return { status: 204 };
  },
  getSharePermissions: (ctx) => ({ body: filterOr404(ctx, ctx.params.id).sharePermissions.map((s) => shareJson(viewOf(ctx), s)) }),
  addSharePermission: (ctx) => {
    const f = ownedOr403(ctx, ctx.params.id);
    const s = shareFrom(ctx, objectBody(ctx));
    filters(ctx.tenant).patch(f.id, { sharePermissions: [...f.sharePermissions, s] });
    return { status: 201, body: f.sharePermissions.map((x) => shareJson(viewOf(ctx), x)) };
  },
  getSharePermission: (ctx) => {
    const s = filterOr404(ctx, ctx.params.id).sharePermissions.find((x) => x.id === String(ctx.params.permissionId));
    if (!s) throw jiraError(404, [`Share permission with id '${String(ctx.params.permissionId)}' does not exist.`]);
    return { body: shareJson(viewOf(ctx), s) };
  },
  deleteSharePermission: (ctx) => {
    const f = ownedOr403(ctx, ctx.params.id);
    filters(ctx.tenant).patch(f.id, { sharePermissions: f.sharePermissions.filter((x) => x.id !== String(ctx.params.permissionId)) });
    return { status: 204 };
  },
  getDefaultShareScope: (ctx) => ({ body: { scope: String(getProperty(ctx.tenant, 'user', me(ctx).accountId, 'jira.filter.defaultShareScope')?.value ?? 'PRIVATE') } }),
  setDefaultShareScope: (ctx) => {
    const scope = String(objectBody(ctx).scope ?? '');
    if (!['GLOBAL', 'AUTHENTICATED', 'PRIVATE'].includes(scope)) throw fieldErrors({ scope: 'The scope must be GLOBAL, AUTHENTICATED or PRIVATE.' });
    setProperty(ctx.tenant, 'user', me(ctx).accountId, 'jira.filter.defaultShareScope', scope);
    return { body: { scope } };
  },
} satisfies Handlers;
