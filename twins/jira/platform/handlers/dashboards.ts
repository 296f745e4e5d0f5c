// Dashboards and their gadgets: create, read, search, update, copy, delete, bulk edits of owner and sharing, the gadget grid and gadget (item) properties.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { findProject, findUser, nextId } from '../../store.js';
import { findGroup } from '../model/groups.js';
import { COLORS, copyOf, dashboards, editableDashboard, GADGETS, nextRow, visibleDashboard, canEdit, canView, type DashboardDoc, type GadgetDoc, type Share } from '../model/dashboards.js';
import { deleteProperty, getProperty, propertyKeys, propertyProblem, setProperty } from '../model/properties.js';
import { userDetails, viewOf } from '../present/site.js';
import { intParam, me, objectBody, pageBean, type Ctx } from './common.js';

function ownerJson(ctx: Ctx, accountId: string) {
  const u = findUser(ctx.tenant, accountId);
  if (!u) return undefined;
  const { self, displayName, active, avatarUrls } = userDetails(viewOf(ctx), u);
  return { self, accountId, displayName, active, avatarUrls };
}

const shareJson = (ctx: Ctx, s: Share) => {
  const out: Record<string, unknown> = { id: Number(s.id), type: s.type };
  if (s.projectId) {
    const p = findProject(ctx.tenant, s.projectId);
    out.project = { id: s.projectId, key: p?.key, name: p?.name };
  }
  if (s.groupname) out.group = { name: s.groupname, groupId: findGroup(ctx.tenant, { groupname: s.groupname })?.id };
  if (s.accountId) out.user = ownerJson(ctx, s.accountId);
  return out;
};

function dashboardJson(ctx: Ctx, d: DashboardDoc) {
  const u = me(ctx);
  return {
    id: d.id,
    isFavourite: d.favouritedBy.includes(u.accountId),
    name: d.name,
    description: d.description,
    owner: ownerJson(ctx, d.ownerId),
    popularity: d.favouritedBy.length,
    self: `${ctx.baseUrl}/rest/api/3/dashboard/${d.id}`,
    sharePermissions: d.sharePermissions.map((s) => shareJson(ctx, s)),
    editPermissions: d.editPermissions.map((s) => shareJson(ctx, s)),
    view: `${ctx.baseUrl}/jira/dashboards/${d.id}`,
    isWritable: canEdit(d, u),
    systemDashboard: false,
  };
}

/** Share permissions from a request: global, loggedin (authenticated), project, group or user, checked against the site. */
function sharesFrom(ctx: Ctx, list: unknown, field: string): Share[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw fieldErrors({ [field]: 'Share permissions must be a list.' });
  return list.map((raw) => {
    const b = (raw ?? {}) as Record<string, any>;
    const type = String(b.type ?? '').toLowerCase();
    const s: Share = { id: nextId(ctx.tenant, 'sharepermission'), type: type === 'authenticated' ? 'loggedin' : type };
    if (type === 'project') {
      const p = findProject(ctx.tenant, String(b.project?.id ?? b.projectId ?? ''));
      if (!p) throw fieldErrors({ [field]: 'The project does not exist.' });
      s.projectId = p.id;
    } else if (type === 'group') {
      const g = findGroup(ctx.tenant, { groupname: b.group?.name ?? b.groupname, groupId: b.group?.groupId ?? b.groupId });
      if (!g) throw fieldErrors({ [field]: 'The group does not exist.' });
      s.groupname = g.name;
    } else if (type === 'user') {
      const u = findUser(ctx.tenant, b.user?.accountId ?? b.accountId);
      if (!u) throw fieldErrors({ [field]: 'The user does not exist.' });
      s.accountId = u.accountId;
    } else if (!['global', 'loggedin', 'authenticated'].includes(type)) {
      throw fieldErrors({ [field]: `Invalid share type '${String(b.type)}'.` });
    }
    return s;
  });
}

function nameFrom(ctx: Ctx, b: Record<string, unknown>, except?: DashboardDoc): string {
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name) throw fieldErrors({ name: 'The dashboard name must not be empty.' });
  if (name.length > 255) throw fieldErrors({ name: 'The dashboard name must not exceed 255 characters.' });
  return name;
}

function gadgetJson(g: GadgetDoc) {
  return {
    id: Number(g.id),
    ...(g.moduleKey ? { moduleKey: g.moduleKey } : {}),
    ...(g.uri ? { uri: g.uri } : {}),
    color: g.color,
    // DashboardGadgetPosition's keys are spelled this way in Jira's API.
    position: { 'The row position of the gadget.': g.row, 'The column position of the gadget.': g.column },
    title: g.title,
  };
}

