// YubiKey OTP seeds an admin uploads, and their lifecycle as users enroll them (UNASSIGNED until enrolled, then ACTIVE).
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { oktaErrorWith, validationError } from '../errors.js';
import { oktaId } from '../store.js';

export interface YubikeyDoc extends Doc {
  created: string; lastUpdated: string; lastVerified: string; status: 'UNASSIGNED' | 'ACTIVE';
  profile: { serial: string }; publicId: string; userId?: string;
}

export const yubikeys = (t: Tenant) => t.collection<YubikeyDoc>('/api/v1/org/factors/yubikey_token/tokens');

/** YubiKey public ids are modhex (the keyboard-safe alphabet a YubiKey types). */
const MODHEX = /^[cbdefghijklnrtuv]{12}$/;

/** Okta's seed checks: a numeric serial, a 12-character modhex public id, a 12-hex private id, a 32-hex AES key; serials are unique. */
export function uploadSeed(t: Tenant, b: Record<string, any>): YubikeyDoc {
  if (typeof b.serialNumber !== 'string' || !/^\d{1,10}$/.test(b.serialNumber)) throw validationError('serialNumber', 'Does not match required pattern');
  if (typeof b.publicId !== 'string' || !MODHEX.test(b.publicId)) throw validationError('publicId', 'Does not match required pattern');
  if (typeof b.privateId !== 'string' || !/^[0-9a-f]{12}$/i.test(b.privateId)) throw validationError('privateId', 'Does not match required pattern');
  if (typeof b.aesKey !== 'string' || !/^[0-9a-f]{32}$/i.test(b.aesKey)) throw validationError('aesKey', 'Does not match required pattern');
  if (yubikeys(t).find((y) => y.profile.serial === b.serialNumber)) throw oktaErrorWith('E0000001', ['serialNumber'], { causes: ['serialNumber: A YubiKey with this serial number has already been uploaded.'] });
  const now = t.now().toISOString();
  // Okta stamps lastVerified at upload (Factors API, YubiKey token examples).
  return yubikeys(t).put({ id: oktaId(t, 'ykf'), created: now, lastUpdated: now, lastVerified: now, status: 'UNASSIGNED', profile: { serial: b.serialNumber }, publicId: b.publicId });
}

/** A YubiKey OTP starts with the key's public id; enrolling claims an UNASSIGNED key for the user. */
export function claimByOtp(t: Tenant, otp: unknown, userId: string): YubikeyDoc {
  const publicId = typeof otp === 'string' ? otp.slice(0, 12) : '';
  const y = yubikeys(t).find((k) => k.publicId === publicId);
  if (!y || typeof otp !== 'string' || otp.length !== 44) throw oktaErrorWith('E0000001', ['passCode'], { causes: ['passCode: Invalid passcode'] });
  if (y.status !== 'UNASSIGNED') throw oktaErrorWith('E0000001', ['passCode'], { causes: ['passCode: This YubiKey is already assigned to a user.'] });
  const now = t.now().toISOString();
  return yubikeys(t).patch(y.id, { status: 'ACTIVE', userId, lastVerified: now, lastUpdated: now })!;
}
