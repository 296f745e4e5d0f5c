// Webhooks: dynamic webhooks registered by OAuth 2.0 apps (events, JQL filter, 30-day expiry) and admin webhooks, their deliveries and the failed-delivery list.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { nextId, type IssueDoc } from '../../store.js';
import { compileJql } from './jql/evaluate.js';

export interface WebhookDoc extends Doc {
  kind: 'dynamic' | 'admin';
  url: string;
  events: string[];
  /** Where the site was reached when the webhook was made: the `self` links of its payloads point there. */
  baseUrl: string;
  /** Dynamic: the OAuth app and the user who registered it (an app sees only its own). */
  appKey?: string;
  accountId?: string;
  jqlFilter?: string;
  fieldIdsFilter?: string[];
  issuePropertyKeysFilter?: string[];
  /** Dynamic: epoch ms after which nothing is delivered until it is refreshed. */
  expirationDate?: number;
  /** Admin webhooks. */
  name?: string;
  description?: string;
  enabled?: boolean;
  excludeBody?: boolean;
  secret?: string;
  /** Admin: `issue-related-events-section` holds the JQL that issue events must match. */
  filters?: Record<string, string>;
  lastUpdated?: number;
  lastUpdatedUser?: string;
}

export interface DeliveryAttempt {
  at: string;
  status: number | null;
  error: string | null;
}

/** One webhook request and its history: pending until a 2xx, retried on Jira's retryable failures, then failed. */
export interface DeliveryDoc extends Doc {
  webhookId: string;
  url: string;
  event: string;
  /** The exact bytes sent (the signature covers them). */
  body: string;
  /** `X-Atlassian-Webhook-Identifier`: unchanged across retries. */
  identifier: string;
  state: 'pending' | 'delivered' | 'failed';
  /** Twin-clock epoch ms of the next attempt. */
  dueAt: number;
  attempts: DeliveryAttempt[];
  created: string;
  failureTime?: number;
}

export const webhooks = (t: Tenant) => t.collection<WebhookDoc>('jira:webhooks');
export const deliveries = (t: Tenant) => t.collection<DeliveryDoc>('jira:webhook-deliveries');

/**
 * Finished deliveries (delivered, or failed after every retry) a site keeps: at most `--log-entries`, the
 * earliest made leaving first, so a load of events to a webhook does not keep every request ever sent. Pending
 * ones always stay (nothing waiting to be sent is dropped). Jira itself lists only failures, for 72 hours
 * (getFailedWebhooks); the bound is the twin's, for its control plane's view of what was sent.
 */
export function forgetFinishedDeliveries(t: Tenant): void {
  const log = deliveries(t);
  if (log.size <= t.retention.logEntries) return;
  let finished = 0;
  for (const d of log.iterate()) if (d.state !== 'pending') finished++;
  let over = finished - t.retention.logEntries;
  if (over <= 0) return;
  const old: string[] = [];
  for (const d of log.iterate()) {
    if (over <= 0) break;
    if (d.state === 'pending') continue;
    old.push(d.id);
    over--;
  }
  for (const id of old) log.delete(id);
}

/** Dynamic webhooks expire 30 days after registration or the last refresh. https://developer.atlassian.com/cloud/jira/platform/webhooks/#registering-a-webhook-using-the-rest-api--for-connect-and-oauth-2-0-apps- */
export const DYNAMIC_LIFETIME_MS = 30 * 86_400_000;

/** The events a dynamic webhook may subscribe to (REST v3 "Register dynamic webhooks"). */
export const DYNAMIC_EVENTS = new Set([
  'jira:issue_created', 'jira:issue_updated', 'jira:issue_deleted', 'comment_created', 'comment_updated', 'comment_deleted', 'issue_property_set', 'issue_property_deleted',
]);

/** The events an admin webhook may subscribe to (Webhooks guide, "Available webhook events"). */
export const ADMIN_EVENTS = new Set([
  ...DYNAMIC_EVENTS,
  'worklog_created', 'worklog_updated', 'worklog_deleted', 'issuelink_created', 'issuelink_deleted',
  'sprint_created', 'sprint_updated', 'sprint_started', 'sprint_closed', 'sprint_deleted',
  'board_created', 'board_updated', 'board_deleted', 'board_configuration_changed',
  'project_created', 'project_updated', 'project_deleted',
  'jira:version_created', 'jira:version_updated', 'jira:version_released', 'jira:version_unreleased', 'jira:version_moved', 'jira:version_deleted',
  'attachment_created', 'attachment_deleted', 'user_created', 'user_updated', 'user_deleted', 'option_voting_changed', 'option_watching_changed',
  'option_unassigned_issues_changed', 'option_subtasks_changed', 'option_attachments_changed', 'option_issuelinks_changed', 'option_timetracking_changed',
]);

/**
 * JQL for dynamic webhooks is a subset: `=`, `!=`, `IN`, `NOT IN` on a few fields, joined by AND/OR.
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/#supported-jql-queries
 * Returns the reason a query is refused, or undefined.
 */
export function unsupportedDynamicJql(t: Tenant, jql: string): string | undefined {
  const clauses = jql.split(/\s+(?:AND|OR)\s+/i).map((c) => c.trim().replace(/^\(+|\)+$/g, ''));
  for (const c of clauses) {
    const m = /^([A-Za-z_.\[\]0-9]+)\s*(=|!=|\bIN\b|\bNOT\s+IN\b|~|>|<|>=|<=|\bIS\b|\bWAS\b|\bCHANGED\b)/i.exec(c);
    if (!m) return `The clause ${c} is unsupported`;
    const field = m[1].toLowerCase();
    if (!['issuekey', 'key', 'project', 'issuetype', 'type', 'status', 'assignee', 'reporter'].includes(field) && !/^issue\.property/.test(field) && !/^cf\[\d+\]$/.test(field)) {
      return `The clause ${m[1]} is unsupported`;
    }
    if (!['=', '!=', 'in', 'not in'].includes(m[2].toLowerCase().replace(/\s+/g, ' '))) return `The operator ${m[2]} is unsupported`;
  }
  try {
    compileJql({ t, me: '', now: t.now() }, jql);
  } catch (e) {
    return (e as { messages?: string[] }).messages?.[0] ?? 'Invalid JQL';
  }
  return undefined;
}

/** Whether an issue, as it was at the event, satisfies a webhook's JQL (no filter matches everything). */
export function issueMatches(t: Tenant, jql: string | undefined, issue: IssueDoc, actorId: string): boolean {
  if (!jql?.trim()) return true;
  try {
    return compileJql({ t, me: actorId, now: t.now() }, jql).match(issue);
  } catch {
    return false;
  }
}

export const newWebhookId = (t: Tenant) => nextId(t, 'webhook', 1);

/** Webhooks that may receive an event now. */
export function liveWebhooks(t: Tenant, nowMs: number): WebhookDoc[] {
  return webhooks(t).filter((w) => (w.kind === 'admin' ? w.enabled !== false : (w.expirationDate ?? 0) > nowMs));
}
