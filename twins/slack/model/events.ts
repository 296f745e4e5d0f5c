/** The Web API's one door to the realtime event bus: handlers describe what happened, the bus delivers it. */
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { publishEvent } from '../realtime/bus.js';

export interface EmitOptions {
  channel?: string;
  user?: string;
  /** The one app an event concerns (app_mention of its bot). */
  app?: string;
}

type Observer = (tenant: Tenant, event: Record<string, unknown>, opts: EmitOptions) => void;
const observers = new WeakMap<Twin, Set<Observer>>();

/** Sees every event the Web API publishes (tests, diagnostics), independent of delivery. */
export function observeEvents(twin: Twin, fn: Observer): () => void {
  let set = observers.get(twin);
  if (!set) observers.set(twin, (set = new Set()));
  set.add(fn);
  return () => set!.delete(fn);
}

/** Publishes a workspace event; delivery failures never fail the Web API call that caused them. */
export function emitEvent(twin: Twin, tenant: Tenant, event: Record<string, unknown>, opts: EmitOptions = {}): void {
  const ev = { event_ts: eventTs(tenant), ...event };
  for (const fn of observers.get(twin) ?? []) fn(tenant, ev, opts);
  try {
    publishEvent(twin, tenant, ev, { channel: opts.channel, user: opts.user, app: opts.app });
  } catch (e) {
    twin.journal.add({
      time: twin.clock.now().toISOString(), twin: twin.name, tenant: tenant.name, method: 'EVENT', path: String(event.type),
      query: '', status: 500, durationMs: 0, request: { headers: {}, body: ev }, response: { headers: {}, body: undefined },
      notes: [`event publish failed: ${(e as Error).stack ?? (e as Error).message}`],
    });
  }
}

/** Event timestamps share the message ts format but not its per-channel uniqueness. */
function eventTs(tenant: Tenant): string {
  const ms = tenant.now().getTime();
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}
