/**
 * One tenant's state (an Okta org, a Slack workspace, a Jira site, a Google
 * customer): named collections of JSON documents plus free-form twin metadata,
 * its own random source, and a dirty flag the persistence layer watches.
 */
import { Random } from './random.js';
import type { Clock } from './clock.js';
import { RETENTION_DEFAULTS, type Retention } from './retention.js';
import { KeysByPrefix } from './key-prefixes.js';

export type Doc = { id: string } & Record<string, unknown>;

/** The serializable form of a tenant, used by persistence and snapshots. */
export interface TenantData {
  version: 1;
  tenant: string;
  collections: Record<string, Doc[]>;
  meta: Record<string, unknown>;
  random: [number, number, number, number];
}

/** Told of each write to a collection: the id written, or `undefined` when every document may have changed. */
export type WriteWatcher = (id: string | undefined) => void;

/** Past this many documents, `Collection.clear` announces one change of everything rather than each deletion. */
const CLEAR_BY_ID = 64;

/** An ordered id → document map. Order is insertion order, which is what list endpoints page over. */
export class Collection<T extends Doc = Doc> {
  /** Made on the first `watch`: most per-record collections (a file's permissions, an issue's comments) have none. */
  private watchers: WriteWatcher[] | undefined;
  /**
   * Set when the tenant let go of this view while it was empty and unwatched (`Tenant.collection`): a caller
   * still holding it reaches the tenant's current view of the same key, so nothing written through it is lost.
   */
  private current: (() => Collection<T>) | undefined;

  constructor(
    readonly key: string,
    /** The documents by id: the tenant's own map, which it reads to serialize and persist. */
    readonly items: Map<string, T>,
    /**
     * Tells the tenant which document was written (`undefined`: any of them may have changed), whether it is
     * gone now, and whether the write made it (a put of an id the collection did not hold).
     */
    private readonly touch: (key: string, id: string | undefined, gone: boolean, made: boolean) => void,
    /** The tenant's count of changes no collection can attribute to a document (see `Tenant.markDirty`). */
    private readonly unattributed: () => number = () => 0,
  ) {}

  /**
   * Derived state (indexes in `lookup.ts`) follows the collection's own writes through this; a change
   * made some other way bumps `epoch`, and whoever derived state from the documents must start over.
   */
  watch(fn: WriteWatcher): void {
    if (this.current) return this.current().watch(fn);
    (this.watchers ??= []).push(fn);
  }

  /** Empty and watched by nobody: the tenant may forget this view and its map without losing anything. */
  get releasable(): boolean {
    return !this.current && this.items.size === 0 && !this.watchers;
  }

  release(current: () => Collection<T>): void {
    this.current = current;
  }

  get epoch(): number {
    if (this.current) return this.current().epoch;
    return this.unattributed();
  }

  private wrote(id: string | undefined, made = false): void {
    this.touch(this.key, id, id !== undefined && !this.items.has(id), made);
    if (this.watchers) for (const w of this.watchers) w(id);
  }

  get size(): number {
    if (this.current) return this.current().size;
    return this.items.size;
  }

  get(id: string): T | undefined {
    if (this.current) return this.current().get(id);
    return this.items.get(id);
  }

  has(id: string): boolean {
    if (this.current) return this.current().has(id);
    return this.items.has(id);
  }

  /** Inserts or replaces a document (keeping its position when it already exists). */
  put(doc: T): T {
    if (this.current) return this.current().put(doc);
    const made = !this.items.has(doc.id);
    this.items.set(doc.id, doc);
    this.wrote(doc.id, made);
    return doc;
  }

  /** Shallow-merges fields into an existing document. */
  patch(id: string, fields: Partial<T>): T | undefined {
    if (this.current) return this.current().patch(id, fields);
    const doc = this.items.get(id);
    if (!doc) return undefined;
    Object.assign(doc, fields);
    this.wrote(id);
    return doc;
  }

  delete(id: string): boolean {
    if (this.current) return this.current().delete(id);
    const had = this.items.delete(id);
    if (had) this.wrote(id);
    return had;
  }

  /**
   * Deletes every document. A small collection (a record's comments, a file's permissions, emptied when its
   * record goes) announces each deletion, so persistence appends them and indexes unfile them; a large one
   * says "everything changed" once, which costs no more than the per-document notices would.
   */
  clear(): void {
    if (this.current) return this.current().clear();
    if (this.items.size > CLEAR_BY_ID) {
      this.items.clear();
      this.wrote(undefined);
      return;
    }
    for (const id of [...this.items.keys()]) this.delete(id);
  }

