// Permissions: the catalogue, the caller's permissions (globally, per project or issue), bulk checks, permitted projects, and permission schemes with their grants.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { findIssue, findProject, isSiteAdmin, projects, users, type ProjectDoc } from '../../store.js';
import { DEFAULT_SCHEME, hasPermission, PERMISSION_BY_KEY, PERMISSIONS, schemeOf, schemes, type GrantDoc, type PermissionDef, type PermissionSchemeDoc } from '../model/permissions.js';
import { audit } from '../model/site-settings.js';
import { listParam, me, nextIdOf, objectBody, projectOr404, type Ctx } from './common.js';

const entry = (d: PermissionDef) => ({ key: d.key, name: d.name, type: d.type, description: d.description });

function keysOr400(raw: unknown): PermissionDef[] {
  const keys = listParam(raw);
  const unknown = keys.find((k) => !PERMISSION_BY_KEY.has(k));
  if (unknown) throw jiraError(400, [`The permission key '${unknown}' is not valid.`]);
  return keys.map((k) => PERMISSION_BY_KEY.get(k)!);
}

function grantJson(ctx: Ctx, s: PermissionSchemeDoc, g: GrantDoc) {
  return { id: Number(g.id), self: `${ctx.baseUrl}/rest/api/3/permissionscheme/${s.id}/permission/${g.id}`, holder: { type: g.holder.type, ...(g.holder.parameter ? { parameter: g.holder.parameter, value: g.holder.parameter } : {}) }, permission: g.permission };
}

function schemeJson(ctx: Ctx, s: PermissionSchemeDoc, expand: unknown) {
  const withGrants = listParam(expand).some((e) => e === 'permissions' || e === 'all');
  return { expand: 'permissions,user,group,projectRole,field,all', id: Number(s.id), self: `${ctx.baseUrl}/rest/api/3/permissionscheme/${s.id}`, name: s.name, description: s.description, ...(withGrants ? { permissions: s.permissions.map((g) => grantJson(ctx, s, g)) } : {}) };
}

function schemeOr404(ctx: Ctx, id: unknown): PermissionSchemeDoc {
  const s = schemes(ctx.tenant).get(String(id));
  if (!s) throw jiraError(404, [`Permission scheme with id ${String(id)} does not exist.`]);
  return s;
}

function requireAdmin(ctx: Ctx): void {
  if (!isSiteAdmin(me(ctx))) throw jiraError(403, ['You are not authorized to perform this action. Administrator privileges are required.']);
}

function grantsFrom(ctx: Ctx, list: unknown): GrantDoc[] {
  return (Array.isArray(list) ? list : []).map((g) => {
    const x = (g ?? {}) as { permission?: unknown; holder?: { type?: unknown; parameter?: unknown } };
    if (typeof x.permission !== 'string' || !PERMISSION_BY_KEY.has(x.permission)) throw fieldErrors({ permission: `The permission '${String(x.permission)}' is not valid.` });
    if (typeof x.holder?.type !== 'string') throw fieldErrors({ holder: 'A grant needs a holder type.' });
    return { id: nextIdOf(ctx, 'permissiongrant'), permission: x.permission, holder: { type: x.holder.type, ...(x.holder.parameter !== undefined ? { parameter: String(x.holder.parameter) } : {}) } };
  });
}

