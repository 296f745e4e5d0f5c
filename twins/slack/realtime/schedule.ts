// When each delivery next needs attention (an attempt due, an ack deadline), so a tick reads only what is due.

/**
 * A min-heap of (time, item) entries. An item is entered each time one of its times is set and is never
 * taken out early: an entry whose time no longer applies (the item was acked, rescheduled, dropped) is
 * simply read once and ignored by the caller, which re-checks the item's state. Items due together come
 * out in the order they were first entered, as a scan of the arrival-ordered map of them would give.
 */
export class Schedule<T extends object> {
  private readonly at: number[] = [];
  private readonly items: T[] = [];
  private readonly arrival = new WeakMap<T, number>();
  private arrivals = 0;

  get size(): number {
    return this.at.length;
  }

  /** Enters `item` for time `t` (ms). */
  add(t: number, item: T): void {
    if (!this.arrival.has(item)) this.arrival.set(item, this.arrivals++);
    const { at, items } = this;
    let i = at.length;
    at.push(t);
    items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (at[p] <= t) break;
      at[i] = at[p];
      items[i] = items[p];
      i = p;
    }
    at[i] = t;
    items[i] = item;
  }

  /** The earliest time entered and not yet taken. */
  next(): number | undefined {
    return this.at.length ? this.at[0] : undefined;
  }

  /** Takes every entry due at `now` or before: each item once, in the order items were first entered. */
  takeDue(now: number): T[] {
    const due = new Set<T>();
    while (this.at.length && this.at[0] <= now) due.add(this.pop());
    const out = [...due];
    if (out.length > 1) out.sort((a, b) => this.arrival.get(a)! - this.arrival.get(b)!);
    return out;
  }

  private pop(): T {
    const { at, items } = this;
    const top = items[0];
    const lastT = at.pop()!;
    const lastItem = items.pop()!;
    const n = at.length;
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && at[l + 1] < at[l] ? l + 1 : l;
        if (at[c] >= lastT) break;
        at[i] = at[c];
        items[i] = items[c];
        i = c;
      }
      at[i] = lastT;
      items[i] = lastItem;
    }
    return top;
  }
}
