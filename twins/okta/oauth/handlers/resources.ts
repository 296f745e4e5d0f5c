// Authorization Servers API: scopes, claims, access policies and their rules (CRUD, priorities, lifecycle).
import type { Collection } from '../../../../src/core/tenant.js';
import type { OpContext } from '../../../../src/core/handler.js';
import { notFound, oktaErrorWith, validationError } from '../../errors.js';
import { page } from '../../present/paging.js';
import { presentClaim, presentPolicy, presentRule, presentScope } from '../present/servers.js';
import { oktaId } from '../../store.js';
import {
  claims, pathId, policies, policyOr404, ruleOr404, rules, scopes, serverOr404,
  type ClaimDoc, type Known, type PolicyDoc, type RuleDoc, type ScopeDoc, type ServerDoc,
} from '../model/servers.js';
import type { Handlers } from '../../generated/operations.js';

type Body = Record<string, any>;
const body = (ctx: OpContext): Body => (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? (ctx.body as Body) : {});
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const bool = (v: unknown, dflt: boolean) => (typeof v === 'boolean' ? v : dflt);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const server = (ctx: OpContext): ServerDoc => serverOr404(ctx.tenant, ctx.params.authServerId);
const STATUS = (v: unknown, dflt: 'ACTIVE' | 'INACTIVE') => (v === 'ACTIVE' || v === 'INACTIVE' ? v : dflt);

const unique = (field: string) => validationError(field, 'An object with this field already exists in the current organization');

/**
 * Okta keeps priorities dense (1..n): a new or moved item takes the requested slot
 * and the others shift (cassette test_policy_rules_lifecycle: priority 2 of one rule → 1).
 */
function placeByPriority<T extends { id: string; priority: number }>(coll: Collection<T & { id: string }>, doc: T, requested: unknown): void {
  const others = coll.values().filter((d) => d.id !== doc.id).sort((a, b) => a.priority - b.priority);
  const n = typeof requested === 'number' && Number.isFinite(requested) ? Math.trunc(requested) : others.length + 1;
  const slot = Math.min(Math.max(n, 1), others.length + 1);
  others.splice(slot - 1, 0, doc);
  others.forEach((d, i) => {
    if (d.id === doc.id) d.priority = i + 1;
    else if (d.priority !== i + 1) coll.patch(d.id, { priority: i + 1 } as Partial<T & { id: string }>);
  });
}

// ---- scopes -------------------------------------------------------------------------------------

function scopeInput(ctx: OpContext, s: ServerDoc, b: Body, self?: ScopeDoc): Omit<Known<ScopeDoc>, 'id'> {
  const name = str(b.name);
  if (!name) throw validationError('name', 'The field cannot be left blank');
  if (/\s/.test(name)) throw validationError('name', 'Scope names cannot contain whitespace');
  if (self?.system && name !== self.name) throw oktaErrorWith('E0000001', ['name'], { causes: ['name: System scope names cannot be changed.'] });
  if (scopes(ctx.tenant, s.id).find((x) => x.id !== self?.id && x.name === name)) throw unique('name');
  const out: Omit<Known<ScopeDoc>, 'id'> = {
    name,
    description: typeof b.description === 'string' ? b.description : self?.description ?? null,
    system: self?.system ?? false,
    metadataPublish: b.metadataPublish === 'ALL_CLIENTS' ? 'ALL_CLIENTS' : b.metadataPublish === 'NO_CLIENTS' ? 'NO_CLIENTS' : self?.metadataPublish ?? 'NO_CLIENTS',
    default: bool(b.default, self?.default ?? false),
    consent: ['REQUIRED', 'IMPLICIT', 'ADMIN', 'FLEXIBLE'].includes(b.consent) ? b.consent : self?.consent ?? 'IMPLICIT',
    optional: bool(b.optional, self?.optional ?? false),
  };
  if (typeof b.displayName === 'string') out.displayName = b.displayName;
  else if (self?.displayName) out.displayName = self.displayName;
  return out;
}

const scopeOr404 = (ctx: OpContext, s: ServerDoc) => scopes(ctx.tenant, s.id).get(ctx.params.scopeId) ?? (() => { throw notFound(ctx.params.scopeId, 'OAuth2Scope'); })();

// ---- claims -------------------------------------------------------------------------------------

