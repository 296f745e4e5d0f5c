/** A log collection's ids in append order, kept write by write by the one piece of code that appends to it. */
import type { Collection, Doc } from './tenant.js';
import { TwinBug } from './errors.js';

const CHECK = process.env.DTU_CHECK_CACHES === '1';
/** Set while an owner writes its log: the write leaves every kept order valid (writes are synchronous). */
let owning = false;

/**
 * What one kind of log keeps beside its ids, and how it is read and checked.
 * - `holes`: whether the owner removes entries in place (Drive drops a file's superseded change), leaving ids
 *   in the order that the log no longer holds; they are skipped as the head passes them. A kind without holes
 *   treats one as a defect.
 * - `extra`: made once per log; `reread` is told every document, in the log's order, when the order is read
 *   from the log again (after `reset`); `check` compares it with the log under `DTU_CHECK_CACHES=1`.
 */
export interface AppendOrderKind<T extends Doc, E> {
  what: string;
  holes: boolean;
  extra: () => E;
  reset?: (extra: E) => void;
  reread?: (extra: E, doc: T) => void;
  check?: (extra: E, live: T[], log: Collection<T>) => void;
}

/**
 * A log is a Map emptied from its head: a Map iterator walks every entry deleted since the Map last rehashed
 * (thousands, once the log is at its bound) before it reaches the first live one. So each log's ids are kept in
 * the log's order from `head` on, append by append. Any write the owner did not make (a reset, a restore, a
 * generic-layer write) or an unannounced change (the collection's epoch) makes them be read from the log again.
 */
export class AppendOrder<T extends Doc, E> {
  ids: string[] = [];
  head = 0;
  readonly extra: E;
  private valid = false;
  private epoch: number;

  constructor(
    readonly log: Collection<T>,
    private readonly kind: AppendOrderKind<T, E>,
  ) {
    this.extra = kind.extra();
    this.epoch = log.epoch;
    log.watch(() => {
      if (!owning) this.valid = false;
    });
  }

  /** Runs a write of the owner's: it leaves the order as it is. */
  own(write: () => void): void {
    owning = true;
    try {
      write();
    } finally {
      owning = false;
    }
  }

  /** Current with the log: read again when something else wrote it, compared with it under DTU_CHECK_CACHES=1. */
  current(): this {
    if (!this.valid || this.epoch !== this.log.epoch) this.read();
    else if (CHECK) this.compare();
    return this;
  }

  /**
   * Puts a new document at the log's end, after `first` (the owner's removals that go with it, Drive's
   * superseded entry). A put of an id the log held before keeps its place, so the order is read again.
   */
  append(doc: T, first?: () => void): void {
    const known = this.log.has(doc.id);
    this.own(() => {
      first?.();
      this.log.put(doc);
    });
    if (known) this.read();
    else this.ids.push(doc.id);
  }

  /** The oldest document the log holds, or undefined when it is empty; holes (where the kind has them) are passed. */
  oldest(): T | undefined {
    while (this.head < this.ids.length) {
      const doc = this.log.get(this.ids[this.head]);
      if (doc) return doc;
      if (!this.kind.holes) throw new TwinBug(`kept ${this.kind.what} of ${this.log.key} holds an id the log does not`);
      this.head++;
    }
    return undefined;
  }

  /** Deletes the oldest document (the one `oldest` answered). */
  dropOldest(): void {
    const id = this.ids[this.head++];
    this.own(() => this.log.delete(id));
  }

  /**
   * Lets go of what the head has passed once it is half of what is kept, and reads the order again once its
   * holes outnumber the log.
   */
  compact(): void {
    if (this.head > 1024 && this.head * 2 > this.ids.length) {
      this.ids = this.ids.slice(this.head);
      this.head = 0;
    }
    if (this.kind.holes && this.ids.length - this.head > 2 * this.log.size + 1024) this.read();
  }

  private read(): void {
    this.ids = [];
    this.head = 0;
    this.kind.reset?.(this.extra);
    for (const doc of this.log.iterate()) {
      this.ids.push(doc.id);
      this.kind.reread?.(this.extra, doc);
    }
    this.valid = true;
    this.epoch = this.log.epoch;
  }

  private compare(): void {
    const live = [...this.log.iterate()];
    let kept = this.ids.slice(this.head);
    // Only a kind with holes may keep ids the log no longer holds; for the others one is a difference.
    if (this.kind.holes) kept = kept.filter((id) => this.log.has(id));
    if (kept.length !== live.length || kept.some((id, i) => id !== live[i].id)) throw new TwinBug(`kept ${this.kind.what} of ${this.log.key} differs from the log`);
    this.kind.check?.(this.extra, live, this.log);
  }
}

/** Each log's kept order for one kind of log, made on first use and current with the log when answered. */
export function appendOrders<T extends Doc, E>(kind: AppendOrderKind<T, E>): (log: Collection<T>) => AppendOrder<T, E> {
  const orders = new WeakMap<Collection<T>, AppendOrder<T, E>>();
  return (log) => {
    let order = orders.get(log);
    if (!order) orders.set(log, (order = new AppendOrder(log, kind)));
    return order.current();
  };
}
