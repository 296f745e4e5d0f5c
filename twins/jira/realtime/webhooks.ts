// Webhook delivery: site events matched to dynamic and admin webhooks (events, JQL), POSTed with Jira's headers and signature, retried with backoff on the twin clock.
import { createHash, createHmac } from 'node:crypto';
import type { Tenant } from '../../../src/core/tenant.js';
import type { Twin } from '../../../src/core/twin.js';
import { onSiteEvent, type SiteEvent } from '../platform/model/events.js';
import { deliveries, forgetFinishedDeliveries, issueMatches, liveWebhooks, webhooks, type DeliveryDoc, type WebhookDoc } from '../platform/model/webhooks.js';
import { eventName, issueOf, payload, substituteUrl } from './payloads.js';

/**
 * Jira retries a delivery answered with 408, 409, 425, 429 or 5xx, or one whose connection failed or timed out,
 * up to 5 times, each after a delay of 5 to 15 minutes, and sends the retry count in `X-Atlassian-Webhook-Retry`.
 * https://developer.atlassian.com/cloud/jira/platform/webhooks/#retry-policy
 */
export const MAX_RETRIES = 5;
const retryable = (status: number | null) => status === null || [408, 409, 425, 429].includes(status) || status >= 500;

/** The delay before retry `n` (1-based): 5–15 minutes, drawn from the delivery's identifier so a run is reproducible. */
export function retryDelayMs(identifier: string, n: number): number {
  const h = createHash('sha256').update(`${identifier}:${n}`).digest();
  return 5 * 60_000 + (h.readUInt32BE(0) % (10 * 60_000 + 1));
}

/** Jira gives a receiver about 10 seconds; a frozen twin clock must not hold sockets open, so this is wall time. */
const TIMEOUT_MS = 10_000;

/** Ids derived from what is delivered, not drawn from the tenant's random source, so deliveries never shift the ids requests get. */
function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Whether a webhook wants an event: subscribed to its name, and (for issue events) the issue matches its JQL. */
function wants(t: Tenant, w: WebhookDoc, e: SiteEvent, name: string): boolean {
  if (!w.events.includes(name)) return false;
  const issue = issueOf(e);
  const jql = w.kind === 'dynamic' ? w.jqlFilter : w.filters?.['issue-related-events-section'];
  return issue ? issueMatches(t, jql, issue, e.actorId) : true;
}

/** Turns one event into pending deliveries: one per admin webhook, one per app URL for dynamic webhooks (with `matchedWebhookIds`). */
export function enqueueEvent(t: Tenant, e: SiteEvent, nowMs: number): DeliveryDoc[] {
  const name = eventName(e);
  const matched = liveWebhooks(t, nowMs).filter((w) => wants(t, w, e, name));
  if (!matched.length) return [];
  const body = payload(t, e, nowMs);
  const seq = t.meta<{ n: number }>('jira:webhook-seq', () => ({ n: 0 }));
  const made: DeliveryDoc[] = [];
  const put = (webhookId: string, url: string, text: string) => {
    seq.n += 1;
    const identifier = derivedUuid(`${t.name}:webhook:${seq.n}`);
    made.push(deliveries(t).put({ id: identifier, identifier, webhookId, url, event: name, body: text, state: 'pending', dueAt: nowMs, attempts: [], created: new Date(nowMs).toISOString() }));
  };
  for (const w of matched.filter((x) => x.kind === 'admin')) put(w.id, substituteUrl(w.url, t, e), w.excludeBody ? '' : JSON.stringify(body));
  // An app receives one request per event for all its webhooks that matched, listing them (Webhooks guide, dynamic webhooks).
  const byUrl = new Map<string, WebhookDoc[]>();
  for (const w of matched.filter((x) => x.kind === 'dynamic')) byUrl.set(`${w.appKey}\n${w.url}`, [...(byUrl.get(`${w.appKey}\n${w.url}`) ?? []), w]);
  for (const ws of byUrl.values()) put(ws[0].id, ws[0].url, JSON.stringify({ ...body, matchedWebhookIds: ws.map((w) => Number(w.id)) }));
  // The sequence is metadata and the deliveries were put through their collection: no document changed in place.
  t.metaChanged();
  return made;
}

