// The Okta twin assembled: digest, hand-written handlers, errors, auth, rate limits, seed, control additions, hook delivery.
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { loadDigest } from '../../src/core/digest.js';
import type { HandlerMap } from '../../src/core/handler.js';
import type { DtuEnv } from '../../src/core/pipeline.js';
import type { Tenant } from '../../src/core/tenant.js';
import type { Twin, TwinDefinition } from '../../src/core/twin.js';
import { TenantRegistry } from '../../src/core/registry.js';
import { authenticate, credentialOf, mintApiToken, type ApiTokenDoc } from './auth.js';
import { renderFailure } from './errors.js';
import { appAssignmentHandlers } from './handlers/app-assignments.js';
import { appCredentialHandlers } from './handlers/app-credentials.js';
import { appFeatureHandlers } from './handlers/app-features.js';
import { appHandlers } from './handlers/apps.js';
import { credentialKeyHandlers } from './handlers/credentials-keys.js';
import { eventHookHandlers } from './handlers/event-hooks.js';
import { factorHandlers, lastSentCode } from './handlers/factors.js';
import { idpHandlers } from './handlers/idps.js';
import { linkedObjectHandlers } from './handlers/linked-objects.js';
import { orgHandlers } from './handlers/org.js';
import { roleHandlers } from './handlers/roles.js';
import { schemaHandlers } from './handlers/schemas.js';
import { statusResourceHandlers } from './handlers/status-resources.js';
import { groupRuleHandlers } from './handlers/group-rules.js';
import { groupHandlers } from './handlers/groups.js';
import { logHandlers } from './handlers/logs.js';
import { policyHandlers } from './handlers/policies.js';
import { userCredentialHandlers } from './handlers/user-credentials.js';
import { userLifecycleHandlers } from './handlers/user-lifecycle.js';
import { userTypeHandlers } from './handlers/user-types.js';
import { userHandlers } from './handlers/users.js';
import { relaxNullsAndLinks } from './digest-fix.js';
import { deliverTenant, deliveries, startDelivery } from './hooks.js';
import { bucketFor, rateHeaders } from './limits.js';
import { oauth } from './oauth-bridge.js';
import { presentGeneric } from './present.js';
import { orgMeta, populate, type OrgMeta } from './seed.js';
import { KEYS, oktaId, users } from './store.js';

/** Hand-written behavior by operationId (the OAuth half's handlers are merged in last). */
export const handlers: HandlerMap = {
  ...userHandlers,
  ...userLifecycleHandlers,
  ...userCredentialHandlers,
  ...userTypeHandlers,
  ...groupHandlers,
  ...groupRuleHandlers,
  ...appHandlers,
  ...appAssignmentHandlers,
  ...appCredentialHandlers,
  ...appFeatureHandlers,
  ...logHandlers,
  ...eventHookHandlers,
  ...policyHandlers,
  ...factorHandlers,
  ...idpHandlers,
  ...orgHandlers,
  ...roleHandlers,
  ...schemaHandlers,
  ...statusResourceHandlers,
  ...linkedObjectHandlers,
  ...credentialKeyHandlers,
};

/** Okta id prefixes for resources the inferred layer creates, by collection path. */
const ID_PREFIX: Array<[RegExp, string]> = [
  [/\/trustedOrigins$/, 'tos'],
  [/\/zones$/, 'nzo'],
  [/\/inlineHooks$/, 'cal'],
  [/\/idps$/, '0oa'],
  [/\/authenticators$/, 'aut'],
  [/\/templates\/sms$/, 'cst'],
  [/\/roles$/, 'ra1'],
  [/\/factors$/, 'mbl'],
  [/\/authorizationServers$/, 'aus'],
  [/\/domains$/, 'OcD'],
  [/\/brands$/, 'bnd'],
];

function newId(tenant: Tenant, template: string): string {
  const hit = ID_PREFIX.find(([re]) => re.test(template));
  return oktaId(tenant, hit ? hit[1] : '0oa');
}

/** The admin's API token as handed out: re-issued once the twin clock has expired it (30 days unused) or it was revoked. */
function liveApiToken(tenant: Tenant, org: OrgMeta): string {
  const doc = tenant.collection<ApiTokenDoc>(KEYS.apiTokens).get(org.apiTokenId);
  if (doc && Date.parse(doc.expiresAt) > tenant.now().getTime()) return org.apiToken;
  const { token, doc: fresh } = mintApiToken(tenant, org.adminUserId, 'dtu admin token');
  tenant.setMeta('okta:org', { ...org, apiToken: token, apiTokenId: fresh.id } satisfies OrgMeta);
  return token;
}

