// Custom admin roles, resource sets and their bindings: the rules of Okta's IAM API, over the tenant's collections.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { apps, groups, oktaId, users } from '../store.js';
import { orgId } from './org.js';

/** Okta's ORN partition for a production cell (`orn:okta:…`), as app `orn` fields also use. */
export const ORN_PARTITION = 'okta';

export interface PermissionDoc { label: string; conditions: Record<string, unknown> | null; created: string; lastUpdated: string }
export interface CustomRoleDoc extends Doc { label: string; description: string; created: string; lastUpdated: string; permissions: PermissionDoc[] }
export interface ResourceSetDoc extends Doc { label: string; description: string; created: string; lastUpdated: string }
export interface ResourceDoc extends Doc { orn: string; href: string; conditions?: Record<string, unknown>; created: string; lastUpdated: string }
export interface MemberDoc { id: string; href: string; created: string; lastUpdated: string }
export interface BindingDoc extends Doc { members: MemberDoc[] }

export const customRoles = (t: Tenant) => t.collection<CustomRoleDoc>('/api/v1/iam/roles');
export const resourceSets = (t: Tenant) => t.collection<ResourceSetDoc>('/api/v1/iam/resource-sets');
export const resourcesOf = (t: Tenant, setId: string) => t.collection<ResourceDoc>(`/api/v1/iam/resource-sets/${setId}/resources`);
export const bindingsOf = (t: Tenant, setId: string) => t.collection<BindingDoc>(`/api/v1/iam/resource-sets/${setId}/bindings`);

/**
 * Permission labels a custom role may hold (developer.okta.com "Permissions" table of the Roles API).
 * Unknown labels are refused, as Okta refuses them.
 */
export const PERMISSIONS = new Set([
  'okta.users.manage', 'okta.users.create', 'okta.users.read', 'okta.users.credentials.manage', 'okta.users.credentials.resetFactors',
  'okta.users.credentials.resetPassword', 'okta.users.credentials.expirePassword', 'okta.users.userprofile.manage', 'okta.users.lifecycle.manage',
  'okta.users.lifecycle.activate', 'okta.users.lifecycle.deactivate', 'okta.users.lifecycle.suspend', 'okta.users.lifecycle.unsuspend',
  'okta.users.lifecycle.delete', 'okta.users.lifecycle.unlock', 'okta.users.lifecycle.clearSessions', 'okta.users.groupMembership.manage',
  'okta.users.appAssignment.manage', 'okta.users.apitokens.manage', 'okta.users.apitokens.read', 'okta.groups.manage', 'okta.groups.create',
  'okta.groups.members.manage', 'okta.groups.read', 'okta.groups.appAssignment.manage', 'okta.apps.read', 'okta.apps.manage',
  'okta.apps.assignment.manage', 'okta.apps.manageFirstPartyApps', 'okta.profilesources.import.run', 'okta.authzServers.read',
  'okta.authzServers.manage', 'okta.customizations.read', 'okta.customizations.manage', 'okta.workflows.read', 'okta.workflows.invoke',
  'okta.workflows.flows.read', 'okta.workflows.flows.manage', 'okta.governance.accessCertifications.manage',
  'okta.governance.accessRequests.manage', 'okta.agents.manage', 'okta.agents.register', 'okta.agents.view', 'okta.directories.manage',
  'okta.directories.read', 'okta.identityProviders.manage', 'okta.identityProviders.read', 'okta.devices.manage', 'okta.devices.read',
  'okta.devices.lifecycle.manage', 'okta.devices.lifecycle.activate', 'okta.devices.lifecycle.deactivate', 'okta.devices.lifecycle.suspend',
  'okta.devices.lifecycle.unsuspend', 'okta.devices.lifecycle.delete', 'okta.iam.read', 'okta.realms.manage', 'okta.realms.read',
  'okta.support.cases.manage', 'okta.reports.read', 'okta.logs.read', 'okta.policies.read', 'okta.policies.manage',
]);

export function checkPermission(label: unknown): string {
  if (typeof label !== 'string' || !PERMISSIONS.has(label)) throw validationError('permissions', `Invalid permission type: ${String(label)}`);
  return label;
}

/** Resource sets every org has (the Workflows admin role's set), created on first read. */
export function ensureBuiltins(t: Tenant): void {
  t.meta('okta:iamBuiltins', () => {
    const now = t.now().toISOString();
    resourceSets(t).put({ id: 'WORKFLOWS_IAM_POLICY', label: 'Workflows Resource Set', description: 'Resource set for Okta Workflows', created: now, lastUpdated: now });
    addResource(t, 'WORKFLOWS_IAM_POLICY', `orn:${ORN_PARTITION}:workflow:${orgId(t)}:flows`, now);
    return true;
  });
}

export function requireRole(t: Tenant, idOrLabel: string): CustomRoleDoc {
  const r = customRoles(t).get(idOrLabel) ?? customRoles(t).find((x) => x.label === idOrLabel);
  if (!r) throw notFound(idOrLabel, 'CustomRole');
  return r;
}

export function requireResourceSet(t: Tenant, id: string): ResourceSetDoc {
  ensureBuiltins(t);
  const r = resourceSets(t).get(id) ?? resourceSets(t).find((x) => x.label === id);
  if (!r) throw notFound(id, 'ResourceSet');
  return r;
}