function claimInput(ctx: OpContext, s: ServerDoc, b: Body, self?: ClaimDoc): Omit<Known<ClaimDoc>, 'id'> {
  const name = str(b.name);
  if (!name) throw validationError('name', 'The field cannot be left blank');
  const claimType = b.claimType === 'IDENTITY' || b.claimType === 'RESOURCE' ? b.claimType : self?.claimType;
  if (!claimType) throw validationError('claimType', 'The field cannot be left blank');
  const valueType = ['EXPRESSION', 'GROUPS', 'SYSTEM'].includes(b.valueType) ? b.valueType : self?.valueType;
  if (!valueType) throw validationError('valueType', 'The field cannot be left blank');
  const value = typeof b.value === 'string' ? b.value : self?.value;
  if (valueType !== 'SYSTEM' && !str(value)) throw validationError('value', 'The field cannot be left blank');
  if (claims(ctx.tenant, s.id).find((x) => x.id !== self?.id && x.name === name && x.claimType === claimType)) throw unique('name');
  return {
    name,
    status: STATUS(b.status, self?.status ?? 'ACTIVE'),
    claimType,
    valueType,
    ...(value !== undefined ? { value } : {}),
    conditions: { scopes: strings(b.conditions?.scopes ?? self?.conditions.scopes) },
    system: self?.system ?? false,
    alwaysIncludeInToken: bool(b.alwaysIncludeInToken, self?.alwaysIncludeInToken ?? true),
    ...(valueType === 'GROUPS' ? { group_filter_type: str(b.group_filter_type) ?? self?.group_filter_type ?? 'STARTS_WITH' } : {}),
  };
}

const claimOr404 = (ctx: OpContext, s: ServerDoc) => claims(ctx.tenant, s.id).get(ctx.params.claimId) ?? (() => { throw notFound(ctx.params.claimId, 'OAuth2Claim'); })();

// ---- policies and rules -------------------------------------------------------------------------

function policyInput(b: Body, self?: PolicyDoc): Omit<Known<PolicyDoc>, 'id' | 'created' | 'lastUpdated' | 'priority'> {
  const name = str(b.name);
  if (!name) throw validationError('name', 'The field cannot be left blank');
  if (b.type !== undefined && b.type !== 'OAUTH_AUTHORIZATION_POLICY') throw validationError('type', 'Does not match required pattern');
  return {
    type: 'OAUTH_AUTHORIZATION_POLICY',
    status: STATUS(b.status, self?.status ?? 'ACTIVE'),
    name,
    description: typeof b.description === 'string' ? b.description : self?.description ?? name,
    system: self?.system ?? false,
    conditions: { clients: { include: strings(b.conditions?.clients?.include ?? self?.conditions.clients.include) } },
  };
}

/** Grant types as Okta orders them in a rule (cassette: client_credentials before authorization_code). */
const GRANT_ORDER = ['client_credentials', 'authorization_code', 'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:token-exchange', 'urn:ietf:params:oauth:grant-type:saml2-bearer', 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'interaction_code', 'password', 'implicit'];
const RULE_GRANTS = new Set(GRANT_ORDER);

function ruleInput(b: Body, self?: RuleDoc): Omit<Known<RuleDoc>, 'id' | 'created' | 'lastUpdated' | 'priority'> {
  const name = str(b.name);
  if (!name) throw validationError('name', 'The field cannot be left blank');
  const c = b.conditions ?? {};
  const grants = strings(c.grantTypes?.include ?? self?.conditions.grantTypes.include);
  if (!grants.length) throw validationError('conditions.grantTypes', 'The field cannot be left blank');
  const bad = grants.find((g) => !RULE_GRANTS.has(g));
  if (bad) throw validationError('conditions.grantTypes', `Invalid grant type: ${bad}`);
  // A scopes condition must be there, but Okta takes an empty one (`"scopes": {}`, answered as `include: []`:
  // Terraform's okta_auth_server_policy_rule sends it for a rule that names no scope).
  const scopeCond = c.scopes ?? self?.conditions.scopes;
  if (!scopeCond || typeof scopeCond !== 'object') throw validationError('conditions.scopes', 'The field cannot be left blank');
  const scopeList = strings(scopeCond.include);
  const people = c.people ?? self?.conditions.people ?? {};
  const t = b.actions?.token ?? self?.actions.token ?? {};
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    type: 'RESOURCE_ACCESS',
    status: STATUS(b.status, self?.status ?? 'ACTIVE'),
    name,
    system: self?.system ?? false,
    conditions: {
      people: {
        users: { ...(people.users?.include ? { include: strings(people.users.include) } : {}), exclude: strings(people.users?.exclude) },
        ...(people.groups ? { groups: { ...(people.groups.include ? { include: strings(people.groups.include) } : {}), ...(people.groups.exclude ? { exclude: strings(people.groups.exclude) } : {}) } } : {}),
      },
      grantTypes: { include: [...grants].sort((x, y) => GRANT_ORDER.indexOf(x) - GRANT_ORDER.indexOf(y)) },
      scopes: { include: scopeList },
    },
    actions: {
      token: {
        accessTokenLifetimeMinutes: num(t.accessTokenLifetimeMinutes, 60),
        refreshTokenLifetimeMinutes: num(t.refreshTokenLifetimeMinutes, 0),
        refreshTokenWindowMinutes: num(t.refreshTokenWindowMinutes, 10080),
        ...(t.inlineHook ? { inlineHook: t.inlineHook } : {}),
      },
    },
  };
}

