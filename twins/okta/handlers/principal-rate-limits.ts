// Per-principal rate limit shares (SSWS tokens and OAuth clients).
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { orgId } from '../model/org.js';
import { evaluate, parseOrReject } from '../model/query.js';
import { page } from '../present/paging.js';
import { findOAuthClient, KEYS, oktaId } from '../store.js';
import { bodyObject } from './common.js';
import type { Handlers } from '../generated/operations.js';

export interface LimitDoc extends Doc {
  orgId: string; principalId: string; principalType: 'SSWS_TOKEN' | 'OAUTH_CLIENT'; defaultPercentage: number; defaultConcurrencyPercentage: number;
  createdBy: string; createdDate: string; lastUpdatedBy: string; lastUpdate: string;
}
const limits = (ctx: OpContext) => ctx.tenant.collection<LimitDoc>('/api/v1/principal-rate-limits');
const caller = (ctx: OpContext) => String(ctx.principal.userId ?? ctx.principal.subject ?? '');

function percentages(b: Record<string, any>): { defaultPercentage: number; defaultConcurrencyPercentage: number } {
  const out = { defaultPercentage: b.defaultPercentage ?? 50, defaultConcurrencyPercentage: b.defaultConcurrencyPercentage ?? 75 };
  for (const [f, v] of Object.entries(out)) if (typeof v !== 'number' || v < 0 || v > 100) throw validationError(f, 'Must be between 0 and 100');
  return out;
}

/** Okta names the type `PrincipalRateLimit` in its 404s (okta-sdk-python cassettes test_principal_rate_limits_it). */
function find(ctx: OpContext<{ principalRateLimitId: string }>): LimitDoc {
  const d = limits(ctx).get(ctx.params.principalRateLimitId);
  if (!d) throw notFound(ctx.params.principalRateLimitId, 'PrincipalRateLimit');
  return d;
}

export const principalRateLimitHandlers = {
  listPrincipalRateLimitEntities: (ctx) => {
    const filter = String((ctx.query as Record<string, unknown>).filter ?? '');
    // A list must be narrowed by principal type (okta-sdk-python cassettes: no filter, or one on principalId alone,
    // is refused with this cause, misspelling included).
    if (!/\bprincipalType\s+eq\b/.test(filter)) {
      throw oktaErrorWith('E0000001', ['principalRateLimitMediated'], { causes: ['The provided filter parameter did not contain the required attrbute filter "principalType"'] });
    }
    const e = parseOrReject(filter);
    return page(ctx, limits(ctx).filter((d) => evaluate(e, d)), { defaultLimit: 20, maxLimit: 50 });
  },
  createPrincipalRateLimitEntity: (ctx) => {
    const b = bodyObject(ctx);
    if (b.principalType !== 'SSWS_TOKEN' && b.principalType !== 'OAUTH_CLIENT') throw validationError('principalType', 'Does not match required pattern');
    const id = String(b.principalId ?? '');
    const exists = b.principalType === 'SSWS_TOKEN' ? ctx.tenant.collection(KEYS.apiTokens).has(id) : !!findOAuthClient(ctx.tenant, id);
    // An unknown API token is not found (okta-sdk-python cassettes: 404 naming a Token); no recording shows an unknown client.
    if (!exists && b.principalType === 'SSWS_TOKEN') throw notFound(id, 'Token');
    if (!exists) throw validationError('principalId', 'The principal does not exist');
    // One entity per principal: a second is refused, with no cause given (okta-sdk-nodejs test/it/principal-rate-limit.ts;
    // okta-sdk-python cassettes answer `errorCauses: []`).
    if (limits(ctx).find((d) => d.principalId === id)) throw oktaErrorWith('E0000001', ['principalRateLimitMediated'], {});
    const now = ctx.now().toISOString();
    const d = limits(ctx).put({ id: oktaId(ctx.tenant, 'prl'), orgId: orgId(ctx.tenant), principalId: id, principalType: b.principalType, ...percentages(b), createdBy: caller(ctx), createdDate: now, lastUpdatedBy: caller(ctx), lastUpdate: now });
    return { status: 201, body: d };
  },
  getPrincipalRateLimitEntity: (ctx) => ({ status: 200, body: find(ctx) }),
  replacePrincipalRateLimitEntity: (ctx) => {
    const d = find(ctx);
    const b = bodyObject(ctx);
    if ((b.principalId !== undefined && b.principalId !== d.principalId) || (b.principalType !== undefined && b.principalType !== d.principalType)) {
      throw validationError('principalId', 'The principal of an entity cannot be changed');
    }
    return { status: 200, body: limits(ctx).patch(d.id, { ...percentages(b), lastUpdatedBy: caller(ctx), lastUpdate: ctx.now().toISOString() }) };
  },
} satisfies Handlers;
