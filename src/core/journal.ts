/**
 * Every exchange a twin serves, kept in a ring bounded by entries and by bytes,
 * queryable through the control plane and streamed live over SSE.
 *
 * Cost model: storing an entry keeps references to what the pipeline already
 * has — the request's raw bytes and the response text it already serialized —
 * so the hot path copies nothing deeply. Bodies become JSON values only when
 * an entry is read (`query`, subscribers). Secrets (headers, query, bodies) are
 * redacted then too, unless the twin was started with redaction off, so nothing
 * a reader sees holds a secret and the hot path pays nothing for it.
 */
import { formToObject } from './body.js';
import { redactBody, redactForm, redactHeaders as redactHeaderValues, redactQuery } from './redact.js';

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

export interface JournalLimits {
  /** Entries kept (default 5,000). */
  maxEntries?: number;
  /** Approximate bytes of headers and bodies kept (default 8 MiB per twin). */
  maxBytes?: number;
  /** Characters kept of one body; longer bodies end in a truncation marker (default 64 KiB). */
  maxBodyChars?: number;
}

export const JOURNAL_DEFAULTS: Required<JournalLimits> = { maxEntries: 5000, maxBytes: 8 * 1024 * 1024, maxBodyChars: 64 * 1024 };

/**
 * Headers as a plain record, names lower-cased. Raw header lines (name, value, …, as an array or
 * as `headerLines` text) are read as they are, repeated names joined as the Fetch API joins them.
 */
export function headerRecord(h: Headers | Record<string, string> | string[] | string): Record<string, string> {
  if (typeof h === 'string') h = h ? h.split('\n') : [];
  const out: Record<string, string> = {};
  if (h instanceof Headers) h.forEach((v, k) => (out[k] = v));
  else if (Array.isArray(h)) {
    for (let i = 0; i + 1 < h.length; i += 2) {
      const k = h[i].toLowerCase();
      const v = h[i + 1];
      out[k] = out[k] === undefined ? v : `${out[k]}${k === 'cookie' ? '; ' : ', '}${v}`;
    }
  } else for (const k in h) out[k] = h[k];
  return out;
}

/**
 * Raw header lines (name, value, …) as one text, a line each: what the journal keeps of a request's
 * headers. A parser's lines hold no line breaks (HTTP forbids CR and LF in names and values).
 */
export const headerLines = (raw: string[]): string => raw.join('\n');

/** Headers with their secrets replaced, for callers that write exchanges down themselves. */
export const redactHeaders = (h: Headers | Record<string, string> | string[] | string): Record<string, string> => redactHeaderValues(headerRecord(h));

/**
 * A body as the journal keeps it until someone reads it: serialized text (JSON
 * or a form) parsed on read, or an already bounded value.
 */
export class StoredBody {
  private constructor(
    readonly kind: 'json' | 'form' | 'value',
    readonly text: string,
    readonly value: unknown,
    /** Characters cut off the end, 0 when whole. */
    readonly truncated: number,
  ) {}

  static text(kind: 'json' | 'form', text: string, maxChars = JOURNAL_DEFAULTS.maxBodyChars): StoredBody {
    return text.length > maxChars ? new StoredBody(kind, head(text, maxChars), undefined, text.length - maxChars) : new StoredBody(kind, text, undefined, 0);
  }

  static value(value: unknown, maxChars = JOURNAL_DEFAULTS.maxBodyChars): StoredBody | undefined {
    return value === undefined ? undefined : new StoredBody('value', '', journalBody(value, maxChars), 0);
  }

  get bytes(): number {
    return this.kind === 'value' ? (typeof this.value === 'string' ? this.value.length : 256) : this.text.length;
  }
}

/**
 * The first `n` characters as a string of their own: a plain `slice` shares the whole text's storage, so a
 * truncated body would keep every byte it cut alive for as long as the entry lives.
 */
const head = (text: string, n: number): string => JSON.parse(JSON.stringify(text.slice(0, n))) as string;

/** A truncated body reads as its kept text followed by this marker. */
export const truncationMarker = (cut: number) => `…[truncated ${cut} chars]`;

export function materializeBody(b: StoredBody | undefined): unknown {
  if (b === undefined) return undefined;
  if (b.kind === 'value') return b.value;
  if (b.truncated) return `${b.text}${truncationMarker(b.truncated)}`;
  try {
    return b.kind === 'json' ? JSON.parse(b.text) : formToObject(new URLSearchParams(b.text));
  } catch {
    return b.text; // a body that was not the JSON it claimed to be is shown as sent
  }
}

