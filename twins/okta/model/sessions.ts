// Okta sessions and the one-time session tokens that create them: sign-in by password, lifetimes on the twin clock, refresh and end.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { record } from './events.js';
import { findUserByLogin, userActor, users, verifyPassword, type UserDoc } from '../store.js';

export interface SessionDoc extends Doc {
  userId: string;
  created: string;
  /** Epoch seconds of the sign-in: the `auth_time` of tokens minted in this session. */
  authTime: number;
  /** Epoch milliseconds. */
  expiresAt: number;
  status: 'ACTIVE' | 'MFA_REQUIRED';
  lastPasswordVerification: string | null;
  lastFactorVerification: string | null;
  amr: string[];
}

/** A session token: single use, redeemable for a session within Okta's five minutes (Authentication API, "Session Token"). */
interface SessionTokenDoc extends Doc {
  userId: string;
  expiresAt: number;
  amr: string[];
  passwordAt: string | null;
  factorAt: string | null;
}

/** Okta's default session lifetime (2 hours, the default "Maximum Okta session lifetime" of the global session policy). */
export const SESSION_MS = 2 * 3600_000;
const TOKEN_MS = 5 * 60_000;

const sessions = (t: Tenant) => t.collection<SessionDoc>('okta:sessions');
const tokens = (t: Tenant) => t.collection<SessionTokenDoc>('okta:sessionTokens');

/** The user a username/password pair signs in, when it does (ACTIVE or PASSWORD_EXPIRED users only; the caller reports statuses). */
export function checkPassword(t: Tenant, username: string, password: string): UserDoc | undefined {
  const user = findUserByLogin(t, username);
  if (!user || !verifyPassword(t, user.id, password)) return undefined;
  return user;
}

/** Records the sign-in on the user (`lastLogin`) and in the System Log. */
export function noteSignIn(t: Tenant, user: UserDoc): void {
  const now = t.now().toISOString();
  users(t).patch(user.id, { lastLogin: now });
  record(t, { eventType: 'user.session.start', displayMessage: 'User login to Okta', actor: userActor(user), target: [userActor(user)] });
}

export function issueSessionToken(t: Tenant, user: UserDoc, amr: string[], factorAt: string | null = null): string {
  const id = `20111${t.random.chars(55)}`;
  tokens(t).put({ id, userId: user.id, expiresAt: t.now().getTime() + TOKEN_MS, amr, passwordAt: t.now().toISOString(), factorAt });
  return id;
}

/** Redeems a session token once; undefined when it is unknown, spent or expired. */
export function redeemSessionToken(t: Tenant, token: string): SessionDoc | undefined {
  const doc = tokens(t).get(token);
  if (!doc) return undefined;
  tokens(t).delete(token);
  const user = users(t).get(doc.userId);
  if (doc.expiresAt <= t.now().getTime() || !user || user.status !== 'ACTIVE') return undefined;
  return startSession(t, user, { amr: doc.amr, passwordAt: doc.passwordAt, factorAt: doc.factorAt });
}

export function startSession(t: Tenant, user: UserDoc, how: { amr?: string[]; passwordAt?: string | null; factorAt?: string | null } = {}): SessionDoc {
  const now = t.now();
  return sessions(t).put({
    id: `102${t.random.chars(22)}`,
    userId: user.id,
    created: now.toISOString(),
    authTime: Math.floor(now.getTime() / 1000),
    expiresAt: now.getTime() + SESSION_MS,
    status: 'ACTIVE',
    lastPasswordVerification: how.passwordAt ?? now.toISOString(),
    lastFactorVerification: how.factorAt ?? null,
    amr: how.amr ?? ['pwd'],
  });
}

/** A session that is still alive and whose user may still sign in. */
export function liveSession(t: Tenant, id: string | undefined): { session: SessionDoc; user: UserDoc } | undefined {
  const s = id ? sessions(t).get(id) : undefined;
  if (!s || s.expiresAt <= t.now().getTime()) return undefined;
  const user = users(t).get(s.userId);
  if (!user || user.status !== 'ACTIVE') return undefined;
  return { session: s, user };
}

/** Extends a live session by the full lifetime from now. */
export function refreshSession(t: Tenant, s: SessionDoc): SessionDoc {
  return sessions(t).patch(s.id, { expiresAt: t.now().getTime() + SESSION_MS })!;
}

export function endSession(t: Tenant, id: string): boolean {
  return sessions(t).delete(id);
}

/** Ends every session of a user (Okta's "clear user sessions"); returns how many ended. */
export function endUserSessions(t: Tenant, userId: string): number {
  const mine = sessions(t).filter((s) => s.userId === userId);
  for (const s of mine) sessions(t).delete(s.id);
  return mine.length;
}
