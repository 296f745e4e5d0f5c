/**
 * Secondary indexes over a tenant collection (term → ids, kept current by the collection's own writes)
 * and the one way queries use them: narrow to candidates, then apply the query's full predicate in
 * collection order. An index only ever narrows; the predicate still decides, so a query answers exactly
 * what a full scan would. `DTU_CHECK_INDEXES=1` (set for the test suite) runs the full scan beside
 * every indexed query and fails loudly on any difference.
 */
import { TwinBug } from './errors.js';
import type { Collection, Doc } from './tenant.js';

/** Ids a query may match: a set narrowed by indexes, or `undefined` for "any document" (scan). */
export type Candidates = ReadonlySet<string> | undefined;

/** The terms an index files a document under (lower-cased words, a status, a parent id…). */
export type Terms<T> = (doc: T) => Iterable<string>;

const CHECK = process.env.DTU_CHECK_INDEXES === '1';
/** Whether indexed answers are compared with full scans (`DTU_CHECK_INDEXES=1`), for callers with their own shortcuts. */
export const checkingIndexes = CHECK;
const EMPTY: ReadonlySet<string> = new Set();

/**
 * Each id's place in a collection's insertion order (Map order is append-only for new keys). A forgotten id
 * leaves a hole; once holes outnumber the ids kept (and 1,024), the places are renumbered in order, so a
 * collection whose records come and go (created, then deleted) holds places for what it has, not for every id
 * it ever saw. Places are compared, never kept, by callers: renumbering keeps their order.
 */
export class Arrivals {
  /** `minHoles`: holes tolerated whatever the size (a test sets it low to renumber often). */
  constructor(private readonly minHoles = 1024) {}

  private seq = new Map<string, number>();
  /** The id at each place (a forgotten id leaves a hole until the places are renumbered). */
  private at: Array<string | undefined> = [];
  private next = 0;

  reset(): void {
    this.seq.clear();
    this.at = [];
    this.next = 0;
  }

  /** Gives an id seen for the first time the next place. */
  see(id: string): void {
    if (this.seq.has(id)) return;
    this.at[this.next] = id;
    this.seq.set(id, this.next++);
  }

  forget(id: string): void {
    const place = this.seq.get(id);
    if (place === undefined) return;
    this.at[place] = undefined;
    this.seq.delete(id);
    const holes = this.next - this.seq.size;
    if (holes > this.minHoles && holes > this.seq.size) this.renumber();
  }

  /** Places held, kept ids and holes alike. */
  get slots(): number {
    return this.next;
  }

  private renumber(): void {
    const at: string[] = [];
    for (let i = 0; i < this.next; i++) {
      const id = this.at[i];
      if (id === undefined) continue;
      this.seq.set(id, at.length);
      at.push(id);
    }
    this.at = at;
    this.next = at.length;
  }

  of(id: string): number {
    return this.seq.get(id)!;
  }

  /**
   * Ids in place order, read lazily: the places go into a heap (linear), and each id taken costs a logarithm,
   * so a page that stops after 21 of 1,000 candidates never sorts the other 979.
   */
  *lazily(ids: Iterable<string>, size: number): Generator<string> {
    if (size <= 64) return yield* this.sort(ids, size);
    const heap = new Float64Array(size);
    let n = 0;
    for (const id of ids) {
      const place = this.seq.get(id);
      if (place !== undefined) heap[n++] = place;
    }
    for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(heap, i, n);
    while (n > 0) {
      const top = heap[0];
      heap[0] = heap[--n];
      siftDown(heap, 0, n);
      yield this.at[top]!;
    }
  }

