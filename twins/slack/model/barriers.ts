/** Where information barriers bite: which people a barrier separates, and the check DMs, MPIMs and calls run before letting them talk. */
import type { Tenant } from '../../../src/core/tenant.js';
import { SlackError } from '../errors.js';
import { admin, usergroups } from '../store.js';

/** The interactions a barrier can restrict (admin.barriers.create `restricted_subjects`). */
export type BarrierSubject = 'im' | 'mpim' | 'call';
export const BARRIER_SUBJECTS: BarrierSubject[] = ['im', 'mpim', 'call'];

/** A stored barrier: the primary IDP group, the groups it is barriered from, and the restricted subjects. */
export interface BarrierRecord {
  id: string;
  primary: string;
  from: string[];
  subjects: string[];
  date_update: number;
}

export const barriers = (t: Tenant) => admin(t, 'barriers');

/** Members of a usergroup that is still enabled; a disabled group separates nobody. */
function groupMembers(t: Tenant, id: string): string[] {
  const g = usergroups(t).get(id);
  return g && !g.date_delete ? g.users : [];
}

/**
 * The barrier separating two of `people` for `subject`, if any. Barriers are
 * symmetric: anyone in the primary group and anyone in a barriered-from group
 * may not share a DM, a group DM or a call
 * (https://slack.com/help/articles/360056171734-Create-information-barriers-in-Slack).
 */
export function barrierAmong(t: Tenant, people: string[], subject: BarrierSubject): BarrierRecord | undefined {
  const present = new Set(people);
  if (present.size < 2) return undefined;
  for (const doc of barriers(t).values()) {
    const b = doc as unknown as BarrierRecord;
    if (!(b.subjects ?? []).includes(subject)) continue;
    const primary = groupMembers(t, b.primary).filter((u) => present.has(u));
    if (!primary.length) continue;
    const other = (b.from ?? []).flatMap((g) => groupMembers(t, g)).filter((u) => present.has(u));
    if (other.some((u) => primary.some((p) => p !== u))) return b;
  }
  return undefined;
}

/**
 * Refuses an interaction across a barrier. Slack documents the behavior (new
 * DMs, group DMs and huddles are blocked; existing DMs become read-only;
 * channels are unaffected) but no error code of its own, so each method
 * answers with the closest code its reference lists (`code`).
 */
export function assertNoBarrier(t: Tenant, people: string[], subject: BarrierSubject, code: string): void {
  if (barrierAmong(t, people, subject)) throw new SlackError(code);
}