export const permissionHandlers = {
  getAllPermissions: () => ({ body: { permissions: Object.fromEntries(PERMISSIONS.map((d) => [d.key, entry(d)])) } }),
  getMyPermissions: (ctx) => {
    const wanted = keysOr400(ctx.query.permissions);
    if (!wanted.length) throw jiraError(400, ['The permissions query parameter is required.']);
    let project: ProjectDoc | undefined;
    const issueRef = ctx.query.issueKey ?? ctx.query.issueId;
    if (issueRef !== undefined) {
      const i = findIssue(ctx.tenant, String(issueRef));
      if (!i) throw jiraError(404, ['Issue does not exist or you do not have permission to see it.']);
      project = projects(ctx.tenant).get(i.projectId);
    } else if (ctx.query.projectKey !== undefined || ctx.query.projectId !== undefined) {
      project = projectOr404(ctx, String(ctx.query.projectKey ?? ctx.query.projectId));
    }
    const u = me(ctx);
    return { body: { permissions: Object.fromEntries(wanted.map((d) => [d.key, { id: String(PERMISSIONS.indexOf(d) + 1), ...entry(d), havePermission: hasPermission(ctx.tenant, u, d.key, project) }])) } };
  },
  getBulkPermissions: (ctx) => {
    const b = objectBody(ctx);
    const u = b.accountId !== undefined ? users(ctx.tenant).get(String(b.accountId)) : me(ctx);
    if (!u) throw jiraError(400, [`User with accountId '${String(b.accountId)}' does not exist`]);
    const globals = keysOr400(b.globalPermissions).filter((d) => hasPermission(ctx.tenant, u, d.key)).map((d) => d.key);
    const projectPermissions = (Array.isArray(b.projectPermissions) ? b.projectPermissions : []).map((pp: { permissions?: unknown; projects?: unknown[]; issues?: unknown[] }) => {
      const perm = keysOr400(pp.permissions)[0];
      const inProjects = (pp.projects ?? []).map((x) => findProject(ctx.tenant, String(x))).filter((p): p is ProjectDoc => !!p);
      const inIssues = (pp.issues ?? []).map((x) => findIssue(ctx.tenant, String(x))).filter((i) => !!i);
      return {
        permission: perm?.key,
        projects: inProjects.filter((p) => perm && hasPermission(ctx.tenant, u, perm.key, p)).map((p) => Number(p.id)),
        issues: inIssues.filter((i) => perm && hasPermission(ctx.tenant, u, perm.key, projects(ctx.tenant).get(i!.projectId))).map((i) => Number(i!.id)),
      };
    });
    return { body: { globalPermissions: globals, projectPermissions } };
  },
  getPermittedProjects: (ctx) => {
    const wanted = keysOr400(objectBody(ctx).permissions);
    const u = me(ctx);
    const list = projects(ctx.tenant).filter((p) => !p.trashedAt && wanted.every((d) => hasPermission(ctx.tenant, u, d.key, p)));
    return { body: { projects: list.map((p) => ({ id: Number(p.id), key: p.key })) } };
  },

  getAllPermissionSchemes: (ctx) => ({ body: { permissionSchemes: schemes(ctx.tenant).values().map((s) => schemeJson(ctx, s, ctx.query.expand)) } }),
  // A single scheme always carries its grants, asked for or not (Cloud answers so; the listing keeps them behind `expand`).
  getPermissionScheme: (ctx) => ({ body: schemeJson(ctx, schemeOr404(ctx, ctx.params.schemeId), 'permissions') }),
  createPermissionScheme: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    if (typeof b.name !== 'string' || !b.name.trim()) throw fieldErrors({ name: 'The permission scheme name must be specified.' });
    if (schemes(ctx.tenant).find((s) => s.name.toLowerCase() === String(b.name).trim().toLowerCase())) throw fieldErrors({ name: 'A permission scheme with this name already exists.' });
    const s = schemes(ctx.tenant).put({ id: nextIdOf(ctx, 'permissionscheme'), name: String(b.name).trim(), description: typeof b.description === 'string' ? b.description : '', permissions: grantsFrom(ctx, b.permissions) });
    audit(ctx.tenant, me(ctx).accountId, ctx.now(), { summary: 'Permission scheme created', category: 'permissions', objectItem: { id: s.id, name: s.name, typeName: 'SCHEME' }, changedValues: [] });
    return { status: 201, body: schemeJson(ctx, s, 'permissions') };
  },
  updatePermissionScheme: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.schemeId);
    const b = objectBody(ctx);
    schemes(ctx.tenant).patch(s.id, {
      ...(typeof b.name === 'string' ? { name: b.name.trim() } : {}),
      ...(typeof b.description === 'string' ? { description: b.description } : {}),
      ...(Array.isArray(b.permissions) ? { permissions: grantsFrom(ctx, b.permissions) } : {}),
    });
    return { body: schemeJson(ctx, s, 'permissions') };
  },
  deletePermissionScheme: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.schemeId);
    if (s.id === DEFAULT_SCHEME) throw jiraError(400, ['The default permission scheme cannot be deleted.']);
    for (const p of projects(ctx.tenant).filter((x) => x.permissionSchemeId === s.id)) projects(ctx.tenant).patch(p.id, { permissionSchemeId: undefined });
    schemes(ctx.tenant).delete(s.id);
    audit(ctx.tenant, me(ctx).accountId, ctx.now(), { summary: 'Permission scheme deleted', category: 'permissions', objectItem: { id: s.id, name: s.name, typeName: 'SCHEME' }, changedValues: [] });
    return { status: 204 };
  },
  getPermissionSchemeGrants: (ctx) => {
    const s = schemeOr404(ctx, ctx.params.schemeId);
    return { body: { permissions: s.permissions.map((g) => grantJson(ctx, s, g)), expand: 'user,group,projectRole,field,all' } };
  },
  getPermissionSchemeGrant: (ctx) => {
    const s = schemeOr404(ctx, ctx.params.schemeId);
    const g = s.permissions.find((x) => x.id === String(ctx.params.permissionId));
    if (!g) throw jiraError(404, [`Permission grant with id ${String(ctx.params.permissionId)} does not exist.`]);
    return { body: grantJson(ctx, s, g) };
  },
  createPermissionGrant: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.schemeId);
    const [g] = grantsFrom(ctx, [objectBody(ctx)]);
    schemes(ctx.tenant).patch(s.id, { permissions: [...s.permissions, g!] });
    return { status: 201, body: grantJson(ctx, s, g!) };
  },
  deletePermissionSchemeEntity: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.schemeId);
    if (!s.permissions.some((x) => x.id === String(ctx.params.permissionId))) throw jiraError(404, [`Permission grant with id ${String(ctx.params.permissionId)} does not exist.`]);
    schemes(ctx.tenant).patch(s.id, { permissions: s.permissions.filter((x) => x.id !== String(ctx.params.permissionId)) });
    return { status: 204 };
  },
  getAssignedPermissionScheme: (ctx) => ({ body: schemeJson(ctx, schemeOf(ctx.tenant, projectOr404(ctx, String(ctx.params.projectKeyOrId)))!, ctx.query.expand) }),
  assignPermissionScheme: (ctx) => {
    requireAdmin(ctx);
    const p = projectOr404(ctx, String(ctx.params.projectKeyOrId));
    const s = schemeOr404(ctx, objectBody(ctx).id);
    projects(ctx.tenant).patch(p.id, { permissionSchemeId: s.id });
    return { body: schemeJson(ctx, s, ctx.query.expand) };
  },
} satisfies Handlers;
