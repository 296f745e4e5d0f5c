/** Gmail push: which mailboxes are watched, for which labels, until when; notifications go to the topic (see realtime/pubsub.ts). */
import type { Tenant } from '../../../../src/core/tenant.js';

export interface WatchRec {
  email: string;
  topicName: string;
  labelIds: string[];
  exclude: boolean;
  /** Epoch ms; Gmail watches last seven days unless renewed. */
  expiration: number;
}

const WEEK_MS = 7 * 86_400_000;
const watches = (t: Tenant) => t.meta<Record<string, WatchRec>>('gmail:watches', () => ({}));

export function watchMailbox(t: Tenant, email: string, topicName: string, labelIds: string[], exclude: boolean): WatchRec {
  const w = { email, topicName, labelIds, exclude, expiration: t.now().getTime() + WEEK_MS };
  watches(t)[email.toLowerCase()] = w;
  t.markDirty();
  return w;
}

export function stopWatch(t: Tenant, email: string): void {
  delete watches(t)[email.toLowerCase()];
  t.markDirty();
}

/** The live watch a change to these labels should be announced to, if any. */
export function watchFor(t: Tenant, email: string, labelIds: string[]): WatchRec | undefined {
  const w = watches(t)[email.toLowerCase()];
  if (!w || w.expiration <= t.now().getTime()) return undefined;
  if (!w.labelIds.length) return w;
  const hit = labelIds.some((l) => w.labelIds.includes(l));
  return hit !== w.exclude ? w : undefined;
}
