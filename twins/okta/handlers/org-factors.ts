// The classic Factors Administration API (/api/v1/org/factors): an org factor is a view of the authenticator behind it.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound } from '../errors.js';
import type { Handlers } from '../generated/operations.js';
import { AUTHENTICATORS } from './authenticators.js';
import { nowIso } from './common.js';

/**
 * Org factors by id, with the provider and factor type Okta answers and the authenticator that carries them in an
 * Identity Engine org (Okta's "Factors administration" guide; terraform cassettes TestAccResourceOktaUserFactorQuestion_crud:
 * `okta_question` is OKTA/question). Turning a factor on or off turns its authenticator on or off, and back.
 */
const FACTORS: ReadonlyArray<{ id: string; provider: string; factorType: string; authenticator: string }> = [
  { id: 'okta_otp', provider: 'OKTA', factorType: 'token:software:totp', authenticator: 'okta_verify' },
  { id: 'okta_push', provider: 'OKTA', factorType: 'push', authenticator: 'okta_verify' },
  { id: 'okta_sms', provider: 'OKTA', factorType: 'sms', authenticator: 'phone_number' },
  { id: 'okta_call', provider: 'OKTA', factorType: 'call', authenticator: 'phone_number' },
  { id: 'okta_email', provider: 'OKTA', factorType: 'email', authenticator: 'okta_email' },
  { id: 'okta_question', provider: 'OKTA', factorType: 'question', authenticator: 'security_question' },
  { id: 'google_otp', provider: 'GOOGLE', factorType: 'token:software:totp', authenticator: 'google_otp' },
  { id: 'fido_webauthn', provider: 'FIDO', factorType: 'webauthn', authenticator: 'webauthn' },
];

type Authenticator = Doc & { key?: string; status?: string };

const authenticatorOf = (ctx: OpContext, key: string) => ctx.tenant.collection<Authenticator>(AUTHENTICATORS).find((a) => a.key === key);

/** The factor with its authenticator, or Okta's 404 for an id the org has no factor for. */
function factorOf(ctx: OpContext) {
  const id = String(ctx.params.factorId);
  const f = FACTORS.find((x) => x.id === id);
  const a = f && authenticatorOf(ctx, f.authenticator);
  if (!f || !a) throw notFound(id, 'OrgFactor');
  return { f, a };
}

function present(ctx: OpContext, f: (typeof FACTORS)[number], status: string) {
  const self = `${ctx.baseUrl}/api/v1/org/factors/${f.id}`;
  const move = status === 'ACTIVE' ? 'deactivate' : 'activate';
  return {
    id: f.id,
    provider: f.provider,
    factorType: f.factorType,
    status,
    _links: { self: { href: self, hints: { allow: ['GET'] } }, [move]: { href: `${self}/lifecycle/${move}`, hints: { allow: ['POST'] } } },
  };
}

function setStatus(ctx: OpContext, status: 'ACTIVE' | 'INACTIVE') {
  const { f, a } = factorOf(ctx);
  // The same change as the authenticator's own lifecycle operation makes.
  if (a.status !== status) ctx.tenant.collection<Authenticator>(AUTHENTICATORS).patch(a.id, { status, lastUpdated: nowIso(ctx) });
  return { status: 200, body: present(ctx, f, status) };
}

export const orgFactorHandlers = {
  listOrgFactors: (ctx) => ({
    status: 200,
    body: FACTORS.flatMap((f) => {
      const a = authenticatorOf(ctx, f.authenticator);
      return a ? [present(ctx, f, String(a.status))] : [];
    }),
  }),
  getOrgFactor: (ctx) => {
    const { f, a } = factorOf(ctx);
    return { status: 200, body: present(ctx, f, String(a.status)) };
  },
  activateOrgFactor: (ctx) => setStatus(ctx, 'ACTIVE'),
  deactivateOrgFactor: (ctx) => setStatus(ctx, 'INACTIVE'),
} satisfies Handlers;
