/** What the model announces when the workspace changes, and the one interface delivery code subscribes to; the model never imports delivery. */
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';
import type { Conversation, MessageDoc } from '../types.js';

export interface EmitOptions {
  channel?: string;
  user?: string;
  /** The one app an event concerns (app_mention of its bot). */
  app?: string;
}

/** A workspace change, typed by kind. */
export type WorkspaceEvent =
  /** An Events API event already in Slack's shape, built by the method that caused it. */
  | { kind: 'event'; event: Record<string, unknown>; opts: EmitOptions }
  /** A message stored in a conversation; subscribers present it (message, app_mention). */
  | { kind: 'message'; conversation: Conversation; message: MessageDoc };

export type EventSubscriber = (tenant: Tenant, e: WorkspaceEvent) => void;

const subscribers = new WeakMap<Twin, Set<EventSubscriber>>();

/** Registers a subscriber for one twin's events; returns the unsubscribe function. */
export function subscribe(twin: Twin, fn: EventSubscriber): () => void {
  let set = subscribers.get(twin);
  if (!set) subscribers.set(twin, (set = new Set()));
  set.add(fn);
  return () => set!.delete(fn);
}

/** Announces a change; a failing subscriber is journaled and never fails the call that caused the change. */
export function publish(twin: Twin, tenant: Tenant, e: WorkspaceEvent): void {
  for (const fn of subscribers.get(twin) ?? []) {
    try {
      fn(tenant, e);
    } catch (err) {
      const type = e.kind === 'event' ? String(e.event.type) : 'message';
      twin.journal.add({
        time: twin.clock.now().toISOString(), twin: twin.name, tenant: tenant.name, method: 'EVENT', path: type,
        query: '', status: 500, durationMs: 0, request: { headers: {}, body: e.kind === 'event' ? e.event : e.message }, response: { headers: {}, body: undefined },
        notes: [`event publish failed: ${(err as Error).stack ?? (err as Error).message}`],
      });
    }
  }
}

/** Announces an Events API event built by a Web API method. */
export function emitEvent(twin: Twin, tenant: Tenant, event: Record<string, unknown>, opts: EmitOptions = {}): void {
  publish(twin, tenant, { kind: 'event', event, opts });
}