/** The SSWS half of the credentials: cheap, with no key material to generate. */
function sswsCredentials(tenant: Tenant, baseUrl: string): Record<string, unknown> {
  const org = orgMeta(tenant);
  return {
    orgUrl: baseUrl,
    token: org && liveApiToken(tenant, org),
    authorizationMode: 'SSWS',
    adminUserId: org?.adminUserId,
    adminLogin: org?.adminLogin,
    adminPassword: org?.adminPassword,
  };
}

function credentials(tenant: Tenant, baseUrl: string): Record<string, unknown> {
  return { ...sswsCredentials(tenant, baseUrl), ...(oauth?.oauthCredentials(tenant, baseUrl) ?? {}) };
}

/** The tenant a control request names (`/t/<name>` or `?tenant=`), else `default`. */
function controlTenant(c: { env: DtuEnv['Bindings']; req: { query(k: string): string | undefined } }): string {
  const q = c.req.query('tenant');
  return c.env.tenantName ?? (q && TenantRegistry.isValidName(q) ? q : 'default');
}

/** Control-plane additions: inspect and flush hook deliveries, and act as a person (lockout, activation link). */
function control(app: Hono<DtuEnv>, twin: Twin): void {
  // SSWS credentials alone: `/_dtu/credentials` also carries OAuth keys, whose first use costs an RSA key generation.
  app.get('/_dtu/okta/credentials/ssws', (c) => {
    const tenant = twin.tenant(controlTenant(c));
    const creds = sswsCredentials(tenant, `${c.env.origin}${c.env.prefix}`);
    twin.indexCredentials(tenant);
    return c.json(creds);
  });
  app.get('/_dtu/okta/hooks/deliveries', (c) => c.json({ deliveries: deliveries(twin.tenant(controlTenant(c))).values() }));
  app.post('/_dtu/okta/hooks/deliver', async (c) => c.json({ deliveries: await deliverTenant(twin.tenant(controlTenant(c))) }));
  app.post('/_dtu/okta/users/:userId/lockout', (c) => {
    const tenant = twin.tenant(controlTenant(c));
    const u = users(tenant).get(c.req.param('userId'));
    if (!u) return c.json({ error: { status: 404, message: 'no such user' } }, 404);
    if (u.status !== 'ACTIVE') return c.json({ error: { status: 400, message: `user is ${u.status}, only ACTIVE users lock out` } }, 400);
    const now = tenant.now().toISOString();
    users(tenant).patch(u.id, { status: 'LOCKED_OUT', statusChanged: now, lastUpdated: now });
    return c.json({ ok: true, status: 'LOCKED_OUT' });
  });
  // The code an sms/call/email factor "sent" to the person's device.
  app.get('/_dtu/okta/factors/:factorId/passcode', (c) => {
    const code = lastSentCode(twin.tenant(controlTenant(c)), c.req.param('factorId'));
    return code ? c.json({ passCode: code }) : c.json({ error: { status: 404, message: 'no code was sent for this factor' } }, 404);
  });
}

export function definition(): TwinDefinition {
  const digest = relaxNullsAndLinks(loadDigest('okta'));
  return {
    name: 'okta',
    title: 'Okta',
    digest,
    handlers: { ...handlers, ...(oauth?.oauthHandlers ?? {}) },
    jsonContentType: 'application/json',
    inference: {
      pagination: 'okta-link',
      newId,
      postOnItemUpdates: true,
      present: (doc, ctx, collection) => presentGeneric(ctx, doc, collection),
    },
    renderFailure,
    authenticate,
    credentialOf: (req) => credentialOf(req),
    populate,
    credentials: (tenant, baseUrl) => credentials(tenant, baseUrl),
    credentialValues: (tenant) => {
      const token = orgMeta(tenant)?.apiToken;
      return token ? [token] : [];
    },
    rateLimit: {
      bucket: (op) => bucketFor(op),
      headers: (state) => rateHeaders(state),
    },
    commonHeaders: (twin, tenant) => ({
      // Before a tenant is known (unknown route) the id comes from the journal position, not a tenant's random source.
      'x-okta-request-id': tenant ? tenant.random.hex(32) : createHash('sha256').update(`okta:${twin.journal.lastSeq}`).digest('hex').slice(0, 32),
      date: twin.clock.now().toUTCString(),
      'cache-control': 'no-cache, no-store',
      pragma: 'no-cache',
      expires: '0',
      'x-content-type-options': 'nosniff',
    }),
    routes: oauth ? (app, twin) => oauth!.oauthRoutes(app, twin) : undefined,
    control,
    start: (twin) => startDelivery(twin),
  };
}