/** A stored body as a reader sees it with secrets replaced: a form's fields are parameters (OAuth codes included). */
function redactStored(b: StoredBody | undefined): unknown {
  const v = materializeBody(b);
  return b?.kind === 'form' && v && typeof v === 'object' ? redactForm(v as Record<string, unknown>) : redactBody(v);
}

/** Bounds an arbitrary value for the journal: JSON as is, text truncated, bytes summarized. */
export function journalBody(value: unknown, maxChars = JOURNAL_DEFAULTS.maxBodyChars): unknown {
  if (value === undefined) return undefined;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (typeof value === 'string') return value.length > maxChars ? `${head(value, maxChars)}${truncationMarker(value.length - maxChars)}` : value;
  try {
    const s = JSON.stringify(value, (_k, v) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v));
    return s && s.length > maxChars ? `${head(s, maxChars)}${truncationMarker(s.length - maxChars)}` : JSON.parse(s ?? 'null');
  } catch (e) {
    // Cycles or extreme depth in a handler's reply: the journal notes it rather than failing the exchange.
    return `<unserializable: ${(e as Error).message}>`;
  }
}

/**
 * What callers hand to `add`: bodies either stored lazily or as plain values; headers as a
 * record or as the socket's raw lines (name, value, …, an array or `headerLines` text); the time as
 * ISO text or epoch ms. Lines and epoch ms are kept as given and become a record and text when the entry is read.
 */
export type JournalInput = Omit<JournalEntry, 'seq' | 'time' | 'request' | 'response'> & {
  time: string | number;
  request: { headers: StoredHeaders; body?: unknown };
  response: { headers: StoredHeaders; body?: unknown };
};

type StoredHeaders = Record<string, string> | string[] | string;

/**
 * One kept exchange: the caller's fields, its headers and bodies in their stored form, and what it costs the
 * heap. One object per entry (the fields are not a second object of their own).
 */
interface Stored {
  seq: number;
  /** ISO text as given, or epoch ms less the journal's `timeBase` (or, not finite, as given). */
  time: string | number | { at: number };
  twin: string;
  tenant: string;
  operationId: string | undefined;
  method: string;
  path: string;
  query: string;
  status: number;
  durationMs: number | { ms: number };
  notes: string[] | undefined;
  requestHeaders: StoredHeaders;
  responseHeaders: StoredHeaders;
  request: StoredBody | undefined;
  response: StoredBody | undefined;
  bytes: number;
}

/**
 * What an entry costs the heap, so `maxBytes` bounds memory rather than text: the entry's own objects (its
 * record, the numbers it holds, the body holders and the slot in the ring), and per header value its slot in
 * the header record. Text is counted as the characters held, once: a text the previous entry already holds (a
 * kept reply answered again, a client's unchanged header lines, a header value every reply shares such as
 * Slack's scope list or the date of the second; a path, a body, header lines or a whole header record the entry
 * shares with the previous one) costs that entry nothing. Calibrated with
 * `scripts/bench/journal-probe.ts` (the heap freed by clearing a journal against its own count, per
 * operation, over a socket).
 */
const ENTRY_BYTES = 370;
const HEADER_BYTES = 32;
const VALUE_BYTES = 24;
let lastLines = { text: '', bytes: 0 };
/** Raw header lines alternate name and value, so each line carries half a header's overhead. */
const headerBytes = (h: StoredHeaders, prev: StoredHeaders | undefined) => {
  // Lines or a record shared with the previous entry are counted once, there.
  if (h === prev) return 0;
  let n = 0;
  if (typeof h === 'string') {
    // Lines shared by consecutive requests are one string (the previous entry holds them), and their count is
    // remembered (the twins of one process take turns).
    if (h === lastLines.text) return lastLines.bytes;
    // One string however many lines; counted as the lines it holds, so the bound reads the same either way.
    if (h) n = h.length + HEADER_BYTES / 2;
    for (let i = h.indexOf('\n'); i !== -1; i = h.indexOf('\n', i + 1)) n += HEADER_BYTES / 2 - 1;
    lastLines = { text: h, bytes: n };
  } else if (Array.isArray(h)) for (let i = 0; i < h.length; i++) n += h[i].length + HEADER_BYTES / 2;
  else {
    // A record's names are the engine's constants; a value is text of its own unless the previous entry's
    // record holds the same one (the common headers, the date of the second, a scope list).
    const p = prev !== undefined && typeof prev === 'object' && !Array.isArray(prev) ? prev : undefined;
    for (const k in h) {
      const v = h[k];
      n += VALUE_BYTES + (p !== undefined && p[k] === v ? 0 : v.length);
    }
  }
  return n;
};

