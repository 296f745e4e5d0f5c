// Policies and policy rules: the org's default policies, typed create/replace, priorities, lifecycle, system-policy protection.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { KEYS, oktaId } from '../store.js';
import { bodyObject, flag, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

export interface PolicyDoc extends Doc {
  type: string;
  name: string;
  description?: string | null;
  status: 'ACTIVE' | 'INACTIVE';
  priority: number;
  system: boolean;
  conditions: Record<string, unknown> | null;
  settings?: Record<string, unknown>;
  created: string;
  lastUpdated: string;
}

export interface RuleDoc extends Doc {
  type: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  priority: number;
  system: boolean;
  conditions: Record<string, unknown> | null;
  actions: Record<string, unknown>;
  created: string;
  lastUpdated: string;
}

/** Policy types and the type their rules carry (Policy API reference). */
const RULE_TYPE: Record<string, string> = {
  OKTA_SIGN_ON: 'SIGN_ON',
  PASSWORD: 'PASSWORD',
  MFA_ENROLL: 'MFA_ENROLL',
  ACCESS_POLICY: 'ACCESS_POLICY',
  PROFILE_ENROLLMENT: 'PROFILE_ENROLLMENT',
  IDP_DISCOVERY: 'IDP_DISCOVERY',
  OAUTH_AUTHORIZATION_POLICY: 'RESOURCE_ACCESS',
  POST_AUTH_SESSION: 'POST_AUTH_SESSION',
  ENTITY_RISK: 'ENTITY_RISK',
  DEVICE_SIGNAL_COLLECTION: 'DEVICE_SIGNAL_COLLECTION',
};

const policies = (t: Tenant) => t.collection<PolicyDoc>(KEYS.policies);
const rules = (t: Tenant, policyId: string) => t.collection<RuleDoc>(`${KEYS.policies}/${policyId}/rules`);

/** The default password policy's settings, matching the complexity the twin enforces. */
const PASSWORD_SETTINGS = {
  password: {
    complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, dictionary: { common: { exclude: false } }, excludeAttributes: [] },
    age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 4 },
    lockout: { maxAttempts: 10, autoUnlockMinutes: 0, userLockoutNotificationChannels: [], showLockoutFailures: false },
  },
  recovery: { factors: { recovery_question: { status: 'ACTIVE', properties: { complexity: { minLength: 4 } } }, okta_email: { status: 'ACTIVE', properties: { recoveryToken: { tokenLifetimeMinutes: 60 } } }, okta_sms: { status: 'INACTIVE' } } },
  delegation: { options: { skipUnlock: false } },
};

/** Every org has a system default policy (with a default rule) per core type. */
/** Okta ids authentication and profile enrollment policies `rst…`, the older policy types `00p…` (terraform cassettes). */
const policyPrefix = (type: string) => (type === 'ACCESS_POLICY' || type === 'PROFILE_ENROLLMENT' ? 'rst' : '00p');

export function ensureDefaultPolicies(tenant: Tenant): void {
  const now = tenant.now().toISOString();
  const defaults: Array<[string, string, Record<string, unknown> | undefined]> = [
    ['OKTA_SIGN_ON', 'Default Policy', undefined],
    ['PASSWORD', 'Default Policy', PASSWORD_SETTINGS],
    ['MFA_ENROLL', 'Default Policy', { type: 'AUTHENTICATORS', authenticators: [{ key: 'okta_password', enroll: { self: 'REQUIRED' } }, { key: 'okta_email', enroll: { self: 'REQUIRED' } }] }],
    ['ACCESS_POLICY', 'Default Policy', undefined],
    ['PROFILE_ENROLLMENT', 'Default Policy', undefined],
    ['IDP_DISCOVERY', 'Idp Discovery Policy', undefined],
  ];
  for (const [type, name, settings] of defaults) {
    if (policies(tenant).find((p) => p.type === type && p.system)) continue;
    const p = policies(tenant).put({
      id: oktaId(tenant, policyPrefix(type)), type, name, description: `The default ${type.toLowerCase().replace(/_/g, ' ')} policy`, status: 'ACTIVE', priority: 1, system: true,
      conditions: type === 'PASSWORD' ? { people: { groups: { include: [] } }, authProvider: { provider: 'OKTA' } } : null,
      ...(settings ? { settings } : {}), created: now, lastUpdated: now,
    });
    rules(tenant, p.id).put({
      id: oktaId(tenant, '0pr'), type: RULE_TYPE[type], name: type === 'IDP_DISCOVERY' ? 'Default Rule' : 'Default Rule', status: 'ACTIVE', priority: 99, system: true,
      conditions: { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } },
      actions: type === 'OKTA_SIGN_ON' ? { signon: { access: 'ALLOW', requireFactor: false, session: { maxSessionIdleMinutes: 120, maxSessionLifetimeMinutes: 0, usePersistentCookie: false } } } : {},
      created: now, lastUpdated: now,
    });
  }
}

