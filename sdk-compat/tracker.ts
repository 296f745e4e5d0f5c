/** Records every SDK method a scenario calls (through a recursive Proxy) with its outcome and the exchanges behind it. */
import type { Tracker } from './types.js';

/** One request/response the twin journaled while a call was in flight. */
export interface Exchange {
  seq: number;
  operationId?: string;
  method: string;
  path: string;
  query: string;
  status: number;
  request: { headers: Record<string, string>; body?: unknown };
  response: { headers: Record<string, string>; body?: unknown };
  notes?: string[];
}

/** Where the tracker finds the exchanges made during a call (the twin's journal, filtered to the scenario's tenant). */
export interface ExchangeSource {
  /** The journal's current sequence number. */
  mark(): number;
  /** Exchanges with `from < seq <= to`. */
  between(from: number, to: number): Exchange[];
}

export interface ErrorInfo {
  name: string;
  message: string;
  /** HTTP status when the SDK error carries one. */
  status?: number;
  /** Vendor or library error code (`E0000007`, `channel_not_found`, `ERR_BAD_REQUEST`). */
  code?: string | number;
  /** The vendor's error body when the SDK keeps it. */
  body?: unknown;
}

export interface ExchangeRef {
  seq: number;
  operationId?: string;
  method: string;
  path: string;
  status: number;
}

export interface CallRecord {
  /** Position within the scenario. */
  index: number;
  /** Dotted name as reached from the tracked root (`userApi.createUser`, `chat.postMessage`). */
  name: string;
  /** Class of the object the method was called on, when it has one. */
  owner?: string;
  status: 'passed' | 'failed';
  /** Passed because it failed the way `expectError` wanted. */
  expectedError?: boolean;
  durationMs: number;
  error?: ErrorInfo;
  /** The failing `check`/`expectError`/crash message attached to this call. */
  assertion?: string;
  /** Every exchange journaled while the call was in flight (concurrent calls may share some). */
  exchanges: ExchangeRef[];
  /** Full request/response of the exchange(s) that most likely broke the call; only on failure. */
  evidence?: Exchange[];
  /** Journal window `(from, to]` of the call, used to attach evidence later. */
  window: [number, number];
}

export interface ScenarioFailure {
  kind: 'check' | 'expectError' | 'crash' | 'timeout';
  message: string;
  detail?: unknown;
}

const MAX_EVIDENCE = 3;

