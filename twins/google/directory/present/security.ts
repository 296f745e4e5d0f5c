/** Directory's Token, Asp and VerificationCode resources as callers see them. */
import type { DirUser } from '../../store.js';
import type { AspRec, Grant, VerificationCodeRec } from '../model/security.js';
import { withEtag } from './common.js';

/** Times of ASPs are epoch milliseconds, as int64 in JSON. */
const millis = (iso?: string) => (iso ? String(Date.parse(iso)) : '0');

export function presentToken(u: DirUser, g: Grant): Record<string, unknown> {
  return withEtag({ kind: 'admin#directory#token', clientId: g.clientId, displayText: g.displayText, anonymous: false, nativeApp: false, userKey: u.id, scopes: g.scopes });
}

export function presentAsp(a: AspRec): Record<string, unknown> {
  return withEtag({ kind: 'admin#directory#asp', codeId: a.codeId, name: a.name, creationTime: millis(a.creationTime), lastTimeUsed: millis(a.lastTimeUsed), userKey: a.userId });
}

export function presentVerificationCode(c: VerificationCodeRec): Record<string, unknown> {
  return withEtag({ kind: 'admin#directory#verificationCode', userId: c.userId, verificationCode: c.verificationCode });
}
