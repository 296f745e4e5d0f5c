/** The event interface between the models and push delivery: a model announces that a watched resource changed; realtime/ subscribes. */
import type { Tenant } from '../../src/core/tenant.js';

/** What happened, where the API names it: Drive's X-Goog-Resource-State (`change`, `update`, `trash`…) and X-Goog-Changed. */
export interface ResourceChange {
  state?: string;
  changed?: string[];
}

/** `key` names the resource (`events:<calendarId>`, `drive:changes`, `drive:file:<id>`); `visibleTo` decides per watcher when given. */
export type ResourceListener = (t: Tenant, key: string, visibleTo?: (email: string) => boolean, change?: ResourceChange) => void;
const listeners: ResourceListener[] = [];
export const onResourceChange = (fn: ResourceListener) => void listeners.push(fn);
export function announce(t: Tenant, key: string, visibleTo?: (email: string) => boolean, change?: ResourceChange): void {
  for (const fn of listeners) fn(t, key, visibleTo, change);
}
