// Risk providers: third parties that send risk signals through an OAuth service app, and what Okta does with them.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { findOAuthClient, oktaId } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

const PATH = '/api/v1/risk/providers';
/** RiskProviderAction: ignore the signals, log them, or log and act on them. */
const ACTIONS = ['none', 'log_only', 'enforce_and_log'];
interface ProviderDoc extends Doc { name: string; action: string; clientId: string; created: string; lastUpdated: string }

const providers = (ctx: OpContext) => ctx.tenant.collection<ProviderDoc>(PATH);
const present = (ctx: OpContext, d: ProviderDoc) => ({ ...structuredClone(d), _links: { self: { href: `${ctx.baseUrl}${PATH}/${d.id}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } } } });

function find(ctx: OpContext<{ riskProviderId: string }>): ProviderDoc {
  const d = providers(ctx).get(ctx.params.riskProviderId);
  if (!d) throw notFound(ctx.params.riskProviderId, 'RiskProvider');
  return d;
}

/** A name, a known action, and the client_id of an OAuth service app (the provider signs in with it). */
function fields(ctx: OpContext, b: Record<string, any>, self?: string) {
  if (typeof b.name !== 'string' || !b.name.trim()) throw validationError('name', 'The field cannot be left blank');
  if (!ACTIONS.includes(b.action)) throw validationError('action', 'Does not match required pattern');
  const app = typeof b.clientId === 'string' ? findOAuthClient(ctx.tenant, b.clientId) : undefined;
  if (!app || app.settings?.oauthClient?.application_type !== 'service') throw validationError('clientId', 'The clientId must be an OAuth 2.0 service application');
  if (providers(ctx).find((p) => p.name === b.name && p.id !== self)) throw validationError('name', 'A risk provider with this name already exists');
  return { name: b.name, action: b.action, clientId: b.clientId };
}

export const riskProviderHandlers = {
  listRiskProviders: (ctx) => ({ status: 200, body: providers(ctx).values().map((d) => present(ctx, d)) }),
  createRiskProvider: (ctx) => {
    const now = nowIso(ctx);
    const d = providers(ctx).put({ id: oktaId(ctx.tenant, 'rkp'), ...fields(ctx, bodyObject(ctx)), created: now, lastUpdated: now });
    return { status: 201, body: present(ctx, d) };
  },
  getRiskProvider: (ctx) => ({ status: 200, body: present(ctx, find(ctx)) }),
  replaceRiskProvider: (ctx) => {
    const d = find(ctx);
    return { status: 200, body: present(ctx, providers(ctx).patch(d.id, { ...fields(ctx, bodyObject(ctx), d.id), lastUpdated: nowIso(ctx) })!) };
  },
  deleteRiskProvider: (ctx) => {
    providers(ctx).delete(find(ctx).id);
    return noContent();
  },
} satisfies Handlers;
