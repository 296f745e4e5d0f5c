/** Drive's change log as a collection, with its order and each file's entry kept write by write. */
import type { Collection, Tenant } from '../../../../src/core/tenant.js';
import { TwinBug } from '../../../../src/core/errors.js';
import { appendOrders, type AppendOrder } from '../../../../src/core/append-order.js';
import { K, type Change } from '../../store.js';

/** A change as the log keeps it: who could see the file then, so a removal reaches those who lost it. */
export type LoggedChange = Change & { audience: string[] };

export const changeLog = (t: Tenant) => t.collection<LoggedChange>(K.changes);

/**
 * What appending reads, kept from append to append rather than derived again each time
 * (src/core/append-order.ts): the log's ids in its order, and `byFile`, each file's entry (the log keeps one per
 * file). An entry left earlier (a file's superseded change) stays in the order as a hole until the head passes
 * it. A state that holds several entries for one file (written before the log kept one) lists the older ones in
 * `older`, so an append still removes every one of them. `DTU_CHECK_CACHES=1` compares both with the log.
 */
interface ByFile {
  byFile: Map<string, string>;
  older: Map<string, string[]>;
}
const keptOf = appendOrders<LoggedChange, ByFile>({
  what: 'order',
  holes: true,
  extra: () => ({ byFile: new Map(), older: new Map() }),
  reset: (k) => {
    k.byFile.clear();
    k.older.clear();
  },
  reread: (k, c) => {
    const before = k.byFile.get(c.fileId);
    if (before !== undefined) {
      const list = k.older.get(c.fileId);
      if (list) list.push(before);
      else k.older.set(c.fileId, [before]);
    }
    k.byFile.set(c.fileId, c.id);
  },
  check: (k, live, log) => {
    const fresh = new Map<string, string[]>();
    for (const c of live) fresh.set(c.fileId, [...(fresh.get(c.fileId) ?? []), c.id]);
    const keptIds = (fileId: string) => [...(k.older.get(fileId) ?? []), k.byFile.get(fileId)].filter((id) => id !== undefined && log.has(id));
    for (const fileId of new Set([...fresh.keys(), ...k.byFile.keys()])) {
      const a = keptIds(fileId);
      const b = fresh.get(fileId) ?? [];
      if (a.length !== b.length || a.some((id, i) => id !== b[i])) throw new TwinBug(`kept entry of file ${fileId} in ${log.key} differs from the log`);
    }
  },
});

/**
 * Appends a file's change in place of its earlier ones (changes.list reports a file's latest change only, so
 * an earlier one can never be read again), then drops the oldest entries beyond `bound`. Answers the page
 * token just past the newest change dropped, or undefined when none was.
 */
export function appendChange(log: Collection<LoggedChange>, change: LoggedChange, bound: number): number | undefined {
  const order = keptOf(log);
  const k = order.extra;
  const previous = k.byFile.get(change.fileId);
  const older = k.older.get(change.fileId);
  if (older) k.older.delete(change.fileId);
  k.byFile.set(change.fileId, change.id);
  order.append(change, () => {
    if (older) for (const id of older) log.delete(id);
    if (previous !== undefined) log.delete(previous);
  });
  return forgetOldest(log, order, bound);
}

function forgetOldest(log: Collection<LoggedChange>, order: AppendOrder<LoggedChange, ByFile>, bound: number): number | undefined {
  const k = order.extra;
  let over = log.size - bound;
  let floor: number | undefined;
  for (let c = over > 0 ? order.oldest() : undefined; c; c = over > 0 ? order.oldest() : undefined) {
    order.dropOldest();
    if (k.byFile.get(c.fileId) === c.id) k.byFile.delete(c.fileId);
    else {
      const list = k.older.get(c.fileId);
      const at = list ? list.indexOf(c.id) : -1;
      if (at >= 0) {
        list!.splice(at, 1);
        if (!list!.length) k.older.delete(c.fileId);
      }
    }
    floor = Math.max(floor ?? 0, Number(c.id) + 1);
    over--;
  }
  order.compact();
  return floor;
}
