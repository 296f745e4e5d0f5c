// Per-twin realtime state that cannot live in the tenant store (open sockets, in-flight deliveries) and the clock-driven scheduler.
import type { WebSocket } from 'ws';
import type { Twin } from '../../../src/core/twin.js';
import { HourlyEventLimit } from './event-limits.js';
import { DueQueue } from './due.js';

export type DeliveryKind = 'events_api' | 'slash_commands' | 'interactive';
/** pending: due for an attempt · in_flight: awaiting ack · acked/failed: final. */
export type DeliveryState = 'pending' | 'in_flight' | 'acked' | 'failed';

export interface AttemptRecord {
  attempt: number;
  /** Twin-clock ms when the attempt started (the control plane shows it as an ISO time): a number costs a third of the text. */
  at: number;
  via: 'socket' | 'http';
  envelope_id?: string;
  connection?: string;
  url?: string;
  outcome?: 'acked' | 'timeout' | 'http_timeout' | 'http_error' | 'connection_failed' | 'no_connection';
  status?: number;
}

/**
 * One attempt: its record, or, for an event that found its Socket Mode app with no open connection, just when it was
 * made (ms after the delivery was created). Such an attempt says nothing else (`{attempt, at, via: 'socket',
 * outcome: 'no_connection'}` is how it is shown), and an app with no connection leaves up to an hour's allowance of
 * events waiting, each with up to four of them: a number in the list instead of a record per attempt.
 */
export type Attempt = AttemptRecord | number;

/** The record an attempt shows (a missed one written out whole), with its time as an ISO string. */
export function attemptView(d: Delivery, a: Attempt, index: number): Record<string, unknown> {
  if (typeof a === 'number') return { attempt: index, at: new Date(d.createdAt + a).toISOString(), via: 'socket', outcome: 'no_connection' };
  return { ...a, at: new Date(a.at).toISOString() };
}

/** The record of an attempt made over a connection or HTTP (undefined for one that found no connection). */
export function attemptRecord(d: Delivery, index: number): AttemptRecord | undefined {
  const a = d.attempts[index];
  return typeof a === 'number' ? undefined : a;
}

export interface Delivery {
  id: string;
  tenant: string;
  appId: string;
  kind: DeliveryKind;
  /**
   * What the app receives: the Events API envelope (kept as its parts until it is sent, see `EventEnvelope`), the
   * command fields, or the interactive payload.
   */
  payload: Record<string, unknown> | EventEnvelope;
  acceptsResponsePayload: boolean;
  /** Events are retried on Slack's schedule; commands and interactions are not (the person sees an error). */
  retryable: boolean;
  state: DeliveryState;
  /** Every attempt in order (`NONE` until the first; see `addAttempt` and `Attempt`). */
  attempts: Attempt[];
  /** Twin-clock ms when the next attempt is due (pending) or when the current one times out (in_flight). */
  dueAt: number;
  deadline?: number;
  retryReason?: string;
  createdAt: number;
  /** Envelope ids of attempts made over Socket Mode (`NONE` until the first: most deliveries wait for none). */
  envelopeIds: string[];
  /** The app's acknowledgement payload (Socket Mode ack `payload`, or the HTTP response body). */
  ack?: Record<string, unknown>;
  /** What applying the ack did (message posted, view updated, validation errors shown). */
  outcome?: unknown;
  error?: string;
  /** Applies a response payload the way Slack does for this kind of request. */
  onAck?: (ack: Record<string, unknown>, d: Delivery) => unknown | Promise<unknown>;
  abort?: AbortController;
  /** Who waits for the outcome (`NONE` until someone does: most deliveries are never waited for). */
  waiters: Array<() => void>;
}

/**
 * The empty list every delivery starts its envelope ids and waiters with, shared and frozen: thousands of
 * events can be waiting for an app's retries, and two empty arrays each were a tenth of a delivery's heap.
 * Whoever adds to one gives the delivery its own array first (`own`).
 */
export const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * Records an attempt. The list is copied to its exact length rather than pushed to: a delivery makes at most four
 * attempts, and an array grown by a push reserves room for sixteen more, which was the largest part of a delivery
 * waiting for its retries.
 */
export function addAttempt(d: Delivery, rec: Attempt): void {
  const n = d.attempts.length;
  const next = new Array<Attempt>(n + 1);
  for (let i = 0; i < n; i++) next[i] = d.attempts[i];
  next[n] = rec;
  d.attempts = next;
}

