// The IAM API: custom roles and their permissions, resource sets with their resources, bindings and binding members.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import {
  addResource, bindingsOf, bindMembers, checkPermission, customRoles, ensureBuiltins, requireResourceSet, requireRole, resolveMember,
  resolveResource, resourceSets, resourcesOf, type CustomRoleDoc, type MemberDoc, type PermissionDoc, type ResourceDoc, type ResourceSetDoc,
} from '../model/iam.js';
import { oktaId } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

const roleUrl = (ctx: OpContext, r: CustomRoleDoc) => `${ctx.baseUrl}/api/v1/iam/roles/${r.id}`;
const setUrl = (ctx: OpContext, s: ResourceSetDoc) => `${ctx.baseUrl}/api/v1/iam/resource-sets/${s.id}`;

const presentRole = (ctx: OpContext, r: CustomRoleDoc) => ({
  // Okta answers whether a custom role may be cloned; the roles an org creates may not (okta-sdk-python cassettes, 2025).
  id: r.id, label: r.label, isCloneable: false, description: r.description, created: r.created, lastUpdated: r.lastUpdated,
  _links: { permissions: { href: `${roleUrl(ctx, r)}/permissions` }, self: { href: roleUrl(ctx, r) } },
});

const presentPermission = (ctx: OpContext, r: CustomRoleDoc, p: PermissionDoc) => ({
  label: p.label, created: p.created, lastUpdated: p.lastUpdated, conditions: p.conditions ?? null,
  _links: { role: { href: roleUrl(ctx, r) }, self: { href: `${roleUrl(ctx, r)}/permissions/${p.label}` } },
});

const presentSet = (ctx: OpContext, s: ResourceSetDoc) => ({
  id: s.id, label: s.label, description: s.description, created: s.created, lastUpdated: s.lastUpdated,
  _links: { self: { href: setUrl(ctx, s) }, resources: { href: `${setUrl(ctx, s)}/resources` }, bindings: { href: `${setUrl(ctx, s)}/bindings` } },
});

/** A resource links to itself and to the object it names, under the object's kind (`groups`, `users`) or `resource`. */
function presentResource(ctx: OpContext, s: ResourceSetDoc, r: ResourceDoc) {
  const links: Record<string, { href: string }> = { self: { href: `${setUrl(ctx, s)}/resources/${r.id}` } };
  if (r.href) {
    const kind = /\/api\/v1\/(users|groups)(\/|$)/.exec(r.href)?.[1];
    links[kind ?? 'resource'] = { href: r.href };
  }
  return { id: r.id, orn: r.orn, ...(r.conditions ? { conditions: r.conditions } : {}), created: r.created, lastUpdated: r.lastUpdated, _links: links };
}

const bindingUrl = (ctx: OpContext, s: ResourceSetDoc, roleId: string) => `${setUrl(ctx, s)}/bindings/${roleId}`;
const presentMember = (m: MemberDoc) => ({ id: m.id, created: m.created, lastUpdated: m.lastUpdated, _links: { self: { href: m.href } } });
const editResponse = (ctx: OpContext, s: ResourceSetDoc, roleId: string) => ({
  _links: { self: { href: bindingUrl(ctx, s, roleId) }, bindings: { href: `${setUrl(ctx, s)}/bindings` }, 'resource-set': { href: setUrl(ctx, s) } },
});

function requiredText(body: Record<string, any>, field: string): string {
  const v = body[field];
  if (typeof v !== 'string' || v.trim() === '') throw validationError(field, 'The field cannot be left blank');
  return v;
}

function uniqueLabel<T extends { id: string; label: string }>(list: T[], label: string, self?: string, what = 'custom role'): void {
  if (list.some((x) => x.label === label && x.id !== self)) throw validationError('label', `A ${what} with the same label already exists`);
}

function requireBinding(ctx: OpContext<{ resourceSetId: string; roleIdOrLabel: string }>) {
  const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
  const role = customRoles(ctx.tenant).get(ctx.params.roleIdOrLabel) ?? customRoles(ctx.tenant).find((r) => r.label === ctx.params.roleIdOrLabel);
  const b = role ? bindingsOf(ctx.tenant, s.id).get(role.id) : undefined;
  if (!b) throw notFound(ctx.params.roleIdOrLabel, 'Binding');
  return { s, b };
}