  /** Ids in place order: the places sorted as numbers, then read back as ids. */
  sort(ids: Iterable<string>, size: number): string[] {
    // One id (a key, an address, an email, a token's hash: most lookups by a unique term) has no order to find.
    if (size === 1) {
      for (const id of ids) return this.seq.has(id) ? [id] : [];
    }
    const places = new Float64Array(size);
    let n = 0;
    for (const id of ids) {
      const place = this.seq.get(id);
      if (place !== undefined) places[n++] = place;
    }
    const sorted = places.subarray(0, n).sort();
    const out: string[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = this.at[sorted[i]]!;
    return out;
  }
}

/** Restores a min-heap of places below `i` (the first `n` entries are the heap). */
function siftDown(heap: Float64Array, i: number, n: number): void {
  const x = heap[i];
  for (;;) {
    let c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && heap[c + 1] < heap[c]) c++;
    if (heap[c] >= x) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = x;
}

/**
 * The collection's order as places, one for every index over the collection (each index kept its own: at
 * 100,000 records, a map and an array per index that said the same thing). Kept current write by write;
 * rebuilt from the collection after a change of everything or of its epoch. A deletion is applied at the
 * next write or read rather than at once, so the indexes' own watchers, which run after this one, can still
 * find the deleted id's place (an order index cuts it out of its order by binary search).
 */
class Places {
  private readonly arrivals = new Arrivals();
  private all = true;
  private epoch = -1;
  private gone: string[] = [];

  constructor(private readonly col: Collection<any>) {
    col.watch((id) => {
      this.settle();
      if (id === undefined) this.all = true;
      else if (!this.all) {
        // A deleted id that comes back is appended to the collection's order, so it takes a new place, given
        // now: in the order of the writes, not of the ids waiting (one deleted earlier waits ahead of later ones).
        if (!col.has(id)) this.gone.push(id);
        else this.arrivals.see(id);
      }
    });
  }

  private settle(): void {
    if (!this.gone.length) return;
    // Forgotten even when put back since: a put-back takes a new place, last.
    for (const id of this.gone) this.arrivals.forget(id);
    this.gone = [];
  }

  /** The places, current (read them before an index's own sync). */
  current(): Arrivals {
    this.settle();
    if (this.all || this.epoch !== this.col.epoch) {
      this.arrivals.reset();
      for (const doc of this.col.iterate()) this.arrivals.see(doc.id);
      this.all = false;
      this.epoch = this.col.epoch;
    }
    return this.arrivals;
  }

  /** The places as they stand, a deletion not yet applied (for a watcher that unplaces the deleted id). */
  get raw(): Arrivals {
    return this.arrivals;
  }
}

/** What joins a document's terms in `TermIndex.termsOf` (a term holding it is kept in an array instead). */
const SEP = '\u0001';

/** Terms chosen by a test (a prefix, a fragment) and the union of their ids, built on first read. */
interface Union {
  test: (term: string) => boolean;
  terms: string[];
  ids: Set<string> | undefined;
}

/**
 * One term → ids index. Built on first use, then kept current write by write. A term filed under one id
 * (a login, a key, a hash: most terms of most indexes) holds that id itself rather than a set of one.
 */
export class TermIndex<T extends Doc = Doc> {
  private byTerm = new Map<string, string | Set<string>>();
  /**
   * What each document was filed under, to unfile it: its terms joined by `SEP` in one string (a single term is
   * itself), or their array when one holds `SEP`; nothing for a document filed under no term. One flat string
   * per document, where an array of the words split from its text was an array and a string per word (most
   * words repeated across documents: `bench`, a group, an author): at 100,000 messages, tens of MiB the major
   * collections marked.
   */
  private termsOf = new Map<string, string | string[]>();
  /**
   * Terms with a prefix (key `^prefix`) or containing a fragment (key `*fragment`), and the ids filed under
   * any of them, kept current as documents are filed and unfiled: a repeated search reads its union
   * instead of building it.
   */
  private unions = new Map<string, Union>();
  private places: Places;
  private stale = new Set<string>();
  private all = true;
  private epoch = -1;

  constructor(
    private readonly col: Collection<T>,
    private readonly terms: Terms<T>,
  ) {
    // Made before this index watches, so the places are current when this index's watcher runs.
    this.places = placesOf(col);
    col.watch((id) => {
      if (id === undefined) this.all = true;
      else if (!this.all) this.stale.add(id);
    });
  }

  /** Ids filed under `term` (a set made on the spot for a term of one id: read it, do not keep it across writes). */
  ids(term: string): ReadonlySet<string> {
    this.sync();
    return setOf(this.byTerm.get(term));
  }

