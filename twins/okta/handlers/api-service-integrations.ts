// API service integrations: OIN service apps an admin grants Okta API scopes to, each with its own OAuth client and secrets.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { oktaId, opaqueToken } from '../store.js';
import { page } from '../present/paging.js';
import { presentSecret, secretHash, type SecretDoc } from './app-credentials.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

const PATH = '/integrations/api/v1/api-services';

/** An APIServiceIntegrationInstance as the tenant keeps it (API Service Integrations API). */
interface InstanceDoc extends Doc {
  type: string;
  name: string;
  createdAt: string;
  createdBy: string;
  grantedScopes: string[];
  properties?: Record<string, unknown>;
}

const instances = (ctx: OpContext) => ctx.tenant.collection<InstanceDoc>(PATH);
const secrets = (ctx: OpContext, id: string) => ctx.tenant.collection<SecretDoc>(`${PATH}/${id}/credentials/secrets`);

/** The instance is its own OAuth client: the client id is the instance id, linked as `client` with `self` and `logo`. */
function present(ctx: OpContext, i: InstanceDoc): Record<string, unknown> {
  const { id, ...rest } = structuredClone(i);
  return {
    id, ...rest,
    _links: {
      self: { href: `${ctx.baseUrl}${PATH}/${id}`, hints: { allow: ['GET', 'DELETE'] } },
      client: { href: `${ctx.baseUrl}/oauth2/v1/clients/${id}` },
      logo: { href: `${ctx.baseUrl}/assets/img/logos/default.png` },
    },
  };
}

function requireInstance(ctx: OpContext<{ apiServiceId: string }>): InstanceDoc {
  const i = instances(ctx).get(ctx.params.apiServiceId);
  if (!i) throw notFound(ctx.params.apiServiceId, 'APIServiceIntegration');
  return i;
}

function requireSecret(ctx: OpContext<{ apiServiceId: string; secretId: string }>): { i: InstanceDoc; s: SecretDoc } {
  const i = requireInstance(ctx);
  const s = secrets(ctx, i.id).get(ctx.params.secretId);
  if (!s) throw notFound(ctx.params.secretId, 'ClientSecret');
  return { i, s };
}

const secretUrl = (ctx: OpContext, i: InstanceDoc, s: SecretDoc) => `${ctx.baseUrl}${PATH}/${i.id}/credentials/secrets/${s.id}`;

function newSecret(ctx: OpContext, i: InstanceDoc): SecretDoc {
  const value = opaqueToken(ctx.tenant, 64);
  const now = nowIso(ctx);
  return secrets(ctx, i.id).put({ id: oktaId(ctx.tenant, 'ocs'), status: 'ACTIVE', client_secret: value, secret_hash: secretHash(value), created: now, lastUpdated: now });
}

/** The same rules as an app's client secrets: at most two, never deactivate the last active one, delete only an inactive one. */
function setStatus(ctx: OpContext<{ apiServiceId: string; secretId: string }>, status: SecretDoc['status']) {
  const { i, s } = requireSecret(ctx);
  if (status === 'INACTIVE' && s.status === 'ACTIVE' && secrets(ctx, i.id).filter((x) => x.status === 'ACTIVE').length < 2) {
    throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: You cannot deactivate the only active client secret.'] });
  }
  const next = secrets(ctx, i.id).patch(s.id, { status, lastUpdated: nowIso(ctx) })!;
  return { status: 200, body: presentSecret(secretUrl(ctx, i, next), next) };
}

export const apiServiceIntegrationHandlers = {
  // Made with one client secret, answered once as `clientSecret` (PostAPIServiceIntegrationInstance); only Okta API scopes can be granted.
  createApiServiceIntegrationInstance: (ctx) => {
    const body = bodyObject(ctx);
    if (typeof body.type !== 'string' || !body.type.trim()) throw validationError('type', 'The field cannot be left blank');
    const scopes = Array.isArray(body.grantedScopes) ? body.grantedScopes : [];
    if (!scopes.length) throw validationError('grantedScopes', 'The field cannot be left blank');
    const bad = scopes.find((s: unknown) => typeof s !== 'string' || !/^okta\.[A-Za-z]+\.(read|manage)(\.self)?$/.test(s));
    if (bad !== undefined) throw validationError('grantedScopes', `Invalid scope: ${String(bad)}`);
    const i = instances(ctx).put({
      id: oktaId(ctx.tenant, '0oa'), type: body.type, name: body.type, createdAt: nowIso(ctx), createdBy: String(ctx.principal.userId ?? ctx.principal.subject ?? 'system'),
      grantedScopes: scopes, ...(body.properties && typeof body.properties === 'object' ? { properties: body.properties } : {}),
    });
    const secret = newSecret(ctx, i);
    return { status: 201, body: { ...present(ctx, i), clientSecret: secret.client_secret } };
  },
  listApiServiceIntegrationInstances: (ctx) => page(ctx, instances(ctx).values(), { defaultLimit: 20, maxLimit: 200, present: (i: InstanceDoc) => present(ctx, i) }),
  getApiServiceIntegrationInstance: (ctx) => ({ status: 200, body: present(ctx, requireInstance(ctx)) }),
  deleteApiServiceIntegrationInstance: (ctx) => {
    const i = requireInstance(ctx);
    secrets(ctx, i.id).clear();
    instances(ctx).delete(i.id);
    return noContent();
  },
  listApiServiceIntegrationInstanceSecrets: (ctx) => {
    const i = requireInstance(ctx);
    return { status: 200, body: secrets(ctx, i.id).values().map((s) => presentSecret(secretUrl(ctx, i, s), s)) };
  },
  createApiServiceIntegrationInstanceSecret: (ctx) => {
    const i = requireInstance(ctx);
    if (secrets(ctx, i.id).size >= 2) throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: You can only have two client secrets at a time.'] });
    const s = newSecret(ctx, i);
    return { status: 201, body: presentSecret(secretUrl(ctx, i, s), s) };
  },
  activateApiServiceIntegrationInstanceSecret: (ctx) => setStatus(ctx, 'ACTIVE'),
  deactivateApiServiceIntegrationInstanceSecret: (ctx) => setStatus(ctx, 'INACTIVE'),
  deleteApiServiceIntegrationInstanceSecret: (ctx) => {
    const { i, s } = requireSecret(ctx);
    if (s.status === 'ACTIVE') throw oktaErrorWith('E0000001', ['client_secret'], { causes: ['client_secret: You must deactivate the client secret before deleting it.'] });
    secrets(ctx, i.id).delete(s.id);
    return noContent();
  },
} satisfies Handlers;
