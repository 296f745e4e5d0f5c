// The Rank field: a site-wide order of issues (fixed-width sortable strings), new issues last, moves before or after an anchor.
import type { Collection, Tenant } from '../../../../src/core/tenant.js';
import { checkingIndexes, orderIndex } from '../../../../src/core/lookup.js';
import { TwinBug } from '../../../../src/core/errors.js';
import { issues, type IssueDoc } from '../../store.js';
/** Rank values are fixed-width so string order is rank order; new issues rank last. */
const RANK_WIDTH = 12;
const STEP = 1_000_000;
const rankOf = (n: number) => `0|${String(Math.floor(n)).padStart(RANK_WIDTH, '0')}:`;
const rankValue = (r: string | undefined) => (r ? Number(r.slice(2, 2 + RANK_WIDTH)) : Number.MAX_SAFE_INTEGER);

/** Ranked issues in rank order, kept as ranks change, so the last rank is found without a scan when it moved or went. */
const rankKey = (i: IssueDoc) => (i.rank ? rankValue(i.rank) : null);
const byRank = (t: Tenant) => orderIndex(issues(t), 'rank', rankKey);

/**
 * The site's largest rank and the issue holding it, followed through the issues' writes: a create ranks after
 * it without bringing the order index up to date before each create (the index is read only when an order is asked for). A
 * written issue can only raise it (that issue now holds it) or take it away (its holder re-ranked or deleted,
 * the collection cleared or edited unannounced), and then it is found again and its holder followed. Written
 * issues are read when the next rank is asked for, as the order index reads them, so a document given its
 * rank right after its write (the fixture's issues) is read with it.
 */
interface Largest {
  col: Collection<IssueDoc>;
  known: boolean;
  epoch: number;
  /** The holder, or undefined when no issue has a rank. */
  id: string | undefined;
  rank: string;
  value: number;
  /** Issues written since the last rank asked for (bounded: past it, the largest rank is found again). */
  written: Set<string>;
  /** The rank last handed out, and its number: the create that asked for it writes it next, and is not parsed again. */
  given: string;
  givenValue: number;
  /** Whether it was found once already (by reading every issue); later it is found from the order index. */
  found: boolean;
}
const largest = new WeakMap<Tenant, Largest>();
const WRITTEN_MAX = 1024;

function follow(t: Tenant): Largest {
  const col = issues(t);
  let s = largest.get(t);
  if (s && s.col === col) return s;
  const l: Largest = { col, known: false, epoch: -1, id: undefined, rank: '', value: -Infinity, written: new Set(), given: '', givenValue: NaN, found: false };
  col.watch((id) => {
    if (!l.known) return;
    if (id === undefined || l.written.size >= WRITTEN_MAX) {
      l.known = false;
      l.written.clear();
    } else l.written.add(id);
  });
  largest.set(t, (s = l));
  return s;
}

/** Reads the issues written since the last rank: each may have raised the largest rank or taken it from its holder. */
function takeWrites(l: Largest): void {
  for (const id of l.written) {
    const doc = l.col.get(id);
    if (id === l.id) {
      if (doc?.rank === l.rank) continue;
      l.known = false;
      break;
    }
    if (!doc?.rank) continue;
    // A rank the order index would leave out (NaN) never compares greater.
    const v = doc.rank === l.given ? l.givenValue : rankValue(doc.rank);
    if (v > l.value) {
      l.id = id;
      l.rank = doc.rank;
      l.value = v;
    }
  }
  l.written.clear();
}

/**
 * Finds the largest rank and its holder: the first time by one pass over the issues, so a site that only
 * ever gains issues never builds the order index; after that from the index, since a site whose largest
 * rank keeps going (deleted, moved) would otherwise be read whole each time.
 */
function findLargest(t: Tenant, l: Largest): void {
  let id: string | undefined;
  let value = -Infinity;
  if (!l.found) {
    l.found = true;
    for (const doc of l.col.iterate()) {
      // Unranked issues, and ranks that do not read as a number (NaN never compares greater), are not in the order.
      const v = doc.rank ? rankValue(doc.rank) : NaN;
      if (v > value) {
        id = doc.id;
        value = v;
      }
    }
  } else {
    const index = byRank(t);
    const order = index.ascending();
    const n = order.length;
    if (n) {
      id = order[n - 1];
      value = Number(index.keyAtPlace(n - 1));
    }
  }
  l.known = true;
  l.written.clear();
  l.epoch = l.col.epoch;
  l.id = id;
  l.rank = id === undefined ? '' : l.col.get(id)!.rank!;
  l.value = value;
}

export function rankLast(t: Tenant): string {
  const l = follow(t);
  if (l.known && l.written.size) takeWrites(l);
  if (!l.known || l.epoch !== l.col.epoch) findLargest(t, l);
  if (checkingIndexes) {
    const index = byRank(t);
    const n = index.ascending().length;
    const value = n === 0 ? -Infinity : Number(index.keyAtPlace(n - 1));
    if (value !== l.value) throw new TwinBug(`jira rankLast: the followed largest rank ${l.value} differs from the order index's ${value}`);
  }
  const value = Math.max(0, l.value) + STEP;
  l.given = rankOf(value);
  // Past the fixed width the text reads back as a different number, which is what the order index keys it by.
  l.givenValue = value < 10 ** RANK_WIDTH ? value : rankValue(l.given);
  return l.given;
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
