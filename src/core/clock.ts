/**
 * The one injectable clock. Running, it follows wall time plus an offset;
 * frozen, it stands still until advanced. Tokens, timestamps, rate-limit
 * windows, scheduled messages and retries all read it.
 */
export interface ClockState {
  frozen: boolean;
  /** Epoch ms the clock shows (when frozen) or the offset from wall time (when running). */
  value: number;
}

export class Clock {
  private frozenAt: number | undefined;
  private offset = 0;
  private listeners = new Set<() => void>();

  constructor(private readonly wall: () => number = Date.now) {}

  now(): Date {
    return new Date(this.ms());
  }

  ms(): number {
    return this.frozenAt ?? this.wall() + this.offset;
  }

  /**
   * The clock's time as an HTTP date (RFC 9110 §5.6.7 IMF-fixdate, whole seconds), for `Date`
   * headers: formatted once per second shown, not once per response.
   */
  httpDate(): string {
    const sec = Math.floor(this.ms() / 1000);
    if (sec !== this.dateSec) {
      this.dateSec = sec;
      this.dateText = new Date(sec * 1000).toUTCString();
    }
    return this.dateText;
  }

  private dateSec = NaN;
  private dateText = '';

  /**
   * The clock's time as ISO 8601 text (`Date.prototype.toISOString`), formatted once per millisecond shown (`ms`: an instant
   * the caller already read from this clock): a write stamps several fields and events with the same instant.
   */
  iso(ms = this.ms()): string {
    if (ms !== this.isoMs) {
      this.isoText = new Date(ms).toISOString();
      this.isoMs = ms;
    }
    return this.isoText;
  }

  private isoMs = NaN;
  private isoText = '';

  /** Epoch seconds, as most vendors put in tokens and headers. */
  seconds(): number {
    return Math.floor(this.ms() / 1000);
  }

  freeze(at?: number | Date | string): void {
    this.frozenAt = at === undefined ? this.ms() : new Date(at).getTime();
    this.changed();
  }

  unfreeze(): void {
    if (this.frozenAt !== undefined) this.offset = this.frozenAt - this.wall();
    this.frozenAt = undefined;
    this.changed();
  }

  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offset += ms;
    this.changed();
  }

  set(at: number | Date | string): void {
    const t = new Date(at).getTime();
    if (this.frozenAt !== undefined) this.frozenAt = t;
    else this.offset = t - this.wall();
    this.changed();
  }

  get isFrozen(): boolean {
    return this.frozenAt !== undefined;
  }

  /** Called whenever the clock jumps, so timers kept against it (schedulers) can re-check. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
