// Authenticator methods: which methods each authenticator key offers, their default state and settings, and lifecycle rules.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';

export interface MethodDoc extends Doc {
  authenticatorId: string;
  type: string;
  status: 'ACTIVE' | 'INACTIVE';
  settings?: Record<string, unknown>;
}

type MethodDefault = [type: string, active: boolean, settings?: Record<string, unknown>];

/** Methods per authenticator key, in Okta's order, with a new org's state and settings (terraform/python cassettes, `/methods` listings). */
const METHODS: Record<string, MethodDefault[]> = {
  okta_password: [['password', true]],
  okta_email: [['email', true]],
  security_question: [['security_question', true]],
  phone_number: [['sms', false], ['voice', false]],
  webauthn: [['webauthn', true, { userVerification: 'DISCOURAGED', attachment: 'ANY' }]],
  okta_verify: [
    ['totp', true, { timeIntervalInSeconds: 30, encoding: 'Base32', algorithm: 'HMACSHA1', passCodeLength: 6 }],
    ['push', false, { algorithms: ['ES256', 'RS256'], keyProtection: 'ANY', transactionTypes: ['LOGIN'] }],
    ['signed_nonce', false, { algorithms: ['ES256', 'RS256'], keyProtection: 'ANY', showSignInWithOV: 'NEVER' }],
  ],
  google_otp: [['otp', true]],
  custom_otp: [['otp', true]],
  custom_app: [['push', true]],
  duo: [['duo', true]],
  yubikey_token: [['otp', true]],
  external_idp: [['idp', true]],
  symantec_vip: [['otp', true]],
  rsa_token: [['otp', true]],
  onprem_mfa: [['otp', true]],
};

/** Methods an authenticator must keep active: the password and email authenticators cannot turn off their only method. */
const ALWAYS_ACTIVE = new Set(['password', 'email']);

/**
 * Whether an ACTIVE method offers a `deactivate` link: only when its authenticator has other methods to fall back on,
 * and never for Okta Verify's TOTP (Authenticators API reference, okta_verify methods example: totp carries only `self`,
 * push and signed_nonce carry `deactivate`; live listings show single-method authenticators' methods with `self` only).
 */
export function offersDeactivate(key: string, type: string): boolean {
  if (key === 'okta_verify' && type === 'totp') return false;
  return (METHODS[key]?.length ?? 0) > 1 && !ALWAYS_ACTIVE.has(type);
}

const methods = (t: Tenant) => t.collection<MethodDoc>('okta:authenticatorMethods');
const methodId = (authenticatorId: string, type: string) => `${authenticatorId}:${type}`;

/** The methods of one authenticator, created with the key's defaults on first read. */
export function methodsOf(t: Tenant, authenticator: { id: string; key?: unknown }): MethodDoc[] {
  const defaults = METHODS[String(authenticator.key)] ?? [];
  return defaults.map(([type, active, settings]) => {
    const id = methodId(authenticator.id, type);
    return methods(t).get(id) ?? methods(t).put({ id, authenticatorId: authenticator.id, type, status: active ? 'ACTIVE' : 'INACTIVE', ...(settings ? { settings: structuredClone(settings) } : {}) });
  });
}

export function methodOf(t: Tenant, authenticator: { id: string; key?: unknown }, type: string): MethodDoc {
  const m = methodsOf(t, authenticator).find((x) => x.type === type);
  if (!m) throw notFound(type, 'AuthenticatorMethod');
  return m;
}

export function setMethodStatus(t: Tenant, m: MethodDoc, status: MethodDoc['status']): MethodDoc {
  if (status === 'INACTIVE' && ALWAYS_ACTIVE.has(m.type)) throw validationError('status', `The ${m.type} method cannot be deactivated.`);
  return methods(t).patch(m.id, { status })!;
}

export function replaceMethod(t: Tenant, m: MethodDoc, settings: Record<string, unknown> | undefined): MethodDoc {
  return methods(t).patch(m.id, settings ? { settings: { ...(m.settings ?? {}), ...settings } } : {})!;
}

export const methodsFor = (key: string): string[] => (METHODS[key] ?? []).map(([type]) => type);

/** The authenticator type each key has (AuthenticatorType; as every recorded Okta authenticator pairs them). */
const TYPE_BY_KEY: Record<string, string> = {
  okta_email: 'email', okta_password: 'password', okta_verify: 'app', phone_number: 'phone', security_question: 'security_question',
  webauthn: 'security_key', google_otp: 'app', custom_app: 'app', custom_otp: 'security_key', external_idp: 'federated',
  onprem_mfa: 'security_key', rsa_token: 'security_key', yubikey_token: 'security_key',
};

export const authenticatorTypeOf = (key: string): string | undefined => TYPE_BY_KEY[key];

/** Keys an org may hold several authenticators of; every other key names one. */
export const MULTI_INSTANCE_KEYS = new Set(['custom_app', 'custom_otp', 'external_idp']);
