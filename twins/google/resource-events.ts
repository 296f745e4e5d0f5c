/** The event interface between the models and push delivery: a model announces that a watched resource changed; realtime/ subscribes. */
import type { Tenant } from '../../src/core/tenant.js';

/**
 * `key` names the resource (`events:<calendarId>`, `drive:changes`, `drive:file:<id>`, `directory:users`); `visibleTo` decides per
 * watcher when given; `change` says what happened where the API names it: the state a channel reports (default `exists`; Drive's
 * `change`, `update`, `trash`…; Directory's `add`, `update`, `delete`…), Drive's X-Goog-Changed, and the body a channel carries
 * where the API sends one (Directory notifications carry the changed resource).
 */
export interface ResourceChange {
  state?: string;
  changed?: string[];
  body?: unknown;
}
export type ResourceListener = (t: Tenant, key: string, visibleTo?: (email: string) => boolean, change?: ResourceChange) => void;
const listeners: ResourceListener[] = [];
export const onResourceChange = (fn: ResourceListener) => void listeners.push(fn);
export function announce(t: Tenant, key: string, visibleTo?: (email: string) => boolean, change?: ResourceChange): void {
  for (const fn of listeners) fn(t, key, visibleTo, change);
}
