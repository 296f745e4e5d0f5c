// Authentication API transactions: the state a stateToken names, its expiry on the twin clock, and sign-in lockout counting.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { record } from './events.js';
import { userActor, users, type UserDoc } from '../store.js';

export type AuthnStatus = 'PASSWORD_EXPIRED' | 'MFA_REQUIRED' | 'MFA_CHALLENGE' | 'RECOVERY_CHALLENGE' | 'RECOVERY' | 'PASSWORD_RESET';

export interface AuthnTxDoc extends Doc {
  userId: string;
  status: AuthnStatus;
  /** Epoch milliseconds; Okta's transactions last five minutes. */
  expiresAt: number;
  /** The factor an MFA_CHALLENGE or a RECOVERY_CHALLENGE waits on. */
  factorId?: string;
  /** What a recovery transaction recovers: a forgotten password or a locked account. */
  recoveryType?: 'PASSWORD' | 'UNLOCK';
}

const TX_MS = 5 * 60_000;
/** Okta's default password policy locks a user out after 10 failed sign-ins (Password policy, "lockout.maxAttempts"). */
export const MAX_ATTEMPTS = 10;

const txs = (t: Tenant) => t.collection<AuthnTxDoc>('okta:authnTransactions');
const failures = (t: Tenant) => t.collection<Doc & { count: number }>('okta:signInFailures');

export function openTransaction(t: Tenant, user: UserDoc, status: AuthnStatus, fields: Partial<AuthnTxDoc> = {}): AuthnTxDoc {
  return txs(t).put({ id: `00${t.random.chars(40)}`, userId: user.id, status, expiresAt: t.now().getTime() + TX_MS, ...fields });
}

/** A live transaction and its user; undefined when the token is unknown, finished or expired. */
export function transaction(t: Tenant, stateToken: unknown): { tx: AuthnTxDoc; user: UserDoc } | undefined {
  const tx = typeof stateToken === 'string' ? txs(t).get(stateToken) : undefined;
  if (!tx || tx.expiresAt <= t.now().getTime()) return undefined;
  const user = users(t).get(tx.userId);
  return user ? { tx, user } : undefined;
}

export function advance(t: Tenant, tx: AuthnTxDoc, fields: Partial<AuthnTxDoc>): AuthnTxDoc {
  return txs(t).patch(tx.id, fields)!;
}

export function finish(t: Tenant, tx: AuthnTxDoc): void {
  txs(t).delete(tx.id);
}

/** Counts a failed password; the tenth in a row locks an ACTIVE user out. Returns whether the user is now locked. */
export function noteFailure(t: Tenant, user: UserDoc): boolean {
  const count = (failures(t).get(user.id)?.count ?? 0) + 1;
  failures(t).put({ id: user.id, count });
  if (count < MAX_ATTEMPTS || user.status !== 'ACTIVE') return false;
  const now = t.now().toISOString();
  users(t).patch(user.id, { status: 'LOCKED_OUT', statusChanged: now, lastUpdated: now });
  failures(t).delete(user.id);
  record(t, { eventType: 'user.account.lock', displayMessage: 'Max sign in attempts exceeded', actor: userActor(user), target: [userActor(user)] });
  return true;
}

export function clearFailures(t: Tenant, user: UserDoc): void {
  failures(t).delete(user.id);
}