  /**
   * Ids filed under any term that starts with `prefix`. The first search for a prefix reads the distinct terms
   * (the vocabulary) once, with no sorted copy of it to build or to keep current; the terms found are then
   * kept current as terms come and go, like every union.
   */
  withPrefix(prefix: string): ReadonlySet<string> {
    this.sync();
    return this.union(`^${prefix}`, (t) => t.startsWith(prefix), () => {
      const out: string[] = [];
      for (const t of this.byTerm.keys()) if (t.startsWith(prefix)) out.push(t);
      return out;
    });
  }

  /**
   * Ids filed under any term that contains `fragment`. Reads the distinct terms (the vocabulary), not the
   * documents; the terms found are kept current as terms come and go, so a repeated search reads only its hits.
   */
  withFragment(fragment: string): ReadonlySet<string> {
    this.sync();
    return this.union(`*${fragment}`, (t) => t.includes(fragment), () => [...this.byTerm.keys()].filter((t) => t.includes(fragment)));
  }

  /** The terms that contain `fragment` (the list `withFragment` unites, kept current the same way; not to be changed). */
  termsWithFragment(fragment: string): readonly string[] {
    this.withFragment(fragment);
    return this.unions.get(`*${fragment}`)!.terms;
  }

  /** The ids under every term that passes `test`, kept as `key` (see `unions`); `find` lists the terms the first time. */
  private union(key: string, test: (term: string) => boolean, find: () => string[]): ReadonlySet<string> {
    let found = this.unions.get(key);
    if (!found) {
      if (this.unions.size >= 64) this.unions.clear();
      this.unions.set(key, (found = { test, terms: find(), ids: undefined }));
    }
    if (found.terms.length === 1) return setOf(this.byTerm.get(found.terms[0]));
    if (!found.ids) {
      found.ids = new Set();
      for (const t of found.terms) {
        const held = this.byTerm.get(t)!;
        if (typeof held === 'string') found.ids.add(held);
        else for (const id of held) found.ids.add(id);
      }
    }
    return found.ids;
  }

  /** An id's place in collection order (smaller comes first), for callers that order matches themselves. */
  placeOf(id: string): number {
    this.sync();
    return this.places.raw.of(id);
  }

  /** The documents behind `ids`, in collection order. */
  inOrder(ids: ReadonlySet<string>): T[] {
    this.sync();
    // All of them: one sort of the places beats taking each from a heap.
    const out: T[] = [];
    for (const id of this.places.raw.sort(ids, ids.size)) {
      const doc = this.col.get(id);
      if (doc) out.push(doc);
    }
    return out;
  }

  /**
   * The documents behind `ids` in collection order, read one at a time: the places are sorted as numbers
   * up front, the documents only as the caller asks for them (a page stops after what it shows).
   */
  *ordered(ids: ReadonlySet<string>): Generator<T> {
    this.sync();
    for (const id of this.places.raw.lazily(ids, ids.size)) {
      const doc = this.col.get(id);
      if (doc) yield doc;
    }
  }

  private sync(): void {
    this.places.current();
    if (this.all || this.epoch !== this.col.epoch) return this.rebuild();
    if (!this.stale.size) return;
    for (const id of this.stale) {
      this.unfile(id);
      const doc = this.col.get(id);
      if (doc) this.file(doc);
    }
    this.stale.clear();
  }

  private rebuild(): void {
    this.byTerm.clear();
    this.termsOf.clear();
    this.unions.clear();
    for (const doc of this.col.iterate()) this.file(doc);
    this.stale.clear();
    this.all = false;
    this.epoch = this.col.epoch;
  }

  private file(doc: T): void {
    const given = this.terms(doc);
    // One term (a login, a key, a status) is kept as itself; several without repeats.
    const terms = Array.isArray(given) && given.length <= 1 ? (given as string[]) : [...new Set(given)];
    if (!terms.length) return;
    this.termsOf.set(doc.id, terms.some((t) => t.includes(SEP)) ? terms : terms.length === 1 ? terms[0] : terms.join(SEP));
    const id = doc.id;
    for (const term of terms) {
      const held = this.byTerm.get(term);
      const fresh = held === undefined;
      if (fresh) this.byTerm.set(term, id);
      else if (typeof held === 'string') this.byTerm.set(term, new Set([held, id]));
      else held.add(id);
      if (!this.unions.size) continue;
      for (const found of this.unions.values()) {
        if (!found.test(term)) continue;
        if (fresh) found.terms.push(term);
        found.ids?.add(doc.id);
      }
    }
  }

