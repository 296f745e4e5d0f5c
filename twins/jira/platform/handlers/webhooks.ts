// Dynamic webhooks for OAuth 2.0 apps: register with events and a JQL filter, list, delete, refresh (extends expirationDate), and the failed-delivery list.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { credentials } from '../../store.js';
import { deliveries, DYNAMIC_EVENTS, DYNAMIC_LIFETIME_MS, newWebhookId, unsupportedDynamicJql, webhooks, type WebhookDoc } from '../model/webhooks.js';
import { intParam, me, objectBody, type Ctx } from './common.js';

/** The registering app: an OAuth 2.0 grant belongs to one app client (the credential's client id, else its label). */
function appKey(ctx: Ctx): string {
  const cred = credentials(ctx.tenant).get(String(ctx.principal.token ?? ''));
  return String(cred?.clientId ?? cred?.label ?? 'oauth-app');
}

/** Jira lets an OAuth 2.0 app hold 5 webhooks per user on a site. https://developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-using-the-rest-api--for-connect-and-oauth-2-0-apps- */
const PER_USER_LIMIT = 5;

const own = (ctx: Ctx) => {
  const app = appKey(ctx);
  const who = me(ctx).accountId;
  return webhooks(ctx.tenant).filter((w) => w.kind === 'dynamic' && w.appKey === app && w.accountId === who);
};

function idsOf(ctx: Ctx): string[] {
  const ids = objectBody(ctx).webhookIds;
  if (!Array.isArray(ids)) throw jiraError(400, ['webhookIds must be provided.']);
  return ids.map(String);
}

function validUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

const listJson = (w: WebhookDoc) => ({
  id: Number(w.id),
  jqlFilter: w.jqlFilter ?? '',
  ...(w.fieldIdsFilter ? { fieldIdsFilter: w.fieldIdsFilter } : {}),
  ...(w.issuePropertyKeysFilter ? { issuePropertyKeysFilter: w.issuePropertyKeysFilter } : {}),
  events: w.events,
  expirationDate: w.expirationDate,
});

export const webhookHandlers = {
  /**
   * Each registration succeeds or fails alone: `{createdWebhookId}` or `{errors}` in request order.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-webhooks/#api-rest-api-3-webhook-post
   */
  registerDynamicWebhooks: (ctx) => {
    const b = objectBody(ctx);
    // OAuth 2.0 apps name the receiving URL in the request (Connect apps use their descriptor's base URL).
    if (!validUrl(b.url)) throw jiraError(400, ['The webhook URL must be a valid absolute http(s) URL.']);
    const list = Array.isArray(b.webhooks) ? b.webhooks : [];
    const expires = ctx.now().getTime() + DYNAMIC_LIFETIME_MS;
    let held = own(ctx).length;
    const webhookRegistrationResult = list.map((raw: unknown) => {
      const w = (raw ?? {}) as { events?: unknown; jqlFilter?: unknown; fieldIdsFilter?: unknown; issuePropertyKeysFilter?: unknown };
      const events = Array.isArray(w.events) ? w.events.map(String) : [];
      const errors: string[] = [];
      if (!events.length) errors.push('At least one event must be specified.');
      for (const e of events) if (!DYNAMIC_EVENTS.has(e)) errors.push(`Event ${e} is not supported.`);
      const jql = typeof w.jqlFilter === 'string' ? w.jqlFilter : '';
      if (!jql.trim()) errors.push('The JQL filter must be specified.');
      else {
        const why = unsupportedDynamicJql(ctx.tenant, jql);
        if (why) errors.push(why);
      }
      if (!errors.length && held >= PER_USER_LIMIT) errors.push(`The number of webhooks registered by this app for this user exceeds the limit of ${PER_USER_LIMIT}.`);
      if (errors.length) return { errors };
      held += 1;
      const doc = webhooks(ctx.tenant).put({
        id: newWebhookId(ctx.tenant),
        kind: 'dynamic',
        url: b.url as string,
        events,
        baseUrl: ctx.baseUrl,
        appKey: appKey(ctx),
        accountId: me(ctx).accountId,
        jqlFilter: jql,
        ...(Array.isArray(w.fieldIdsFilter) ? { fieldIdsFilter: w.fieldIdsFilter.map(String) } : {}),
        ...(Array.isArray(w.issuePropertyKeysFilter) ? { issuePropertyKeysFilter: w.issuePropertyKeysFilter.map(String) } : {}),
        expirationDate: expires,
      });
      return { createdWebhookId: Number(doc.id) };
    });
    return { body: { webhookRegistrationResult } };
  },

  getDynamicWebhooksForApp: (ctx) => {
    const startAt = intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(ctx.query.maxResults, 100, 1, 100);
    const all = own(ctx);
    const values = all.slice(startAt, startAt + maxResults).map(listJson);
    return { body: { maxResults, startAt, total: all.length, isLast: startAt + values.length >= all.length, values } };
  },

  /** Ids of other apps' webhooks are ignored rather than refused, so an app cannot probe for them. */
  deleteWebhookById: (ctx) => {
    const ids = new Set(idsOf(ctx));
    for (const w of own(ctx)) if (ids.has(w.id)) webhooks(ctx.tenant).delete(w.id);
    return { status: 202 };
  },

  /** Every named webhook of the app gets a new expiry, 30 days from now; the answer carries it. */
  refreshWebhooks: (ctx) => {
    const ids = new Set(idsOf(ctx));
    const expirationDate = ctx.now().getTime() + DYNAMIC_LIFETIME_MS;
    for (const w of own(ctx)) if (ids.has(w.id)) webhooks(ctx.tenant).patch(w.id, { expirationDate });
    return { body: { expirationDate } };
  },

  /**
   * Deliveries to the app's webhooks that failed after every retry, oldest first, from the last 72 hours.
   * Paged by `after` (a failure time) rather than offsets; `next` links the following page.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-webhooks/#api-rest-api-3-webhook-failed-get
   */
  getFailedWebhooks: (ctx) => {
    const maxResults = intParam(ctx.query.maxResults, 100, 1, 100);
    const after = intParam(ctx.query.after, 0, 0, Number.MAX_SAFE_INTEGER);
    const mine = new Set(own(ctx).map((w) => w.id));
    const since = ctx.now().getTime() - 72 * 3_600_000;
    const failed = deliveries(ctx.tenant)
      .filter((d) => d.state === 'failed' && mine.has(d.webhookId) && (d.failureTime ?? 0) > Math.max(after, since))
      .sort((a, z) => (a.failureTime ?? 0) - (z.failureTime ?? 0));
    const page = failed.slice(0, maxResults);
    const out: Record<string, unknown> = { values: page.map((d) => ({ id: d.identifier, body: d.body, url: d.url, failureTime: d.failureTime })), maxResults };
    if (failed.length > page.length) out.next = `${ctx.baseUrl}/rest/api/3/webhook/failed?maxResults=${maxResults}&after=${page[page.length - 1].failureTime}`;
    return { body: out };
  },
} satisfies Handlers;