  /** Documents in insertion order, without a copy (stop early when a page is full). */
  iterate(): IterableIterator<T> {
    if (this.current) return this.current().iterate();
    return this.items.values();
  }

  values(): T[] {
    if (this.current) return this.current().values();
    return [...this.items.values()];
  }

  find(pred: (doc: T) => boolean): T | undefined {
    if (this.current) return this.current().find(pred);
    for (const doc of this.items.values()) if (pred(doc)) return doc;
    return undefined;
  }

  /** Matches in insertion order, without first copying the whole collection. */
  filter(pred: (doc: T) => boolean): T[] {
    if (this.current) return this.current().filter(pred);
    const out: T[] = [];
    for (const doc of this.items.values()) if (pred(doc)) out.push(doc);
    return out;
  }
}

const itemsOf = (held: Collection | Map<string, Doc>): Map<string, Doc> => (held instanceof Collection ? held.items : held);

export class Tenant {
  readonly random: Random;
  /** The collections' names sorted, made by the first `collectionKeys` with a prefix; dropped when names are forgotten. */
  private names: KeysByPrefix | undefined;
  /**
   * Each collection by key, its view and its documents in one entry, made on first use: handlers ask for
   * collections on every call, and a create makes per-record ones (a Drive file's permissions and revisions).
   * A loaded collection is its documents alone until first asked for (a tenant of 100,000 files holds 200,000
   * per-file collections, most never read).
   */
  private collections = new Map<string, Collection | Map<string, Doc>>();
  /**
   * Collections held when empty ones were last let go. Per-record collections (a Jira issue's comments, a Drive
   * file's permissions) are made by reading them and stay empty, or are emptied when their record goes;
   * keeping each one would grow the tenant with every record ever read or deleted.
   */
  private collectionsAtSweep = 0;
  private readonly touch = (key: string, id: string | undefined, gone: boolean, made: boolean) => {
    if (this.written) {
      if (id === undefined) this.written = undefined;
      else {
        let ids = this.written.get(key);
        if (!ids) this.written.set(key, (ids = new Map()));
        const was = ids.get(id);
        // Made again after a deletion since the last write: live, it now stands after everything made before it,
        // so its replay moves to the end too (a reorder by clearing and putting back keeps the new order).
        if (made && was) ids.delete(id);
        ids.set(id, gone || (was ?? false));
      }
    }
    this.setDirty();
  };
  /**
   * With `trackWrites()`: the documents written since `takeWrites()` last took them, by collection and id
   * (true when the document was deleted at some point, so a replay puts a recreated one where it now stands:
   * last). Undefined when the next write must carry the whole state: not tracked yet, a change no
   * collection can attribute (`markDirty`, a load, a reset), or a collection cleared.
   */
  private written: Map<string, Map<string, boolean>> | undefined;
  private tracking = false;
  /** Changes made to documents in place and announced with `markDirty()` alone: indexes cannot tell which. */
  private unattributed = 0;
  private readonly epoch = () => this.unattributed;
  private metaData: Record<string, unknown> = {};
  private dirty = false;
  private dirtyListener: (() => void) | undefined;
  private changes = 0;

  constructor(
    readonly twin: string,
    readonly name: string,
    readonly clock: Clock,
    private readonly seed: string,
    /** The twin's bounds on vendor logs and event deliveries (`--log-entries`, `--events-per-hour`). */
    readonly retention: Retention = RETENTION_DEFAULTS,
  ) {
    this.random = new Random(`${seed}:${twin}:${name}`);
  }

  collection<T extends Doc = Doc>(key: string): Collection<T> {
    const held = this.collections.get(key);
    if (held instanceof Collection) return held as unknown as Collection<T>;
    const view = new Collection(key, held ?? new Map(), this.touch, this.epoch);
    this.collections.set(key, view);
    if (!held) this.names?.add(key);
    // Amortized: a sweep runs each time the collections have doubled since the last one.
    if (!held && this.collections.size > 2 * this.collectionsAtSweep + 64) this.releaseEmpty(key);
    return view as unknown as Collection<T>;
  }

  /** Forgets empty, unwatched collections (views or maps not yet asked for); a caller still holding a view reaches the current one. */
  private releaseEmpty(keep: string): void {
    for (const [k, v] of this.collections) {
      if (k === keep || (v instanceof Collection ? !v.releasable : v.size > 0)) continue;
      this.collections.delete(k);
      if (this.names?.forget()) this.names = undefined;
      if (v instanceof Collection) v.release(() => this.collection(k));
    }
    this.collectionsAtSweep = this.collections.size;
  }

