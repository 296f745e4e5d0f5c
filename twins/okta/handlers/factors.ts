// User factors: enroll (sms, call, email, TOTP, security question), activate with a real passcode, verify, list, delete.
import { createHash } from 'node:crypto';
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { claimByOtp, uploadSeed, yubikeys, type YubikeyDoc } from '../model/yubikeys.js';
import { emit } from '../model/events.js';
import { base32Encode } from '../model/totp.js';
import { answerHash, codeMatches, factors, newCode, secrets, type FactorDoc, type FactorSecretDoc } from '../model/factors.js';
import { evaluate, parseOrReject } from '../model/query.js';
import { page } from '../present/paging.js';
import { KEYS, oktaId, userActor, users, type UserDoc } from '../store.js';
import { bodyObject, flag, noContent, nowIso, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** Okta's security question catalog (the keys and wording of listSupportedSecurityQuestions). */
const QUESTIONS: Record<string, string> = {
  disliked_food: 'What is the food you least liked as a child?',
  name_of_first_plush_toy: 'What is the name of your first stuffed animal?',
  first_award: 'What did you earn your first medal or award for?',
  favorite_security_question: 'What is your favorite security question?',
  favorite_toy: 'What is the toy/stuffed animal you liked the most as a kid?',
  first_computer_game: 'What was the first computer game you played?',
  favorite_movie_quote: 'What is your favorite movie quote?',
  first_sports_team_mascot: 'What was the mascot of the first sports team you played on?',
  first_music_purchase: 'What music album or song did you first purchase?',
  favorite_art_piece: 'What is your favorite piece of art?',
  grandmother_favorite_desert: 'What was your grandmother\'s favorite dessert?',
  first_thing_cooked: 'What was the first thing you learned to cook?',
  childhood_dream_job: 'What was your dream job as a child?',
  place_where_significant_other_was_met: 'Where did you meet your spouse/significant other?',
  favorite_vacation_location: 'Where did you go for your favorite vacation?',
  new_years_two_thousand: 'Where were you on New Year\'s Eve in the year 2000?',
  favorite_speaker_actor: 'Who is your favorite speaker/orator?',
  favorite_book_movie_character: 'Who is your favorite book/movie character?',
  favorite_sports_player: 'Who is your favorite sports player?',
};

/** Factor types the org offers, with their provider and id prefix. */
const CATALOG: Array<{ factorType: string; provider: string; prefix: string }> = [
  { factorType: 'sms', provider: 'OKTA', prefix: 'mbl' },
  { factorType: 'call', provider: 'OKTA', prefix: 'clf' },
  { factorType: 'email', provider: 'OKTA', prefix: 'emf' },
  { factorType: 'question', provider: 'OKTA', prefix: 'ufs' },
  { factorType: 'token:software:totp', provider: 'OKTA', prefix: 'ost' },
  { factorType: 'token:software:totp', provider: 'GOOGLE', prefix: 'uft' },
  { factorType: 'push', provider: 'OKTA', prefix: 'opf' },
  { factorType: 'token:hardware', provider: 'YUBICO', prefix: 'ykf' },
];

/**
 * The order a user's enrolled factors are listed in: Okta's catalog order, not enrollment order (Factors API "List
 * enrolled factors" example: question, token:software:totp, sms, whatever their creation times; okta-sdk-nodejs
 * test/it user-list-enrolled-factors.ts: a question enrolled after a call factor lists first). Other types follow in
 * enrollment order.
 */
const LISTED_FIRST = ['question', 'token:software:totp', 'sms', 'call'];
const listRank = (f: FactorDoc) => {
  const i = LISTED_FIRST.indexOf(f.factorType);
  return i < 0 ? LISTED_FIRST.length : i;
};

/** Factors a passcode is sent for: a pending one offers to send it again. */
const SENT = ['sms', 'call', 'email'];

/**
 * A factor's links by status (Factors API examples; okta-sdk-python and terraform cassettes): a pending factor can be read,
 * activated and (when sent) resent, not deleted; an active security question points at the question catalog
 * instead of a verify link.
 */
function factorLinks(ctx: OpContext, u: UserDoc, f: FactorDoc, base: string): Record<string, unknown> {
  const user = { href: `${ctx.baseUrl}/api/v1/users/${u.id}`, hints: { allow: ['GET'] } };
  if (f.status === 'PENDING_ACTIVATION') {
    return {
      ...(SENT.includes(f.factorType) ? { resend: [{ name: f.factorType, href: `${base}/resend`, hints: { allow: ['POST'] } }] } : {}),
      activate: { href: `${base}/lifecycle/activate`, hints: { allow: ['POST'] } },
      self: { href: base, hints: { allow: ['GET'] } },
      user,
    };
  }
  if (f.factorType === 'question') {
    return { questions: { href: `${ctx.baseUrl}/api/v1/users/${u.id}/factors/questions`, hints: { allow: ['GET'] } }, self: { href: base, hints: { allow: ['GET', 'DELETE'] } }, user };
  }
  return { self: { href: base, hints: { allow: ['GET', 'DELETE'] } }, verify: { href: `${base}/verify`, hints: { allow: ['POST'] } }, user };
}

function present(ctx: OpContext, u: UserDoc, f: FactorDoc): Record<string, unknown> {
  const base = `${ctx.baseUrl}/api/v1/users/${u.id}/factors/${f.id}`;
  const out: Record<string, unknown> = structuredClone(f);
  out._links = factorLinks(ctx, u, f, base);
  if (f.factorType === 'token:software:totp' && f.status === 'PENDING_ACTIVATION') {
    const secret = secrets(ctx.tenant).get(f.id)?.totpSecret;
    out._embedded = {
      activation: {
        timeStep: 30,
        sharedSecret: secret,
        encoding: 'base32',
        keyLength: 6,
        _links: { qrcode: { href: `${base}/qr/${f.id}`, type: 'image/png' } },
      },
    };
  }
  return out;
}

function requireFactor(ctx: OpContext<{ userId: string; factorId: string }>) {
  const user = requireUser(ctx, ctx.params.userId);
  const f = factors(ctx.tenant, user.id).get(ctx.params.factorId);
  if (!f) throw notFound(ctx.params.factorId, 'UserFactor');
  return { user, f };
}

/** Factor providers Okta knows (FactorProvider). */
const PROVIDERS = ['OKTA', 'RSA', 'FIDO', 'GOOGLE', 'SYMANTEC', 'DUO', 'YUBICO', 'CUSTOM', 'APPLE'];

/**
 * A phone number as Okta stores it, E.164: separators and invisible formatting characters are
 * dropped, and a bare 11-digit number starting with 1 is read as North American (+1). Fewer than
 * 8 or more than 15 digits is Okta's "This phone number is invalid."
 */
function phoneNumber(raw: unknown): string {
  const digits = typeof raw === 'string' ? raw.replace(/[^0-9]/g, '') : '';
  if (digits.length < 8 || digits.length > 15) throw oktaErrorWith('E0000001', ['factorEnrollRequest'], { causes: ['profile.phoneNumber: This phone number is invalid.'] });
  return `+${digits}`;
}

const INVALID_CODE = "Your passcode doesn't match our records. Please try again.";

const enrollFactor = (ctx: OpContext<{ userId: string }>) => {
  const user = requireUser(ctx, ctx.params.userId);
  const body = bodyObject(ctx);
  const provider = typeof body.provider === 'string' ? body.provider : 'OKTA';
  // Okta's words for an unknown provider and for a factor the org has not enabled (okta-sdk-nodejs test/it/factor-create.ts).
  if (!PROVIDERS.includes(provider)) throw oktaErrorWith('E0000001', ['factorEnrollRequest'], { causes: ['Invalid Provider.'] });
  const entry = CATALOG.find((c) => c.factorType === body.factorType && c.provider === provider);
  if (!entry) throw oktaErrorWith('E0000001', ['factorEnrollRequest'], { causes: ['Factor not enabled.'] });
  if (factors(ctx.tenant, user.id).find((f) => f.factorType === entry.factorType && f.provider === provider)) {
    throw oktaErrorWith('E0000001', ['factorEnrollRequest'], { causes: ['A factor of this type is already set up.'] });
  }
  const profile = { ...(body.profile ?? {}) } as Record<string, unknown>;
  const secret: FactorSecretDoc = { id: '' };
  let status: FactorDoc['status'] = 'PENDING_ACTIVATION';
  switch (entry.factorType) {
    case 'sms':
    case 'call':
      profile.phoneNumber = phoneNumber(profile.phoneNumber);
      secret.code = newCode(ctx.tenant);
      break;
    case 'email':
      profile.email ??= user.profile.email;
      secret.code = newCode(ctx.tenant);
      break;
    case 'question': {
      if (typeof profile.question !== 'string' || !QUESTIONS[profile.question]) throw validationError('question', 'The security question is not valid');
      if (typeof profile.answer !== 'string' || profile.answer.trim().length < 4) throw oktaErrorWith('E0000001', ['answer'], { causes: ['answer: The security question answer must be at least 4 characters in length'] });
      secret.answerHash = answerHash(user.id, profile.answer);
      delete profile.answer;
      profile.questionText = QUESTIONS[profile.question as string];
      status = 'ACTIVE';
      break;
    }
    case 'token:software:totp':
      secret.totpSecret = base32Encode(ctx.tenant.random.bytes(20));
      profile.credentialId = user.profile.login;
      break;
    case 'push':
      break;
    case 'token:hardware': {
      // A YubiKey enrolls with one OTP it types, which names an uploaded seed (Factors API, "Enroll a YubiKey Factor").
      const key = claimByOtp(ctx.tenant, body.verify?.passCode, user.id);
      profile.credentialId = key.profile.serial;
      status = 'ACTIVE';
      break;
    }
  }
  // `activate=true` on sms/call/email skips the passcode step (admin enrollment, Factors API).
  if (flag(ctx.query, 'activate', false) && ['sms', 'call', 'email'].includes(entry.factorType)) status = 'ACTIVE';
  const now = nowIso(ctx);
  const f: FactorDoc = { id: oktaId(ctx.tenant, entry.prefix), factorType: entry.factorType, provider, vendorName: provider, status, created: now, lastUpdated: now, profile };
  factors(ctx.tenant, user.id).put(f);
  secrets(ctx.tenant).put({ ...secret, id: f.id });
  if (status === 'ACTIVE') emit(ctx, { eventType: 'user.mfa.factor.activate', displayMessage: 'Activate factor or authenticator', target: [userActor(user)] });
  return { status: 200, body: present(ctx, user, f) };
};

const activateFactor = (ctx: OpContext<{ userId: string; factorId: string }>) => {
  const { user, f } = requireFactor(ctx);
  if (f.status !== 'PENDING_ACTIVATION') throw oktaErrorWith('E0000001', ['factor'], { causes: ['The factor is already active.'] });
  if (!codeMatches(ctx.tenant, f, user.id, bodyObject(ctx, false))) throw oktaErrorWith('E0000068', [], { causes: [INVALID_CODE] });
  const next = factors(ctx.tenant, user.id).patch(f.id, { status: 'ACTIVE', lastUpdated: nowIso(ctx) })!;
  emit(ctx, { eventType: 'user.mfa.factor.activate', displayMessage: 'Activate factor or authenticator', target: [userActor(user)] });
  return { status: 200, body: present(ctx, user, next) };
};

const verifyFactor = (ctx: OpContext<{ userId: string; factorId: string }>) => {
  const { user, f } = requireFactor(ctx);
  const body = bodyObject(ctx, false);
  // Without a passcode an sms/call/email factor sends a fresh code and waits for it.
  if (['sms', 'call', 'email'].includes(f.factorType) && body.passCode === undefined) {
    secrets(ctx.tenant).patch(f.id, { code: newCode(ctx.tenant) });
    return { status: 200, body: { factorResult: 'CHALLENGE', _links: { verify: { href: `${ctx.baseUrl}/api/v1/users/${user.id}/factors/${f.id}/verify`, hints: { allow: ['POST'] } } } } };
  }
  if (f.status !== 'ACTIVE' || !codeMatches(ctx.tenant, f, user.id, body)) {
    emit(ctx, { eventType: 'user.authentication.auth_via_mfa', displayMessage: 'Authentication of user via MFA', target: [userActor(user)], outcome: { result: 'FAILURE', reason: 'INVALID_CREDENTIALS' } });
    throw oktaErrorWith('E0000068', [], { causes: [INVALID_CODE] });
  }
  emit(ctx, { eventType: 'user.authentication.auth_via_mfa', displayMessage: 'Authentication of user via MFA', target: [userActor(user)] });
  return { status: 200, body: { factorResult: 'SUCCESS' } };
};

const resendEnrollFactor = (ctx: OpContext<{ userId: string; factorId: string }>) => {
  const { user, f } = requireFactor(ctx);
  if (!['sms', 'call', 'email'].includes(f.factorType) || f.status !== 'PENDING_ACTIVATION') throw oktaErrorWith('E0000001', ['factor'], { causes: ['Resend is only available for a pending sms, call or email factor.'] });
  secrets(ctx.tenant).patch(f.id, { code: newCode(ctx.tenant) });
  return { status: 200, body: present(ctx, user, f) };
};

const deleteFactor = (ctx: OpContext<{ userId: string; factorId: string }>) => {
  const { user, f } = requireFactor(ctx);
  factors(ctx.tenant, user.id).delete(f.id);
  secrets(ctx.tenant).delete(f.id);
  emit(ctx, { eventType: 'user.mfa.factor.deactivate', displayMessage: 'Reset factor for user', target: [userActor(user)] });
  return noContent();
};

/** The code an sms/call/email factor last "sent" (read through the control plane, as the person's device). */
export function lastSentCode(tenant: Tenant, factorId: string): string | undefined {
  return secrets(tenant).get(factorId)?.code;
}

/** An uploaded YubiKey as Okta lists it, with its user once one enrolled it. */
function presentYubikey(ctx: OpContext, y: YubikeyDoc, expandUser: boolean) {
  const user = y.userId ? users(ctx.tenant).get(y.userId) : undefined;
  return {
    id: y.id, created: y.created, lastUpdated: y.lastUpdated, lastVerified: y.lastVerified, status: y.status, profile: { ...y.profile },
    ...(expandUser && user ? { _embedded: { user: { id: user.id, profile: { login: user.profile.login, email: user.profile.email } } } } : {}),
    _links: { self: { href: `${ctx.baseUrl}/api/v1/org/factors/yubikey_token/tokens/${y.id}`, hints: { allow: ['GET'] } }, ...(user ? { user: { href: `${ctx.baseUrl}/api/v1/users/${user.id}` } } : {}) },
  };
}

export const factorHandlers = {
  uploadYubikeyOtpTokenSeed: (ctx) => ({ status: 200, body: presentYubikey(ctx, uploadSeed(ctx.tenant, bodyObject(ctx)), false) }),
  getYubikeyOtpTokenById: (ctx) => {
    const y = yubikeys(ctx.tenant).get(ctx.params.tokenId);
    if (!y) throw notFound(ctx.params.tokenId, 'YubikeyToken');
    return { status: 200, body: presentYubikey(ctx, y, false) };
  },
  /** Filters on status and profile.serial (SCIM); `expand=user` embeds who enrolled each key. */
  listYubikeyOtpTokens: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    let list = yubikeys(ctx.tenant).values();
    if (typeof q.filter === 'string' && q.filter) {
      const e = parseOrReject(q.filter);
      list = list.filter((y) => evaluate(e, y));
    }
    const expand = q.expand === 'user';
    return page(ctx, list, { defaultLimit: 20, maxLimit: 200, present: (y: YubikeyDoc) => presentYubikey(ctx, y, expand) });
  },
  enrollFactor,
  activateFactor,
  verifyFactor,
  resendEnrollFactor,
  deleteFactor,
  listFactors: (ctx) => {
    const user = requireUser(ctx, ctx.params.userId);
    const list = factors(ctx.tenant, user.id).values().sort((a, b) => listRank(a) - listRank(b));
    return { status: 200, body: list.map((f) => present(ctx, user, f)) };
  },
  getFactor: (ctx) => {
    const { user, f } = requireFactor(ctx);
    return { status: 200, body: present(ctx, user, f) };
  },
  listSupportedFactors: (ctx) => {
    const user = requireUser(ctx, ctx.params.userId);
    const mine = factors(ctx.tenant, user.id).values();
    return {
      status: 200,
      body: CATALOG.map((c) => ({
        factorType: c.factorType,
        provider: c.provider,
        vendorName: c.provider,
        status: mine.find((f) => f.factorType === c.factorType && f.provider === c.provider)?.status ?? 'NOT_SETUP',
        enrollment: 'OPTIONAL',
        _links: { enroll: { href: `${ctx.baseUrl}/api/v1/users/${user.id}/factors`, hints: { allow: ['POST'] } } },
      })),
    };
  },
  listSupportedSecurityQuestions: (ctx) => {
    requireUser(ctx, ctx.params.userId);
    return { status: 200, body: Object.entries(QUESTIONS).map(([question, questionText]) => ({ question, questionText })) };
  },
  getFactorTransactionStatus: (ctx) => {
    const { f } = requireFactor(ctx);
    throw notFound(`${f.id}/${String((ctx.params as Record<string, string>).transactionId)}`, 'FactorTransaction');
  },
} satisfies Handlers;