/** A body's characters, none when it is the very text the previous entry keeps (a kept reply served again). */
const bodyBytes = (b: StoredBody | undefined, prev: StoredBody | undefined) => (b === undefined ? 0 : prev !== undefined && b.kind !== 'value' && prev.text === b.text && prev.truncated === b.truncated ? 0 : b.bytes);

/** What `s` costs the heap beside `prev`, the entry before it in the ring. */
const entryBytes = (s: Stored, prev: Stored | undefined) =>
  ENTRY_BYTES +
  (s.path === prev?.path ? 0 : s.path.length) +
  (s.query === prev?.query ? 0 : s.query.length) +
  headerBytes(s.requestHeaders, prev?.requestHeaders) +
  headerBytes(s.responseHeaders, prev?.responseHeaders) +
  bodyBytes(s.request, prev?.request) +
  bodyBytes(s.response, prev?.response);

/**
 * Durations are kept in hundredths of a millisecond, as an integer: a small integer is no heap object of its own,
 * where a fractional number is one per entry. Readers get `hundredths / 100`, the very number `Math.round(x * 100) /
 * 100` gave (the pipeline rounds to hundredths); an unrounded duration is kept as given.
 */
const hundredths = (ms: number): number | { ms: number } => {
  const n = Math.round(ms * 100);
  return n / 100 === ms ? n : { ms };
};
const durationOf = (d: number | { ms: number }) => (typeof d === 'number' ? d / 100 : d.ms);

/** The previous entry's header lines or record when they are the same text (then this entry's copy dies young). */
function sameHeaders(h: StoredHeaders, prev: StoredHeaders): StoredHeaders {
  if (h === prev) return prev;
  if (typeof h === 'string' || typeof prev === 'string' || Array.isArray(h) || Array.isArray(prev)) return h;
  // A record whose every name and value the previous one has, and no more (Drive's constant reply headers).
  let n = 0;
  for (const k in h) {
    if (prev[k] !== h[k]) return h;
    n++;
  }
  for (const _k in prev) if (--n < 0) return h;
  return prev;
}

/** The previous entry's body when it is the same kept text (the same reply made again); values are not compared. */
const sameBody = (b: StoredBody | undefined, prev: StoredBody | undefined) =>
  b !== undefined && prev !== undefined && b !== prev && b.kind !== 'value' && b.kind === prev.kind && b.truncated === prev.truncated && b.text === prev.text ? prev : b;


/** What an evicted slot holds until the ring is compacted. */
const EVICTED: Stored = { seq: 0, time: '', twin: '', tenant: '', operationId: undefined, method: '', path: '', query: '', status: 0, durationMs: 0, notes: undefined, requestHeaders: {}, responseHeaders: {}, request: undefined, response: undefined, bytes: 0 };

export class Journal {
  private entries: Stored[] = [];
  /** Index of the oldest live entry; evicted entries before it are compacted away in batches. */
  private head = 0;
  private bytes = 0;
  private seq = 0;
  /** The epoch ms entries' times are kept relative to (the first one's). */
  private timeBase: number | undefined;
  private listeners = new Set<(e: JournalEntry) => void>();
  readonly limits: Required<JournalLimits>;

  /** `redact: false` keeps secrets verbatim, for debugging a twin by hand. */
  constructor(
    limits: JournalLimits | number = {},
    private readonly redact = true,
  ) {
    const given = typeof limits === 'number' ? { maxEntries: limits } : limits;
    this.limits = { ...JOURNAL_DEFAULTS };
    for (const k of Object.keys(JOURNAL_DEFAULTS) as Array<keyof JournalLimits>) if (given[k] !== undefined) this.limits[k] = given[k]!;
  }

