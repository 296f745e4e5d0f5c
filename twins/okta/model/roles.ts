// Admin role assignments to users, groups and OAuth clients, with their group and app targets (Okta's Role Assignment and Role Target APIs).
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaError, oktaErrorWith, validationError } from '../errors.js';
import { apps, findOAuthClient, groups, oktaId, users, type AppDoc } from '../store.js';
import { bindingsOf, bindMembers, requireResourceSet, requireRole as requireCustomRole, ORN_PARTITION } from './iam.js';
import { orgId } from './org.js';

/** Standard admin roles and their labels (Administrator roles reference). */
export const LABELS: Record<string, string> = {
  SUPER_ADMIN: 'Super Organization Administrator',
  ORG_ADMIN: 'Organizational Administrator',
  APP_ADMIN: 'Application Administrator',
  USER_ADMIN: 'Group Administrator',
  GROUP_MEMBERSHIP_ADMIN: 'Group Membership Administrator',
  HELP_DESK_ADMIN: 'Help Desk Administrator',
  READ_ONLY_ADMIN: 'Read Only Administrator',
  MOBILE_ADMIN: 'Mobile Administrator',
  API_ACCESS_MANAGEMENT_ADMIN: 'API Access Management Administrator',
  REPORT_ADMIN: 'Report Administrator',
  API_ADMIN: 'API Administrator',
  ACCESS_CERTIFICATIONS_ADMIN: 'Access Certifications Administrator',
  ACCESS_REQUESTS_ADMIN: 'Access Requests Administrator',
};

/** Roles that can be scoped to groups, and the one that can be scoped to apps (Role Target API). */
export const GROUP_TARGETABLE = ['USER_ADMIN', 'GROUP_MEMBERSHIP_ADMIN', 'HELP_DESK_ADMIN'];
export const APP_TARGETABLE = ['APP_ADMIN'];

export type OwnerKind = 'users' | 'groups' | 'clients';
export interface Owner { kind: OwnerKind; id: string }

export interface RoleDoc extends Doc {
  label: string;
  type: string;
  status: 'ACTIVE';
  created: string;
  lastUpdated: string;
  assignmentType: 'USER' | 'GROUP' | 'CLIENT';
  role?: string;
  resourceSet?: string;
}

/** An app target: a whole OIN app (`name`) or one instance of it (`name` + `appId`). */
export interface AppTargetDoc extends Doc { name: string; appId?: string }

const ownerPath = (o: Owner) => (o.kind === 'clients' ? `/oauth2/v1/clients/${o.id}` : `/api/v1/${o.kind}/${o.id}`);
export const roles = (t: Tenant, o: Owner) => t.collection<RoleDoc>(`${ownerPath(o)}/roles`);
export const groupTargets = (t: Tenant, o: Owner, roleId: string) => t.collection(`${ownerPath(o)}/roles/${roleId}/targets/groups`);
export const appTargets = (t: Tenant, o: Owner, roleId: string) => t.collection<AppTargetDoc>(`${ownerPath(o)}/roles/${roleId}/targets/catalog/apps`);
export const ownerHref = (baseUrl: string, o: Owner) => `${baseUrl}${ownerPath(o)}`;

/** The owner of role assignments: an existing user, group, or OAuth client (by client_id or its app's id). */
export function requireOwner(t: Tenant, kind: OwnerKind, id: string, resolveUser: (id: string) => { id: string }): Owner {
  if (kind === 'users') return { kind, id: resolveUser(id).id };
  if (kind === 'groups') {
    if (!groups(t).has(id)) throw notFound(id, 'UserGroup');
    return { kind, id };
  }
  const app = findOAuthClient(t, id) ?? apps(t).get(id);
  if (!app || app.signOnMode !== 'OPENID_CONNECT') throw notFound(id, 'OAuth2Client');
  return { kind, id: String(app.credentials?.oauthClient?.client_id ?? app.id) };
}

export function requireAssignment(t: Tenant, o: Owner, id: string): RoleDoc {
  const r = roles(t, o).get(id);
  if (!r) throw notFound(id, 'RoleAssignment');
  return r;
}

/**
 * Assigns a standard role, or a custom role over a resource set. A custom assignment binds the
 * owner into the set's binding for that role, and takes the binding member's id, as Okta's does.
 */
export function assign(t: Tenant, o: Owner, body: Record<string, any>, baseUrl: string, now: string): RoleDoc {
  const assignmentType = o.kind === 'users' ? 'USER' : o.kind === 'groups' ? 'GROUP' : 'CLIENT';
  if (body.type === 'CUSTOM') {
    const role = requireCustomRole(t, String(body.role ?? ''));
    const set = requireResourceSet(t, String(body['resource-set'] ?? ''));
    if (roles(t, o).find((r) => r.role === role.id && r.resourceSet === set.id)) throw oktaError('E0000090');
    const href = o.kind === 'clients' ? `${baseUrl}/oauth2/v1/clients/${o.id}` : ownerHref(baseUrl, o);
    const b = bindMembers(t, set.id, role.id, [href], now);
    const member = b.members.find((m) => m.href === href)!;
    return roles(t, o).put({ id: member.id, label: role.label, type: 'CUSTOM', status: 'ACTIVE', created: now, lastUpdated: now, assignmentType, role: role.id, resourceSet: set.id });
  }
  if (typeof body.type !== 'string' || !LABELS[body.type]) throw validationError('type', 'Does not match required pattern');
  if (roles(t, o).find((r) => r.type === body.type)) throw oktaError('E0000090');
  return roles(t, o).put({ id: oktaId(t, 'ra1'), label: LABELS[body.type], type: body.type, status: 'ACTIVE', created: now, lastUpdated: now, assignmentType });
}

