// API service integration instances (Okta Integration Network service apps granted Okta scopes) and their client secrets.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { page } from '../present/paging.js';
import { oktaId, opaqueToken } from '../store.js';
import { presentSecret as secretWithLinks, refuseLastActive, secretHash as hash, type SecretDoc } from './app-credentials.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

const SERVICES = '/integrations/api/v1/api-services';

interface ServiceDoc extends Doc {
  type: string;
  name: string;
  grantedScopes: string[];
  properties?: Record<string, unknown>;
  createdAt: string;
  createdBy: string;
}

const services = (ctx: OpContext) => ctx.tenant.collection<ServiceDoc>(SERVICES);
const secretsOf = (ctx: OpContext, id: string) => ctx.tenant.collection<SecretDoc>(`${SERVICES}/${id}/credentials/secrets`);
const caller = (ctx: OpContext) => String(ctx.principal.userId ?? ctx.principal.subject ?? '');

function requireService(ctx: OpContext): ServiceDoc {
  const id = (ctx.params as Record<string, string>).apiServiceId;
  const s = services(ctx).get(id);
  if (!s) throw notFound(id, 'APIServiceIntegration');
  return s;
}

function requireSecret(ctx: OpContext): { service: ServiceDoc; secret: SecretDoc } {
  const service = requireService(ctx);
  const id = (ctx.params as Record<string, string>).secretId;
  const secret = secretsOf(ctx, service.id).get(id);
  if (!secret) throw notFound(id, 'APIServiceIntegrationSecret');
  return { service, secret };
}

/** An instance with the links the API reference names: itself, its OAuth client and its logo (APIServiceIntegrationLinks). */
const presentService = (ctx: OpContext, s: ServiceDoc) => ({
  id: s.id, type: s.type, name: s.name, createdAt: s.createdAt, createdBy: s.createdBy, grantedScopes: [...s.grantedScopes],
  ...(s.properties ? { properties: structuredClone(s.properties) } : {}),
  _links: {
    self: { href: `${ctx.baseUrl}${SERVICES}/${s.id}`, hints: { allow: ['GET', 'DELETE'] } },
    client: { href: `${ctx.baseUrl}/oauth2/v1/clients/${s.id}` },
    logo: { href: `${ctx.baseUrl}/assets/img/logos/default.png`, type: 'image/png' },
  },
});

/**
 * A secret shows its value only in the answer that created it; elsewhere "the client secret is returned as an undisclosed
 * hashed value" (API reference, listApiServiceIntegrationInstanceSecrets). Its links are the lifecycle moves its status allows.
 */
function presentSecret(ctx: OpContext, serviceId: string, s: SecretDoc, reveal = false) {
  const shown = secretWithLinks(`${ctx.baseUrl}${SERVICES}/${serviceId}/credentials/secrets/${s.id}`, s);
  return reveal ? shown : { ...shown, client_secret: '*'.repeat(12) };
}

function newSecret(ctx: OpContext, serviceId: string): SecretDoc {
  const value = opaqueToken(ctx.tenant, 40);
  const now = nowIso(ctx);
  return secretsOf(ctx, serviceId).put({ id: oktaId(ctx.tenant, 'ocs'), status: 'ACTIVE', client_secret: value, secret_hash: hash(value), created: now, lastUpdated: now });
}

function setSecretStatus(ctx: OpContext, status: SecretDoc['status']) {
  const { service, secret } = requireSecret(ctx);
  const coll = secretsOf(ctx, service.id);
  refuseLastActive(coll, secret, status);
  const next = coll.patch(secret.id, { status, lastUpdated: nowIso(ctx) })!;
  return { status: 200, body: presentSecret(ctx, service.id, next) };
}

export const apiServiceHandlers = {
  listApiServiceIntegrationInstances: (ctx) => page(ctx, services(ctx).values(), { defaultLimit: 20, maxLimit: 200, present: (s: ServiceDoc) => presentService(ctx, s) }),
  /** Creates the instance with its first client secret, which only this answer shows (PostAPIServiceIntegrationInstance.clientSecret). */
  createApiServiceIntegrationInstance: (ctx) => {
    const body = bodyObject(ctx);
    if (typeof body.type !== 'string' || !body.type.trim()) throw validationError('type', 'The field cannot be left blank');
    const scopes = body.grantedScopes;
    if (!Array.isArray(scopes) || !scopes.length || !scopes.every((x) => typeof x === 'string' && x.startsWith('okta.'))) throw validationError('grantedScopes', 'Must name at least one Okta management scope');
    const service = services(ctx).put({
      id: oktaId(ctx.tenant, '0oa'), type: body.type, name: body.type, grantedScopes: [...scopes], createdAt: nowIso(ctx), createdBy: caller(ctx),
      ...(body.properties && typeof body.properties === 'object' ? { properties: structuredClone(body.properties) } : {}),
    });
    const secret = newSecret(ctx, service.id);
    return { status: 201, body: { ...presentService(ctx, service), clientSecret: secret.client_secret } };
  },
  getApiServiceIntegrationInstance: (ctx) => ({ status: 200, body: presentService(ctx, requireService(ctx)) }),
  deleteApiServiceIntegrationInstance: (ctx) => {
    const s = requireService(ctx);
    for (const secret of secretsOf(ctx, s.id).values()) secretsOf(ctx, s.id).delete(secret.id);
    services(ctx).delete(s.id);
    return noContent();
  },

  listApiServiceIntegrationInstanceSecrets: (ctx) => {
    const s = requireService(ctx);
    return { status: 200, body: secretsOf(ctx, s.id).values().map((x) => presentSecret(ctx, s.id, x)) };
  },
  createApiServiceIntegrationInstanceSecret: (ctx) => {
    const s = requireService(ctx);
    // Rotation is add-then-retire with at most two secrets at once (as for app client secrets).
    if (secretsOf(ctx, s.id).size >= 2) throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: You can only have two client secrets at a time.'] });
    return { status: 201, body: presentSecret(ctx, s.id, newSecret(ctx, s.id), true) };
  },
  activateApiServiceIntegrationInstanceSecret: (ctx) => setSecretStatus(ctx, 'ACTIVE'),
  deactivateApiServiceIntegrationInstanceSecret: (ctx) => setSecretStatus(ctx, 'INACTIVE'),
  deleteApiServiceIntegrationInstanceSecret: (ctx) => {
    const { service, secret } = requireSecret(ctx);
    if (secret.status === 'ACTIVE') throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: An active client secret cannot be deleted; deactivate it first.'] });
    secretsOf(ctx, service.id).delete(secret.id);
    return noContent();
  },
} satisfies Handlers;