function requirePolicy(ctx: OpContext, id: string): PolicyDoc {
  const p = policies(ctx.tenant).get(id);
  if (!p) throw notFound(id, 'Policy');
  return p;
}

function requireRule(ctx: OpContext, policyId: string, ruleId: string): RuleDoc {
  requirePolicy(ctx, policyId);
  const r = rules(ctx.tenant, policyId).get(ruleId);
  if (!r) throw notFound(ruleId, 'PolicyRule');
  return r;
}

/** Inserts at a priority (1-based) and renumbers the non-system items after it, as Okta does. */
function placeAt<T extends { id: string; priority: number; system: boolean }>(items: T[], doc: T, priority: unknown): T[] {
  const ordered = items.filter((x) => x.id !== doc.id && !x.system).sort((a, b) => a.priority - b.priority);
  const want = typeof priority === 'number' && priority >= 1 ? Math.min(priority, ordered.length + 1) : ordered.length + 1;
  ordered.splice(want - 1, 0, doc);
  ordered.forEach((x, i) => (x.priority = i + 1));
  return ordered;
}

const present = (ctx: OpContext, p: PolicyDoc) => ({
  ...structuredClone(p),
  _links: {
    self: { href: `${ctx.baseUrl}/api/v1/policies/${p.id}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
    rules: { href: `${ctx.baseUrl}/api/v1/policies/${p.id}/rules`, hints: { allow: ['GET', 'POST'] } },
    [p.status === 'ACTIVE' ? 'deactivate' : 'activate']: { href: `${ctx.baseUrl}/api/v1/policies/${p.id}/lifecycle/${p.status === 'ACTIVE' ? 'deactivate' : 'activate'}`, hints: { allow: ['POST'] } },
  },
});

const presentRule = (ctx: OpContext, policyId: string, r: RuleDoc) => ({
  ...structuredClone(r),
  _links: { self: { href: `${ctx.baseUrl}/api/v1/policies/${policyId}/rules/${r.id}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } } },
});

const target = (p: { id: string; name: string }, type: string) => ({ id: p.id, type, alternateId: 'unknown', displayName: p.name });

function checkPolicy(body: Record<string, any>): void {
  if (typeof body.type !== 'string' || !RULE_TYPE[body.type]) throw validationError('type', 'Does not match required pattern');
  if (typeof body.name !== 'string' || !body.name.trim()) throw validationError('name', 'The field cannot be left blank');
}

const createPolicy = (ctx: OpContext) => {
  ensureDefaultPolicies(ctx.tenant);
  const body = bodyObject(ctx);
  checkPolicy(body);
  const now = nowIso(ctx);
  const p: PolicyDoc = {
    id: oktaId(ctx.tenant, policyPrefix(body.type)), type: body.type, name: body.name, ...(typeof body.description === 'string' ? { description: body.description } : {}),
    status: flag(ctx.query, 'activate', true) && body.status !== 'INACTIVE' ? 'ACTIVE' : 'INACTIVE',
    priority: 0, system: false, conditions: body.conditions ?? null, ...(body.settings ? { settings: body.settings } : {}), created: now, lastUpdated: now,
  };
  for (const x of placeAt(policies(ctx.tenant).filter((x) => x.type === p.type), p, body.priority)) policies(ctx.tenant).put(x);
  emit(ctx, { eventType: 'policy.lifecycle.create', displayMessage: 'Create policy', target: [target(p, 'PolicyEntity')] });
  return { status: 200, body: present(ctx, policies(ctx.tenant).get(p.id)!) };
};