/** The parts every envelope for one installation shares, captured when an event fires (frozen: many deliveries point at one). */
export interface EnvelopeHead {
  readonly token: string;
  readonly team_id: string;
  readonly enterprise_id: string | null;
  readonly api_app_id: string;
  readonly authorizations: ReadonlyArray<Record<string, unknown>>;
}

/**
 * An Events API envelope as the parts it is made of (https://api.slack.com/apis/events-api#callback-field): the
 * installation's shared head, the event (shared by every app it goes to), and what is this envelope's own. It is
 * written out whole when serialized (a Socket Mode frame, an HTTP body, the control plane), field for field as the
 * envelope object was, so an event waiting for its retries holds only a few references.
 */
export class EventEnvelope {
  constructor(
    readonly head: EnvelopeHead,
    readonly event: Record<string, unknown>,
    readonly event_id: string,
    readonly event_time: number,
    readonly event_context: string,
  ) {}

  toJSON(): Record<string, unknown> {
    const h = this.head;
    return {
      token: h.token,
      team_id: h.team_id,
      context_team_id: h.team_id,
      context_enterprise_id: h.enterprise_id,
      api_app_id: h.api_app_id,
      event: this.event,
      type: 'event_callback',
      event_id: this.event_id,
      event_time: this.event_time,
      authorizations: h.authorizations,
      is_ext_shared_channel: false,
      event_context: this.event_context,
    };
  }
}

/** The delivery's own array for `key`, made on first use (see `NONE`). */
export function own<K extends 'envelopeIds' | 'waiters'>(d: Delivery, key: K): Delivery[K] {
  if (d[key] === NONE) d[key] = [] as Delivery[K];
  return d[key];
}

export interface SocketConn {
  id: string;
  tenant: string;
  appId: string;
  ws: WebSocket;
  connectedAt: number;
  /** Twin-clock ms when Slack would recycle the connection (`refresh_requested`). */
  expiresAt: number;
  warned: boolean;
  closing: boolean;
  host: string;
}

export interface RtmConn {
  id: string;
  tenant: string;
  userId: string;
  token: string;
  ws: WebSocket;
}

export interface Ticket {
  tenant: string;
  kind: 'socket' | 'rtm';
  appId?: string;
  userId?: string;
  token: string;
  expiresAt: number;
}

/** A published event and who it went to, for the control plane's event log. */
export interface EventLogEntry {
  at: string;
  tenant: string;
  type: string;
  channel?: string;
  deliveries: Array<{ app: string; delivery: string; event_id: string }>;
  skipped: Array<{ app: string; reason: string }>;
  rtm: number;
}

type Ticker = (nowMs: number) => number | undefined;

const MAX_FINISHED = 1000;
const MAX_LOG = 500;

export class Realtime {
  readonly sockets = new Map<string, SocketConn>();
  readonly rtm = new Map<string, RtmConn>();
  readonly tickets = new Map<string, Ticket>();
  readonly deliveries = new Map<string, Delivery>();
  /** When deliveries next need attention (attempt due, ack overdue): a tick reads what is due, not every delivery. */
  readonly due = new DueQueue<Delivery>();
  readonly byEnvelope = new Map<string, string>();
  readonly eventLog: EventLogEntry[] = [];
  /** Socket Mode connection lifetime per tenant; Slack's hello reports about 18060 s. */
  readonly connectionLifetimes = new Map<string, number>();
  roundRobin = 0;
  /** Events API deliveries per `tenant:app` in the past hour (Slack's rate limit). */
  readonly eventLimits = new Map<string, HourlyEventLimit>();
  private readonly tickers = new Map<string, Ticker>();
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private again = false;
  private stopped = false;
  private readonly offClock: () => void;

  constructor(readonly twin: Twin) {
    // Advancing the twin clock (POST /_dtu/clock) re-checks everything due at once.
    this.offClock = twin.clock.onChange(() => this.wake());
  }

  ensureTicker(name: string, fn: Ticker): void {
    if (!this.tickers.has(name)) this.tickers.set(name, fn);
  }

  /** Runs due work on the next turn of the event loop (never inside the caller's stack). */
  wakeSoon(): void {
    // Asked during a wake (an attempt failed and is due again): the wake arms its own timer for what is due when
    // it ends, which would cancel this one, so none is armed (unless the wake fails: see wake()).
    if (this.ticking) {
      this.wokenWhileTicking = true;
      return;
    }
    if (this.stopped || this.soon) return;
    // One wake serves every event queued before it runs: a post-heavy load arms one timer per turn, not one per event.
    clearTimeout(this.timer);
    this.soon = true;
    this.timer = setTimeout(() => this.wake(), 0);
    this.timer.unref?.();
  }