function lifecycle<T extends { status: string; lastUpdated?: string; id: string }>(coll: Collection<T>, doc: T, status: 'ACTIVE' | 'INACTIVE', now: string) {
  if (doc.status !== status) coll.patch(doc.id, { status, lastUpdated: now } as Partial<T>);
  return { status: 204 };
}

const listOf = <T extends { id: string }>(ctx: OpContext, items: T[], present: (d: T) => unknown) =>
  page(ctx, items, { defaultLimit: 200, maxLimit: 200, present });

export const resourceHandlers = {
  listOAuth2Scopes(ctx) {
    const s = server(ctx);
    const q = str((ctx.query as Body).q);
    return listOf(ctx, scopes(ctx.tenant, s.id).filter((x) => !q || x.name.startsWith(q)), (x) => presentScope(ctx.baseUrl, pathId(s), x));
  },
  createOAuth2Scope(ctx) {
    const s = server(ctx);
    const doc = scopes(ctx.tenant, s.id).put({ id: oktaId(ctx.tenant, 'scp'), ...scopeInput(ctx, s, body(ctx)) });
    return { status: 201, body: presentScope(ctx.baseUrl, pathId(s), doc) };
  },
  getOAuth2Scope: (ctx) => ({ body: presentScope(ctx.baseUrl, pathId(server(ctx)), scopeOr404(ctx, server(ctx))) }),
  updateOAuth2Scope(ctx) {
    const s = server(ctx);
    const cur = scopeOr404(ctx, s);
    const doc = scopes(ctx.tenant, s.id).put({ id: cur.id, ...scopeInput(ctx, s, body(ctx), cur) });
    return { body: presentScope(ctx.baseUrl, pathId(s), doc) };
  },
  deleteOAuth2Scope(ctx) {
    const s = server(ctx);
    const cur = scopeOr404(ctx, s);
    if (cur.system) throw oktaErrorWith('E0000001', ['scope'], { causes: ['scope: System scopes cannot be deleted.'] });
    scopes(ctx.tenant, s.id).delete(cur.id);
    return { status: 204 };
  },

  listOAuth2Claims(ctx) {
    const s = server(ctx);
    return { body: claims(ctx.tenant, s.id).values().map((x) => presentClaim(ctx.baseUrl, pathId(s), x)) };
  },
  createOAuth2Claim(ctx) {
    const s = server(ctx);
    const doc = claims(ctx.tenant, s.id).put({ id: oktaId(ctx.tenant, 'ocl'), ...claimInput(ctx, s, body(ctx)) });
    return { status: 201, body: presentClaim(ctx.baseUrl, pathId(s), doc) };
  },
  getOAuth2Claim: (ctx) => ({ body: presentClaim(ctx.baseUrl, pathId(server(ctx)), claimOr404(ctx, server(ctx))) }),
  updateOAuth2Claim(ctx) {
    const s = server(ctx);
    const cur = claimOr404(ctx, s);
    const doc = claims(ctx.tenant, s.id).put({ id: cur.id, ...claimInput(ctx, s, body(ctx), cur) });
    return { body: presentClaim(ctx.baseUrl, pathId(s), doc) };
  },
  deleteOAuth2Claim(ctx) {
    const s = server(ctx);
    const cur = claimOr404(ctx, s);
    claims(ctx.tenant, s.id).delete(cur.id);
    return { status: 204 };
  },

  listAuthorizationServerPolicies(ctx) {
    const s = server(ctx);
    const list = policies(ctx.tenant, s.id).values().sort((a, b) => a.priority - b.priority);
    return { body: list.map((p) => presentPolicy(ctx.baseUrl, pathId(s), p)) };
  },
  createAuthorizationServerPolicy(ctx) {
    const s = server(ctx);
    const b = body(ctx);
    const now = ctx.now().toISOString();
    const coll = policies(ctx.tenant, s.id);
    const doc: PolicyDoc = { id: oktaId(ctx.tenant, '00p'), ...policyInput(b), priority: 0, created: now, lastUpdated: now };
    placeByPriority(coll, doc, b.priority);
    coll.put(doc);
    return { status: 201, body: presentPolicy(ctx.baseUrl, pathId(s), doc) };
  },
  getAuthorizationServerPolicy: (ctx) => ({ body: presentPolicy(ctx.baseUrl, pathId(server(ctx)), policyOr404(ctx.tenant, server(ctx).id, ctx.params.policyId)) }),
  updateAuthorizationServerPolicy(ctx) {
    const s = server(ctx);
    const cur = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    const b = body(ctx);
    const coll = policies(ctx.tenant, s.id);
    const doc: PolicyDoc = { ...cur, ...policyInput(b, cur), lastUpdated: ctx.now().toISOString() };
    placeByPriority(coll, doc, b.priority ?? cur.priority);
    coll.put(doc);
    return { body: presentPolicy(ctx.baseUrl, pathId(s), doc) };
  },
  deleteAuthorizationServerPolicy(ctx) {
    const s = server(ctx);
    const cur = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    policies(ctx.tenant, s.id).delete(cur.id);
    rules(ctx.tenant, s.id, cur.id).clear();
    const rest = policies(ctx.tenant, s.id).values().sort((a, b) => a.priority - b.priority);
    rest.forEach((p, i) => p.priority !== i + 1 && policies(ctx.tenant, s.id).patch(p.id, { priority: i + 1 }));
    return { status: 204 };
  },
  activateAuthorizationServerPolicy(ctx) {
    const s = server(ctx);
    return lifecycle(policies(ctx.tenant, s.id), policyOr404(ctx.tenant, s.id, ctx.params.policyId), 'ACTIVE', ctx.now().toISOString());
  },
  deactivateAuthorizationServerPolicy(ctx) {
    const s = server(ctx);
    return lifecycle(policies(ctx.tenant, s.id), policyOr404(ctx.tenant, s.id, ctx.params.policyId), 'INACTIVE', ctx.now().toISOString());
  },

  listAuthorizationServerPolicyRules(ctx) {
    const s = server(ctx);
    const p = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    const list = rules(ctx.tenant, s.id, p.id).values().sort((a, b) => a.priority - b.priority);
    return { body: list.map((r) => presentRule(ctx.baseUrl, pathId(s), p.id, r)) };
  },
  createAuthorizationServerPolicyRule(ctx) {
    const s = server(ctx);
    const p = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    const b = body(ctx);
    const now = ctx.now().toISOString();
    const coll = rules(ctx.tenant, s.id, p.id);
    const doc: RuleDoc = { id: oktaId(ctx.tenant, '0pr'), ...ruleInput(b), priority: 0, created: now, lastUpdated: now };
    placeByPriority(coll, doc, b.priority);
    coll.put(doc);
    return { status: 201, body: presentRule(ctx.baseUrl, pathId(s), p.id, doc) };
  },
  getAuthorizationServerPolicyRule(ctx) {
    const s = server(ctx);
    const p = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    return { body: presentRule(ctx.baseUrl, pathId(s), p.id, ruleOr404(ctx.tenant, s.id, p.id, ctx.params.ruleId)) };
  },
  updateAuthorizationServerPolicyRule(ctx) {
    const s = server(ctx);
    const p = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    const cur = ruleOr404(ctx.tenant, s.id, p.id, ctx.params.ruleId);
    const b = body(ctx);
    const coll = rules(ctx.tenant, s.id, p.id);
    const doc: RuleDoc = { ...cur, ...ruleInput(b, cur), lastUpdated: ctx.now().toISOString() };
    placeByPriority(coll, doc, b.priority ?? cur.priority);
    coll.put(doc);
    return { body: presentRule(ctx.baseUrl, pathId(s), p.id, doc) };
  },
  deleteAuthorizationServerPolicyRule(ctx) {
    const s = server(ctx);
    const p = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    const cur = ruleOr404(ctx.tenant, s.id, p.id, ctx.params.ruleId);
    rules(ctx.tenant, s.id, p.id).delete(cur.id);
    return { status: 204 };
  },
  activateAuthorizationServerPolicyRule(ctx) {
    const s = server(ctx);
    const p = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    return lifecycle(rules(ctx.tenant, s.id, p.id), ruleOr404(ctx.tenant, s.id, p.id, ctx.params.ruleId), 'ACTIVE', ctx.now().toISOString());
  },
  deactivateAuthorizationServerPolicyRule(ctx) {
    const s = server(ctx);
    const p = policyOr404(ctx.tenant, s.id, ctx.params.policyId);
    return lifecycle(rules(ctx.tenant, s.id, p.id), ruleOr404(ctx.tenant, s.id, p.id, ctx.params.ruleId), 'INACTIVE', ctx.now().toISOString());
  },
} satisfies Handlers;