function resourceList(ctx: OpContext, s: ResourceSetDoc) {
  return { resources: resourcesOf(ctx.tenant, s.id).values().map((r) => presentResource(ctx, s, r)), _links: { 'resource-set': { href: setUrl(ctx, s) } } };
}

export const iamHandlers = {
  // Both listings link themselves (okta-sdk-python cassettes of GET /iam/roles and /iam/resource-sets).
  listRoles: (ctx) => ({ status: 200, body: { roles: customRoles(ctx.tenant).values().map((r) => presentRole(ctx, r)), _links: { self: { href: `${ctx.baseUrl}/api/v1/iam/roles` } } } }),
  createRole: (ctx) => {
    const body = bodyObject(ctx);
    const label = requiredText(body, 'label');
    const description = requiredText(body, 'description');
    if (!Array.isArray(body.permissions) || body.permissions.length === 0) throw validationError('permissions', 'The field cannot be left blank');
    uniqueLabel(customRoles(ctx.tenant).values(), label);
    const now = nowIso(ctx);
    const permissions = [...new Set(body.permissions.map(checkPermission))].map((p) => ({ label: p, conditions: null, created: now, lastUpdated: now }));
    const r = customRoles(ctx.tenant).put({ id: oktaId(ctx.tenant, 'cr0'), label, description, created: now, lastUpdated: now, permissions });
    return { status: 200, body: presentRole(ctx, r) };
  },
  getCustomRole: (ctx) => ({ status: 200, body: presentRole(ctx, requireRole(ctx.tenant, ctx.params.roleIdOrLabel)) }),
  replaceRole: (ctx) => {
    const r = requireRole(ctx.tenant, ctx.params.roleIdOrLabel);
    const body = bodyObject(ctx);
    const label = requiredText(body, 'label');
    const description = requiredText(body, 'description');
    uniqueLabel(customRoles(ctx.tenant).values(), label, r.id);
    const next = customRoles(ctx.tenant).patch(r.id, { label, description, lastUpdated: nowIso(ctx) })!;
    return { status: 200, body: presentRole(ctx, next) };
  },
  deleteRole: (ctx) => {
    const r = requireRole(ctx.tenant, ctx.params.roleIdOrLabel);
    customRoles(ctx.tenant).delete(r.id);
    for (const s of resourceSets(ctx.tenant).values()) bindingsOf(ctx.tenant, s.id).delete(r.id);
    return noContent();
  },
  listRolePermissions: (ctx) => {
    const r = requireRole(ctx.tenant, ctx.params.roleIdOrLabel);
    return { status: 200, body: { permissions: r.permissions.map((p) => presentPermission(ctx, r, p)) } };
  },
  getRolePermission: (ctx) => {
    const r = requireRole(ctx.tenant, ctx.params.roleIdOrLabel);
    const p = r.permissions.find((x) => x.label === ctx.params.permissionType);
    if (!p) throw notFound(ctx.params.permissionType, 'Permission');
    return { status: 200, body: presentPermission(ctx, r, p) };
  },
  createRolePermission: (ctx) => {
    const r = requireRole(ctx.tenant, ctx.params.roleIdOrLabel);
    const label = checkPermission(ctx.params.permissionType);
    const body = bodyObject(ctx, false);
    if (r.permissions.some((p) => p.label === label)) throw oktaErrorWith('E0000001', ['permissionType'], { causes: [`permissionType: The role already has the permission ${label}`] });
    const now = nowIso(ctx);
    r.permissions.push({ label, conditions: (body.conditions as Record<string, unknown>) ?? null, created: now, lastUpdated: now });
    customRoles(ctx.tenant).patch(r.id, { permissions: r.permissions, lastUpdated: now });
    return noContent();
  },
  replaceRolePermission: (ctx) => {
    const r = requireRole(ctx.tenant, ctx.params.roleIdOrLabel);
    const p = r.permissions.find((x) => x.label === ctx.params.permissionType);
    if (!p) throw notFound(ctx.params.permissionType, 'Permission');
    const body = bodyObject(ctx, false);
    p.conditions = (body.conditions as Record<string, unknown>) ?? null;
    p.lastUpdated = nowIso(ctx);
    customRoles(ctx.tenant).patch(r.id, { permissions: r.permissions });
    return { status: 200, body: presentPermission(ctx, r, p) };
  },
  deleteRolePermission: (ctx) => {
    const r = requireRole(ctx.tenant, ctx.params.roleIdOrLabel);
    if (!r.permissions.some((x) => x.label === ctx.params.permissionType)) throw notFound(ctx.params.permissionType, 'Permission');
    customRoles(ctx.tenant).patch(r.id, { permissions: r.permissions.filter((x) => x.label !== ctx.params.permissionType), lastUpdated: nowIso(ctx) });
    return noContent();
  },

  listResourceSets: (ctx) => {
    ensureBuiltins(ctx.tenant);
    return { status: 200, body: { 'resource-sets': resourceSets(ctx.tenant).values().map((s) => presentSet(ctx, s)), _links: { self: { href: `${ctx.baseUrl}/api/v1/iam/resource-sets` } } } };
  },
  createResourceSet: (ctx) => {
    ensureBuiltins(ctx.tenant);
    const body = bodyObject(ctx);
    const label = requiredText(body, 'label');
    const description = requiredText(body, 'description');
    if (!Array.isArray(body.resources) || body.resources.length === 0) throw validationError('resources', 'The field cannot be left blank');
    uniqueLabel(resourceSets(ctx.tenant).values(), label, undefined, 'resource set');
    const resolved = body.resources.map((x: unknown) => resolveResource(ctx.tenant, ctx.baseUrl, x));
    const now = nowIso(ctx);
    const s = resourceSets(ctx.tenant).put({ id: oktaId(ctx.tenant, 'iam'), label, description, created: now, lastUpdated: now });
    for (const r of resolved) addResource(ctx.tenant, s.id, r.orn, now, r.href);
    return { status: 200, body: presentSet(ctx, s) };
  },
  getResourceSet: (ctx) => ({ status: 200, body: presentSet(ctx, requireResourceSet(ctx.tenant, ctx.params.resourceSetId)) }),
  replaceResourceSet: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    const body = bodyObject(ctx);
    const label = requiredText(body, 'label');
    const description = requiredText(body, 'description');
    uniqueLabel(resourceSets(ctx.tenant).values(), label, s.id, 'resource set');
    const next = resourceSets(ctx.tenant).patch(s.id, { label, description, lastUpdated: nowIso(ctx) })!;
    return { status: 200, body: presentSet(ctx, next) };
  },
  deleteResourceSet: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    resourceSets(ctx.tenant).delete(s.id);
    resourcesOf(ctx.tenant, s.id).clear();
    bindingsOf(ctx.tenant, s.id).clear();
    return noContent();
  },
  listResourceSetResources: (ctx) => ({ status: 200, body: resourceList(ctx, requireResourceSet(ctx.tenant, ctx.params.resourceSetId)) }),
  addResourceSetResources: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    const body = bodyObject(ctx);
    if (!Array.isArray(body.additions) || body.additions.length === 0) throw validationError('additions', 'The field cannot be left blank');
    const resolved = body.additions.map((x: unknown) => resolveResource(ctx.tenant, ctx.baseUrl, x));
    const now = nowIso(ctx);
    for (const r of resolved) addResource(ctx.tenant, s.id, r.orn, now, r.href);
    resourceSets(ctx.tenant).patch(s.id, { lastUpdated: now });
    return { status: 200, body: presentSet(ctx, s) };
  },
  addResourceSetResource: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    const body = bodyObject(ctx);
    const r = resolveResource(ctx.tenant, ctx.baseUrl, body.resourceOrnOrUrl);
    const doc = addResource(ctx.tenant, s.id, r.orn, nowIso(ctx), r.href, body.conditions ?? undefined);
    return { status: 200, body: presentResource(ctx, s, doc) };
  },
  getResourceSetResource: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    const r = resourcesOf(ctx.tenant, s.id).get(ctx.params.resourceId);
    if (!r) throw notFound(ctx.params.resourceId, 'Resource');
    return { status: 200, body: presentResource(ctx, s, r) };
  },
  replaceResourceSetResource: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    const r = resourcesOf(ctx.tenant, s.id).get(ctx.params.resourceId);
    if (!r) throw notFound(ctx.params.resourceId, 'Resource');
    const body = bodyObject(ctx);
    const next = resourcesOf(ctx.tenant, s.id).patch(r.id, { conditions: body.conditions ?? undefined, lastUpdated: nowIso(ctx) })!;
    return { status: 200, body: presentResource(ctx, s, next) };
  },
  deleteResourceSetResource: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    if (!resourcesOf(ctx.tenant, s.id).delete(ctx.params.resourceId)) throw notFound(ctx.params.resourceId, 'Resource');
    return noContent();
  },

  listBindings: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    const roles = bindingsOf(ctx.tenant, s.id).values().map((b) => ({ id: b.id, _links: { self: { href: bindingUrl(ctx, s, b.id) }, members: { href: `${bindingUrl(ctx, s, b.id)}/members` } } }));
    return { status: 200, body: { roles, _links: { self: { href: `${setUrl(ctx, s)}/bindings` }, 'resource-set': { href: setUrl(ctx, s) } } } };
  },
  createResourceSetBinding: (ctx) => {
    const s = requireResourceSet(ctx.tenant, ctx.params.resourceSetId);
    const body = bodyObject(ctx);
    const role = requireRole(ctx.tenant, requiredText(body, 'role'));
    if (!Array.isArray(body.members) || body.members.length === 0) throw validationError('members', 'The field cannot be left blank');
    const hrefs = body.members.map((m: unknown) => resolveMember(ctx.tenant, ctx.baseUrl, m));
    bindMembers(ctx.tenant, s.id, role.id, hrefs, nowIso(ctx));
    return { status: 200, body: editResponse(ctx, s, role.id) };
  },
  getBinding: (ctx) => {
    const { s, b } = requireBinding(ctx);
    return { status: 200, body: { id: b.id, _links: { self: { href: bindingUrl(ctx, s, b.id) }, members: { href: `${bindingUrl(ctx, s, b.id)}/members` }, 'resource-set': { href: setUrl(ctx, s) } } } };
  },
  deleteBinding: (ctx) => {
    const { s, b } = requireBinding(ctx);
    bindingsOf(ctx.tenant, s.id).delete(b.id);
    return noContent();
  },
  listMembersOfBinding: (ctx) => {
    const { s, b } = requireBinding(ctx);
    return { status: 200, body: { members: b.members.map(presentMember), _links: { self: { href: `${bindingUrl(ctx, s, b.id)}/members` }, binding: { href: bindingUrl(ctx, s, b.id) } } } };
  },
  addMembersToBinding: (ctx) => {
    const { s, b } = requireBinding(ctx);
    const body = bodyObject(ctx);
    if (!Array.isArray(body.additions) || body.additions.length === 0) throw validationError('additions', 'The field cannot be left blank');
    const hrefs = body.additions.map((m: unknown) => resolveMember(ctx.tenant, ctx.baseUrl, m));
    bindMembers(ctx.tenant, s.id, b.id, hrefs, nowIso(ctx));
    return { status: 200, body: editResponse(ctx, s, b.id) };
  },
  getMemberOfBinding: (ctx) => {
    const { b } = requireBinding(ctx);
    const m = b.members.find((x) => x.id === ctx.params.memberId);
    if (!m) throw notFound(ctx.params.memberId, 'Member');
    return { status: 200, body: presentMember(m) };
  },
  unassignMemberFromBinding: (ctx) => {
    const { s, b } = requireBinding(ctx);
    if (!b.members.some((x) => x.id === ctx.params.memberId)) throw notFound(ctx.params.memberId, 'Member');
    bindingsOf(ctx.tenant, s.id).patch(b.id, { members: b.members.filter((x) => x.id !== ctx.params.memberId) });
    return noContent();
  },
} satisfies Handlers;
