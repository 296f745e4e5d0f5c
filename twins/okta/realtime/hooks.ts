// Event hook delivery: one-time verification, and a background loop that POSTs matching System Log events (with a retry).
import { createHash } from 'node:crypto';
import type { Tenant } from '../../../src/core/tenant.js';
import type { Twin } from '../../../src/core/twin.js';
import { evaluate, parseExpr } from '../model/query.js';
import { SYSTEM_ACTOR, deliveries, hookState, hooks, logs, type DeliveryDoc, type EventHookDoc, type HookStateDoc, type LogEvent } from '../store.js';
import { onOrgEvent, record } from '../model/events.js';

/** Okta waits 3 seconds for a hook endpoint (Event hooks guide, "Timeout and retry"). */
export const HOOK_TIMEOUT_MS = 3000;
/** One retry after a timeout or a 5xx/429, then the batch is dropped and the failure logged. */
const MAX_ATTEMPTS = 2;
const BATCH = 50;

/** Headers Okta sends to a hook: custom headers, then the auth header. */
export function hookHeaders(hook: EventHookDoc, state: HookStateDoc | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  for (const { key, value } of hook.channel.config.headers ?? []) h[key] = value;
  const auth = hook.channel.config.authScheme;
  if (auth?.key && state?.authValue) h[auth.key] = state.authValue;
  return h;
}

