// The Okta twin's own control routes under /_dtu/okta/ (SSWS credentials, hook deliveries, acting as a person) and its credentials.
import type { Hono } from 'hono';
import type { DtuEnv } from '../../src/core/pipeline.js';
import type { Tenant } from '../../src/core/tenant.js';
import type { Twin } from '../../src/core/twin.js';
import { TenantRegistry } from '../../src/core/registry.js';
import { lastSentCode } from './handlers/factors.js';
import { oauthCredentials } from './oauth/index.js';
import { deliverTenant } from './realtime/hooks.js';
import { mintApiToken, type ApiTokenDoc } from './auth.js';
import { orgMeta, type OrgMeta } from './model/org.js';
import { publishRecord } from './model/dns.js';
import { createSource } from './model/identity-sources.js';
import { AGENT_TYPES, installAgents, type AgentType } from './model/agent-pools.js';
import { KEYS, deliveries, users } from './store.js';

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

export function credentials(tenant: Tenant, baseUrl: string): Record<string, unknown> {
  return { ...sswsCredentials(tenant, baseUrl), ...oauthCredentials(tenant, baseUrl) };
}

/** The tenant a control request names (`/t/<name>` or `?tenant=`), else `default`. */
function controlTenant(c: { env: DtuEnv['Bindings']; req: { query(k: string): string | undefined } }): string {
  const q = c.req.query('tenant');
  return c.env.tenantName ?? (q && TenantRegistry.isValidName(q) ? q : 'default');
}

/** Control-plane additions: inspect and flush hook deliveries, and act as a person (lockout, activation link). */
export function control(app: Hono<DtuEnv>, twin: Twin): void {
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
  // Publish (or, with no values, remove) a DNS record, as the domain's owner does at their DNS host; domain verification reads these.
  app.put('/_dtu/okta/dns', async (c) => {
    const b = (await c.req.json().catch(() => null)) as { type?: string; fqdn?: string; values?: unknown } | null;
    if (!b || (b.type !== 'TXT' && b.type !== 'CNAME') || typeof b.fqdn !== 'string' || !b.fqdn || !Array.isArray(b.values) || b.values.some((v) => typeof v !== 'string')) {
      return c.json({ error: { status: 400, message: 'send {"type":"TXT"|"CNAME","fqdn":"name","values":["..."]}' } }, 400);
    }
    publishRecord(twin.tenant(controlTenant(c)), b.type, b.fqdn, b.values as string[]);
    return c.json({ ok: true });
  });
  // Add a custom identity source, as an admin does in the Admin Console (the API has no call for it).
  app.post('/_dtu/okta/identity-sources', async (c) => {
    const b = (await c.req.json().catch(() => null)) as { name?: unknown } | null;
    const name = typeof b?.name === 'string' && b.name.trim() ? b.name.trim() : 'Custom Identity Source';
    const s = createSource(twin.tenant(controlTenant(c)), name);
    return c.json({ id: s.id, name: s.name }, 201);
  });
  // Install on-premises agents (AD, LDAP, RADIUS…), as an operator does on their servers: they connect as one pool.
  app.post('/_dtu/okta/agent-pools', async (c) => {
    const b = (await c.req.json().catch(() => null)) as { type?: string; name?: string; agents?: Array<{ name?: unknown; version?: unknown }> } | null;
    if (!b || !(AGENT_TYPES as readonly string[]).includes(String(b.type)) || !Array.isArray(b.agents) || !b.agents.length) {
      return c.json({ error: { status: 400, message: `send {"type":"${AGENT_TYPES.join('|')}","name":"…","agents":[{"name":"…","version":"3.14.0"}]}` } }, 400);
    }
    const agents = b.agents.map((a, i) => ({ name: typeof a?.name === 'string' ? a.name : `agent-${i + 1}`, ...(typeof a?.version === 'string' ? { version: a.version } : {}) }));
    const pool = installAgents(twin.tenant(controlTenant(c)), b.type as AgentType, typeof b.name === 'string' && b.name ? b.name : `${b.type} agents`, agents);
    return c.json({ id: pool.id, agents: pool.agents.map((a) => a.id) }, 201);
  });
  // The code an sms/call/email factor "sent" to the person's device.
  app.get('/_dtu/okta/factors/:factorId/passcode', (c) => {
    const code = lastSentCode(twin.tenant(controlTenant(c)), c.req.param('factorId'));
    return code ? c.json({ passCode: code }) : c.json({ error: { status: 404, message: 'no code was sent for this factor' } }, 404);
  });
}