  /** A wake is already due on the next turn (wakeSoon armed it and it has not run yet). */
  private soon = false;
  /** wakeSoon was asked while the tickers ran. */
  private wokenWhileTicking = false;

  /** Runs every ticker, then sleeps until the earliest due time (at most 1 s, so a running clock is followed). */
  wake(): void {
    if (this.stopped) return;
    this.soon = false;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    let next = Infinity;
    try {
      do {
        this.again = false;
        next = Infinity;
        for (const fn of this.tickers.values()) {
          const n = fn(this.twin.clock.ms());
          if (n !== undefined && n < next) next = n;
        }
      } while (this.again);
    } catch (e) {
      // A ticker failed: what asked for a wake meanwhile still gets one on the next turn.
      this.ticking = false;
      if (this.wokenWhileTicking) {
        this.wokenWhileTicking = false;
        this.wakeSoon();
      }
      throw e;
    } finally {
      this.ticking = false;
      this.wokenWhileTicking = false;
    }
    // This wake did what a pending soon one would: it is cancelled, and the next wakeSoon arms again.
    clearTimeout(this.timer);
    this.timer = undefined;
    this.soon = false;
    if (next === Infinity) return;
    const delay = Math.min(Math.max(next - this.twin.clock.ms(), 10), 1000);
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref?.();
  }

  private trimAt = MAX_FINISHED * 2;

  addDelivery(d: Delivery): void {
    this.deliveries.set(d.id, d);
    if (this.deliveries.size > this.trimAt) {
      let drop = this.deliveries.size - MAX_FINISHED;
      for (const [id, old] of this.deliveries) {
        if (drop <= 0) break;
        if (old.state !== 'acked' && old.state !== 'failed') continue;
        this.deliveries.delete(id);
        // Its own id is the first envelope's (`startAttempt` files it with the others when it goes out); it is let go
        // by itself too, so no entry can outlive its delivery whatever filed it.
        this.byEnvelope.delete(id);
        for (const e of old.envelopeIds) this.byEnvelope.delete(e);
        drop--;
      }
      // Deliveries still pending stay; look again after another MAX_FINISHED arrive, not on every one
      // (with thousands waiting for a consumer, a scan per event made posting quadratic).
      this.trimAt = Math.max(MAX_FINISHED * 2, this.deliveries.size + MAX_FINISHED);
    }
  }

  log(entry: EventLogEntry): void {
    this.eventLog.push(entry);
    if (this.eventLog.length > MAX_LOG) this.eventLog.splice(0, this.eventLog.length - MAX_LOG);
  }

  eventLimit(tenant: string, appId: string): HourlyEventLimit {
    const key = `${tenant}:${appId}`;
    let l = this.eventLimits.get(key);
    if (!l) this.eventLimits.set(key, (l = new HourlyEventLimit()));
    return l;
  }

  lifetimeFor(tenant: string): number {
    return this.connectionLifetimes.get(tenant) ?? 18_060_000;
  }

  socketsFor(tenant: string, appId?: string): SocketConn[] {
    return [...this.sockets.values()].filter((c) => c.tenant === tenant && (appId === undefined || c.appId === appId) && !c.closing);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.offClock();
    for (const d of this.deliveries.values()) d.abort?.abort();
    this.due.clear();
    for (const c of this.sockets.values()) c.ws.terminate();
    for (const c of this.rtm.values()) c.ws.terminate();
    this.sockets.clear();
    this.rtm.clear();
  }
}

const runtimes = new WeakMap<Twin, Realtime>();

/** The twin's realtime state, created on first use so events published before start() are not lost. */
export function realtime(twin: Twin): Realtime {
  let rt = runtimes.get(twin);
  if (!rt) {
    rt = new Realtime(twin);
    runtimes.set(twin, rt);
  }
  return rt;
}

export function dropRealtime(twin: Twin): void {
  runtimes.get(twin)?.stop();
  runtimes.delete(twin);
}

/** A delivery as the control plane shows it (no callbacks, no abort handles). */
export function deliveryView(d: Delivery): Record<string, unknown> {
  const { onAck: _a, abort: _b, waiters: _w, ...rest } = d;
  const iso = (ms: number) => new Date(ms).toISOString();
  const payload = d.payload instanceof EventEnvelope ? d.payload.toJSON() : d.payload;
  return { ...rest, payload, attempts: d.attempts.map((a, i) => attemptView(d, a, i)), dueAt: iso(d.dueAt), createdAt: iso(d.createdAt), deadline: d.deadline ? iso(d.deadline) : undefined };
}
