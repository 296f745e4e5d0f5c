// A user's factors and what only their "device" knows (TOTP seeds, sent codes, answers): storage and passcode checks.
import { createHash } from 'node:crypto';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { verifyTotp } from './totp.js';
import { KEYS } from '../store.js';

export interface FactorDoc extends Doc {
  factorType: string;
  provider: string;
  vendorName: string;
  status: 'PENDING_ACTIVATION' | 'ACTIVE';
  created: string;
  lastUpdated: string;
  profile: Record<string, unknown>;
}

/** What only the "device" knows: TOTP seeds, the last code sent by SMS/voice/email, the question's answer. */
export interface FactorSecretDoc extends Doc {
  totpSecret?: string;
  code?: string;
  answerHash?: string;
}

export const factors = (t: Tenant, userId: string) => t.collection<FactorDoc>(`${KEYS.users}/${userId}/factors`);
export const secrets = (t: Tenant) => t.collection<FactorSecretDoc>('okta:factorSecrets');
export const answerHash = (userId: string, a: string) => createHash('sha256').update(`${userId}:${a.trim().toLowerCase()}`).digest('hex');
export const newCode = (t: Tenant) => t.random.digits(6);

/** Checks a passcode/answer against what the factor's "device" holds. */
export function codeMatches(t: Tenant, f: FactorDoc, userId: string, body: Record<string, any>): boolean {
  const s = secrets(t).get(f.id);
  if (!s) return false;
  if (f.factorType === 'question') return typeof body.answer === 'string' && answerHash(userId, body.answer) === s.answerHash;
  if (typeof body.passCode !== 'string') return false;
  if (f.factorType === 'token:software:totp') return !!s.totpSecret && verifyTotp(s.totpSecret, body.passCode, t.now().getTime());
  return !!s.code && s.code === body.passCode;
}