  private unfile(id: string): void {
    const filed = this.termsOf.get(id);
    if (filed === undefined) return;
    this.termsOf.delete(id);
    for (const term of typeof filed === 'string' ? filed.split(SEP) : filed) {
      const held = this.byTerm.get(term)!;
      const gone = typeof held === 'string';
      if (!gone) {
        held.delete(id);
        // Back to one id: held as itself again.
        if (held.size === 1) this.byTerm.set(term, held.values().next().value!);
      }
      if (gone) this.byTerm.delete(term);
      // The document leaves every term at once, so it leaves every union its terms were in.
      for (const found of this.unions.values()) {
        if (!found.test(term)) continue;
        if (gone) found.terms.splice(found.terms.indexOf(term), 1);
        found.ids?.delete(id);
      }
    }
  }
}

/** What an order index sorts by: compared with `<`, as the queries' own sorts compare. */
export type SortKey = string | number;

/**
 * A collection's ids sorted by a key, ties by `tie` or else by insertion order, kept current write by
 * write, so a query ordered by that key reads its first page without sorting the tenant. Documents whose
 * key is null are left out and counted (`unkeyed`): a caller that must place them falls back to sorting.
 */
export class OrderIndex<T extends Doc = Doc> {
  private order: string[] = [];
  /** Each place's key, beside `order`. */
  private keys: SortKey[] = [];
  private keyOf = new Map<string, SortKey>();
  private places: Places;
  private stale = new Set<string>();
  private all = true;
  private epoch = -1;
  private nulls = new Set<string>();

  constructor(
    private readonly col: Collection<T>,
    private readonly key: (doc: T) => SortKey | null,
    private readonly tie?: (a: string, b: string) => number,
  ) {
    // Made before this index watches: the places are current when this watcher runs, a deletion's not yet applied.
    this.places = placesOf(col);
    col.watch((id) => {
      if (id === undefined) this.all = true;
      else if (!this.all) {
        this.stale.add(id);
        // Gone now: leave the order while its old place is known; if it comes back it is a new arrival, placed then.
        if (!col.has(id)) this.forget(id);
      }
    });
  }

  private forget(id: string): void {
    const old = this.keyOf.get(id);
    if (old !== undefined) this.cut(this.place(old, id));
    this.keyOf.delete(id);
    this.nulls.delete(id);
  }

  /** Ids in ascending order (read it backwards for descending). */
  ascending(): readonly string[] {
    this.sync();
    return this.order;
  }

  /** Where an id sits in the ascending order, or -1 when it is not in it (gone, or unkeyed). */
  position(id: string): number {
    this.sync();
    const k = this.keyOf.get(id);
    if (k === undefined) return -1;
    const at = this.place(k, id);
    return this.order[at] === id ? at : -1;
  }

  /** The key at a place in the ascending order (walks compare neighbours' keys without looking ids up). */
  keyAtPlace(at: number): SortKey {
    return this.keys[at];
  }

  private cut(at: number): void {
    this.order.splice(at, 1);
    this.keys.splice(at, 1);
  }



  /** How many documents have no key and are missing from the order. */
  get unkeyed(): number {
    this.sync();
    return this.nulls.size;
  }

  private cmp(ak: SortKey, a: string, bk: SortKey, b: string): number {
    if (ak < bk) return -1;
    if (ak > bk) return 1;
    return this.tie ? this.tie(a, b) : this.places.raw.of(a) - this.places.raw.of(b);
  }

