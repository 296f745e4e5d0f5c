/**
 * Decides whether a recorded error and the twin's are the same error, not just the same
 * status and shape: Okta `errorCode`, Slack `error` (on HTTP 200 too), Google `error.status`
 * and `error.errors[].reason`, Jira's `errorMessages` being there at all.
 */
import type { Diff } from './compare.js';
import type { Vendor } from '../vendors.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/** The fields that name an error, by vendor, as `path → value` (absent fields left out). */
export function errorIdentity(vendor: Vendor, body: unknown): Record<string, unknown> {
  const b = obj(body);
  if (!b) return {};
  switch (vendor) {
    case 'okta':
      return b.errorCode !== undefined ? { '$.errorCode': b.errorCode } : {};
    case 'slack':
      return b.ok === false || typeof b.error === 'string' ? { '$.error': b.error } : {};
    case 'google': {
      const e = obj(b.error);
      if (!e) return {};
      const reasons = Array.isArray(e.errors) ? e.errors.map((x) => obj(x)?.reason).filter((r) => r !== undefined) : undefined;
      return { ...(e.status !== undefined ? { '$.error.status': e.status } : {}), ...(reasons?.length ? { '$.error.errors[*].reason': reasons.join(',') } : {}) };
    }
    case 'jira': {
      const messages = b.errorMessages;
      return Array.isArray(messages) || obj(b.errors) ? { '$.errorMessages': Array.isArray(messages) && messages.length > 0 ? 'present' : 'none' } : {};
    }
  }
}

/** A different error is a mismatch even when status and shape agree. */
export function compareErrors(vendor: Vendor, recorded: unknown, twin: unknown, out: Diff[]): Diff[] {
  const r = errorIdentity(vendor, recorded);
  const t = errorIdentity(vendor, twin);
  for (const path of new Set([...Object.keys(r), ...Object.keys(t)])) {
    if (r[path] !== t[path]) out.push({ kind: 'error', path, recorded: r[path], twin: t[path] });
  }
  return out;
}

/** Okta 401s about credentials inside the request, not the caller's token (E0000011 is the token's). */
const OKTA_REQUEST_AUTH = new Set(['E0000004']);

const SLACK_AUTH = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

/** The recording shows the service refusing the caller's credential, so the replay must present a bad one. */
export function isAuthFailure(vendor: Vendor, status: number, body: unknown): boolean {
  // Okta answers 401 E0000004 "Authentication failed" for a bad password or sessionToken in the request itself
  // (/api/v1/authn, /api/v1/sessions): the caller's API token was accepted, so the replay keeps it.
  if (status === 401 && vendor === 'okta' && OKTA_REQUEST_AUTH.has(String(obj(body)?.errorCode))) return false;
  if (status === 401) return true;
  return vendor === 'slack' && SLACK_AUTH.has(String(obj(body)?.error));
}