const updatePolicy = (ctx: OpContext<{ policyId: string }>) => {
  const p = requirePolicy(ctx, ctx.params.policyId);
  const body = bodyObject(ctx);
  checkPolicy({ type: p.type, ...body });
  if (body.type && body.type !== p.type) throw validationError('type', 'The policy type cannot be changed');
  const next: PolicyDoc = { ...p, name: body.name, description: body.description ?? p.description, conditions: body.conditions ?? p.conditions, ...(body.settings ? { settings: body.settings } : {}), lastUpdated: nowIso(ctx) };
  if (p.system) next.priority = p.priority;
  const placed = p.system ? [next] : placeAt(policies(ctx.tenant).filter((x) => x.type === p.type), next, body.priority ?? p.priority);
  for (const x of placed) policies(ctx.tenant).put(x);
  emit(ctx, { eventType: 'policy.lifecycle.update', displayMessage: 'Update policy', target: [target(next, 'PolicyEntity')] });
  return { status: 200, body: present(ctx, policies(ctx.tenant).get(p.id)!) };
};

const deletePolicy = (ctx: OpContext<{ policyId: string }>) => {
  const p = requirePolicy(ctx, ctx.params.policyId);
  if (p.system) throw oktaErrorWith('E0000001', ['Policy'], { causes: ['Default policy cannot be deleted.'] });
  policies(ctx.tenant).delete(p.id);
  rules(ctx.tenant, p.id).clear();
  emit(ctx, { eventType: 'policy.lifecycle.delete', displayMessage: 'Delete policy', target: [target(p, 'PolicyEntity')] });
  return noContent();
};

function setPolicyStatus(ctx: OpContext<{ policyId: string }>, status: PolicyDoc['status']) {
  const p = requirePolicy(ctx, ctx.params.policyId);
  if (p.system && status === 'INACTIVE') throw oktaErrorWith('E0000001', ['Policy'], { causes: ['Default policy cannot be deactivated.'] });
  policies(ctx.tenant).patch(p.id, { status, lastUpdated: nowIso(ctx) });
  emit(ctx, { eventType: status === 'ACTIVE' ? 'policy.lifecycle.activate' : 'policy.lifecycle.deactivate', displayMessage: status === 'ACTIVE' ? 'Activate policy' : 'Deactivate policy', target: [target(p, 'PolicyEntity')] });
  return noContent();
}

const listPolicies = (ctx: OpContext) => {
  ensureDefaultPolicies(ctx.tenant);
  const q = ctx.query as Record<string, unknown>;
  let list = policies(ctx.tenant).filter((p) => p.type === q.type);
  if (typeof q.status === 'string' && q.status) list = list.filter((p) => p.status === q.status);
  list.sort((a, b) => (a.system === b.system ? a.priority - b.priority : a.system ? 1 : -1));
  const expandRules = String(q.expand ?? '') === 'rules';
  return {
    status: 200,
    body: list.map((p) => {
      const out: Record<string, unknown> = present(ctx, p);
      if (expandRules) out._embedded = { rules: rules(ctx.tenant, p.id).values().map((r) => presentRule(ctx, p.id, r)) };
      return out;
    }),
  };
};

function checkRule(p: PolicyDoc, body: Record<string, any>): void {
  if (typeof body.name !== 'string' || !body.name.trim()) throw validationError('name', 'The field cannot be left blank');
  if (body.type !== undefined && body.type !== RULE_TYPE[p.type]) throw validationError('type', `The rule type must be ${RULE_TYPE[p.type]} for a ${p.type} policy`);
}

const createPolicyRule = (ctx: OpContext<{ policyId: string }>) => {
  const p = requirePolicy(ctx, ctx.params.policyId);
  const body = bodyObject(ctx);
  checkRule(p, body);
  const now = nowIso(ctx);
  const r: RuleDoc = {
    id: oktaId(ctx.tenant, '0pr'), type: RULE_TYPE[p.type], name: body.name, status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE', priority: 0, system: false,
    conditions: body.conditions ?? null, actions: body.actions ?? {}, created: now, lastUpdated: now,
  };
  for (const x of placeAt(rules(ctx.tenant, p.id).values(), r, body.priority)) rules(ctx.tenant, p.id).put(x);
  emit(ctx, { eventType: 'policy.rule.add', displayMessage: 'Add policy rule', target: [target(p, 'PolicyEntity'), target(r, 'PolicyRule')] });
  return { status: 200, body: presentRule(ctx, p.id, rules(ctx.tenant, p.id).get(r.id)!) };
};