  /** Where (key, id) sits or would sit in the order. */
  private place(k: SortKey, id: string): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cmp(this.keys[mid], this.order[mid], k, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private sync(): void {
    this.places.current();
    if (this.all || this.epoch !== this.col.epoch) return this.rebuild();
    for (const id of this.stale) {
      const doc = this.col.get(id);
      if (!doc) {
        this.forget(id);
        continue;
      }
      const old = this.keyOf.get(id);
      const k = this.key(doc);
      // An edit that left the key alone leaves the place alone (ties go by arrival or by id, neither of which moved).
      if (old !== undefined && old === k) continue;
      if (old !== undefined) {
        this.cut(this.place(old, id));
        this.keyOf.delete(id);
      }
      this.nulls.delete(id);
      if (k === null || Number.isNaN(k)) this.nulls.add(id);
      else {
        const n = this.order.length;
        // Past the last key (a record created now, by creation time or rank): appended, nothing to search or move.
        if (!n || this.cmp(this.keys[n - 1], this.order[n - 1], k, id) < 0) {
          this.order.push(id);
          this.keys.push(k);
        } else {
          const at = this.place(k, id);
          this.order.splice(at, 0, id);
          this.keys.splice(at, 0, k);
        }
        this.keyOf.set(id, k);
      }
    }
    this.stale.clear();
  }

  private rebuild(): void {
    this.keyOf.clear();
    this.nulls.clear();
    const ids: string[] = [];
    const keys: SortKey[] = [];
    for (const doc of this.col.iterate()) {
      const k = this.key(doc);
      if (k === null || Number.isNaN(k)) this.nulls.add(doc.id);
      else {
        this.keyOf.set(doc.id, k);
        ids.push(doc.id);
        keys.push(k);
      }
    }
    // Sorted by place in `ids` (collection order, so a tie without `tie` is the smaller place), reading keys from an array.
    const tie = this.tie;
    const at = new Uint32Array(ids.length);
    for (let i = 0; i < at.length; i++) at[i] = i;
    at.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : tie ? tie(ids[a], ids[b]) : a - b));
    this.order = new Array(at.length);
    this.keys = new Array(at.length);
    for (let i = 0; i < at.length; i++) {
      this.order[i] = ids[at[i]];
      this.keys[i] = keys[at[i]];
    }
    this.stale.clear();
    this.all = false;
    this.epoch = this.col.epoch;
  }
}

/** The collection's order index called `name`, made on first use (see `termIndex` for its lifetime). */
export function orderIndex<T extends Doc>(col: Collection<T>, name: string, key: (doc: T) => SortKey | null, tie?: (a: string, b: string) => number): OrderIndex<T> {
  return named(col, `order:${name}`, () => new OrderIndex(col, key, tie));
}

/**
 * The first `limit` documents satisfying `pred` in an order index's order: ascending, descending (the
 * exact reverse), or descending by key with ties still in ascending order (`stableTies`, what a stable
 * sort on a descending key gives). A page costs what it reads, not the tenant. `sorted` is the same
 * answer by filtering and sorting everything, which `DTU_CHECK_INDEXES=1` compares. `from` starts at a
 * document (a cursor's page); `within` passes over ids outside a candidate set (which `pred` must imply);
 * `floor`/`ceiling` bound the walk to places [floor, ceiling) of the order (a range `pred` must imply, never
 * splitting a run of equal keys), so a window in the middle of a long order reads the window alone.
 */
