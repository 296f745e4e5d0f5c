// Admin webhooks (/rest/webhooks/1.0/webhook): site administrators register, read, update and delete webhooks for any event, with a JQL filter and an optional signing secret.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { users } from '../../store.js';
import { ADMIN_EVENTS, newWebhookId, webhooks, type WebhookDoc } from '../model/webhooks.js';
import { compileJql } from '../model/jql/evaluate.js';
import { JqlError } from '../model/jql/lexer.js';
import { me, objectBody, type Ctx, requireSiteAdmin } from './common.js';

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have permission to manage webhooks.');

function webhookOr404(ctx: Ctx): WebhookDoc {
  const w = webhooks(ctx.tenant).get(String(ctx.params.webhookId));
  if (!w || w.kind !== 'admin') throw jiraError(404, [`Webhook with id ${String(ctx.params.webhookId)} does not exist.`]);
  return w;
}

/** The stored webhook as Jira lists it; the secret is write-only and never read back. */
function adminJson(ctx: Ctx, w: WebhookDoc) {
  const by = w.lastUpdatedUser ? users(ctx.tenant).get(w.lastUpdatedUser) : undefined;
  return {
    name: w.name,
    ...(w.description ? { description: w.description } : {}),
    url: w.url,
    excludeBody: w.excludeBody ?? false,
    filters: w.filters ?? {},
    events: w.events,
    enabled: w.enabled !== false,
    self: `${ctx.baseUrl}/rest/webhooks/1.0/webhook/${w.id}`,
    lastUpdatedUser: w.lastUpdatedUser,
    lastUpdatedDisplayName: by?.displayName,
    lastUpdated: w.lastUpdated,
  };
}

/** Reads a registration body; `partial` keeps the stored values for what is not sent (PUT replaces what it names). */
function input(ctx: Ctx, prev?: WebhookDoc): Partial<WebhookDoc> & { url: string; events: string[] } {
  const b = objectBody(ctx);
  const name = typeof b.name === 'string' ? b.name.trim() : prev?.name;
  const url = typeof b.url === 'string' ? b.url.trim() : prev?.url;
  const events = Array.isArray(b.events) ? b.events.map(String) : prev?.events ?? [];
  const errors: Record<string, string> = {};
  if (!name) errors.name = 'The webhook name must be specified.';
  let ok = false;
  try {
    ok = !!url && ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    ok = false;
  }
  if (!ok) errors.url = 'The webhook URL must be a valid absolute http(s) URL.';
  const bad = events.find((e) => !ADMIN_EVENTS.has(e));
  if (bad) errors.events = `Event ${bad} is not supported.`;
  const filters = b.filters && typeof b.filters === 'object' && !Array.isArray(b.filters)
    ? Object.fromEntries(Object.entries(b.filters as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')]))
    : prev?.filters ?? {};
  const jql = filters['issue-related-events-section'];
  if (jql?.trim()) {
    try {
      compileJql({ t: ctx.tenant, me: me(ctx).accountId, now: ctx.now() }, jql);
    } catch (e) {
      if (!(e instanceof JqlError)) throw e;
      errors.filters = e.messages.join(' ');
    }
  }
  if (Object.keys(errors).length) throw fieldErrors(errors);
  return {
    name,
    url: url!,
    events,
    filters,
    ...(typeof b.description === 'string' ? { description: b.description } : prev?.description ? { description: prev.description } : {}),
    excludeBody: typeof b.excludeBody === 'boolean' ? b.excludeBody : prev?.excludeBody ?? false,
    enabled: typeof b.enabled === 'boolean' ? b.enabled : prev?.enabled ?? true,
    ...(typeof b.secret === 'string' && b.secret ? { secret: b.secret } : prev?.secret ? { secret: prev.secret } : {}),
    lastUpdated: ctx.now().getTime(),
    lastUpdatedUser: me(ctx).accountId,
  };
}

export const adminWebhookHandlers = {
  getAdminWebhooks: (ctx) => {
    requireAdmin(ctx);
    return { body: webhooks(ctx.tenant).filter((w) => w.kind === 'admin').map((w) => adminJson(ctx, w)) };
  },
  registerAdminWebhook: (ctx) => {
    requireAdmin(ctx);
    const w = webhooks(ctx.tenant).put({ id: newWebhookId(ctx.tenant), kind: 'admin', baseUrl: ctx.baseUrl, ...input(ctx) });
    return { status: 201, body: adminJson(ctx, w) };
  },
  getAdminWebhook: (ctx) => {
    requireAdmin(ctx);
    return { body: adminJson(ctx, webhookOr404(ctx)) };
  },
  updateAdminWebhook: (ctx) => {
    requireAdmin(ctx);
    const prev = webhookOr404(ctx);
    const w = webhooks(ctx.tenant).put({ ...prev, ...input(ctx, prev) });
    return { body: adminJson(ctx, w) };
  },
  deleteAdminWebhook: (ctx) => {
    requireAdmin(ctx);
    webhooks(ctx.tenant).delete(webhookOr404(ctx).id);
    return { status: 204 };
  },
} satisfies Handlers;
