// Policies and policy rules: the org's default policies, typed create/replace, priorities, lifecycle, system-policy protection.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { KEYS, oktaId } from '../store.js';
import { RULE_TYPE, ensureSystemPolicies, policyPrefix, rulePrefix } from '../model/system-policies.js';
import { ruleWithDefaults } from '../model/policy-rule-defaults.js';
import { policySettingsWithDefaults } from '../model/policy-settings-defaults.js';
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

const policies = (t: Tenant) => t.collection<PolicyDoc>(KEYS.policies);
const rules = (t: Tenant, policyId: string) => t.collection<RuleDoc>(`${KEYS.policies}/${policyId}/rules`);

/** The org's system policies: made with the org, and again for a tenant loaded from before they existed. */
export function ensureDefaultPolicies(tenant: Tenant): void {
  ensureSystemPolicies(tenant, tenant.collection(KEYS.groups).find((g) => g.type === 'BUILT_IN')?.id);
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

/** Policy types whose own (non-system) policies link their mappings (terraform cassettes: app sign-in, enrollment, sign-on, password). */
const MAPPED_TYPES = new Set(['ACCESS_POLICY', 'PROFILE_ENROLLMENT', 'OKTA_SIGN_ON', 'PASSWORD']);

/**
 * Okta's policy links: system policies can be read and replaced only; the Okta Account Management policy (an app sign-in
 * policy for the end-user account resource) only read, with no mappings or lifecycle; other policies link their
 * mappings and lifecycle, an inactive one `activate` first (terraform cassettes).
 */
const present = (ctx: OpContext, p: PolicyDoc) => {
  const { resourceType, ...doc } = structuredClone(p) as PolicyDoc & { resourceType?: string };
  const self = `${ctx.baseUrl}/api/v1/policies/${p.id}`;
  const accountManagement = resourceType === 'END_USER_ACCOUNT_MANAGEMENT';
  const fixed = p.system || accountManagement;
  const lifecycle = p.status === 'ACTIVE' ? 'deactivate' : 'activate';
  const life = fixed ? {} : { [lifecycle]: { href: `${self}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } } };
  const mapped = !fixed && MAPPED_TYPES.has(p.type);
  return {
    ...doc,
    _links: {
      ...(mapped ? { mappings: { href: `${self}/mappings`, hints: { allow: ['GET', 'POST'] } } } : {}),
      ...(p.status === 'INACTIVE' ? life : {}),
      self: { href: self, hints: { allow: accountManagement ? ['GET'] : p.system ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'] } },
      rules: { href: `${self}/rules`, hints: { allow: ['GET', 'POST'] } },
      ...(p.status === 'INACTIVE' ? {} : life),
    },
  };
};

/** A listed app sign-in policy embeds its resource type; one read by id does not (terraform cassettes: listPolicies vs getPolicy). */
const presentListed = (ctx: OpContext, p: PolicyDoc) => {
  const out: Record<string, unknown> = present(ctx, p);
  if (p.type === 'ACCESS_POLICY') out._embedded = { resourceType: (p as PolicyDoc & { resourceType?: string }).resourceType ?? 'APP' };
  return out;
};

/** Rule links as policies have them: a default rule is read and replaced only, any other rule links its lifecycle (terraform cassettes). */
const presentRule = (ctx: OpContext, policyId: string, r: RuleDoc) => {
  const self = `${ctx.baseUrl}/api/v1/policies/${policyId}/rules/${r.id}`;
  const lifecycle = r.status === 'ACTIVE' ? 'deactivate' : 'activate';
  return {
    ...structuredClone(r),
    _links: {
      self: { href: self, hints: { allow: r.system ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'] } },
      ...(r.system ? {} : { [lifecycle]: { href: `${self}/lifecycle/${lifecycle}`, hints: { allow: ['POST'] } } }),
    },
  };
};

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
    priority: 0, system: false, conditions: body.conditions ?? null, ...(body.settings ? { settings: policySettingsWithDefaults(body.type, body.settings) as Record<string, unknown> } : {}), created: now, lastUpdated: now,
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
  const next: PolicyDoc = { ...p, name: body.name, description: body.description ?? p.description, conditions: body.conditions ?? p.conditions, ...(body.settings ? { settings: policySettingsWithDefaults(p.type, body.settings) as Record<string, unknown> } : {}), lastUpdated: nowIso(ctx) };
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
  // App sign-in policies all sit at priority 1 and list in creation order (terraform cassettes); the other types by priority, system last.
  if (q.type !== 'ACCESS_POLICY') list.sort((a, b) => (a.system === b.system ? a.priority - b.priority : a.system ? 1 : -1));
  const expandRules = String(q.expand ?? '') === 'rules';
  return {
    status: 200,
    body: list.map((p) => {
      const out = presentListed(ctx, p);
      if (expandRules) out._embedded = { ...(out._embedded as object), rules: rules(ctx.tenant, p.id).values().map((r) => presentRule(ctx, p.id, r)) };
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
    id: oktaId(ctx.tenant, rulePrefix(p.type)), type: RULE_TYPE[p.type], name: body.name, status: body.status === 'INACTIVE' ? 'INACTIVE' : 'ACTIVE', priority: 0, system: false,
    ...ruleWithDefaults(RULE_TYPE[p.type], body.conditions ?? null, body.actions ?? {}), created: now, lastUpdated: now,
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
  const next: RuleDoc = { ...r, name: body.name, ...ruleWithDefaults(r.type, body.conditions ?? r.conditions, body.actions ?? r.actions), lastUpdated: nowIso(ctx) };
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
  const copy: PolicyDoc = { ...structuredClone(p), id: oktaId(ctx.tenant, policyPrefix(p.type)), name: `${p.name} (Copy)`, system: false, created: now, lastUpdated: now };
  for (const x of placeAt(policies(ctx.tenant).filter((x) => x.type === p.type), copy, undefined)) policies(ctx.tenant).put(x);
  for (const r of rules(ctx.tenant, p.id).values()) rules(ctx.tenant, copy.id).put({ ...structuredClone(r), id: oktaId(ctx.tenant, rulePrefix(p.type)), system: false, created: now, lastUpdated: now });
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