export function walk<T extends Doc>(
  col: Collection<T>,
  index: OrderIndex<T>,
  dir: 'asc' | 'desc' | 'desc-stable',
  limit: number,
  pred: (doc: T) => boolean,
  sorted: () => T[],
  { from, within, floor = 0, ceiling }: { from?: string; within?: ReadonlySet<string>; floor?: number; ceiling?: number } = {},
): T[] {
  const ids = index.ascending();
  const out: T[] = [];
  // Ids outside `within` (the candidates an index gave) are passed over before their document is read.
  const take = (id: string) => {
    if (within && !within.has(id)) return;
    const doc = col.get(id);
    if (doc && pred(doc)) out.push(doc);
  };
  // A walk that starts at a document (a cursor's) starts at its place; the caller makes sure it is in the order.
  const at = from === undefined ? -1 : index.position(from);
  if (from !== undefined && at < 0) throw new TwinBug(`walk on ${col.key} from ${from}, which its order does not hold`);
  const top = Math.min(ceiling ?? ids.length, ids.length);
  // A cursor above the bounds starts at their top; one below them finds nothing, as `pred` would.
  const above = at >= top;
  if (dir === 'asc') for (let k = Math.max(at, floor); k < top && out.length < limit; k++) take(ids[k]);
  else if (dir === 'desc') for (let k = at < 0 || above ? top - 1 : at; k >= floor && out.length < limit; k--) take(ids[k]);
  else {
    // Runs of equal keys, from the highest key down, each read front to back (the first one from `from` on).
    let first = above ? -1 : at;
    for (let end = at < 0 || above ? top : runEnd(index, ids, at); end > floor && out.length < limit; ) {
      const key = index.keyAtPlace(end - 1);
      let start = end - 1;
      while (start > floor && index.keyAtPlace(start - 1) === key) start--;
      for (let k = first < 0 ? start : first; k < end && out.length < limit; k++) take(ids[k]);
      first = -1;
      end = start;
    }
  }
  if (CHECK) {
    const all = sorted();
    const skip = from === undefined ? 0 : all.findIndex((d) => d.id === from);
    const scan = all.slice(skip, skip + limit);
    if (scan.length !== out.length || scan.some((d, i) => d !== out[i])) throw new TwinBug(`order index on ${col.key} answered ${out.length} documents where a sort answers ${scan.length}`);
  }
  return out;
}

/** Just past the run of equal keys that holds place `at`. */
function runEnd(index: OrderIndex<any>, ids: readonly string[], at: number): number {
  const key = index.keyAtPlace(at);
  let end = at + 1;
  while (end < ids.length && index.keyAtPlace(end) === key) end++;
  return end;
}

/** A term's ids as a set: the set it holds, one made for a single id, or none. */
function setOf(held: string | Set<string> | undefined): ReadonlySet<string> {
  if (held === undefined) return EMPTY;
  return typeof held === 'string' ? new Set([held]) : held;
}

const indexes = new WeakMap<Collection<any>, Map<string, unknown>>();

/**
 * A collection's index called `name`, made on first use. A collection object lives as long as its
 * tenant's state (a restore or reset makes new ones), so the index goes with the state it describes.
 */
function named<I>(col: Collection<any>, name: string, make: () => I): I {
  let byName = indexes.get(col);
  if (!byName) indexes.set(col, (byName = new Map()));
  if (!byName.has(name)) byName.set(name, make());
  return byName.get(name) as I;
}

/** The collection's places, shared by its indexes (see `Places`). */
function placesOf(col: Collection<any>): Places {
  return named(col, 'places', () => new Places(col));
}

/** The collection's term index called `name`, made on first use. */
export function termIndex<T extends Doc>(col: Collection<T>, name: string, terms: Terms<T>): TermIndex<T> {
  return named(col, `terms:${name}`, () => new TermIndex(col, terms));
}

/** The words a text is filed under for substring search: its maximal runs of letters and digits, lower-cased. */
export function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Ids that may contain `needle` (already lower-cased) as a substring of their lower-cased text, from an index
 * filed by `words`: every run of letters and digits in the needle lies inside one word of any text containing
 * it, so each run narrows to the words that contain it. A needle without letters or digits narrows nothing.
 */
export function containing(index: TermIndex<any>, needle: string): Candidates {
  let out: Candidates;
  for (const run of needle.split(/[^\p{L}\p{N}]+/u)) if (run) out = both(out, index.withFragment(run));
  return out;
}

/** Both narrowings hold (an `and`): the smaller set filtered by the larger. */
export function both(a: Candidates, b: Candidates): Candidates {
  if (!a) return b;
  if (!b) return a;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const out = new Set<string>();
  for (const id of small) if (large.has(id)) out.add(id);
  return out;
}

/** Either narrowing holds (an `or`): only narrower than a scan when both sides are. */
export function either(a: Candidates, b: Candidates): Candidates {
  if (!a || !b) return undefined;
  const out = new Set(a);
  for (const id of b) out.add(id);
  return out;
}

