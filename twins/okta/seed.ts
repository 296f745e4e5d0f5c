// Fills a new org: built-ins (Everyone, default user type and policies, the admin and its API token), then the fixture through the handlers.
import type { HandlerMap, OpContext, Principal } from '../../src/core/handler.js';
import { replyBody } from './handlers/common.js';
import type { Tenant } from '../../src/core/tenant.js';
import type { Twin } from '../../src/core/twin.js';
import { orgMeta, type OrgMeta } from './model/org.js';
import { mintApiToken } from './auth.js';
import { appAssignmentHandlers } from './handlers/app-assignments.js';
import { appHandlers } from './handlers/apps.js';
import { eventHookHandlers } from './handlers/event-hooks.js';
import { groupRuleHandlers } from './handlers/group-rules.js';
import { groupHandlers } from './handlers/groups.js';
import { seedOrgBuiltIns } from './model/builtins.js';
import { seedDefaultBrand } from './model/brands.js';
import { userLifecycleHandlers } from './handlers/user-lifecycle.js';
import { defaultUserType } from './handlers/user-types.js';
import { userHandlers } from './handlers/users.js';
import { populateOAuth } from './oauth/index.js';
import { addMember, groups, oktaId, users } from './store.js';

/** The fixture document (`fixtures/okta/<name>.json`); every part is optional. */
export interface OktaFixture {
  org?: { subdomain?: string; companyName?: string };
  admin?: { profile?: Record<string, unknown>; password?: string };
  groups?: Array<{ key: string; name: string; description?: string; type?: 'OKTA_GROUP' | 'APP_GROUP' }>;
  users?: Array<{ profile: Record<string, unknown>; password?: string; status?: string; groups?: string[] }>;
  groupRules?: Array<{ name: string; expression: string; groups: string[]; status?: 'ACTIVE' | 'INACTIVE' }>;
  apps?: Array<{ key: string; app: Record<string, unknown>; status?: 'ACTIVE' | 'INACTIVE'; users?: string[]; groups?: string[] }>;
  eventHooks?: Array<Record<string, unknown>>;
}

/** A context for running handlers at seed time, acting as the org's admin. */
function seedContext(tenant: Tenant, twin: Twin, principal: Principal): (params?: Record<string, string>, body?: unknown, query?: Record<string, unknown>) => OpContext {
  return (params = {}, body = undefined, query = {}) =>
    ({
      op: undefined as never,
      twin,
      tenant,
      principal,
      params,
      query,
      body,
      rawBody: new Uint8Array(),
      headers: new Headers(),
      req: new Request('http://seed.invalid/'),
      baseUrl: '',
      now: () => tenant.now(),
    }) as OpContext;
}

/** Seeding is synchronous for the engine; the handlers used here never await anything. */
function runSync(map: HandlerMap, id: string, ctx: OpContext): any {
  const out = map[id](ctx);
  if (out instanceof Promise) throw new Error(`seed: ${id} is asynchronous`);
  if (out instanceof Response) throw new Error(`seed: ${id} answered a raw Response`);
  return replyBody(out);
}

