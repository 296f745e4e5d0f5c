/**
 * Judges the SDK calls a scenario makes: which check verified each one (read its result
 * or its effect), which only provoked an expected error, which failed, and which were
 * merely called. The recording itself is `call-proxy.ts`; the record shapes are `calls.ts`.
 */
import type { Tracker } from './types.js';
import { CallProxies } from './call-proxy.js';
import { callFunction, exchangeRef, type CallRecord, type Exchange, type ExchangeSource, type ScenarioFailure } from './calls.js';
import { clip, errorInfo } from './error-info.js';

export * from './calls.js';
export { errorInfo } from './error-info.js';

const MAX_EVIDENCE = 3;

/** How far a passing check reaches back: the latest call's result, or every call since the previous check. */
type Reach = 'result' | 'effect';

export class ScenarioTracker implements Tracker {
  readonly calls: CallRecord[] = [];
  readonly failures: ScenarioFailure[] = [];
  readonly logs: string[] = [];
  private lastCheck = 0;
  /** The calls the latest check judged: checks in a row about one response all judge that call. */
  private lastWindow: [number, number] = [0, 0];
  /** Calls still in flight (a timeout fails them). */
  private pending = new Set<CallRecord>();
  /** Errors thrown by tracked calls: a scenario ending on one of them blames that call only. */
  private thrown = new WeakSet<object>();
  private closed = false;
  private readonly proxies = new CallProxies((owner, fn, name, args) => this.invoke(owner, fn, name, args));

  constructor(private readonly source: ExchangeSource = { mark: () => 0, between: () => [] }) {}

  get failed(): boolean {
    return this.failures.length > 0;
  }

  /** Stops recording: a scenario that timed out may still be running in the background. */
  close(): void {
    if (!this.closed) this.absorbTrailing();
    this.closed = true;
  }

  /**
   * Exchanges journaled after the latest call returned, before the next one started, are that
   * call's: SDK collections (Okta's, jira.js pagers) fetch their pages as the scenario iterates.
   */
  private absorbTrailing(): void {
    const last = this.calls.at(-1);
    if (!last || this.pending.size) return;
    const now = this.source.mark();
    if (now <= last.window[1]) return;
    last.exchanges.push(...this.source.between(last.window[1], now).map(exchangeRef));
    last.window[1] = now;
  }

  track<T extends object>(client: T, prefix: string): T {
    return this.proxies.wrap(client, prefix);
  }

  check(condition: unknown, message: string, detail?: unknown): void {
    this.judge('result', condition, message, detail);
  }

  checkEffect(condition: unknown, message: string, detail?: unknown): void {
    this.judge('effect', condition, message, detail);
  }

  /**
   * A failing check fails every call since the previous one (any of them may have broken the
   * state it read); a passing one verifies only what it reached: the latest call's result, or,
   * for `checkEffect`, every call since the previous check.
   */
  private judge(reach: Reach, condition: unknown, message: string, detail: unknown): void {
    if (this.closed) return;
    this.absorbTrailing();
    const fresh = this.calls.length > this.lastCheck;
    const judged = this.window();
    if (!condition) {
      this.fail({ kind: 'check', message, ...(detail === undefined ? {} : { detail: clip(detail) }) }, message, judged);
      return;
    }
    if (!fresh) return;
    const [from, to] = judged;
    for (const c of reach === 'result' ? this.calls.slice(to - 1, to) : this.calls.slice(from, to)) {
      if (c.status === 'passed' && !c.expectedError) c.verifiedBy ??= message;
    }
  }

  /** Calls since the previous check, or, when there are none, the ones the previous check judged. */
  private window(): [number, number] {
    if (this.calls.length > this.lastCheck) this.lastWindow = [this.lastCheck, this.calls.length];
    this.lastCheck = this.calls.length;
    return this.lastWindow;
  }