export function unassign(t: Tenant, o: Owner, r: RoleDoc): void {
  roles(t, o).delete(r.id);
  groupTargets(t, o, r.id).clear();
  appTargets(t, o, r.id).clear();
  if (r.type === 'CUSTOM' && r.resourceSet && r.role) {
    const b = bindingsOf(t, r.resourceSet).get(r.role);
    if (b) bindingsOf(t, r.resourceSet).patch(b.id, { members: b.members.filter((m) => m.id !== r.id) });
  }
}

/** A few OIN catalog entries by app name (the catalog itself has thousands; targets name them). */
/** OIN catalog entries carry their own logo; Okta's generic templates (`template`) the default one and their features. */
interface CatalogEntry { displayName: string; category: string; signOnModes: string[]; features?: string[]; template?: boolean }

const CATALOG: Record<string, CatalogEntry> = {
  // Terraform cassettes (role targets): the OpenID Connect client template as the catalog lists it.
  oidc_client: { displayName: 'OpenID Connect Client', category: 'OAUTH2', signOnModes: ['OPENID_CONNECT'], features: ['DEFAULT_PUSH_STATUS_TO_PUSH'], template: true },
  facebook: { displayName: 'Facebook (Toolbar or Web Login)', category: 'SOCIAL', signOnModes: ['BROWSER_PLUGIN'] },
  google: { displayName: 'Google Workspace', category: 'COLLABORATION', signOnModes: ['SAML_2_0', 'BROWSER_PLUGIN'] },
  github: { displayName: 'GitHub', category: 'DEVELOPER', signOnModes: ['BROWSER_PLUGIN'] },
  salesforce: { displayName: 'Salesforce.com', category: 'CRM', signOnModes: ['SAML_2_0', 'BROWSER_PLUGIN'] },
  slack: { displayName: 'Slack', category: 'COLLABORATION', signOnModes: ['SAML_2_0', 'BROWSER_PLUGIN'] },
  zoomus: { displayName: 'Zoom', category: 'COLLABORATION', signOnModes: ['SAML_2_0'] },
  office365: { displayName: 'Microsoft Office 365', category: 'PRODUCTIVITY', signOnModes: ['WS_FEDERATION', 'BROWSER_PLUGIN'] },
  box: { displayName: 'Box', category: 'CONTENT', signOnModes: ['SAML_2_0', 'BROWSER_PLUGIN'] },
  dropbox_for_business: { displayName: 'Dropbox Business', category: 'CONTENT', signOnModes: ['SAML_2_0'] },
  atlassian: { displayName: 'Atlassian Cloud', category: 'DEVELOPER', signOnModes: ['SAML_2_0'] },
  workday: { displayName: 'Workday', category: 'HR', signOnModes: ['SAML_2_0'] },
  servicenow_ud: { displayName: 'ServiceNow UD', category: 'IT_SERVICE', signOnModes: ['SAML_2_0', 'BROWSER_PLUGIN'] },
  amazon_aws: { displayName: 'AWS Account Federation', category: 'DEVELOPER', signOnModes: ['SAML_2_0'] },
};

/** A catalog app by name: an OIN entry, or the name of an app this org has (custom app names such as `oidc_client`). */
export function catalogEntry(t: Tenant, name: string): CatalogEntry & { name: string } {
  const hit = CATALOG[name];
  if (hit) return { name, ...hit };
  const app = apps(t).find((a) => a.name === name);
  if (!app) throw notFound(name, 'App');
  return { name, displayName: app.label, category: 'CUSTOM', signOnModes: [app.signOnMode], template: true };
}

export function addAppTarget(t: Tenant, o: Owner, r: RoleDoc, name: string, appId?: string): void {
  if (!APP_TARGETABLE.includes(r.type)) throw oktaError('E0000091');
  catalogEntry(t, name);
  let inst: AppDoc | undefined;
  if (appId) {
    inst = apps(t).get(appId);
    if (!inst || inst.name !== name) throw notFound(appId, 'AppInstance');
  }
  const coll = appTargets(t, o, r.id);
  // A whole-app target covers its instances: targeting the app replaces instance targets of it.
  if (!appId) for (const x of coll.filter((x) => x.name === name && !!x.appId)) coll.delete(x.id);
  else if (coll.get(name)) return;
  coll.put({ id: appId ?? name, name, ...(appId ? { appId } : {}) });
}

/** Okta refuses to remove the last app target: the assignment would silently widen to every app. */
export function removeAppTarget(t: Tenant, o: Owner, r: RoleDoc, name: string, appId?: string): void {
  const coll = appTargets(t, o, r.id);
  const key = appId ?? name;
  if (!coll.has(key)) throw notFound(key, 'RoleTarget');
  if (coll.size === 1) throw oktaErrorWith('E0000001', ['targets'], { causes: ['targets: The last target of a role assignment cannot be removed; delete the role assignment instead.'] });
  coll.delete(key);
}

/** The ORN of a target, as the role targets listing names it. */
export function targetOrn(t: Tenant, target: { name?: string; appId?: string; groupId?: string; userId?: string }): string {
  const org = orgId(t);
  if (target.userId) return `orn:${ORN_PARTITION}:directory:${org}:users:${target.userId}`;
  if (target.groupId) return `orn:${ORN_PARTITION}:directory:${org}:groups:${target.groupId}`;
  return `orn:${ORN_PARTITION}:idp:${org}:apps:${target.name}${target.appId ? `:${target.appId}` : ''}`;
}

/** Users holding at least one role, directly (Okta's `/iam/assignees/users`). */
export function usersWithRoles(t: Tenant): string[] {
  return users(t).values().filter((u) => roles(t, { kind: 'users', id: u.id }).size > 0).map((u) => u.id);
}
