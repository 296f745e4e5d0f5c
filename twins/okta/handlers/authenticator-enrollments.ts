// A user's authenticator enrollments: the factors they hold seen as authenticators, admin phone enrollment, and temporary access codes.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { factors, type FactorDoc } from '../model/factors.js';
import { oktaId, type UserDoc } from '../store.js';
import { bodyObject, noContent, nowIso, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** Which authenticator a factor belongs to (Okta maps sms/call to phone, push/totp to Okta Verify or Google). */
const AUTHENTICATOR_OF: Record<string, { key: string; type: string; name: string }> = {
  sms: { key: 'phone_number', type: 'phone', name: 'Phone' },
  call: { key: 'phone_number', type: 'phone', name: 'Phone' },
  email: { key: 'okta_email', type: 'email', name: 'Email' },
  question: { key: 'security_question', type: 'security_question', name: 'Security Question' },
  push: { key: 'okta_verify', type: 'app', name: 'Okta Verify' },
  'token:software:totp': { key: 'okta_verify', type: 'app', name: 'Okta Verify' },
};

interface TacDoc extends Doc { authenticatorId: string; created: string; lastUpdated: string; expiresAt: string; multiUse: boolean }
const tacs = (ctx: OpContext, u: UserDoc) => ctx.tenant.collection<TacDoc>(`/api/v1/users/${u.id}/authenticator-enrollments/tac`);
const authenticators = (ctx: OpContext) => ctx.tenant.collection<Doc & { key?: string; name?: string; type?: string }>('/api/v1/authenticators');

function links(ctx: OpContext, u: UserDoc, id: string, authenticatorId?: string) {
  return {
    self: { href: `${ctx.baseUrl}/api/v1/users/${u.id}/authenticator-enrollments/${id}`, hints: { allow: ['GET', 'DELETE'] } },
    user: { href: `${ctx.baseUrl}/api/v1/users/${u.id}` },
    ...(authenticatorId ? { authenticator: { href: `${ctx.baseUrl}/api/v1/authenticators/${authenticatorId}` } } : {}),
  };
}

function fromFactor(ctx: OpContext, u: UserDoc, f: FactorDoc) {
  const a = AUTHENTICATOR_OF[f.factorType] ?? { key: f.factorType, type: f.factorType, name: f.factorType };
  const auth = authenticators(ctx).find((x) => x.key === a.key);
  const profile = f.factorType === 'sms' || f.factorType === 'call' ? { phoneNumber: f.profile.phoneNumber } : f.factorType === 'email' ? { email: f.profile.email } : {};
  return { id: f.id, type: a.type, key: a.key, name: auth?.name ?? a.name, status: f.status, created: f.created, lastUpdated: f.lastUpdated, profile, _links: links(ctx, u, f.id, auth?.id) };
}

const fromTac = (ctx: OpContext, u: UserDoc, d: TacDoc, code?: string) => ({
  id: d.id, type: 'tac', key: 'tac', name: 'Temporary Access Code', status: 'ACTIVE', created: d.created, lastUpdated: d.lastUpdated,
  profile: { expiresAt: d.expiresAt, multiUse: d.multiUse, ...(code ? { tac: code } : {}) }, _links: links(ctx, u, d.id, d.authenticatorId),
});

/** An enrollment by id: one of the user's factors, or a temporary access code. */
function find(ctx: OpContext<{ userId: string; enrollmentId: string }>) {
  const u = requireUser(ctx, ctx.params.userId);
  const f = factors(ctx.tenant, u.id).get(ctx.params.enrollmentId);
  const t = f ? undefined : tacs(ctx, u).get(ctx.params.enrollmentId);
  if (!f && !t) throw notFound(ctx.params.enrollmentId, 'AuthenticatorEnrollment');
  return { u, f, t };
}

function requireAuthenticator(ctx: OpContext, id: unknown, key: string) {
  const a = typeof id === 'string' ? authenticators(ctx).get(id) : undefined;
  if (!a) throw notFound(String(id), 'Authenticator');
  if (a.key !== key) throw validationError('authenticatorId', `The authenticator is not the ${key} authenticator`);
  return a;
}

export const authenticatorEnrollmentHandlers = {
  listAuthenticatorEnrollments: (ctx) => {
    const u = requireUser(ctx, ctx.params.userId);
    const list = [...factors(ctx.tenant, u.id).values().map((f) => fromFactor(ctx, u, f)), ...tacs(ctx, u).values().map((d) => fromTac(ctx, u, d))];
    return { status: 200, body: list };
  },
  getAuthenticatorEnrollment: (ctx) => {
    const { u, f, t } = find(ctx);
    return { status: 200, body: f ? fromFactor(ctx, u, f) : fromTac(ctx, u, t!) };
  },
  deleteAuthenticatorEnrollment: (ctx) => {
    const { u, f, t } = find(ctx);
    if (f) factors(ctx.tenant, u.id).delete(f.id);
    else tacs(ctx, u).delete(t!.id);
    return noContent();
  },
  /** An admin enrolls a verified phone for the user: it is an ACTIVE SMS factor at once (no code round). */
  createAuthenticatorEnrollment: (ctx) => {
    const u = requireUser(ctx, ctx.params.userId);
    const b = bodyObject(ctx);
    requireAuthenticator(ctx, b.authenticatorId, 'phone_number');
    const digits = String(b.profile?.phoneNumber ?? '').replace(/[^0-9]/g, '');
    if (digits.length < 8 || digits.length > 15) throw oktaErrorWith('E0000001', ['profile.phoneNumber'], { causes: ['profile.phoneNumber: This phone number is invalid.'] });
    if (factors(ctx.tenant, u.id).find((f) => f.factorType === 'sms')) throw oktaErrorWith('E0000001', ['authenticatorId'], { causes: ['A factor of this type is already set up.'] });
    const now = nowIso(ctx);
    const f = factors(ctx.tenant, u.id).put({ id: oktaId(ctx.tenant, 'mbl'), factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', status: 'ACTIVE', created: now, lastUpdated: now, profile: { phoneNumber: `+${digits}` } });
    return { status: 200, body: fromFactor(ctx, u, f) };
  },
  /** A temporary access code: shown once, at creation; `ttl` is minutes (Okta's default 120). */
  createTacAuthenticatorEnrollment: (ctx) => {
    const u = requireUser(ctx, ctx.params.userId);
    const b = bodyObject(ctx);
    const a = requireAuthenticator(ctx, b.authenticatorId, 'tac');
    const ttl = Number(b.profile?.ttl ?? 120);
    if (!Number.isInteger(ttl) || ttl < 10 || ttl > 43200) throw validationError('profile.ttl', 'The ttl must be between 10 and 43200 minutes');
    const now = ctx.now();
    const code = ctx.tenant.random.chars(8, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789');
    const d = tacs(ctx, u).put({ id: oktaId(ctx.tenant, 'tac'), authenticatorId: a.id, created: now.toISOString(), lastUpdated: now.toISOString(), expiresAt: new Date(now.getTime() + ttl * 60_000).toISOString(), multiUse: b.profile?.multiUse === true });
    return { status: 200, body: fromTac(ctx, u, d, code) };
  },
} satisfies Handlers;