/** Sends the one-time verification GET; true when the endpoint echoes the challenge. */
export async function verifyEndpoint(tenant: Tenant, hook: EventHookDoc): Promise<{ ok: boolean; reason?: string }> {
  const challenge = tenant.random.chars(40);
  try {
    const res = await fetch(hook.channel.config.uri, {
      method: 'GET',
      headers: { ...hookHeaders(hook, hookState(tenant).get(hook.id)), 'x-okta-verification-challenge': challenge, accept: 'application/json' },
      signal: AbortSignal.timeout(HOOK_TIMEOUT_MS),
    });
    if (!res.ok) return { ok: false, reason: `status ${res.status}` };
    const body = (await res.json().catch(() => undefined)) as { verification?: unknown } | undefined;
    return body?.verification === challenge ? { ok: true } : { ok: false, reason: 'the response did not contain the verification value' };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

/** Whether an event passes a hook's `events.items` and optional Okta EL filter (simple `eq` conditions). */
function wants(hook: EventHookDoc, e: LogEvent): boolean {
  // Delivery failures are logged but never delivered themselves (no feedback loop).
  if (e.eventType === 'event_hook.delivery') return false;
  if (!hook.events.items.includes(e.eventType)) return false;
  const f = hook.events.filter?.eventFilterMap?.find((m) => m.event === e.eventType);
  if (!f?.condition?.expression) return true;
  try {
    // Okta EL conditions on `event.*` map onto the System Log fields; `==` becomes SCIM `eq`.
    const scim = f.condition.expression.replace(/event\./g, '').replace(/\s*==\s*/g, ' eq ').replace(/&&/g, ' and ').replace(/\|\|/g, ' or ').replace(/'/g, '"');
    return evaluate(parseExpr(scim), e);
  } catch {
    return true;
  }
}

/** Okta's event hook request body (Event hooks reference, "Request body"). */
function payload(tenant: Tenant, hook: EventHookDoc, state: HookStateDoc, events: LogEvent[]) {
  return {
    eventType: 'com.okta.event_hook',
    eventTypeVersion: '1.0',
    cloudEventsVersion: '0.1',
    source: `${state.baseUrl}/api/v1/eventHooks/${hook.id}`,
    eventId: derivedUuid(`${hook.id}:${events[0].uuid}`),
    data: { events: events.map(({ id: _id, ...e }) => e) },
    eventTime: tenant.now().toISOString(),
    contentType: 'application/json',
  };
}

async function post(uri: string, headers: Record<string, string>, body: unknown): Promise<{ status: number | null; error: string | null }> {
  try {
    const res = await fetch(uri, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'Okta-Integrations' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(HOOK_TIMEOUT_MS),
    });
    await res.arrayBuffer().catch(() => undefined);
    return { status: res.status, error: null };
  } catch (e) {
    return { status: null, error: (e as Error).message };
  }
}

/**
 * Ids minted by the background loop are derived from what is delivered rather
 * than drawn from the tenant's random source, so deliveries interleaving with
 * requests cannot change the ids those requests get.
 */
function derivedUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const retryable = (status: number | null) => status === null || status === 429 || status >= 500;

const inFlight = new WeakMap<Tenant, Promise<DeliveryDoc[]>>();

/** Delivers every pending batch for one tenant, one run at a time (the loop and a control-plane flush may overlap). */
export function deliverTenant(tenant: Tenant): Promise<DeliveryDoc[]> {
  const prev = inFlight.get(tenant) ?? Promise.resolve([]);
  const run = prev.catch(() => []).then(() => deliverOnce(tenant));
  inFlight.set(tenant, run);
  return run;
}

async function deliverOnce(tenant: Tenant): Promise<DeliveryDoc[]> {
  const made: DeliveryDoc[] = [];
  for (const hook of hooks(tenant).values()) {
    if (hook.status !== 'ACTIVE' || hook.verificationStatus !== 'VERIFIED') continue;
    const state = hookState(tenant).get(hook.id);
    if (!state) continue;
    const all = logs(tenant).values();
    const from = state.cursor ? all.findIndex((e) => e.id === state.cursor) + 1 : 0;
    const pending = all.slice(from);
    if (!pending.length) continue;
    const batch = pending.filter((e) => wants(hook, e)).slice(0, BATCH);
    // Advance past everything looked at, up to the last event of a full batch.
    const lastSeen = batch.length === BATCH ? batch[batch.length - 1] : pending[pending.length - 1];
    hookState(tenant).patch(hook.id, { cursor: lastSeen.id });
    if (!batch.length) continue;
    let attempt = 0;
    let result: { status: number | null; error: string | null } = { status: null, error: null };
    const body = payload(tenant, hook, state, batch);
    while (attempt < MAX_ATTEMPTS) {
      attempt++;
      result = await post(hook.channel.config.uri, hookHeaders(hook, state), body);
      if (!retryable(result.status)) break;
    }
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const d = deliveries(tenant).put({
      id: derivedUuid(`delivery:${hook.id}:${batch[0].uuid}`),
      hookId: hook.id,
      eventIds: batch.map((e) => e.uuid),
      attempts: attempt,
      status: result.status,
      outcome: ok ? 'SUCCESS' : 'FAILURE',
      error: result.error,
      time: tenant.now().toISOString(),
    });
    made.push(d);
    if (!ok) {
      record(tenant, {
        eventType: 'event_hook.delivery',
        displayMessage: 'Event hook delivery',
        actor: SYSTEM_ACTOR,
        target: [{ id: hook.id, type: 'EventHook', alternateId: hook.name, displayName: hook.name }],
        outcome: { result: 'FAILURE', reason: result.error ?? `HTTP ${result.status}` },
        severity: 'WARN',
      });
    }
  }
  return made;
}

/** Whether any hook would be delivered to: active and verified, as `deliverOnce` requires. */
function deliverable(tenant: Tenant): boolean {
  for (const hook of hooks(tenant).iterate()) if (hook.status === 'ACTIVE' && hook.verificationStatus === 'VERIFIED') return true;
  return false;
}

/**
 * Delivery follows the org's events: each event recorded in one of this twin's
 * tenants that has hooks schedules a delivery run for that tenant (runs queue,
 * so a burst of events becomes a few runs). Returns the unsubscribe.
 */
export function startDelivery(twin: Twin): () => void {
  const scheduled = new WeakSet<Tenant>();
  return onOrgEvent((tenant) => {
    if (tenant.twin !== twin.name || !twin.registry.has(tenant.name) || twin.registry.get(tenant.name) !== tenant) return;
    // A run delivers only to active, verified hooks, and activating or verifying one moves its cursor to the
    // log's end (event-hooks.ts), so an event recorded while none is deliverable is never delivered: no run.
    if (scheduled.has(tenant) || !deliverable(tenant)) return;
    scheduled.add(tenant);
    const timer = setTimeout(() => {
      scheduled.delete(tenant);
      void deliverTenant(tenant);
    }, 0);
    timer.unref?.();
  });
}
