/** Drive's change log as a collection, with its order and each file's entry kept write by write. */
import type { Collection, Tenant } from '../../../../src/core/tenant.js';
import { TwinBug } from '../../../../src/core/errors.js';
import { K, type Change } from '../../store.js';

/** A change as the log keeps it: who could see the file then, so a removal reaches those who lost it. */
export type LoggedChange = Change & { audience: string[] };

export const changeLog = (t: Tenant) => t.collection<LoggedChange>(K.changes);

/**
 * What appending reads, kept from append to append rather than derived again each time:
 * - `order`: the log's ids in the log's order from `head` on. Every append past the `--log-entries` bound drops
 *   the oldest entries, and the log is a Map emptied from its head: a Map iterator walks every entry deleted since
 *   the Map last rehashed (thousands, at the bound) before it reaches a live one. An entry left earlier (a file's
 *   superseded change) stays in `order` as a hole until the head passes it; holes beyond the log's size are
 *   dropped by reading the order again.
 * - `byFile`: each file's entry (the log keeps one per file). A state that holds several for one file (written
 *   before the log kept one) lists the older ones in `older`, so an append still removes every one of them.
 * Any write not made here (a reset, a restore, a generic-layer write) or an unannounced change makes both be read
 * from the log again; `DTU_CHECK_CACHES=1` compares them with the log on every append.
 */
interface Kept {
  order: string[];
  head: number;
  byFile: Map<string, string>;
  older: Map<string, string[]>;
  valid: boolean;
  epoch: number;
}
const kept = new WeakMap<Collection<LoggedChange>, Kept>();
let writing = false;
const CHECK = process.env.DTU_CHECK_CACHES === '1';

function own(write: () => void): void {
  writing = true;
  try {
    write();
  } finally {
    writing = false;
  }
}

function keptOf(log: Collection<LoggedChange>): Kept {
  let k = kept.get(log);
  if (!k) {
    const made: Kept = { order: [], head: 0, byFile: new Map(), older: new Map(), valid: false, epoch: log.epoch };
    log.watch(() => {
      if (!writing) made.valid = false;
    });
    kept.set(log, (k = made));
  }
  if (!k.valid || k.epoch !== log.epoch) read(log, k);
  else if (CHECK) compare(log, k);
  return k;
}

function read(log: Collection<LoggedChange>, k: Kept): void {
  k.order = [];
  k.head = 0;
  k.byFile.clear();
  k.older.clear();
  for (const c of log.iterate()) {
    k.order.push(c.id);
    const before = k.byFile.get(c.fileId);
    if (before !== undefined) {
      const list = k.older.get(c.fileId);
      if (list) list.push(before);
      else k.older.set(c.fileId, [before]);
    }
    k.byFile.set(c.fileId, c.id);
  }
  k.valid = true;
  k.epoch = log.epoch;
}

function compare(log: Collection<LoggedChange>, k: Kept): void {
  const live = [...log.iterate()];
  const order = k.order.slice(k.head).filter((id) => log.has(id));
  if (order.length !== live.length || order.some((id, i) => id !== live[i].id)) throw new TwinBug(`kept order of ${log.key} differs from the log`);
  const fresh = new Map<string, string[]>();
  for (const c of live) fresh.set(c.fileId, [...(fresh.get(c.fileId) ?? []), c.id]);
  const keptIds = (fileId: string) => [...(k.older.get(fileId) ?? []), k.byFile.get(fileId)].filter((id) => id !== undefined && log.has(id));
  for (const fileId of new Set([...fresh.keys(), ...k.byFile.keys()])) {
    const a = keptIds(fileId);
    const b = fresh.get(fileId) ?? [];
    if (a.length !== b.length || a.some((id, i) => id !== b[i])) throw new TwinBug(`kept entry of file ${fileId} in ${log.key} differs from the log`);
  }
}

/**
 * Appends a file's change in place of its earlier ones (changes.list reports a file's latest change only, so
 * an earlier one can never be read again), then drops the oldest entries beyond `bound`. Answers the page
 * token just past the newest change dropped, or undefined when none was.
 */
export function appendChange(log: Collection<LoggedChange>, change: LoggedChange, bound: number): number | undefined {
  const k = keptOf(log);
  const previous = k.byFile.get(change.fileId);
  const older = k.older.get(change.fileId);
  const known = log.has(change.id);
  own(() => {
    if (older) for (const id of older) log.delete(id);
    if (previous !== undefined) log.delete(previous);
    log.put(change);
  });
  if (older) k.older.delete(change.fileId);
  k.byFile.set(change.fileId, change.id);
  // A put of an id already kept keeps its place: the order is read from the log again.
  if (known) k.valid = false;
  else k.order.push(change.id);
  return forgetOldest(log, keptOf(log), bound);
}

function forgetOldest(log: Collection<LoggedChange>, k: Kept, bound: number): number | undefined {
  let over = log.size - bound;
  let floor: number | undefined;
  while (over > 0 && k.head < k.order.length) {
    const id = k.order[k.head++];
    const c = log.get(id);
    if (!c) continue;
    own(() => log.delete(id));
    if (k.byFile.get(c.fileId) === id) k.byFile.delete(c.fileId);
    else {
      const list = k.older.get(c.fileId);
      const at = list ? list.indexOf(id) : -1;
      if (at >= 0) {
        list!.splice(at, 1);
        if (!list!.length) k.older.delete(c.fileId);
      }
    }
    floor = Math.max(floor ?? 0, Number(id) + 1);
    over--;
  }
  // Ids already passed go once they are half of what is kept; holes (entries left earlier) once they outnumber the log.
  if (k.head > 1024 && k.head * 2 > k.order.length) {
    k.order = k.order.slice(k.head);
    k.head = 0;
  }
  if (k.order.length - k.head > 2 * log.size + 1024) read(log, k);
  return floor;
}
