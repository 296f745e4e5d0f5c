/** A user's account security: OAuth grants to apps (tokens), app-specific passwords, backup verification codes and 2-Step Verification. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { googleError } from '../../errors.js';
import { K, tokens, users, type DirUser, type OAuthClient, type RefreshToken } from '../../store.js';

export interface AspRec extends Doc {
  userId: string;
  codeId: number;
  name: string;
  creationTime: string;
  lastTimeUsed?: string;
}

export interface VerificationCodeRec extends Doc {
  userId: string;
  verificationCode: string;
}

export const asps = (t: Tenant) => t.collection<AspRec>(K.asps);
export const verificationCodes = (t: Tenant) => t.collection<VerificationCodeRec>(K.verificationCodes);
const refreshTokens = (t: Tenant) => t.collection<RefreshToken>(K.refreshTokens);
const clients = (t: Tenant) => t.collection<OAuthClient>(K.clients);

/** One app's grant as the tokens resource reports it: every live refresh token the user gave that client, scopes merged. */
export interface Grant {
  clientId: string;
  displayText: string;
  scopes: string[];
}

export function grantsOf(t: Tenant, u: DirUser): Grant[] {
  const by = new Map<string, Set<string>>();
  for (const r of refreshTokens(t).filter((x) => !x.revoked && x.subject.toLowerCase() === u.primaryEmail.toLowerCase())) {
    const set = by.get(r.clientId) ?? new Set<string>();
    for (const s of r.scopes) set.add(s);
    by.set(r.clientId, set);
  }
  return [...by].map(([clientId, scopes]) => ({ clientId, displayText: clients(t).get(clientId)?.name ?? clientId, scopes: [...scopes].sort() }));
}

/** Revoking an app's access kills its refresh tokens and the access tokens it holds for the user, at once. */
export function revokeGrant(t: Tenant, u: DirUser, clientId: string): boolean {
  const who = u.primaryEmail.toLowerCase();
  const live = refreshTokens(t).filter((r) => !r.revoked && r.clientId === clientId && r.subject.toLowerCase() === who);
  if (!live.length) return false;
  for (const r of live) refreshTokens(t).put({ ...r, revoked: true });
  for (const a of tokens(t).filter((x) => x.clientId === clientId && x.subject.toLowerCase() === who)) tokens(t).delete(a.id);
  return true;
}

/** New backup codes replace the old set: ten 8-digit codes. */
export function generateCodes(t: Tenant, u: DirUser): void {
  invalidateCodes(t, u);
  for (let i = 0; i < 10; i++) verificationCodes(t).put({ id: `${u.id}:${i}`, userId: u.id, verificationCode: t.random.digits(8) });
}

export function invalidateCodes(t: Tenant, u: DirUser): void {
  for (const c of verificationCodes(t).filter((x) => x.userId === u.id)) verificationCodes(t).delete(c.id);
}

/** Turning 2-Step Verification off is refused for a user not enrolled; it also voids their backup codes. */
export function turnOff2Sv(t: Tenant, u: DirUser): void {
  if (!u.enrolledIn2Sv) throw googleError('admin', { code: 400, message: 'Two-step verification is not enabled for this user.', reason: 'invalid' });
  users(t).put({ ...u, enrolledIn2Sv: false });
  invalidateCodes(t, u);
}
