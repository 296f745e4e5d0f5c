// Delivers events, slash commands and interactions to apps — over Socket Mode when connected, else signed HTTP — with Slack's ack timeout and retry schedule.
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { NONE, addAttempt, attemptRecord, own, realtime, type Delivery, type DeliveryKind, type AttemptRecord, type EventEnvelope, type Realtime } from './runtime.js';
import { envelopeId } from './ids.js';
import { getApp, type RealtimeApp } from './installed-apps.js';
import { ackFromBody, sendSigned, type OutboundResult } from './http.js';

/** Slack waits 3 seconds for an HTTP 200 or a Socket Mode ack (https://api.slack.com/apis/events-api#responding). */
export const ACK_TIMEOUT_MS = 3000;

/**
 * Retries after a failed attempt: nearly immediately, after 1 minute, after 5 minutes
 * — three retries in all (https://api.slack.com/apis/events-api#retries).
 *
 * What Slack does with an event for an app that has event subscriptions but no open Socket Mode connection (and
 * so no request URL it would use): every attempt fails, the retries come on the same schedule with
 * `retry_attempt`/`retry_reason` in the Socket Mode envelope (read by @slack/socket-mode's SocketModeClient as
 * `retry_num`/`retry_reason`, handed to Bolt's SocketModeReceiver) or `X-Slack-Retry-Num`/`X-Slack-Retry-Reason`
 * over HTTP, and after the third retry the event is dropped: "Slack's API server delivers to any of the active
 * connections and does retries for Events API messages. If you terminate all the instances at a time, ... your app
 * may miss some events" (slackapi/bolt-python#1071, a maintainer). What reaches an app is bounded by the
 * 30,000-an-hour limit (https://docs.slack.dev/reference/events/app_rate_limited, `event-limits.ts`). Slack also
 * disables an app's event subscriptions when it answers fewer than 5% of at least 1,000 deliveries in 60 minutes
 * (same page: "Event subscriptions may be limited and disabled when your app does not respond with a HTTP 200 OK to
 * at 5% of event deliveries in the past 60 minutes"; the Events API guide's failure limits), until the developer
 * turns them back on; the twin does not: what it would disable, and when, for an app that never connected is not
 * documented, and a twin under test stays reachable.
 */
export const RETRY_DELAYS_MS = [0, 60_000, 300_000];

/** Wall-clock cap on one HTTP attempt, so a frozen twin clock never leaks sockets. */
const HTTP_WALL_CAP_MS = 30_000;

export interface EnqueueInit {
  appId: string;
  kind: DeliveryKind;
  payload: Record<string, unknown> | EventEnvelope;
  acceptsResponsePayload?: boolean;
  onAck?: Delivery['onAck'];
  /** Route for HTTP delivery of commands (the command's own URL). */
  commandUrl?: string | null;
}

const commandUrls = new WeakMap<Delivery, string>();

export function enqueue(twin: Twin, tenant: Tenant, init: EnqueueInit): Delivery {
  const rt = realtime(twin);
  rt.ensureTicker('deliveries', (now) => tickDeliveries(rt, now));
  const now = twin.clock.ms();
  const d: Delivery = {
    id: envelopeId(tenant),
    tenant: tenant.name,
    appId: init.appId,
    kind: init.kind,
    payload: init.payload,
    acceptsResponsePayload: init.acceptsResponsePayload ?? false,
    retryable: init.kind === 'events_api',
    state: 'pending',
    attempts: NONE,
    dueAt: now,
    createdAt: now,
    envelopeIds: NONE,
    onAck: init.onAck,
    waiters: NONE,
  };
  if (init.commandUrl) commandUrls.set(d, init.commandUrl);
  rt.addDelivery(d);
  rt.due.push(now, d);
  // Its id is filed as an envelope when the first attempt goes out over Socket Mode (startAttempt), not before: an
  // event waiting for an app with no connection never sends it (its retries go out under new envelope ids), and the
  // control plane finds a delivery by its own id without the index.
  rt.wakeSoon();
  return d;
}