  /** Stores an exchange. Bodies that are `StoredBody` stay serialized until read; others are bounded now. */
  add(entry: JournalInput): JournalEntry | undefined {
    const asStored = (b: unknown) => (b instanceof StoredBody ? b : StoredBody.value(b, this.limits.maxBodyChars));
    const prev = this.entries.length > this.head ? this.entries[this.entries.length - 1] : undefined;
    const rq = entry.request;
    const rs = entry.response;
    const time = entry.time;
    // Spelled out, not a rest copy: one fixed shape, and the caller's bodies are not kept twice. What equals the
    // previous entry's (the same reply or request text made again, the client's unchanged header lines, the same
    // path) is kept as the previous entry's own copy, so the new one dies young and the byte count, which counts
    // such text once, is what the heap holds.
    const s: Stored = {
      seq: ++this.seq,
      // Epoch ms as an offset from the journal's first: a small integer rather than a number object per entry.
      // (A fraction of a millisecond is dropped as Date drops it; a time that is no date is kept to fail as it did, when read.)
      time: typeof time === 'number' ? (Number.isFinite(time) ? Math.trunc(time) - (this.timeBase ??= Math.trunc(time)) : { at: time }) : time,
      twin: entry.twin,
      tenant: entry.tenant,
      operationId: entry.operationId,
      method: entry.method,
      path: prev !== undefined && prev.path === entry.path ? prev.path : entry.path,
      query: prev !== undefined && prev.query === entry.query ? prev.query : entry.query,
      status: entry.status,
      durationMs: hundredths(entry.durationMs),
      notes: entry.notes,
      requestHeaders: prev !== undefined ? sameHeaders(rq.headers, prev.requestHeaders) : rq.headers,
      responseHeaders: prev !== undefined ? sameHeaders(rs.headers, prev.responseHeaders) : rs.headers,
      request: sameBody(asStored(rq.body), prev?.request),
      response: sameBody(asStored(rs.body), prev?.response),
      bytes: 0,
    };
    s.bytes = entryBytes(s, prev);
    this.entries.push(s);
    this.bytes += s.bytes;
    this.evict();
    if (!this.listeners.size) return undefined;
    const full = this.materialize(s);
    for (const fn of this.listeners) fn(full);
    return full;
  }

  query(q: JournalQuery = {}): JournalEntry[] {
    const out: Stored[] = [];
    for (let i = this.head; i < this.entries.length; i++) {
      const s = this.entries[i];
      if (
        (q.tenant === undefined || s.tenant === q.tenant) &&
        (q.operationId === undefined || s.operationId === q.operationId) &&
        (q.status === undefined || s.status === q.status) &&
        (q.sinceSeq === undefined || s.seq > q.sinceSeq)
      ) {
        out.push(s);
      }
    }
    return (q.limit ? out.slice(-q.limit) : out).map((s) => this.materialize(s));
  }

  clear(tenant?: string): void {
    const live = this.entries.slice(this.head);
    this.entries = tenant === undefined ? [] : live.filter((s) => s.tenant !== tenant);
    this.head = 0;
    // Counted again beside their new neighbours: text an entry shared with one cleared away is its own now.
    this.bytes = 0;
    for (let i = 0; i < this.entries.length; i++) this.bytes += this.entries[i].bytes = entryBytes(this.entries[i], this.entries[i - 1]);
  }

  subscribe(fn: (e: JournalEntry) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get lastSeq(): number {
    return this.seq;
  }

  /** Entries and approximate bytes held now. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.length - this.head, bytes: this.bytes };
  }

  private evict(): void {
    const { maxEntries, maxBytes } = this.limits;
    // The newest entry always stays, however large.
    while (this.entries.length - this.head > 1 && (this.entries.length - this.head > maxEntries || this.bytes > maxBytes)) {
      this.bytes -= this.entries[this.head].bytes;
      // Dropped now, not at the next compaction: until then the slot would keep the entry and its bodies,
      // up to as many again as the bounds allow.
      this.entries[this.head] = EVICTED;
      this.head++;
    }
    // Compact in batches: shifting the array on every eviction is O(n) per request.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  private materialize(s: Stored): JournalEntry {
    // The fields in the order readers have always seen them (an absent operation or notes is left out of JSON).
    const redact = this.redact;
    return {
      seq: s.seq,
      time: typeof s.time === 'string' ? s.time : new Date(typeof s.time === 'number' ? this.timeBase! + s.time : s.time.at).toISOString(),
      twin: s.twin,
      tenant: s.tenant,
      operationId: s.operationId,
      method: s.method,
      path: s.path,
      query: redact ? redactQuery(s.query) : s.query,
      status: s.status,
      durationMs: durationOf(s.durationMs),
      notes: s.notes ? [...s.notes] : undefined,
      request: { headers: redact ? redactHeaderValues(headerRecord(s.requestHeaders)) : headerRecord(s.requestHeaders), body: redact ? redactStored(s.request) : materializeBody(s.request) },
      response: { headers: redact ? redactHeaderValues(headerRecord(s.responseHeaders)) : headerRecord(s.responseHeaders), body: redact ? redactStored(s.response) : materializeBody(s.response) },
    };
  }
}