/** Whether candidates are worth using: ones that are most of a large collection cost more to put in order than a scan. */
export function narrowEnough(col: Collection<any>, candidates: Candidates): candidates is ReadonlySet<string> {
  return !!candidates && !(col.size > 256 && candidates.size * 4 > col.size);
}

/**
 * The documents that satisfy `pred`, in collection order: from the candidates an index gave, else by
 * scanning. `pred` is the query's whole predicate, applied either way.
 */
export function select<T extends Doc>(col: Collection<T>, index: TermIndex<T>, candidates: Candidates, pred: (doc: T) => boolean): T[] {
  if (!narrowEnough(col, candidates)) return col.filter(pred);
  const out = index.inOrder(candidates).filter(pred);
  if (CHECK) {
    const scan = col.filter(pred);
    if (scan.length !== out.length || scan.some((d, i) => d !== out[i])) {
      throw new TwinBug(`index on ${col.key} answered ${out.length} documents where a scan answers ${scan.length}`);
    }
  }
  return out;
}

/**
 * The documents that satisfy `pred`, in collection order, as something a page can read lazily and stop
 * early (`get` finds a cursor's document): the candidates an index gave when they are narrow enough,
 * else the collection itself. Under `DTU_CHECK_INDEXES=1` the whole answer is compared with a scan first.
 */
export function source<T extends Doc>(col: Collection<T>, index: TermIndex<T>, candidates: Candidates, pred: (doc: T) => boolean): { get(id: string): T | undefined; iterate(): Iterable<T> } {
  if (!narrowEnough(col, candidates)) return { get: (id) => col.get(id), iterate: () => filtered(col.iterate(), pred) };
  if (CHECK) select(col, index, candidates, pred);
  return { get: (id) => col.get(id), iterate: () => filtered(index.ordered(candidates), pred) };
}

function* filtered<T>(docs: Iterable<T>, pred: (doc: T) => boolean): Generator<T> {
  for (const doc of docs) if (pred(doc)) yield doc;
}

/**
 * The documents that satisfy `pred`, in no particular order: for a caller that orders them itself (a
 * ranking), so putting candidates in collection order first would be wasted. Same documents as `select`.
 */
export function matching<T extends Doc>(col: Collection<T>, candidates: Candidates, pred: (doc: T) => boolean): T[] {
  if (!narrowEnough(col, candidates)) return col.filter(pred);
  const out: T[] = [];
  for (const id of candidates) {
    const doc = col.get(id);
    if (doc && pred(doc)) out.push(doc);
  }
  if (CHECK) {
    const scan = col.filter(pred);
    const found = new Set(out);
    if (scan.length !== out.length || scan.some((d) => !found.has(d))) throw new TwinBug(`index on ${col.key} answered ${out.length} documents where a scan answers ${scan.length}`);
  }
  return out;
}

/**
 * The first `k` items of a stream by `cmp`, without sorting the stream: a bounded heap keeps the k best
 * so far with the worst on top, so most items cost one comparison. `cmp` must order every pair of
 * distinct items (break ties), so the answer is exactly `all.sort(cmp).slice(0, k)`.
 */
export class FirstK<T> {
  private heap: T[] = [];

  constructor(
    private readonly k: number,
    private readonly cmp: (a: T, b: T) => number,
  ) {}

  push(x: T): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(x);
      for (let i = h.length - 1; i > 0; ) {
        const up = (i - 1) >> 1;
        if (this.cmp(h[up], h[i]) >= 0) break;
        [h[up], h[i]] = [h[i], h[up]];
        i = up;
      }
    } else if (this.k > 0 && this.cmp(x, h[0]) < 0) {
      h[0] = x;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < h.length && this.cmp(h[l], h[worst]) > 0) worst = l;
        if (r < h.length && this.cmp(h[r], h[worst]) > 0) worst = r;
        if (worst === i) break;
        [h[worst], h[i]] = [h[i], h[worst]];
        i = worst;
      }
    }
  }

  /** The worst item kept once k are kept (anything worse is turned away), else undefined. */
  get worst(): T | undefined {
    return this.heap.length >= this.k ? this.heap[0] : undefined;
  }

  /** The items kept, best first. */
  sorted(): T[] {
    return [...this.heap].sort(this.cmp);
  }
}