/** Resolves once the delivery is acked or has finally failed (or after `wallCapMs` of real time). */
export function settled(d: Delivery, wallCapMs = 10_000): Promise<Delivery> {
  if (d.state === 'acked' || d.state === 'failed') return Promise.resolve(d);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(d), wallCapMs);
    own(d, 'waiters').push(() => {
      clearTimeout(t);
      resolve(d);
    });
  });
}

/** A Socket Mode ack (`{envelope_id, payload}`) from one of the app's connections. */
export function handleAck(twin: Twin, tenant: string, appId: string, envId: string, payload: unknown): boolean {
  const rt = realtime(twin);
  const id = rt.byEnvelope.get(envId);
  const d = id ? rt.deliveries.get(id) : undefined;
  if (!d || d.tenant !== tenant || d.appId !== appId) return false;
  if ((d.state !== 'in_flight' && d.state !== 'pending') || d.ack) return false;
  const rec = d.attempts.find((a) => typeof a !== 'number' && a.envelope_id === envId) as AttemptRecord | undefined;
  if (rec) rec.outcome = 'acked';
  acked(rt, d, payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {});
  return true;
}

/**
 * Starts the attempts that are due and times out the acks that are overdue. Only deliveries whose time has
 * come are read (thousands can be waiting for a retry while an app has no connection, and a pass over all
 * of them for every event posted made posting cost as much as the queue was long); what a tick changes is
 * looked at on the next one, as a pass would.
 */
function tickDeliveries(rt: Realtime, now: number): number | undefined {
  for (const d of rt.due.popDue(now)) {
    if (d.state === 'pending' && d.dueAt <= now) startAttempt(rt, d, now);
    else if (d.state === 'in_flight' && d.deadline !== undefined && d.deadline <= now) timedOut(rt, d, now);
  }
  return rt.due.peek();
}

/** Where an app receives this kind of request over HTTP (Slack ignores request URLs while Socket Mode is on). */
function httpUrl(app: RealtimeApp, d: Delivery): string | undefined {
  if (app.socket_mode) return undefined;
  const events = app.event_subscriptions?.request_url ?? undefined;
  const interactivity = app.interactivity?.request_url ?? undefined;
  if (d.kind === 'events_api') return events;
  if (d.kind === 'slash_commands') return commandUrls.get(d) ?? interactivity ?? events;
  return interactivity ?? events;
}

function startAttempt(rt: Realtime, d: Delivery, now: number): void {
  const tenant = rt.twin.tenant(d.tenant);
  const app = getApp(tenant, d.appId);
  if (!app) return finish(rt, d, 'failed', 'app_not_found');
  const attempt = d.attempts.length;
  const conns = rt.socketsFor(d.tenant, d.appId);
  if (conns.length) {
    const conn = conns[rt.roundRobin++ % conns.length];
    // Each attempt is a new envelope; the event inside keeps its event_id, so apps can de-duplicate.
    const envId = attempt === 0 ? d.id : envelopeId(tenant);
    rt.byEnvelope.set(envId, d.id);
    own(d, 'envelopeIds').push(envId);
    const frame: Record<string, unknown> = { envelope_id: envId, payload: d.payload, type: d.kind, accepts_response_payload: d.acceptsResponsePayload };
    if (d.kind === 'events_api') {
      frame.retry_attempt = attempt;
      frame.retry_reason = attempt ? (d.retryReason ?? 'timeout') : '';
    }
    addAttempt(d, { attempt, at: now, via: 'socket', envelope_id: envId, connection: conn.id });
    d.state = 'in_flight';
    d.deadline = now + ACK_TIMEOUT_MS;
    rt.due.push(d.deadline, d);
    try {
      conn.ws.send(JSON.stringify(frame));
    } catch {
      // A socket closing under us is a missed ack; the timeout path retries.
    }
    return;
  }
  const url = httpUrl(app, d);
  if (!url) {
    // Interactions have nowhere to wait: Slack tells the person the app did not respond.
    if (!d.retryable) return finish(rt, d, 'failed', 'dispatch_failed');
    // An event for a Socket Mode app with no open connection is a failed attempt; the app sees it
    // only if it connects in time for a retry (immediately, +1 min, +5 min), as on Slack. Such an attempt is
    // kept as when it was made (see `Attempt`).
    addAttempt(d, now - d.createdAt);
    return failAttempt(rt, d, 'timeout', false, now);
  }
  const body = encodeBody(d);
  const ac = new AbortController();
  const cap = setTimeout(() => ac.abort(), HTTP_WALL_CAP_MS);
  cap.unref?.();
  d.abort = ac;
  addAttempt(d, { attempt, at: now, via: 'http', url });
  d.state = 'in_flight';
  d.deadline = now + ACK_TIMEOUT_MS;
  rt.due.push(d.deadline, d);
  void sendSigned({
    url,
    body,
    contentType: d.kind === 'events_api' ? 'application/json' : 'application/x-www-form-urlencoded',
    signingSecret: app.signing_secret,
    timestampSec: Math.floor(now / 1000),
    retryNum: attempt || undefined,
    retryReason: d.retryReason,
    signal: ac.signal,
  })
    .then((res) => onHttpResult(rt, d, attempt, res))
    .catch(() => onHttpResult(rt, d, attempt, { outcome: 'connection_failed' }))
    .finally(() => clearTimeout(cap));
}

