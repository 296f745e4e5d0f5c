// The Rank field: a site-wide order of issues (fixed-width sortable strings), new issues last, moves before or after an anchor.
import type { Tenant } from '../../../../src/core/tenant.js';
import { orderIndex } from '../../../../src/core/lookup.js';
import { issues, type IssueDoc } from '../../store.js';
/** Rank values are fixed-width so string order is rank order; new issues rank last. */
const RANK_WIDTH = 12;
const STEP = 1_000_000;
const rankOf = (n: number) => `0|${String(Math.floor(n)).padStart(RANK_WIDTH, '0')}:`;
const rankValue = (r: string | undefined) => (r ? Number(r.slice(2, 2 + RANK_WIDTH)) : Number.MAX_SAFE_INTEGER);

/** Ranked issues in rank order, kept as ranks change, so a new issue finds the last rank without a scan. */
const rankKey = (i: IssueDoc) => (i.rank ? rankValue(i.rank) : null);
const byRank = (t: Tenant) => orderIndex(issues(t), 'rank', rankKey);

export function rankLast(t: Tenant): string {
  // The index keeps each place's key (the rank's number) beside it, so the last issue is not read back.
  const index = byRank(t);
  const n = index.ascending().length;
  const max = n === 0 ? 0 : Math.max(0, Number(index.keyAtPlace(n - 1)));
  return rankOf(max + STEP);
}

/** Gives every unranked issue a rank (in creation order), so sites made before ranking sort sensibly. */
export function ensureRanks(t: Tenant): void {
  for (const i of issues(t).values()) if (!i.rank) issues(t).patch(i.id, { rank: rankLast(t) });
}

export const issueRank = (i: IssueDoc) => rankValue(i.rank);

/**
 * Moves `moving` (in the given order) just before or after `anchor`. Ranks between the anchor and
 * its neighbour are spread evenly; when there is no room the whole order is renumbered.
 */
export function rankIssues(t: Tenant, moving: IssueDoc[], anchor: IssueDoc, where: 'before' | 'after'): void {
  ensureRanks(t);
  const ids = new Set(moving.map((i) => i.id));
  const order = issues(t).values().filter((i) => !ids.has(i.id)).sort((a, b) => issueRank(a) - issueRank(b));
  const at = order.findIndex((i) => i.id === anchor.id) + (where === 'after' ? 1 : 0);
  order.splice(at, 0, ...moving);
  order.forEach((i, n) => issues(t).patch(i.id, { rank: rankOf((n + 1) * STEP) }));
}
