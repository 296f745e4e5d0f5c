// When each delivery next needs attention (an attempt due, an ack overdue), earliest first: a tick reads what is due, not every delivery.

/**
 * A binary min-heap of (time, item). An item is pushed again whenever its time changes; the entries it
 * leaves behind are stale, and whoever pops them checks the item's current state (as a pass over every item
 * would), so a stale entry costs one look when its time comes.
 */
export class DueQueue<T> {
  private readonly times: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.times.length;
  }

  /** The earliest time in the queue, or undefined when it is empty. */
  peek(): number | undefined {
    return this.times[0];
  }

  push(time: number, item: T): void {
    const { times, items } = this;
    let i = times.length;
    times.push(time);
    items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] <= time) break;
      times[i] = times[parent];
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    items[i] = item;
  }

  /** Removes and returns every item whose time is at or before `now`, earliest first. */
  popDue(now: number): T[] {
    const out: T[] = [];
    while (this.times.length && this.times[0] <= now) out.push(this.pop());
    return out;
  }

  clear(): void {
    this.times.length = 0;
    this.items.length = 0;
  }

  private pop(): T {
    const { times, items } = this;
    const top = items[0];
    const lastTime = times.pop()!;
    const lastItem = items.pop()!;
    const n = times.length;
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const c = l + 1 < n && times[l + 1] < times[l] ? l + 1 : l;
        if (times[c] >= lastTime) break;
        times[i] = times[c];
        items[i] = items[c];
        i = c;
      }
      times[i] = lastTime;
      items[i] = lastItem;
    }
    return top;
  }
}
