// Control-plane additions under /_dtu/jira: minting API tokens and scoped OAuth access tokens for a site's users, and the webhook deliveries made.
import type { Hono } from 'hono';
import type { DtuEnv } from '../../src/core/pipeline.js';
import type { Twin } from '../../src/core/twin.js';
import { TenantRegistry } from '../../src/core/registry.js';
import { credentials, isSiteAdmin, newAccessToken, newApiToken, users } from './store.js';
import { deliveries, type DeliveryDoc } from './platform/model/webhooks.js';
import { deliveryOf } from './realtime/webhooks.js';

/** A delivery as the control plane shows it: the body parsed back when it is JSON. */
function deliveryJson(d: DeliveryDoc) {
  let body: unknown = d.body;
  try {
    body = d.body ? JSON.parse(d.body) : null;
  } catch {
    body = d.body;
  }
  return { id: d.id, webhookId: d.webhookId, event: d.event, url: d.url, state: d.state, attempts: d.attempts, nextAttemptAt: d.state === 'pending' ? new Date(d.dueAt).toISOString() : null, created: d.created, body };
}

export function mountControl(app: Hono<DtuEnv>, twin: Twin): void {
  const tenantOf = (c: { env: DtuEnv['Bindings']; req: { query(k: string): string | undefined } }) => {
    const q = c.req.query('tenant');
    return twin.tenant(c.env.tenantName ?? (q && TenantRegistry.isValidName(q) ? q : 'default'));
  };

  /** `GET /_dtu/jira/webhooks/deliveries[?state=pending|delivered|failed]`: every webhook request made, with its attempts. */
  app.get('/_dtu/jira/webhooks/deliveries', (c) => {
    const state = c.req.query('state');
    const list = deliveries(tenantOf(c)).values().filter((d) => !state || d.state === state);
    return c.json({ deliveries: list.map(deliveryJson) });
  });

  /** `POST /_dtu/jira/webhooks/flush`: sends every delivery that is due now (after a clock advance, retries are due) and answers when done. */
  app.post('/_dtu/jira/webhooks/flush', async (c) => {
    const t = tenantOf(c);
    await deliveryOf(twin)?.flush(t);
    return c.json({ deliveries: deliveries(t).values().map(deliveryJson) });
  });

  /**
   * `POST /_dtu/jira/tokens {accountId?, kind?: 'api_token'|'oauth_access_token', scopes?: string[]}`.
   * Lets tests and agents act as any seeded user, or with a narrower OAuth grant.
   */
  app.post('/_dtu/jira/tokens', async (c) => {
    const t = tenantOf(c);
    let body: { accountId?: unknown; kind?: unknown; scopes?: unknown } = {};
    try {
      const text = await c.req.text();
      body = text.trim() ? JSON.parse(text) : {};
    } catch {
      return c.json({ error: { status: 400, message: 'expected a JSON body' } }, 400);
    }
    const user = typeof body.accountId === 'string' ? users(t).get(body.accountId) : users(t).values().find((u) => isSiteAdmin(u) && u.active);
    if (!user) return c.json({ error: { status: 404, message: 'no such user on this site' } }, 404);
    const kind = body.kind === 'api_token' ? 'api_token' : 'oauth_access_token';
    const scopes = Array.isArray(body.scopes) ? body.scopes.map(String) : undefined;
    if (kind === 'oauth_access_token' && !scopes) return c.json({ error: { status: 400, message: 'oauth tokens need "scopes": [...]' } }, 400);
    const token = kind === 'api_token' ? newApiToken(t) : newAccessToken(t);
    credentials(t).put({ id: token, kind, accountId: user.accountId, label: 'control-plane', ...(scopes ? { scopes } : {}) });
    twin.registry.registerCredential(token, t.name);
    return c.json({ kind, token, accountId: user.accountId, email: user.emailAddress, ...(scopes ? { scopes } : {}) }, 201 as 200);
  });
}