  async expectError(fn: () => Promise<unknown>, matches: (err: any) => boolean, message: string, opts: { effect?: boolean } = {}): Promise<void> {
    this.absorbTrailing();
    const before = this.lastCheck;
    const start = this.calls.length;
    let thrown: { error: unknown } | undefined;
    try {
      await fn();
    } catch (error) {
      thrown = { error };
    }
    if (this.closed) return;
    const inside = this.calls.slice(start);
    let ok = false;
    if (thrown) {
      try {
        ok = !!matches(thrown.error);
      } catch {
        ok = false;
      }
    }
    if (ok) {
      // The expected error reads back the state the calls before it changed (a deleted thing answers 404).
      if (opts.effect) for (const c of this.calls.slice(before, start)) if (c.status === 'passed' && !c.expectedError) c.verifiedBy ??= message;
      for (const c of inside) {
        if (c.status === 'failed' && c.error && !c.assertion) {
          c.status = 'passed';
          c.expectedError = true;
          delete c.evidence;
        }
      }
    } else {
      const why = thrown ? `${message}: failed differently — ${errorInfo(thrown.error).message}` : `${message}: expected an error, but it succeeded`;
      this.failures.push({ kind: 'expectError', message: why, detail: thrown ? errorInfo(thrown.error) : undefined });
      for (const c of inside) this.markFailed(c, why);
    }
    if (inside.length) this.lastWindow = [start, this.calls.length];
    this.lastCheck = this.calls.length;
  }

  log(message: string): void {
    if (!this.closed) this.logs.push(message);
  }

  /** The scenario threw (or timed out): calls since the last check were never verified. */
  abort(kind: 'crash' | 'timeout', error: unknown): void {
    this.absorbTrailing();
    const info = errorInfo(error);
    const why = `scenario ${kind === 'timeout' ? 'timed out' : 'aborted'}: ${info.message}`;
    for (const c of this.pending) this.markFailed(c, kind === 'timeout' ? `${why} (call never returned)` : why);
    if (error && typeof error === 'object' && this.thrown.has(error)) {
      // The SDK call that threw is already failed with its own error; the calls before it did their part.
      this.window();
      this.failures.push({ kind, message: info.message, detail: info });
      return;
    }
    const fresh = this.calls.length > this.lastCheck;
    const judged = this.window();
    // With nothing new since the last check, only a TypeError (reading a field the response lacked) points back at the judged call.
    const blame: [number, number] = fresh || error instanceof TypeError ? judged : [0, 0];
    this.fail({ kind, message: info.message, detail: info }, why, blame);
  }

  private fail(failure: ScenarioFailure, attach: string, [from, to]: [number, number]): void {
    this.failures.push(failure);
    for (const c of this.calls.slice(from, to)) this.markFailed(c, attach);
  }

  private markFailed(c: CallRecord, message: string): void {
    c.status = 'failed';
    c.expectedError = undefined;
    c.verifiedBy = undefined;
    c.assertion ??= message;
    c.evidence ??= this.evidence(c);
  }

  /** Failed exchanges first, then the last ones: a 200 the SDK could not parse breaks a call as surely as a 400. */
  private evidence(c: CallRecord): Exchange[] {
    const all = this.source.between(c.window[0], c.window[1]);
    const bad = all.filter((e) => e.status >= 400);
    return bad.length ? bad.slice(-MAX_EVIDENCE) : all.slice(-1);
  }

  private invoke(owner: object, fn: Function, name: string, args: unknown[]): unknown {
    if (this.closed) return fn.apply(owner, args);
    this.absorbTrailing();
    const ctor = Object.getPrototypeOf(owner)?.constructor?.name;
    const rec: CallRecord = {
      index: this.calls.length,
      name,
      owner: ctor && ctor !== 'Object' ? ctor : undefined,
      status: 'passed',
      durationMs: 0,
      exchanges: [],
      window: [this.source.mark(), 0],
    };
    callFunction.set(rec, fn);
    this.calls.push(rec);
    this.pending.add(rec);
    const started = performance.now();
    const settle = (error?: { e: unknown }) => {
      this.pending.delete(rec);
      rec.durationMs = Math.round((performance.now() - started) * 10) / 10;
      rec.window[1] = this.source.mark();
      rec.exchanges = this.source.between(rec.window[0], rec.window[1]).map(exchangeRef);
      if (error) {
        if (error.e && typeof error.e === 'object') this.thrown.add(error.e);
        rec.status = 'failed';
        rec.error = errorInfo(error.e);
        rec.evidence = this.evidence(rec);
      }
    };
    let out: unknown;
    try {
      out = fn.apply(owner, args);
    } catch (e) {
      settle({ e });
      throw e;
    }
    if (isThenable(out)) {
      return Promise.resolve(out).then(
        (v) => (settle(), v),
        (e) => {
          settle({ e });
          throw e;
        },
      );
    }
    settle();
    return out;
  }
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return !!v && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}