/** The request headers of one attempt: identifier, flow, retry count, and the HMAC signature for admin webhooks with a secret. */
export function requestHeaders(w: WebhookDoc | undefined, d: DeliveryDoc): Record<string, string> {
  const h: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Atlassian Webhook HTTP Client',
    'x-atlassian-webhook-identifier': d.identifier,
    'x-atlassian-webhook-flow': 'Primary',
  };
  if (d.attempts.length) h['x-atlassian-webhook-retry'] = String(d.attempts.length);
  // Admin webhooks saved with a secret are signed: HMAC-SHA256 of the body, WebSub style. https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks
  if (w?.kind === 'admin' && w.secret) h['x-hub-signature'] = `sha256=${createHmac('sha256', w.secret).update(d.body).digest('hex')}`;
  return h;
}

async function attempt(t: Tenant, d: DeliveryDoc, clockMs: () => number): Promise<void> {
  const w = webhooks(t).get(d.webhookId);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(d.url, { method: 'POST', headers: requestHeaders(w, d), body: d.body || undefined, signal: AbortSignal.timeout(TIMEOUT_MS), redirect: 'manual' });
    status = res.status;
    await res.arrayBuffer().catch(() => undefined);
  } catch (e) {
    error = (e as Error).message;
  }
  const now = clockMs();
  const attempts = [...d.attempts, { at: new Date(now).toISOString(), status, error }];
  if (status !== null && status >= 200 && status < 300) {
    deliveries(t).patch(d.id, { attempts, state: 'delivered' });
  } else if (retryable(status) && attempts.length <= MAX_RETRIES) {
    deliveries(t).patch(d.id, { attempts, dueAt: now + retryDelayMs(d.identifier, attempts.length) });
    return;
  } else {
    deliveries(t).patch(d.id, { attempts, state: 'failed', failureTime: now });
  }
  forgetFinishedDeliveries(t);
}

/**
 * Runs deliveries on the twin clock: every event schedules a pass; a pass sends what is due, then sleeps until the
 * next retry is due (in wall time while the clock runs), and any clock jump (`/_dtu/clock`) wakes it early.
 */
export class WebhookDelivery {
  private readonly pending = new Set<Tenant>();
  private running: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly stops: Array<() => void> = [];

  constructor(private readonly twin: Twin) {
    // Only a site of this twin with webhooks wants events; others' changes are not announced at all.
    this.stops.push(onSiteEvent((t, e) => {
      if (enqueueEvent(t, e, twin.clock.ms()).length) {
        this.pending.add(t);
        this.wake(0);
      }
    }, (t) => webhooks(t).size > 0 && this.serves(t)));
    this.stops.push(twin.clock.onChange(() => this.wake(0)));
  }

  private serves(t: Tenant): boolean {
    return t.twin === this.twin.name && this.twin.registry.has(t.name) && this.twin.registry.get(t.name) === t;
  }

  private wake(inMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, Math.max(0, Math.min(inMs, 2 ** 31 - 1)));
    this.timer.unref?.();
  }

  /** Sends every due delivery (one pass at a time); resolves when the pass is over. */
  flush(tenant?: Tenant): Promise<void> {
    if (tenant) this.pending.add(tenant);
    this.running = this.running.catch(() => undefined).then(() => this.pass());
    return this.running;
  }

  private async pass(): Promise<void> {
    let next = Infinity;
    for (const t of [...this.pending]) {
      if (!this.serves(t)) {
        this.pending.delete(t);
        continue;
      }
      const now = this.twin.clock.ms();
      const open = deliveries(t).filter((d) => d.state === 'pending');
      await Promise.all(open.filter((d) => d.dueAt <= now).map((d) => attempt(t, d, () => this.twin.clock.ms())));
      const left = deliveries(t).filter((d) => d.state === 'pending');
      if (!left.length) this.pending.delete(t);
      for (const d of left) next = Math.min(next, d.dueAt);
    }
    if (next < Infinity && !this.twin.clock.isFrozen) this.wake(next - this.twin.clock.ms());
  }

  stop(): void {
    for (const s of this.stops) s();
    if (this.timer) clearTimeout(this.timer);
  }
}

const running = new WeakMap<Twin, WebhookDelivery>();

/** The twin's `start` hook: begins delivering; returns the stop. */
export function startWebhookDelivery(twin: Twin): () => void {
  const d = new WebhookDelivery(twin);
  running.set(twin, d);
  return () => {
    d.stop();
    running.delete(twin);
  };
}

export const deliveryOf = (twin: Twin): WebhookDelivery | undefined => running.get(twin);