export function populate(tenant: Tenant, fixture: unknown, twin: Twin): void {
  const f = (fixture && typeof fixture === 'object' ? fixture : {}) as OktaFixture;
  const now = tenant.now().toISOString();
  defaultUserType(tenant);
  const everyone = groups(tenant).put({
    id: oktaId(tenant, '00g'),
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    objectClass: ['okta:user_group'],
    type: 'BUILT_IN',
    profile: { name: 'Everyone', description: 'All users in your organization' },
  });
  seedOrgBuiltIns(tenant, everyone.id);
  // The authenticators every Identity Engine org starts with.
  // Default `settings` as a new org reports them (password and security key carry none).
  // Okta Verify's user verification methods (AuthenticatorKeyOktaVerify settings; every recorded org since 2025 lists them,
  // while `enrollmentSecurityLevel` shows only in orgs whose admins set it).
  const verify = { compliance: { fips: 'OPTIONAL' }, channelBinding: { style: 'NUMBER_CHALLENGE', required: 'HIGH_RISK_ONLY' }, userVerification: 'PREFERRED', userVerificationMethods: ['PIN', 'BIOMETRICS'], appInstanceId: '' };
  for (const [key, name, type, status, settings] of [
    ['okta_email', 'Email', 'email', 'ACTIVE', { allowedFor: 'any', tokenLifetimeInMinutes: 5 }], ['okta_password', 'Password', 'password', 'ACTIVE'], ['okta_verify', 'Okta Verify', 'app', 'ACTIVE', verify],
    ['phone_number', 'Phone', 'phone', 'INACTIVE', { allowedFor: 'recovery' }], ['security_question', 'Security Question', 'security_question', 'INACTIVE', { allowedFor: 'recovery' }], ['webauthn', 'Security Key or Biometric', 'security_key', 'INACTIVE'],
  ] as Array<[string, string, string, string, Record<string, unknown>?]>) {
    tenant.collection('/api/v1/authenticators').put({ id: oktaId(tenant, 'aut'), key, name, type, status, created: now, lastUpdated: now, ...(settings ? { settings } : {}) });
  }

  // The admin exists before anything else so seeded events have a real actor.
  const system: Principal = { kind: 'SSWS', subject: 'system' };
  const asSystem = seedContext(tenant, twin, system);
  const adminPassword = f.admin?.password ?? 'Adm1nistrat0r!Pass';
  const adminProfile = { firstName: 'Org', lastName: 'Administrator', email: 'admin@example.com', login: 'admin@example.com', title: 'Administrator', ...f.admin?.profile };
  const admin = runSync(userHandlers, 'createUser', asSystem({}, { profile: adminProfile, credentials: { password: { value: adminPassword } } }, { activate: true }));
  const { token, doc } = mintApiToken(tenant, admin.id, 'dtu admin token');
  tenant.setMeta('okta:org', {
    subdomain: f.org?.subdomain ?? tenant.name,
    companyName: f.org?.companyName ?? 'Example Org',
    adminUserId: admin.id,
    adminLogin: adminProfile.login,
    adminPassword,
    apiToken: token,
    apiTokenId: doc.id,
  } satisfies OrgMeta);
  seedDefaultBrand(tenant);
  tenant.collection(`/api/v1/users/${admin.id}/roles`).put({
    id: oktaId(tenant, 'ra1'), label: 'Super Organization Administrator', type: 'SUPER_ADMIN', status: 'ACTIVE', created: now, lastUpdated: now, assignmentType: 'USER',
  });

  const ctx = seedContext(tenant, twin, { kind: 'SSWS', subject: admin.id, userId: admin.id });
  const groupIds = new Map<string, string>();
  for (const g of f.groups ?? []) {
    if (g.type === 'APP_GROUP') {
      const id = oktaId(tenant, '00g');
      groups(tenant).put({ id, created: now, lastUpdated: now, lastMembershipUpdated: now, objectClass: ['okta:windows_security_principal'], type: 'APP_GROUP', profile: { name: g.name, description: g.description ?? null } });
      groupIds.set(g.key, id);
      continue;
    }
    const created = runSync(groupHandlers, 'createGroup', ctx({}, { profile: { name: g.name, description: g.description ?? null } }));
    groupIds.set(g.key, created.id);
  }
  const gid = (key: string) => {
    const id = groupIds.get(key);
    if (!id) throw new Error(`okta fixture: unknown group key "${key}"`);
    return id;
  };

  // Rules go in before users, so active ones assign people as they are created (as in a live org).
  for (const r of f.groupRules ?? []) {
    const rule = runSync(groupRuleHandlers, 'createGroupRule', ctx({}, {
      type: 'group_rule',
      name: r.name,
      conditions: { expression: { value: r.expression, type: 'urn:okta:expression:1.0' } },
      actions: { assignUserToGroups: { groupIds: r.groups.map(gid) } },
    }));
    if (r.status !== 'INACTIVE') runSync(groupRuleHandlers, 'activateGroupRule', ctx({ ruleId: rule.id }));
  }

  for (const u of f.users ?? []) {
    const status = u.status ?? 'ACTIVE';
    const body: Record<string, unknown> = { profile: u.profile };
    if (u.password) body.credentials = { password: { value: u.password } };
    const created = runSync(userHandlers, 'createUser', ctx({}, body, { activate: status !== 'STAGED' }));
    for (const key of u.groups ?? []) {
      const g = groups(tenant).get(gid(key))!;
      if (g.type === 'APP_GROUP') addMember(tenant, g.id, created.id);
      else runSync(groupHandlers, 'addUserToGroup', ctx({ groupId: g.id, userId: created.id }));
    }
    const p = { userId: created.id };
    if (status === 'SUSPENDED') runSync(userLifecycleHandlers, 'suspendUser', ctx(p));
    if (status === 'DEPROVISIONED') runSync(userLifecycleHandlers, 'deactivateUser', ctx(p));
    if (status === 'PASSWORD_EXPIRED') runSync(userLifecycleHandlers, 'expirePassword', ctx(p));
    // Lockout happens through failed sign-ins, which the API cannot cause.
    if (status === 'LOCKED_OUT') users(tenant).patch(created.id, { status: 'LOCKED_OUT', statusChanged: now });
  }

  for (const a of f.apps ?? []) {
    const created = runSync(appHandlers, 'createApplication', ctx({}, a.app, { activate: a.status !== 'INACTIVE' }));
    for (const key of a.groups ?? []) runSync(appAssignmentHandlers, 'createApplicationGroupAssignment', ctx({ appId: created.id, groupId: gid(key) }, {}));
    for (const login of a.users ?? []) {
      const u = users(tenant).find((x) => x.profile.login === login);
      if (!u) throw new Error(`okta fixture: app ${a.key} assigns unknown user ${login}`);
      runSync(appAssignmentHandlers, 'assignUserToApplication', ctx({ appId: created.id }, { id: u.id, scope: 'USER' }));
    }
  }

  for (const h of f.eventHooks ?? []) runSync(eventHookHandlers, 'createEventHook', ctx({}, h));

  populateOAuth(tenant, fixture);
}

export { orgMeta };