/** The position a request gives (`position.row`/`column`, or Jira's own long keys). */
function positionFrom(p: unknown): { row?: number; column?: number } {
  const o = (p ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
  return { row: num(o.row ?? o['The row position of the gadget.']), column: num(o.column ?? o['The column position of the gadget.']) };
}

function gadgetOr404(d: DashboardDoc, id: unknown): GadgetDoc {
  const g = d.gadgets.find((x) => x.id === String(id));
  if (!g) throw jiraError(404, [`The gadget with id ${String(id)} does not exist on the dashboard.`]);
  return g;
}

export const dashboardHandlers = {
  getAllDashboards: (ctx) => {
    const u = me(ctx);
    const which = String(ctx.query.filter ?? '');
    const list = dashboards(ctx.tenant).filter((d) => canView(d, u) && (which !== 'my' || d.ownerId === u.accountId) && (which !== 'favourite' || d.favouritedBy.includes(u.accountId)));
    const startAt = intParam(ctx.query.startAt, 0, 0, 1e9);
    const maxResults = intParam(ctx.query.maxResults, 20, 1, 1000);
    const page = list.slice(startAt, startAt + maxResults);
    const url = `${ctx.baseUrl}/rest/api/3/dashboard?${which ? `filter=${which}&` : ''}maxResults=${maxResults}`;
    return {
      body: {
        startAt, maxResults, total: list.length,
        ...(startAt > 0 ? { prev: `${url}&startAt=${Math.max(0, startAt - maxResults)}` } : {}),
        ...(startAt + page.length < list.length ? { next: `${url}&startAt=${startAt + maxResults}` } : {}),
        dashboards: page.map((d) => dashboardJson(ctx, d)),
      },
    };
  },
  getDashboardsPaginated: (ctx) => {
    const u = me(ctx);
    const name = typeof ctx.query.dashboardName === 'string' ? ctx.query.dashboardName.toLowerCase() : '';
    const owner = typeof ctx.query.accountId === 'string' ? ctx.query.accountId : undefined;
    const project = ctx.query.projectId !== undefined ? String(ctx.query.projectId) : undefined;
    const group = typeof ctx.query.groupname === 'string' ? ctx.query.groupname : undefined;
    let list = dashboards(ctx.tenant).filter((d) => canView(d, u) && (!name || d.name.toLowerCase().includes(name)) && (!owner || d.ownerId === owner) && (!project || d.sharePermissions.some((s) => s.projectId === project)) && (!group || d.sharePermissions.some((s) => s.groupname === group)));
    const order = String(ctx.query.orderBy ?? 'name');
    const desc = order.startsWith('-');
    const key = order.replace(/^[-+]/, '');
    const get = (d: DashboardDoc): string | number => (key === 'id' ? Number(d.id) : key === 'favourite_count' || key === 'popularity' ? d.favouritedBy.length : key === 'owner' ? findUser(ctx.tenant, d.ownerId)?.displayName ?? '' : d.name.toLowerCase());
    list = list.sort((a, b) => (get(a) < get(b) ? -1 : get(a) > get(b) ? 1 : Number(a.id) - Number(b.id)) * (desc ? -1 : 1));
    return { body: pageBean(ctx, list.map((d) => dashboardJson(ctx, d)), intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResults, 50, 1, 100)) };
  },
  createDashboard: (ctx) => {
    const b = objectBody(ctx);
    const d = dashboards(ctx.tenant).put({
      id: nextId(ctx.tenant, 'dashboard', 10001),
      name: nameFrom(ctx, b),
      description: typeof b.description === 'string' ? b.description : '',
      ownerId: me(ctx).accountId,
      sharePermissions: sharesFrom(ctx, b.sharePermissions, 'sharePermissions'),
      editPermissions: sharesFrom(ctx, b.editPermissions, 'editPermissions'),
      favouritedBy: [],
      gadgets: [],
    });
    return { body: dashboardJson(ctx, d) };
  },
  getDashboard: (ctx) => ({ body: dashboardJson(ctx, visibleDashboard(ctx.tenant, ctx.params.id, me(ctx))) }),
  updateDashboard: (ctx) => {
    const d = editableDashboard(ctx.tenant, ctx.params.id, me(ctx));
    const b = objectBody(ctx);
    const next = dashboards(ctx.tenant).patch(d.id, {
      name: nameFrom(ctx, b, d),
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
      ...(b.sharePermissions !== undefined ? { sharePermissions: sharesFrom(ctx, b.sharePermissions, 'sharePermissions') } : {}),
      ...(b.editPermissions !== undefined ? { editPermissions: sharesFrom(ctx, b.editPermissions, 'editPermissions') } : {}),
    })!;
    return { body: dashboardJson(ctx, next) };
  },
  deleteDashboard: (ctx) => {
    const d = visibleDashboard(ctx.tenant, ctx.params.id, me(ctx));
    if (d.ownerId !== me(ctx).accountId && !canEdit(d, me(ctx))) throw jiraError(403, ['Only the owner can delete this dashboard.']);
    dashboards(ctx.tenant).delete(d.id);
    return { status: 204 };
  },
  copyDashboard: (ctx) => {
    const from = visibleDashboard(ctx.tenant, ctx.params.id, me(ctx));
    const b = objectBody(ctx);
    const copy = copyOf(ctx.tenant, from, me(ctx).accountId, nameFrom(ctx, b), {
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
      ...(b.sharePermissions !== undefined ? { sharePermissions: sharesFrom(ctx, b.sharePermissions, 'sharePermissions') } : {}),
      ...(b.editPermissions !== undefined ? { editPermissions: sharesFrom(ctx, b.editPermissions, 'editPermissions') } : {}),
    });
    return { body: dashboardJson(ctx, copy) };
  },
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dashboards/#api-rest-api-3-dashboard-bulk-edit-put */
  bulkEditDashboards: (ctx) => {
    const b = objectBody(ctx);
    const action = String(b.action ?? '');
    if (!['changeOwner', 'changePermission', 'addPermission', 'removePermission'].includes(action)) throw fieldErrors({ action: 'The action must be changeOwner, changePermission, addPermission or removePermission.' });
    const ids = Array.isArray(b.entityIds) ? b.entityIds.map(String) : [];
    const entityErrors: Record<string, { errorMessages: string[]; errors: Record<string, string> }> = {};
    const perm = (b.permissionDetails ?? {}) as Record<string, unknown>;
    for (const id of ids) {
      const d = dashboards(ctx.tenant).get(id);
      if (!d || !canEdit(d, me(ctx))) {
        entityErrors[id] = { errorMessages: ['You do not have permission to edit this dashboard, or it does not exist.'], errors: {} };
        continue;
      }
      if (action === 'changeOwner') {
        const owner = findUser(ctx.tenant, (b.changeOwnerDetails as { newOwner?: unknown } | undefined)?.newOwner);
        if (!owner?.active) entityErrors[id] = { errorMessages: ['The new owner must be an active user.'], errors: {} };
        else dashboards(ctx.tenant).patch(id, { ownerId: owner.accountId });
      } else {
        const shares = sharesFrom(ctx, perm.sharePermissions, 'sharePermissions');
        const edits = sharesFrom(ctx, perm.editPermissions, 'editPermissions');
        const same = (a: Share, x: Share) => a.type === x.type && a.projectId === x.projectId && a.groupname === x.groupname && a.accountId === x.accountId;
        const apply = (cur: Share[], given: Share[]) => (action === 'changePermission' ? given : action === 'addPermission' ? [...cur, ...given.filter((g) => !cur.some((c) => same(c, g)))] : cur.filter((c) => !given.some((g) => same(c, g))));
        dashboards(ctx.tenant).patch(id, { sharePermissions: apply(d.sharePermissions, shares), editPermissions: apply(d.editPermissions, edits) });
      }
    }
    return { body: { action, entityErrors } };
  },

  getAllAvailableDashboardGadgets: () => ({ body: { gadgets: GADGETS } }),
  getAllGadgets: (ctx) => {
    const d = visibleDashboard(ctx.tenant, ctx.params.dashboardId, me(ctx));
    const keys = new Set([ctx.query.moduleKey].flat().filter((x): x is string => typeof x === 'string').flatMap((x) => x.split(',')));
    const ids = new Set([ctx.query.gadgetId].flat().filter((x) => x !== undefined).flatMap((x) => String(x).split(',')));
    const list = d.gadgets.filter((g) => (!keys.size || (!!g.moduleKey && keys.has(g.moduleKey))) && (!ids.size || ids.has(g.id)));
    return { body: { gadgets: list.map(gadgetJson) } };
  },
  addGadget: (ctx) => {
    const d = editableDashboard(ctx.tenant, ctx.params.dashboardId, me(ctx));
    const b = objectBody(ctx);
    const moduleKey = typeof b.moduleKey === 'string' ? b.moduleKey : undefined;
    const uri = typeof b.uri === 'string' ? b.uri : undefined;
    if (!!moduleKey === !!uri) throw jiraError(400, ['Either the gadget module key or the URI must be given, but not both.']);
    const known = GADGETS.find((g) => g.moduleKey === moduleKey);
    if (moduleKey && !known && b.ignoreUriAndModuleKeyValidation !== true) throw jiraError(400, [`The gadget with module key '${moduleKey}' does not exist.`]);
    const color = b.color === undefined ? 'blue' : String(b.color);
    if (!COLORS.includes(color)) throw jiraError(400, [`The color '${color}' is not a gadget color.`]);
    const pos = positionFrom(b.position);
    const column = pos.column ?? 0;
    if (column > 2) throw jiraError(400, ['The column position must be 0, 1 or 2.']);
    const row = pos.row ?? nextRow(d, column);
    if (d.gadgets.some((g) => g.column === column && g.row === row)) throw jiraError(400, ['Another gadget already occupies that position.']);
    const g: GadgetDoc = { id: nextId(ctx.tenant, 'gadget'), ...(moduleKey ? { moduleKey } : {}), ...(uri ? { uri } : {}), title: typeof b.title === 'string' ? b.title : known?.title ?? '', color, row, column };
    dashboards(ctx.tenant).patch(d.id, { gadgets: [...d.gadgets, g] });
    return { body: gadgetJson(g) };
  },
  updateGadget: (ctx) => {
    const d = editableDashboard(ctx.tenant, ctx.params.dashboardId, me(ctx));
    const g = gadgetOr404(d, ctx.params.gadgetId);
    const b = objectBody(ctx);
    if (b.color !== undefined && !COLORS.includes(String(b.color))) throw jiraError(400, [`The color '${String(b.color)}' is not a gadget color.`]);
    const pos = positionFrom(b.position);
    const next: GadgetDoc = { ...g, ...(typeof b.title === 'string' ? { title: b.title } : {}), ...(b.color !== undefined ? { color: String(b.color) } : {}), ...(pos.row !== undefined ? { row: pos.row } : {}), ...(pos.column !== undefined ? { column: pos.column } : {}) };
    if (d.gadgets.some((x) => x.id !== g.id && x.column === next.column && x.row === next.row)) throw jiraError(400, ['Another gadget already occupies that position.']);
    dashboards(ctx.tenant).patch(d.id, { gadgets: d.gadgets.map((x) => (x.id === g.id ? next : x)) });
    return { status: 204 };
  },
  removeGadget: (ctx) => {
    const d = editableDashboard(ctx.tenant, ctx.params.dashboardId, me(ctx));
    const g = gadgetOr404(d, ctx.params.gadgetId);
    dashboards(ctx.tenant).patch(d.id, { gadgets: d.gadgets.filter((x) => x.id !== g.id) });
    return { status: 204 };
  },

  // Dashboard item (gadget) properties: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dashboards/#api-rest-api-3-dashboard-dashboardid-items-itemid-properties-get
  getDashboardItemPropertyKeys: (ctx) => {
    visibleDashboard(ctx.tenant, ctx.params.dashboardId, me(ctx));
    const base = `${ctx.baseUrl}/rest/api/3/dashboard/${String(ctx.params.dashboardId)}/items/${String(ctx.params.itemId)}/properties`;
    return { body: { keys: propertyKeys(ctx.tenant, 'dashboarditem', String(ctx.params.itemId)).map((key) => ({ key, self: `${base}/${key}` })) } };
  },
  getDashboardItemProperty: (ctx) => {
    visibleDashboard(ctx.tenant, ctx.params.dashboardId, me(ctx));
    const p = getProperty(ctx.tenant, 'dashboarditem', String(ctx.params.itemId), String(ctx.params.propertyKey));
    if (!p) throw jiraError(404, [`The property with key '${String(ctx.params.propertyKey)}' does not exist.`]);
    return { body: { key: p.id, value: p.value } };
  },
  setDashboardItemProperty: (ctx) => {
    editableDashboard(ctx.tenant, ctx.params.dashboardId, me(ctx));
    const key = String(ctx.params.propertyKey);
    const problem = propertyProblem(key, ctx.body);
    if (problem) throw jiraError(400, [problem]);
    const created = setProperty(ctx.tenant, 'dashboarditem', String(ctx.params.itemId), key, ctx.body);
    return { status: created ? 201 : 200, body: {} };
  },
  deleteDashboardItemProperty: (ctx) => {
    editableDashboard(ctx.tenant, ctx.params.dashboardId, me(ctx));
    if (!deleteProperty(ctx.tenant, 'dashboarditem', String(ctx.params.itemId), String(ctx.params.propertyKey))) throw jiraError(404, [`The property with key '${String(ctx.params.propertyKey)}' does not exist.`]);
    return { status: 204 };
  },
} satisfies Handlers;