/** The function behind a record, kept off the JSON form (the surface matches on it). */
export const callFunction = new WeakMap<CallRecord, Function>();

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
  private proxies = new WeakMap<object, Map<string, object>>();
  private methods = new WeakMap<object, Map<string, { fn: Function; wrapped: Function }>>();

  constructor(private readonly source: ExchangeSource = { mark: () => 0, between: () => [] }) {}

  get failed(): boolean {
    return this.failures.length > 0;
  }

  /** Stops recording: a scenario that timed out may still be running in the background. */
  close(): void {
    this.closed = true;
  }

  track<T extends object>(client: T, prefix: string): T {
    return this.wrap(client, prefix);
  }

  check(condition: unknown, message: string, detail?: unknown): void {
    if (this.closed) return;
    const judged = this.window();
    if (!condition) this.fail({ kind: 'check', message, ...(detail === undefined ? {} : { detail: clip(detail) }) }, message, judged);
  }

  /** Calls since the previous check, or, when there are none, the ones the previous check judged. */
  private window(): [number, number] {
    if (this.calls.length > this.lastCheck) this.lastWindow = [this.lastCheck, this.calls.length];
    this.lastCheck = this.calls.length;
    return this.lastWindow;
  }

  async expectError(fn: () => Promise<unknown>, matches: (err: any) => boolean, message: string): Promise<void> {
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
    c.assertion ??= message;
    c.evidence ??= this.evidence(c);
  }

  /** Failed exchanges first, then the last ones: a 200 the SDK could not parse breaks a call as surely as a 400. */
  private evidence(c: CallRecord): Exchange[] {
    const all = this.source.between(c.window[0], c.window[1]);
    const bad = all.filter((e) => e.status >= 400);
    const picked = bad.length ? bad.slice(-MAX_EVIDENCE) : all.slice(-1);
    return picked;
  }

  private wrap<T extends object>(target: T, prefix: string): T {
    let cache = this.proxies.get(target);
    if (!cache) this.proxies.set(target, (cache = new Map()));
    const hit = cache.get(prefix);
    if (hit) return hit as T;
    const self = this;
    // A shadow target: googleapis freezes its API objects, and a Proxy over a frozen object
    // may only hand back the real (unwrapped) values of its read-only properties.
    const shadow = (typeof target === 'function' ? target : Object.create(null)) as T;
    const real = target as object;
    const proxy = new Proxy(shadow, {
      get(_s, prop) {
        const value = Reflect.get(real, prop, real);
        if (typeof prop === 'symbol' || prop === 'then' || prop === 'constructor' || prop === 'prototype') return value;
        if (shadow === real) {
          // A function is its own target, so the invariant applies: read-only, non-configurable comes back as is.
          const d = Object.getOwnPropertyDescriptor(real, prop);
          if (d && !d.configurable && !d.writable && 'value' in d) return value;
        }
        const name = prefix ? `${prefix}.${prop}` : prop;
        if (typeof value === 'function') return self.method(real, value as Function, name);
        if (value && typeof value === 'object' && !isOpaque(value)) return self.wrap(value as object, name);
        return value;
      },
      set: (_s, prop, value) => Reflect.set(real, prop, value),
      has: (_s, prop) => Reflect.has(real, prop),
      ownKeys: () => Reflect.ownKeys(real),
      getOwnPropertyDescriptor(_s, prop) {
        const d = Reflect.getOwnPropertyDescriptor(real, prop);
        return d ? { ...d, configurable: true } : undefined;
      },
      getPrototypeOf: () => Reflect.getPrototypeOf(real),
      defineProperty: (_s, prop, d) => Reflect.defineProperty(real, prop, d),
      deleteProperty: (_s, prop) => Reflect.deleteProperty(real, prop),
    });
    cache.set(prefix, proxy);
    return proxy;
  }

  private method(owner: object, fn: Function, name: string): Function {
    // Cached per owner: prototype methods are shared by every instance, and each wrapper calls its own owner.
    let cache = this.methods.get(owner);
    if (!cache) this.methods.set(owner, (cache = new Map()));
    const hit = cache.get(name);
    if (hit && hit.fn === fn) return hit.wrapped;
    const self = this;
    const wrapped = new Proxy(fn, {
      // Called on the real owner, never the proxy: SDKs keep private fields and bound state on `this`.
      apply(f, _thisArg, args) {
        return self.invoke(owner, f, name, args);
      },
    });
    cache.set(name, { fn, wrapped });
    return wrapped;
  }

  private invoke(owner: object, fn: Function, name: string, args: unknown[]): unknown {
    if (this.closed) return fn.apply(owner, args);
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
      rec.exchanges = this.source.between(rec.window[0], rec.window[1]).map(ref);
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

function ref(e: Exchange): ExchangeRef {
  return { seq: e.seq, operationId: e.operationId, method: e.method, path: e.path, status: e.status };
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return !!v && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

/** Values never walked into: they are data, not SDK namespaces. */
function isOpaque(v: object): boolean {
  return Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof Date || v instanceof Map || v instanceof Set || v instanceof Promise || v instanceof RegExp || v instanceof Error;
}

/** Pulls status, code and body out of each SDK's error type (Okta, Slack, jira.js/axios, gaxios). */
export function errorInfo(e: unknown): ErrorInfo {
  if (!(e instanceof Error) && (typeof e !== 'object' || e === null)) return { name: typeof e, message: String(e) };
  const err = e as Record<string, any>;
  const response = err.response && typeof err.response === 'object' ? err.response : undefined;
  const status = num(err.status) ?? num(err.statusCode) ?? num(response?.status) ?? num(err.cause?.response?.status);
  let body: unknown;
  if (err.errorCode !== undefined || err.errorSummary !== undefined) {
    body = { errorCode: err.errorCode, errorSummary: err.errorSummary, errorCauses: err.errorCauses, errorId: err.errorId, errorLink: err.errorLink };
  } else if (err.data !== undefined && err.code && String(err.code).startsWith('slack_')) {
    body = err.data;
  } else if (response && 'data' in response) {
    body = response.data;
  } else if (err.cause?.response?.data !== undefined) {
    body = err.cause.response.data;
  }
  const code = err.errorCode ?? (typeof err.data?.error === 'string' ? err.data.error : undefined) ?? err.code;
  return {
    name: String(err.name ?? err.constructor?.name ?? 'Error'),
    message: String(err.message ?? e),
    status,
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    body: body === undefined ? undefined : clip(body),
  };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 100 && v < 600 ? v : undefined;
}

/** Keeps report entries bounded: bodies are evidence, not archives. */
function clip(v: unknown): unknown {
  try {
    const s = JSON.stringify(v);
    if (s === undefined) return String(v);
    return s.length > 4000 ? `${s.slice(0, 4000)}…` : JSON.parse(s);
  } catch {
    return String(v);
  }
}