/** Events go as JSON; slash commands as form fields; interactions as a form field `payload` holding JSON. */
function encodeBody(d: Delivery): string {
  if (d.kind === 'events_api') return JSON.stringify(d.payload);
  if (d.kind === 'slash_commands') {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(d.payload as Record<string, unknown>)) if (v !== undefined && v !== null) form.set(k, typeof v === 'string' ? v : String(v));
    return form.toString();
  }
  return new URLSearchParams({ payload: JSON.stringify(d.payload) }).toString();
}

function onHttpResult(rt: Realtime, d: Delivery, attempt: number, res: OutboundResult): void {
  // A response to an attempt that already timed out changes nothing: Slack has moved on.
  if (d.state !== 'in_flight' || d.attempts.length - 1 !== attempt) return;
  const rec = attemptRecord(d, attempt)!;
  rec.status = res.status;
  if (res.outcome === 'aborted') return;
  if (res.outcome === 'ok') {
    rec.outcome = 'acked';
    return acked(rt, d, d.kind === 'events_api' ? {} : (ackFromBody(res.body, res.contentType) ?? {}));
  }
  rec.outcome = res.outcome;
  failAttempt(rt, d, res.outcome, res.noRetry);
}

function timedOut(rt: Realtime, d: Delivery, _now: number): void {
  const rec = attemptRecord(d, d.attempts.length - 1);
  const reason = rec?.via === 'http' ? 'http_timeout' : 'timeout';
  if (rec) rec.outcome = reason;
  d.abort?.abort();
  d.abort = undefined;
  // The schedule counts from when the attempt failed (its deadline), even if the clock jumped past it.
  failAttempt(rt, d, reason, false, d.deadline);
}

function failAttempt(rt: Realtime, d: Delivery, reason: string, noRetry: boolean | undefined, failedAt = rt.twin.clock.ms()): void {
  d.retryReason = reason;
  const retriesDone = d.attempts.length - 1;
  if (!d.retryable || noRetry || retriesDone >= RETRY_DELAYS_MS.length) return finish(rt, d, 'failed', reason);
  d.state = 'pending';
  d.deadline = undefined;
  d.dueAt = failedAt + RETRY_DELAYS_MS[retriesDone];
  rt.due.push(d.dueAt, d);
  rt.wakeSoon();
}

function acked(rt: Realtime, d: Delivery, payload: Record<string, unknown>): void {
  d.ack = payload;
  d.deadline = undefined;
  d.abort = undefined;
  const done = () => finish(rt, d, 'acked');
  if (!d.onAck) return done();
  d.state = 'in_flight';
  d.deadline = undefined;
  Promise.resolve()
    .then(() => d.onAck!(payload, d))
    .then(
      (outcome) => {
        d.outcome = outcome;
      },
      (e: unknown) => {
        d.outcome = { ok: false, error: (e as { code?: string }).code ?? (e as Error).message };
      },
    )
    .finally(done);
}

function finish(rt: Realtime, d: Delivery, state: 'acked' | 'failed', error?: string): void {
  d.state = state;
  d.deadline = undefined;
  if (error) d.error = error;
  if (d.waiters.length) for (const w of d.waiters.splice(0)) w();
  rt.wakeSoon();
}
