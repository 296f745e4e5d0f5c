// A user as Okta returns it: `_links` on the caller's origin, with the lifecycle actions its status offers.
// The copies are shallow: the engine serializes a reply before anything else can touch it.
import type { OpContext } from '../../../src/core/handler.js';
import type { UserDoc, UserStatus } from '../store.js';
import { defaultRealmId } from '../model/org.js';

/** Base attributes Okta answers even when unset; any other attribute set to null is left out (terraform cassettes: `postalAddress: null` sent, absent in the reply). */
const ALWAYS_ANSWERED = new Set(['firstName', 'lastName', 'mobilePhone', 'secondEmail', 'login', 'email']);

function answeredProfile(profile: UserDoc['profile']): UserDoc['profile'] {
  if (!leavesOut(profile)) return profile;
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

/**
 * Whether a null attribute is left out, looked for without copying the values out: every user read asks, and
 * every profile holds the standard nullable attributes (null until set), which a copy would keep as they are.
 */
function leavesOut(profile: Record<string, unknown>): boolean {
  for (const k in profile) if (profile[k] === null && !ALWAYS_ANSWERED.has(k)) return true;
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
  const out = presentFields(ctx, u);
  out._links = userLinks(ctx, u, full);
  return out;
}

function userLinks(ctx: Pick<OpContext, 'baseUrl'>, u: UserDoc, full: boolean): Record<string, Link> {
  const self = `${ctx.baseUrl}/api/v1/users/${u.id}`;
  return full
    ? {
        schema: { href: `${ctx.baseUrl}/api/v1/meta/schemas/user/${schemaIdOf(u)}` },
        ...userActionLinks(self, u),
        self: { href: self },
        type: { href: `${ctx.baseUrl}/api/v1/meta/types/user/${u.type.id}` },
      }
    : { self: { href: self } };
}

const schemaIdOf = (u: UserDoc) => `osc${u.type.id.slice(3)}`;

/** The user's own fields as Okta answers them, before its links. */
function presentFields(ctx: Pick<OpContext, 'tenant'>, u: UserDoc): Record<string, unknown> {
  return { ...u, profile: answeredProfile(u.profile), realmId: defaultRealmId(ctx.tenant) };
}

/**
 * Each status's action links as JSON text, cut where the user's `self` URL goes: made once from
 * `userActionLinks` itself with a marker for `self`, so the text and the objects cannot disagree.
 */
const SELF_MARK = '\u0001';
const ACTION_TEXT = new Map<string, string[]>();
for (const status of ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'] satisfies UserStatus[]) {
  const text = JSON.stringify(userActionLinks(SELF_MARK, { status } as UserDoc)).slice(1, -1);
  ACTION_TEXT.set(status, (text ? `${text},` : '').split(JSON.stringify(SELF_MARK).slice(1, -1)));
}

/** Characters JSON text writes as they are (no quote, backslash, control or non-ASCII character to escape). */
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;
/** A string's JSON text without its quotes. */
const inner = (s: string) => (PLAIN.test(s) ? s : JSON.stringify(s).slice(1, -1));

/**
 * A user with its lifecycle links as JSON text (`JSON.stringify(presentUser(…))` exactly, which a property test
 * checks), and nothing else: the engine sends and journals the text as it is, and a contract check reads the
 * object back from it (src/core/handler.ts `bodyText`). The fields are serialized, the links written from their
 * text pieces, which cost a few concatenations where building and serializing the link objects cost about as
 * much as the rest of the user.
 */
export function presentUserText(ctx: Pick<OpContext, 'baseUrl' | 'tenant'>, u: UserDoc): string {
  const pieces = ACTION_TEXT.get(u.status);
  // A stored `_links` (or `toJSON`) would change where the links go or what is written: such a user is serialized whole.
  if (!pieces || '_links' in u || 'toJSON' in u) return JSON.stringify(presentUser(ctx, u));
  // The fields come before the links (as in presentUser). A user whose profile answers as it is stored, and that
  // holds no `realmId` of its own, is serialized itself with the realm written after it: the same text as its
  // copy's, without the copy, and V8 serializes the stored document about twice as fast as a spread copy of it.
  const own = answeredProfile(u.profile) === u.profile && !('realmId' in u) ? JSON.stringify(u) : '';
  const fields = own.length > 2 ? `${own.slice(0, -1)},"realmId":${JSON.stringify(defaultRealmId(ctx.tenant))}}` : JSON.stringify(presentFields(ctx, u));
  const base = inner(ctx.baseUrl);
  const self = `${base}/api/v1/users/${inner(u.id)}`;
  let actions = pieces[0];
  for (let i = 1; i < pieces.length; i++) actions += self + pieces[i];
  return (
    `${fields.slice(0, -1)},"_links":{"schema":{"href":"${base}/api/v1/meta/schemas/user/${inner(schemaIdOf(u))}"},${actions}` +
    `"self":{"href":"${self}"},"type":{"href":"${base}/api/v1/meta/types/user/${inner(u.type.id)}"}}}`
  );
}