/**
 * A resource named by ORN or by its REST URL, as its ORN and its REST URL (developer.okta.com
 * "Supported resources" of the Resource Sets API). Named objects must exist.
 */
export function resolveResource(t: Tenant, baseUrl: string, ornOrUrl: unknown): { orn: string; href: string } {
  if (typeof ornOrUrl !== 'string' || ornOrUrl === '') throw validationError('resourceOrnOrUrl', 'The field cannot be left blank');
  const org = orgId(t);
  const dir = `orn:${ORN_PARTITION}:directory:${org}`;
  const idp = `orn:${ORN_PARTITION}:idp:${org}`;
  if (ornOrUrl.startsWith('orn:')) {
    const parts = ornOrUrl.split(':');
    if (parts.length < 5 || parts[3] !== org) throw validationError('resourceOrnOrUrl', `Invalid resource: ${ornOrUrl}`);
    const [, , service, , kind, id, extra] = parts;
    if (service === 'directory' && kind === 'users' && !id) return { orn: ornOrUrl, href: `${baseUrl}/api/v1/users` };
    if (service === 'directory' && kind === 'groups') {
      if (!id) return { orn: ornOrUrl, href: `${baseUrl}/api/v1/groups` };
      if (!groups(t).has(id)) throw notFound(id, 'UserGroup');
      return { orn: ornOrUrl, href: `${baseUrl}/api/v1/groups/${id}${extra === 'contained_resources' ? '/users' : ''}` };
    }
    if (service === 'idp' && kind === 'apps') {
      const appId = parts[6];
      if (appId && !apps(t).has(appId)) throw notFound(appId, 'AppInstance');
      return { orn: ornOrUrl, href: appId ? `${baseUrl}/api/v1/apps/${appId}` : `${baseUrl}/api/v1/apps${id ? `?filter=name+eq+"${id}"` : ''}` };
    }
    return { orn: ornOrUrl, href: '' };
  }
  let path: string;
  try {
    const u = new URL(ornOrUrl);
    path = u.pathname.replace(/\/$/, '');
  } catch {
    throw validationError('resourceOrnOrUrl', `Invalid resource: ${ornOrUrl}`);
  }
  const at = path.indexOf('/api/v1/');
  const rest = at >= 0 ? path.slice(at + '/api/v1/'.length).split('/') : [];
  const href = `${baseUrl}/api/v1/${rest.join('/')}`;
  const [kind, id, sub] = rest;
  if (kind === 'users' && !id) return { orn: `${dir}:users`, href };
  if (kind === 'users' && id) {
    if (!users(t).has(id)) throw notFound(id, 'User');
    return { orn: `${dir}:users:${id}`, href };
  }
  if (kind === 'groups' && !id) return { orn: `${dir}:groups`, href };
  if (kind === 'groups') {
    if (!groups(t).has(id)) throw notFound(id, 'UserGroup');
    return { orn: `${dir}:groups:${id}${sub === 'users' ? ':contained_resources' : ''}`, href };
  }
  if (kind === 'apps' && !id) return { orn: `${idp}:apps`, href };
  if (kind === 'apps') {
    const a = apps(t).get(id);
    if (!a) throw notFound(id, 'AppInstance');
    return { orn: `${idp}:apps:${a.name}:${a.id}`, href };
  }
  if (kind === 'authorizationServers') return { orn: `${idp}:authorization_servers${id ? `:${id}` : ''}`, href };
  if (kind === 'devices') return { orn: `orn:${ORN_PARTITION}:device:${org}:devices`, href };
  if (kind === 'idps') return { orn: `${idp}:identity_provider${id ? `:${id}` : 's'}`, href };
  throw validationError('resourceOrnOrUrl', `Invalid resource: ${ornOrUrl}`);
}

export function addResource(t: Tenant, setId: string, orn: string, now: string, href = '', conditions?: Record<string, unknown>): ResourceDoc {
  const existing = resourcesOf(t, setId).find((r) => r.orn === orn);
  if (existing) return existing;
  return resourcesOf(t, setId).put({ id: oktaId(t, 'ire'), orn, href, ...(conditions ? { conditions } : {}), created: now, lastUpdated: now });
}

/** A binding member named by the REST URL of a user or a group, which must exist. */
export function resolveMember(t: Tenant, baseUrl: string, url: unknown): string {
  const m = typeof url === 'string' ? /\/api\/v1\/(users|groups)\/([^/?#]+)$/.exec(url) : null;
  if (!m) throw validationError('members', `Invalid member: ${String(url)}`);
  const [, kind, id] = m;
  if (kind === 'users' ? !users(t).has(id) : !groups(t).has(id)) throw notFound(id, kind === 'users' ? 'User' : 'UserGroup');
  return `${baseUrl}/api/v1/${kind}/${id}`;
}

/** Adds members to a binding, once each (a member already bound keeps its id). */
export function bindMembers(t: Tenant, setId: string, roleId: string, hrefs: string[], now: string): BindingDoc {
  const coll = bindingsOf(t, setId);
  const b = coll.get(roleId) ?? { id: roleId, members: [] };
  for (const href of hrefs) if (!b.members.some((m) => m.href === href)) b.members.push({ id: oktaId(t, 'irb'), href, created: now, lastUpdated: now });
  return coll.put(b);
}
