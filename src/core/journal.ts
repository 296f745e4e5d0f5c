/**
 * Every exchange a twin serves, kept in a bounded ring with a sequence number,
 * queryable through the control plane and streamed live over SSE. Secrets are
 * redacted as an entry is recorded, unless the twin was started with redaction off.
 */
import { redactBody, redactHeaders as redactHeaderValues, redactQuery } from './redact.js';

export interface JournalEntry {
  seq: number;
  time: string;
  twin: string;
  tenant: string;
  operationId?: string;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number;
  request: { headers: Record<string, string>; body?: unknown };
  response: { headers: Record<string, string>; body?: unknown };
  /** Contract-check findings, failures in the twin itself, injected faults. */
  notes?: string[];
}

export interface JournalQuery {
  tenant?: string;
  operationId?: string;
  status?: number;
  sinceSeq?: number;
  limit?: number;
}

const MAX_BODY_CHARS = 64 * 1024;

/** Headers with secrets redacted (kept for callers that journal exchanges of their own). */
export const redactHeaders = (h: Headers): Record<string, string> => redactHeaderValues(h);

/** An entry with every secret in its query, headers and bodies replaced. */
export function redactEntry<E extends Omit<JournalEntry, 'seq'>>(e: E): E {
  return {
    ...e,
    query: redactQuery(e.query),
    request: { headers: redactHeaderValues(e.request.headers), body: redactBody(e.request.body) },
    response: { headers: redactHeaderValues(e.response.headers), body: redactBody(e.response.body) },
  };
}

/** Keeps journal bodies bounded: JSON as parsed, text truncated, bytes summarized. */
export function journalBody(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof value === 'string') return value.length > MAX_BODY_CHARS ? `${value.slice(0, MAX_BODY_CHARS)}…` : value;
  try {
    const s = JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v));
    return s && s.length > MAX_BODY_CHARS ? `${s.slice(0, MAX_BODY_CHARS)}…` : JSON.parse(s ?? 'null');
  } catch (e) {
    // Cycles or extreme depth in a handler's reply: the journal notes it rather than failing the exchange.
    return `<unserializable: ${(e as Error).message}>`;
  }
}

export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;
  private listeners = new Set<(e: JournalEntry) => void>();

  /** `redact: false` keeps secrets verbatim, for debugging a twin by hand. */
  constructor(
    private readonly capacity = 5000,
    private readonly redact = true,
  ) {}

  add(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const full = { seq: ++this.seq, ...(this.redact ? redactEntry(entry) : entry) };
    this.entries.push(full);
    // Trim in batches: splicing one entry off the front on every add is O(n) per request.
    if (this.entries.length > this.capacity + Math.ceil(this.capacity / 4)) this.entries.splice(0, this.entries.length - this.capacity);
    for (const fn of this.listeners) fn(full);
    return full;
  }

  query(q: JournalQuery = {}): JournalEntry[] {
    const window = this.entries.length > this.capacity ? this.entries.slice(-this.capacity) : this.entries;
    const out = window.filter(
      (e) =>
        (q.tenant === undefined || e.tenant === q.tenant) &&
        (q.operationId === undefined || e.operationId === q.operationId) &&
        (q.status === undefined || e.status === q.status) &&
        (q.sinceSeq === undefined || e.seq > q.sinceSeq),
    );
    return q.limit ? out.slice(-q.limit) : out;
  }

  clear(tenant?: string): void {
    this.entries = tenant === undefined ? [] : this.entries.filter((e) => e.tenant !== tenant);
  }

  subscribe(fn: (e: JournalEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get lastSeq(): number {
    return this.seq;
  }
}
