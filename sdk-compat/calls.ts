/** What the tracker records about each SDK call: the call, its outcome, its verdict, and the exchanges behind it. */

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
  /** The passing check that read this call's result or its effect; a call without one was only called. */
  verifiedBy?: string;
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

/**
 * What a call proved: `verified` (a passing check read its result or its effect), `called`
 * (it returned, nobody looked), `error-path` (it failed the way `expectError` wanted), `failed`.
 */
export type CallVerdict = 'verified' | 'called' | 'error-path' | 'failed';

export function callVerdict(c: CallRecord): CallVerdict {
  if (c.status === 'failed') return 'failed';
  if (c.expectedError) return 'error-path';
  return c.verifiedBy !== undefined ? 'verified' : 'called';
}

export interface ScenarioFailure {
  kind: 'check' | 'expectError' | 'crash' | 'timeout';
  message: string;
  detail?: unknown;
}

/** The function behind a record, kept off the JSON form (the surface matches on it). */
export const callFunction = new WeakMap<CallRecord, Function>();

export function exchangeRef(e: Exchange): ExchangeRef {
  return { seq: e.seq, operationId: e.operationId, method: e.method, path: e.path, status: e.status };
}
