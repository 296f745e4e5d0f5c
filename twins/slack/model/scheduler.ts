/** The background job that posts scheduled messages and due reminders once the twin clock passes their time. */
import type { Tenant } from '../../../src/core/tenant.js';
import type { Twin } from '../../../src/core/twin.js';
import { cmpTs, nowSec, reminders, scheduled } from '../store.js';
import { postMessage, type NewMessage } from './messages.js';
import { runDueReminders } from './reminders.js';

/** Posts every due message of one workspace, oldest first; a failure (channel archived meanwhile) drops that message. */
export function runDue(twin: Twin, tenant: Tenant): number {
  const now = nowSec(tenant);
  const due = scheduled(tenant).filter((d) => d.post_at <= now).sort((x, y) => x.post_at - y.post_at || cmpTs(x.id, y.id));
  for (const d of due) {
    scheduled(tenant).delete(d.id);
    try {
      postMessage(twin, tenant, d.channel_id, d.message as NewMessage);
    } catch {
      // Slack silently drops a scheduled message it can no longer post.
    }
  }
  return due.length;
}

/**
 * Checks for due messages and reminders whenever the clock jumps and every half second of
 * running time; only reads the twin clock, so a frozen clock posts nothing
 * until advanced.
 */
export function startScheduler(twin: Twin): () => void {
  const tick = () => {
    for (const name of twin.registry.names()) {
      const t = twin.registry.get(name);
      if (scheduled(t).size) runDue(twin, t);
      if (reminders(t).size) runDueReminders(twin, t);
    }
  };
  const off = twin.clock.onChange(tick);
  const timer = setInterval(tick, 500);
  timer.unref?.();
  return () => {
    off();
    clearInterval(timer);
  };
}