const updatePolicyRule = (ctx: OpContext<{ policyId: string; ruleId: string }>) => {
  const r = requireRule(ctx, ctx.params.policyId, ctx.params.ruleId);
  const p = requirePolicy(ctx, ctx.params.policyId);
  const body = bodyObject(ctx);
  checkRule(p, body);
  const next: RuleDoc = { ...r, name: body.name, conditions: body.conditions ?? r.conditions, actions: body.actions ?? r.actions, lastUpdated: nowIso(ctx) };
  const placed = r.system ? [next] : placeAt(rules(ctx.tenant, p.id).values(), next, body.priority ?? r.priority);
  for (const x of placed) rules(ctx.tenant, p.id).put(x);
  emit(ctx, { eventType: 'policy.rule.update', displayMessage: 'Update policy rule', target: [target(p, 'PolicyEntity'), target(r, 'PolicyRule')] });
  return { status: 200, body: presentRule(ctx, p.id, rules(ctx.tenant, p.id).get(r.id)!) };
};

const deletePolicyRule = (ctx: OpContext<{ policyId: string; ruleId: string }>) => {
  const r = requireRule(ctx, ctx.params.policyId, ctx.params.ruleId);
  if (r.system) throw oktaErrorWith('E0000001', ['PolicyRule'], { causes: ['Default rule cannot be deleted.'] });
  rules(ctx.tenant, ctx.params.policyId).delete(r.id);
  emit(ctx, { eventType: 'policy.rule.delete', displayMessage: 'Delete policy rule', target: [target(r, 'PolicyRule')] });
  return noContent();
};

function setRuleStatus(ctx: OpContext<{ policyId: string; ruleId: string }>, status: RuleDoc['status']) {
  const r = requireRule(ctx, ctx.params.policyId, ctx.params.ruleId);
  if (r.system && status === 'INACTIVE') throw oktaErrorWith('E0000001', ['PolicyRule'], { causes: ['Default rule cannot be deactivated.'] });
  rules(ctx.tenant, ctx.params.policyId).patch(r.id, { status, lastUpdated: nowIso(ctx) });
  emit(ctx, { eventType: status === 'ACTIVE' ? 'policy.rule.activate' : 'policy.rule.deactivate', displayMessage: status === 'ACTIVE' ? 'Activate policy rule' : 'Deactivate policy rule', target: [target(r, 'PolicyRule')] });
  return noContent();
}

const clonePolicy = (ctx: OpContext<{ policyId: string }>) => {
  const p = requirePolicy(ctx, ctx.params.policyId);
  const now = nowIso(ctx);
  const copy: PolicyDoc = { ...structuredClone(p), id: oktaId(ctx.tenant, '00p'), name: `${p.name} (Copy)`, system: false, created: now, lastUpdated: now };
  for (const x of placeAt(policies(ctx.tenant).filter((x) => x.type === p.type), copy, undefined)) policies(ctx.tenant).put(x);
  for (const r of rules(ctx.tenant, p.id).values()) rules(ctx.tenant, copy.id).put({ ...structuredClone(r), id: oktaId(ctx.tenant, '0pr'), system: false, created: now, lastUpdated: now });
  return { status: 200, body: present(ctx, policies(ctx.tenant).get(copy.id)!) };
};

export const policyHandlers = {
  listPolicies,
  createPolicy,
  getPolicy: (ctx) => {
    const p = requirePolicy(ctx, ctx.params.policyId);
    const out: Record<string, unknown> = present(ctx, p);
    if (String((ctx.query as Record<string, unknown>).expand ?? '') === 'rules') out._embedded = { rules: rules(ctx.tenant, p.id).values().map((r) => presentRule(ctx, p.id, r)) };
    return { status: 200, body: out };
  },
  updatePolicy,
  deletePolicy,
  activatePolicy: (ctx) => setPolicyStatus(ctx, 'ACTIVE'),
  deactivatePolicy: (ctx) => setPolicyStatus(ctx, 'INACTIVE'),
  clonePolicy,
  listPolicyRules: (ctx) => {
    const p = requirePolicy(ctx, ctx.params.policyId);
    return { status: 200, body: rules(ctx.tenant, p.id).values().sort((a, b) => a.priority - b.priority).map((r) => presentRule(ctx, p.id, r)) };
  },
  createPolicyRule,
  getPolicyRule: (ctx) => ({ status: 200, body: presentRule(ctx, ctx.params.policyId, requireRule(ctx, ctx.params.policyId, ctx.params.ruleId)) }),
  updatePolicyRule,
  deletePolicyRule,
  activatePolicyRule: (ctx) => setRuleStatus(ctx, 'ACTIVE'),
  deactivatePolicyRule: (ctx) => setRuleStatus(ctx, 'INACTIVE'),
} satisfies Handlers;