  /** Names of collections that hold at least one document, optionally under a prefix. */
  collectionKeys(prefix = ''): string[] {
    const held = (k: string) => {
      const c = this.collections.get(k);
      return c !== undefined && itemsOf(c).size > 0;
    };
    if (!prefix) return [...this.collections.keys()].filter(held);
    this.names ??= new KeysByPrefix(this.collections.keys());
    // Names the tenant forgot are still listed there: only those it holds count.
    return this.names.under(prefix).filter(held);
  }

  /** Twin-specific state that is not a document collection (settings, counters, queues). */
  meta<T>(key: string, init: () => T): T {
    if (!(key in this.metaData)) this.metaData[key] = init();
    return this.metaData[key] as T;
  }

  setMeta(key: string, value: unknown): void {
    this.metaData[key] = value;
    this.metaChanged();
  }

  now(): Date {
    return this.clock.now();
  }

  /**
   * Something changed that no collection write announced (a document edited in place, say): persisted
   * on the next write like any change, and every index over this tenant is rebuilt before its next use.
   */
  markDirty(): void {
    this.unattributed++;
    this.written = undefined;
    this.setDirty();
  }

  /** Only twin metadata changed (a counter, a setting): persisted, and indexes over documents stay valid. */
  metaChanged(): void {
    this.setDirty();
  }

  /**
   * Counts every change announced to the tenant (collection writes, `markDirty`, `metaChanged`, loads and
   * resets): anything derived from the state at one count (a presented reply, say) is current while it holds.
   */
  get revision(): number {
    return this.changes;
  }

  private setDirty(): void {
    this.changes++;
    this.dirty = true;
    this.dirtyListener?.();
  }

  /** Returns and clears the dirty flag. */
  takeDirty(): boolean {
    const d = this.dirty;
    this.dirty = false;
    return d;
  }

  onDirty(fn: () => void): void {
    this.dirtyListener = fn;
  }

  /** Persistence appends what changed between whole writes: from now on, writes are told by document. */
  trackWrites(): void {
    this.tracking = true;
  }

  /** The state as it stands is what the disk holds (just read from it): the next write need only carry changes. */
  persisted(): void {
    if (this.tracking) this.written = new Map();
  }

  /**
   * The changes since the last call as one JSON text (`{"docs":[[collection, id, document or null], …],
   * "meta":…, "random":…}`, serialized from live state), or undefined when only the whole state says them
   * (then `serialize()` it). Either way, tracking starts over from here.
   */
  takeWrites(): string | undefined {
    const written = this.written;
    this.written = this.tracking ? new Map() : undefined;
    if (!written) return undefined;
    const docs: Array<[string, string, Doc | null]> = [];
    for (const [key, ids] of written) {
      const held = this.collections.get(key);
      const items = held && itemsOf(held);
      for (const [id, gone] of ids) {
        const doc = items?.get(id);
        if (gone || !doc) docs.push([key, id, null]);
        if (doc) docs.push([key, id, doc]);
      }
    }
    return JSON.stringify({ docs, meta: this.metaData, random: this.random.state });
  }

  /** A deep copy of the state (snapshots hand it out, so it must not share objects with the tenant). */
  toJSON(): TenantData {
    return structuredClone(this.view());
  }

  /** The state as JSON text, for persistence: serialized straight from the live objects, no copy first. */
  serialize(): string {
    return JSON.stringify(this.view());
  }

  private view(): TenantData {
    const collections: Record<string, Doc[]> = {};
    for (const [k, c] of this.collections) {
      const items = itemsOf(c);
      if (items.size) collections[k] = [...items.values()];
    }
    return { version: 1, tenant: this.name, collections, meta: this.metaData, random: this.random.state };
  }

  /** Replaces the state. `owned` data (freshly parsed, say) is adopted as is; anything else is copied first. */
  load(data: TenantData, opts: { owned?: boolean } = {}): void {
    const copy = opts.owned ? data : structuredClone(data);
    this.collections = new Map(Object.entries(copy.collections).map(([k, docs]) => [k, new Map(docs.map((d) => [d.id, d]))]));
    this.names = undefined;
    this.collectionsAtSweep = this.collections.size;
    this.metaData = copy.meta ?? {};
    if (copy.random) this.random.state = copy.random;
    this.markDirty();
  }

  /** Empties the tenant and rewinds its random source, so a reset replays exactly. */
  clear(): void {
    this.collections = new Map();
    this.names = undefined;
    this.collectionsAtSweep = 0;
    this.metaData = {};
    this.random.state = new Random(`${this.seed}:${this.twin}:${this.name}`).state;
    this.markDirty();
  }
}
