// Access-policy evaluation at /token and /authorize: which scopes a client may get, for which grant and user, and for how long.
import type { Tenant } from '../../../../src/core/tenant.js';
import { userGroupIds, everyoneGroup, type AppDoc, type UserDoc } from '../../store.js';
import { OAUTH, oauthError } from '../errors.js';
import { policies, rules, scopes as scopeColl, type RuleDoc } from './servers.js';
import type { AsContext } from './context.js';

export interface Decision {
  scopes: string[];
  accessTtlSec: number;
  /** 0 means the refresh token never expires by age. */
  refreshLifetimeMin: number;
  refreshWindowMin: number;
  rule?: RuleDoc;
}

/** The reserved OIDC scopes the org server understands (docs "Reserved scopes"). */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'address', 'phone', 'offline_access', 'groups'];

const ORG_DEFAULTS = { accessTtlSec: 3600, refreshLifetimeMin: 0, refreshWindowMin: 10080 };

export function splitScopes(raw: string | null | undefined): string[] | undefined {
  if (raw === null || raw === undefined) return undefined;
  const list = raw.split(/\s+/).filter(Boolean);
  return [...new Set(list)];
}

/** `okta.*` scopes an admin granted to the app (`/api/v1/apps/{appId}/grants`, OAuth2ScopeConsentGrant docs). */
export function grantedOktaScopes(t: Tenant, app: AppDoc): Set<string> {
  const out = new Set<string>();
  for (const g of t.collection(`/api/v1/apps/${app.id}/grants`).values()) {
    const status = (g as Record<string, unknown>).status;
    const scopeId = (g as Record<string, unknown>).scopeId;
    if (typeof scopeId === 'string' && (status === undefined || status === 'ACTIVE')) out.add(scopeId);
  }
  return out;
}

/** Whether a user may use an app: assigned directly, or through a group (Everyone included). */
export function isAssigned(t: Tenant, app: AppDoc, user: UserDoc): boolean {
  if (t.collection(`/api/v1/apps/${app.id}/users`).has(user.id)) return true;
  const groups = t.collection(`/api/v1/apps/${app.id}/groups`);
  if (!groups.size) return false;
  const everyone = everyoneGroup(t);
  if (everyone && groups.has(everyone.id)) return true;
  return userGroupIds(t, user.id).some((g) => groups.has(g));
}

/**
 * The org server: OIDC scopes for people, and `okta.*` scopes only as granted to
 * the app (developer.okta.com "Implement OAuth for Okta with a service app").
 * A custom scope is refused with the wording of Okta support's "Custom scopes are
 * not allowed for this request" article.
 */
function decideOrg(t: Tenant, app: AppDoc, grantType: string, requested: string[] | undefined): Decision {
  if (!requested?.length) throw OAUTH.noDefaultScopes();
  const granted = grantedOktaScopes(t, app);
  for (const s of requested) {
    if (s.startsWith('okta.')) {
      if (!granted.has(s)) throw oauthError(400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
    } else if (!OIDC_SCOPES.includes(s)) {
      throw OAUTH.customScopes();
    } else if (grantType === 'client_credentials') {
      throw OAUTH.scopesNotConfigured();
    }
  }
  return { scopes: requested, ...ORG_DEFAULTS };
}

function peopleMatch(t: Tenant, rule: RuleDoc, user: UserDoc | undefined): boolean {
  if (!user) return true;
  const people = rule.conditions?.people ?? {};
  if (people.users?.exclude?.includes(user.id)) return false;
  const includeUsers = people.users?.include ?? [];
  const includeGroups = people.groups?.include ?? [];
  if (!includeUsers.length && !includeGroups.length) return true;
  if (includeUsers.includes(user.id)) return true;
  if (includeGroups.includes('EVERYONE')) return true;
  const mine = new Set(userGroupIds(t, user.id));
  const everyone = everyoneGroup(t);
  if (everyone) mine.add(everyone.id);
  return includeGroups.some((g) => mine.has(g));
}

const byPriority = <T extends { priority?: number }>(a: T, b: T) => (a.priority ?? 0) - (b.priority ?? 0);

/**
 * A custom server: scopes must exist on the server, then the first ACTIVE policy
 * naming the client (or ALL_CLIENTS) must hold an ACTIVE rule, by priority, that
 * allows the grant type, the user and every requested scope (docs "Access Policies",
 * "Policy evaluation failed" when none does).
 */
function decideCustom(ctx: AsContext, app: AppDoc, grantType: string, requested: string[] | undefined, user: UserDoc | undefined): Decision {
  const t = ctx.tenant;
  const defined = scopeColl(t, ctx.id).values();
  let wanted = requested;
  if (!wanted?.length) {
    wanted = defined.filter((s) => s.default).map((s) => s.name);
    if (!wanted.length) throw OAUTH.noDefaultScopes();
  }
  const names = new Set(defined.map((s) => s.name));
  if (wanted.some((s) => !names.has(s))) throw OAUTH.scopesNotConfigured();
  const clientId = String(app.credentials?.oauthClient?.client_id ?? app.id);
  const candidates = policies(t, ctx.id)
    .filter((p) => p.status === 'ACTIVE' && (p.conditions?.clients?.include ?? []).some((c) => c === 'ALL_CLIENTS' || c === clientId))
    .sort(byPriority);
  for (const p of candidates) {
    for (const r of rules(t, ctx.id, p.id).filter((x) => x.status === 'ACTIVE').sort(byPriority)) {
      if (!(r.conditions?.grantTypes?.include ?? []).includes(grantType)) continue;
      if (!peopleMatch(t, r, user)) continue;
      const allowed = r.conditions?.scopes?.include ?? [];
      if (!allowed.includes('*') && !wanted.every((s) => allowed.includes(s))) continue;
      const tok = r.actions?.token ?? { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: 10080 };
      return {
        scopes: wanted,
        accessTtlSec: Math.max(5, Number(tok.accessTokenLifetimeMinutes ?? 60)) * 60,
        refreshLifetimeMin: Number(tok.refreshTokenLifetimeMinutes ?? 0),
        refreshWindowMin: Number(tok.refreshTokenWindowMinutes ?? 10080),
        rule: r,
      };
    }
  }
  throw OAUTH.policyDenied();
}

/** The scopes a grant yields; throws the OAuth error Okta would answer. `grantType` is the grant the rule is judged by. */
export function decide(ctx: AsContext, app: AppDoc, grantType: string, requested: string[] | undefined, user?: UserDoc): Decision {
  return ctx.kind === 'org' ? decideOrg(ctx.tenant, app, grantType, requested) : decideCustom(ctx, app, grantType, requested, user);
}
