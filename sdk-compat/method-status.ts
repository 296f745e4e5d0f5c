/**
 * Decides each SDK method's status from its calls: failing if any call failed (in any mode) or
 * drew a contract finding; else verified if a check verified any call; else error-path only if
 * every call only provoked an expected error; else called.
 */
import { callVerdict, type CallRecord, type ErrorInfo, type Exchange } from './calls.js';
import type { Mode } from './runner.js';

export type MethodStatus = 'verified' | 'called' | 'error-path only' | 'failing' | 'not-exercised';

export interface MethodFailure {
  scenario: string;
  mode: Mode;
  error?: ErrorInfo;
  assertion?: string;
  /** A response of this call that violated the vendor's schema. */
  contract?: string;
  evidence?: Exchange[];
}

export interface MethodRow {
  name: string;
  group: string;
  status: MethodStatus;
  calls: number;
  /** Calls a passing check verified. */
  verifiedCalls: number;
  /** Calls that passed because they failed as `expectError` wanted. */
  expectedErrors: number;
  modes: Mode[];
  scenarios: string[];
  /** Up to three failures, with what broke them. */
  failures: MethodFailure[];
}

const MAX_FAILURES = 3;

/** Precedence when calls disagree: one failure outweighs every pass, one verification outweighs plain calls. */
const RANK: Record<MethodStatus, number> = { 'not-exercised': 0, 'error-path only': 1, called: 2, verified: 3, failing: 4 };

export function emptyRow(name: string, group: string): MethodRow {
  return { name, group, status: 'not-exercised', calls: 0, verifiedCalls: 0, expectedErrors: 0, modes: [], scenarios: [], failures: [] };
}

/** Adds one call to its method's row; `contract` is the finding on one of its exchanges, if any. */
export function addCall(row: MethodRow, c: CallRecord, scenario: string, mode: Mode, contract?: string): void {
  row.calls++;
  if (!row.modes.includes(mode)) row.modes.push(mode);
  if (!row.scenarios.includes(scenario)) row.scenarios.push(scenario);
  const verdict = callVerdict(c);
  if (verdict === 'verified') row.verifiedCalls++;
  if (verdict === 'error-path') row.expectedErrors++;
  const status: MethodStatus = verdict === 'failed' || contract ? 'failing' : verdict === 'error-path' ? 'error-path only' : verdict;
  if (status === 'failing' && row.failures.length < MAX_FAILURES) {
    row.failures.push({ scenario, mode, error: c.error, assertion: c.assertion, contract, evidence: c.evidence });
  }
  if (RANK[status] > RANK[row.status]) row.status = status;
}
