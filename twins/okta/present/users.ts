// A user as Okta returns it: `_links` on the caller's origin, with the lifecycle actions its status offers.
// The copies are shallow: the engine serializes a reply before anything else can touch it.
import type { OpContext } from '../../../src/core/handler.js';
import type { UserDoc } from '../store.js';
import { defaultRealmId } from '../model/org.js';

/** Base attributes Okta answers even when unset; any other attribute set to null is left out (terraform cassettes: `postalAddress: null` sent, absent in the reply). */
const ALWAYS_ANSWERED = new Set(['firstName', 'lastName', 'mobilePhone', 'secondEmail', 'login', 'email']);

function answeredProfile(profile: UserDoc['profile']): UserDoc['profile'] {
  if (!hasNull(profile)) return profile;
  // One copy, in the profile's own key order (as `Object.entries` would give it).
  const out: Record<string, unknown> = {};
  for (const k in profile) {
    const v = profile[k];
    if (v === null && !ALWAYS_ANSWERED.has(k)) continue;
    // A `__proto__` key the body carried stays a key, as `Object.fromEntries` would keep it.
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out as UserDoc['profile'];
}

/** Looked for without copying the values out: every user read asks. */
function hasNull(profile: Record<string, unknown>): boolean {
  for (const k in profile) if (profile[k] === null) return true;
  return false;
}

type Link = { href: string; method?: string };

const post = (href: string): Link => ({ href, method: 'POST' });

/** Lifecycle links a user offers in each status (as Okta returns them on GET /users/{id}). */
function userActionLinks(base: string, u: UserDoc): Record<string, Link> {
  const l = `${base}/lifecycle`;
  const c = `${base}/credentials`;
  const pw = {
    resetPassword: post(`${l}/reset_password`),
    forgotPassword: post(`${c}/forgot_password`),
    expirePassword: post(`${l}/expire_password`),
    changeRecoveryQuestion: post(`${c}/change_recovery_question`),
    changePassword: post(`${c}/change_password`),
  };
  switch (u.status) {
    case 'STAGED':
      return { activate: post(`${l}/activate`), resetFactors: post(`${l}/reset_factors`) };
    case 'PROVISIONED':
      // Terraform cassettes 2025-2026: a PROVISIONED user can also be suspended or sent a password reset.
      return { suspend: post(`${l}/suspend`), resetPassword: post(`${l}/reset_password`), reactivate: post(`${l}/reactivate`), resetFactors: post(`${l}/reset_factors`), deactivate: post(`${l}/deactivate`) };
    case 'ACTIVE':
    case 'PASSWORD_EXPIRED':
    case 'RECOVERY':
      return { suspend: post(`${l}/suspend`), ...pw, resetFactors: post(`${l}/reset_factors`), deactivate: post(`${l}/deactivate`) };
    case 'LOCKED_OUT':
      return { unlock: post(`${l}/unlock`), ...pw, resetFactors: post(`${l}/reset_factors`), deactivate: post(`${l}/deactivate`) };
    case 'SUSPENDED':
      return { unsuspend: post(`${l}/unsuspend`), resetFactors: post(`${l}/reset_factors`), deactivate: post(`${l}/deactivate`) };
    case 'DEPROVISIONED':
      return { activate: post(`${l}/activate`) };
  }
}

/** A user as Okta returns it. Lists carry only `self`; single reads carry the lifecycle links too. */
export function presentUser(ctx: Pick<OpContext, 'baseUrl' | 'tenant'>, u: UserDoc, full = true): Record<string, unknown> {
  const self = `${ctx.baseUrl}/api/v1/users/${u.id}`;
  const out: Record<string, unknown> = { ...u, profile: answeredProfile(u.profile), realmId: defaultRealmId(ctx.tenant) };
  const schemaId = `osc${u.type.id.slice(3)}`;
  out._links = full
    ? {
        schema: { href: `${ctx.baseUrl}/api/v1/meta/schemas/user/${schemaId}` },
        ...userActionLinks(self, u),
        self: { href: self },
        type: { href: `${ctx.baseUrl}/api/v1/meta/types/user/${u.type.id}` },
      }
    : { self: { href: self } };
  return out;
}
