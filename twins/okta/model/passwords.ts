// Okta's default password policy (length, character classes, no username parts, history) and temporary passwords.
import type { Tenant } from '../../../src/core/tenant.js';
import { oktaErrorWith } from '../errors.js';

/** Okta's own wording of the default policy's requirements (default message of `password.passwordRequirementsNotMet`). */
export const REQUIREMENTS =
  'Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.';
export const HISTORY = 'Your password cannot be any of your last 4 passwords.';

/** Parts of the username Okta forbids inside a password: pieces of the login's local part and the names, three characters or more. */
function usernameParts(profile: Record<string, unknown>): string[] {
  const login = String(profile.login ?? '').split('@')[0];
  const parts = login.split(/[,._+#\-]/);
  for (const k of ['firstName', 'lastName']) if (typeof profile[k] === 'string') parts.push(profile[k] as string);
  return parts.map((p) => p.toLowerCase()).filter((p) => p.length >= 3);
}

/** The requirement a password misses, or undefined when it satisfies the default policy. */
export function policyViolation(password: string, profile: Record<string, unknown>): string | undefined {
  const lower = password.toLowerCase();
  const ok =
    password.length >= 8 &&
    /[a-z]/.test(password) &&
    /[A-Z]/.test(password) &&
    /[0-9]/.test(password) &&
    !usernameParts(profile).some((p) => lower.includes(p));
  return ok ? undefined : REQUIREMENTS;
}

/** 400 E0000001 naming `password`, as on create/update. */
export function passwordRejected(field = 'password', history = false) {
  return oktaErrorWith('E0000001', [field], { causes: [`${field}: ${REQUIREMENTS}${history ? ` ${HISTORY}` : ''}`] });
}

/** 403 E0000080, as on change_password. */
export function passwordComplexityRejected(history = false) {
  return oktaErrorWith('E0000080', [], { causes: [`password: ${REQUIREMENTS}${history ? ` ${HISTORY}` : ''}`] });
}

/** A temporary password that meets the policy, from the tenant's random source. */
export function temporaryPassword(tenant: Tenant): string {
  const r = tenant.random;
  const body = r.chars(1, 'ABCDEFGHJKLMNPQRSTUVWXYZ') + r.chars(1, 'abcdefghijkmnpqrstuvwxyz') + r.chars(1, '23456789') + r.chars(5, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789');
  return body;
}
