// Users: create (with Okta's status rules), read by id/login/shortname, list/filter/search, update, deactivate-then-delete.
import type { OpContext, Reply } from '../../../src/core/handler.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaError, oktaErrorWith } from '../errors.js';
import { emit } from '../model/events.js';
import { page, pageOf } from '../present/paging.js';
import { passwordRejected, policyViolation } from '../model/passwords.js';
import { presentGroup } from '../present/groups.js';
import { presentUser, presentUserText } from '../present/users.js';
import { attributes, evaluate, narrow, parseOrReject, quickMatch, type Expr } from '../model/query.js';
import { select, source } from '../../../src/core/lookup.js';
import { ReplyCache } from '../../../src/core/reply-cache.js';
import { applyRulesToUser } from '../model/group-rules.js';
import {
  KEYS, addMember, apps, dropMemberships, everyoneGroup, groupTarget, groups, inPasswordHistory, oktaId, setPassword, setRecoveryAnswer,
  userActor, userGroupIds, userIndexes, userWithLogin, users, type UserDoc, type UserStatus,
} from '../store.js';
import { bodyObject, flag, noContent, nowIso, requireUser } from './common.js';
import { checkProfileAttributes } from './schemas.js';
import { defaultUserType } from './user-types.js';
import type { Handlers } from '../generated/operations.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Okta's default user schema requires these four; order is the order Okta reports them in. */
const REQUIRED = ['login', 'email', 'firstName', 'lastName'] as const;
const EMAILS = ['email', 'secondEmail'] as const;

/** Validates a full profile the way Okta's default user schema does; throws one E0000001 listing every cause. */
export function checkProfile(tenant: Tenant, profile: Record<string, unknown>, selfId?: string): void {
  checkProfileAttributes(tenant, profile);
  const causes: Array<[string, string]> = [];
  for (const f of REQUIRED) {
    const v = profile[f];
    if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) causes.push([f, 'The field cannot be left blank']);
  }
  const login = profile.login;
  if (typeof login === 'string' && login.trim()) {
    if (!EMAIL.test(login)) causes.push(['login', 'Username must be in the form of an email address']);
    else {
      const taken = userWithLogin(tenant, login, selfId);
      if (taken) causes.push(['login', 'An object with this field already exists in the current organization']);
    }
  }
  for (const f of EMAILS) {
    const v = profile[f];
    if (typeof v === 'string' && v && !EMAIL.test(v)) causes.push([f, 'Does not match required pattern']);
  }
  if (causes.length) throw oktaErrorWith('E0000001', [causes[0][0]], { causes: causes.map(([f, m]) => `${f}: ${m}`) });
}

/** Okta always returns the standard nullable attributes, even when never set. */
function normalizeProfile(p: Record<string, unknown>): UserDoc['profile'] {
  return { firstName: null, lastName: null, mobilePhone: null, secondEmail: null, ...p } as unknown as UserDoc['profile'];
}

/** Applies `credentials.password` / `recovery_question` from a request body; returns whether a password was set. */
export function applyCredentials(ctx: OpContext, user: UserDoc, creds: Record<string, any> | undefined, checkHistory: boolean): boolean {
  if (!creds || typeof creds !== 'object') return false;
  let setPw = false;
  const pw = creds.password;
  if (pw && typeof pw === 'object') {
    if (typeof pw.value === 'string') {
      if (policyViolation(pw.value, user.profile)) throw passwordRejected('password');
      if (checkHistory && inPasswordHistory(ctx.tenant, user.id, pw.value)) throw passwordRejected('password', true);
      setPassword(ctx.tenant, user.id, pw.value);
      setPw = true;
    } else if (pw.hash && typeof pw.hash === 'object') {
      // An imported hash cannot be re-checked; the twin keeps a random secret so the password exists but is unknown.
      setPassword(ctx.tenant, user.id, ctx.tenant.random.chars(32));
      setPw = true;
    }
    if (setPw) {
      user.credentials.password = {};
      user.passwordChanged = nowIso(ctx);
    }
  }
  const rq = creds.recovery_question;
  if (rq && typeof rq === 'object' && typeof rq.question === 'string') {
    if (typeof rq.answer !== 'string' || rq.answer.trim().length < 4) {
      throw oktaErrorWith('E0000001', ['recovery_question'], { causes: ['recovery_question.answer: The security question answer must be at least 4 characters in length'] });
    }
    setRecoveryAnswer(ctx.tenant, user.id, rq.answer);
    user.credentials.recovery_question = { question: rq.question };
  }
  return setPw;
}

/** Status of a new user, per Okta's create-user rules. */
function initialStatus(activate: boolean, provider: boolean, hasPassword: boolean, expire: boolean): UserStatus {
  if (!activate) return 'STAGED';
  if (provider) return 'ACTIVE';
  if (hasPassword) return expire ? 'PASSWORD_EXPIRED' : 'ACTIVE';
  return 'PROVISIONED';
}

const createUser = (ctx: OpContext) => {
  const body = bodyObject(ctx);
  const q = ctx.query as Record<string, unknown>;
  const activate = flag(q, 'activate', true);
  const provider = flag(q, 'provider', false);
  const expire = q.nextLogin === 'changePassword';
  const profile = body.profile && typeof body.profile === 'object' ? (body.profile as Record<string, unknown>) : {};
  checkProfile(ctx.tenant, profile);
  const hasPwValue = !!(body.credentials?.password?.value || body.credentials?.password?.hash);
  if (expire && !hasPwValue) throw oktaError('E0000124');
  if (expire && !activate) throw oktaError('E0000125');

  const typeId = typeof body.type?.id === 'string' ? body.type.id : defaultUserType(ctx.tenant).id;
  if (!ctx.tenant.collection(KEYS.userTypes).has(typeId)) throw oktaErrorWith('E0000001', ['type'], { causes: [`type: Invalid user type: ${typeId}`] });
  const groupIds: string[] = Array.isArray(body.groupIds) ? body.groupIds.map(String) : [];
  for (const gid of groupIds) if (!groups(ctx.tenant).has(gid)) throw notFound(gid, 'UserGroup');

  const now = nowIso(ctx);
  const providerCreds = body.credentials?.provider;
  const user: UserDoc = {
    id: oktaId(ctx.tenant, '00u'),
    status: 'STAGED',
    created: now,
    activated: null,
    statusChanged: null,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: null,
    type: { id: typeId },
    profile: normalizeProfile(profile),
    credentials: {
      provider: provider && providerCreds?.type ? { type: String(providerCreds.type), name: String(providerCreds.name ?? providerCreds.type) } : { type: 'OKTA', name: 'OKTA' },
    },
  };
  const setPw = applyCredentials(ctx, user, body.credentials, false);
  user.status = initialStatus(activate, provider, setPw, expire);
  user.statusChanged = now;
  if (user.status === 'ACTIVE' || user.status === 'PASSWORD_EXPIRED') user.activated = now;
  users(ctx.tenant).put(user);

  // The new user's events name it alike, so they share one target list (events are never changed once recorded).
  const named = userActor(user);
  const target = [named];
  emit(ctx, { eventType: 'user.lifecycle.create', displayMessage: 'Create okta user', target });
  if (user.status !== 'STAGED') emit(ctx, { eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user', target });
  const everyone = everyoneGroup(ctx.tenant);
  const joined: string[] = [];
  if (everyone && addMember(ctx.tenant, everyone.id, user.id)) joined.push(everyone.id);
  for (const gid of groupIds) {
    if (addMember(ctx.tenant, gid, user.id)) {
      joined.push(gid);
      emit(ctx, { eventType: 'group.user_membership.add', displayMessage: 'Add user to group membership', target: [named, groupTarget(groups(ctx.tenant).get(gid)!)] });
    }
  }
  applyRulesToUser(ctx.tenant, user, joined);
  return { status: 200, bodyText: presentUserText(ctx, user) };
};

/**
 * GET user and list/search pages, kept until the org's next change (src/core/reply-cache.ts): presenting a
 * user (its `_links` per status) and serializing it was most of a GET's own cost. Neither reads the clock;
 * the key names the caller (`me`), the base URL and the request's whole URL (its path and arguments).
 */
const presentedUsers = new ReplyCache('okta users');
const keyOf = (ctx: OpContext) => `${ctx.op.id} ${ctx.principal.userId ?? ctx.principal.subject ?? ''} ${ctx.baseUrl} ${ctx.req.url}`;

const getUser = (ctx: OpContext<{ userId: string }>) => presentedUsers.reply(ctx.tenant, keyOf(ctx), () => presentUser(ctx, requireUser(ctx, ctx.params.userId)));

/** Sort for `search` results: `sortBy` any attribute, `sortOrder` asc (default) or desc. */
function sortUsers(list: UserDoc[], sortBy: unknown, sortOrder: unknown): UserDoc[] {
  if (typeof sortBy !== 'string' || !sortBy) return list;
  const get = (u: UserDoc) => String(sortBy.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), u) ?? '');
  const dir = String(sortOrder ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
  return [...list].sort((a, b) => get(a).localeCompare(get(b)) * dir || (a.id < b.id ? -1 : 1));
}

/**
 * Users in creation order (or `sortBy` for a search), a page at a time: an expression that indexes
 * narrow to a few users reads those; otherwise the page is read lazily from the org, stopping one
 * user past it.
 */
const listUsers = (ctx: OpContext) => presentedUsers.page(ctx.tenant, keyOf(ctx), () => listUsersAfresh(ctx));

function listUsersAfresh(ctx: OpContext): Reply {
  const q = ctx.query as Record<string, unknown>;
  const t = ctx.tenant;
  const opts = { defaultLimit: 200, maxLimit: 200, present: (u: UserDoc) => presentUser(ctx, u, false) };
  let expr: Expr | undefined;
  if (typeof q.search === 'string' && q.search.trim()) expr = parseOrReject(q.search);
  else if (typeof q.filter === 'string' && q.filter.trim()) {
    expr = parseOrReject(q.filter);
    const allowed = /^(status|lastUpdated|id|created|activated|statusChanged|type\.id|profile\.[\w]+)$/;
    if (!attributes(expr).every((a) => allowed.test(a))) throw oktaError('E0000031');
  }
  if (!expr) {
    // A plain listing leaves out DEPROVISIONED users (Okta "List all users").
    const needle = typeof q.q === 'string' && q.q ? q.q : undefined;
    return pageOf(ctx, users(t), (u) => u.status !== 'DEPROVISIONED' && (!needle || quickMatch(needle, u.profile.firstName, u.profile.lastName, u.profile.email, u.profile.login)), opts);
  }
  const e = expr;
  const lookups = userIndexes(t);
  const candidates = narrow(e, lookups);
  const pred = (u: UserDoc) => evaluate(e, u);
  const sorted = typeof q.search === 'string' && q.search.trim() && typeof q.sortBy === 'string' && q.sortBy;
  if (sorted) return page(ctx, sortUsers(select(users(t), lookups.status, candidates, pred), q.sortBy, q.sortOrder), opts);
  // In creation order, the page reads the matches it shows (and one more), from the indexes' candidates when they narrow.
  return pageOf(ctx, source(users(t), lookups.status, candidates, pred), pred, opts);
}

/** Shared by PUT (replace) and POST (partial) updates. */
function updateProfile(ctx: OpContext<{ userId: string }>, partial: boolean) {
  const user = requireUser(ctx, ctx.params.userId);
  const body = bodyObject(ctx);
  const next = structuredClone(user);
  const incoming = body.profile && typeof body.profile === 'object' ? (body.profile as Record<string, unknown>) : undefined;
  if (incoming) next.profile = normalizeProfile(partial ? { ...user.profile, ...incoming } : incoming);
  else if (!partial && !body.credentials) throw oktaErrorWith('E0000001', ['profile'], { causes: ['profile: The field cannot be left blank'] });
  if (incoming) checkProfile(ctx.tenant, next.profile, user.id);
  // Password history (and minimum age) are checked only with `strict=true` (replaceUser/updateUser `strict`:
  // "validates against minimum age and history password policy", okta-sdk-nodejs UserApi); without it an
  // admin may set any password that meets the complexity rules, the current one included.
  const pwSet = applyCredentials(ctx, next, body.credentials, flag(ctx.query as Record<string, unknown>, 'strict', false));
  next.lastUpdated = nowIso(ctx);
  // An admin setting the password completes a pending activation.
  if (pwSet && next.status === 'PROVISIONED') Object.assign(next, { status: 'ACTIVE', statusChanged: next.lastUpdated, activated: next.activated ?? next.lastUpdated });
  users(ctx.tenant).put(next);
  if (incoming) emit(ctx, { eventType: 'user.account.update_profile', displayMessage: 'Update user profile for Okta', target: [userActor(next)] });
  if (pwSet) emit(ctx, { eventType: 'user.account.update_password', displayMessage: 'Update password for user', target: [userActor(next)] });
  applyRulesToUser(ctx.tenant, next);
  return { status: 200, bodyText: presentUserText(ctx, next) };
}

const deactivateOrDeleteUser = (ctx: OpContext<{ userId: string }>) => {
  const user = requireUser(ctx, ctx.params.userId);
  const now = nowIso(ctx);
  if (user.status !== 'DEPROVISIONED') {
    // The first DELETE deactivates; only a DEPROVISIONED user is actually deleted.
    users(ctx.tenant).patch(user.id, { status: 'DEPROVISIONED', statusChanged: now, lastUpdated: now });
    emit(ctx, { eventType: 'user.lifecycle.deactivate', displayMessage: 'Deactivate Okta user', target: [userActor(user)] });
    return noContent();
  }
  purgeUser(ctx.tenant, user.id);
  emit(ctx, { eventType: 'user.lifecycle.delete.initiated', displayMessage: 'Delete Okta user', target: [userActor(user)] });
  return noContent();
};

/** Removes a user and everything that hangs off it. */
export function purgeUser(tenant: Tenant, userId: string): void {
  users(tenant).delete(userId);
  dropMemberships(tenant, { userId });
  tenant.collection(KEYS.passwords).delete(userId);
  for (const a of apps(tenant).values()) tenant.collection(`${KEYS.apps}/${a.id}/users`).delete(userId);
  for (const key of tenant.collectionKeys(`${KEYS.users}/${userId}/`)) tenant.collection(key).clear();
}

const listUserGroups = (ctx: OpContext<{ userId: string }>) => {
  const user = requireUser(ctx, ctx.params.userId);
  const list = userGroupIds(ctx.tenant, user.id).map((id) => groups(ctx.tenant).get(id)).filter((g) => !!g);
  return page(ctx, list, { defaultLimit: 10000, maxLimit: 10000, present: (g) => presentGroup(ctx, g) });
};

/** The apps a user can launch: direct or group assignments to ACTIVE apps. */
const listAppLinks = (ctx: OpContext<{ userId: string }>) => {
  const user = requireUser(ctx, ctx.params.userId);
  const mine = new Set(userGroupIds(ctx.tenant, user.id));
  const links = apps(ctx.tenant)
    .filter((a) => a.status === 'ACTIVE')
    .filter((a) => ctx.tenant.collection(`${KEYS.apps}/${a.id}/users`).has(user.id) || ctx.tenant.collection(`${KEYS.apps}/${a.id}/groups`).values().some((g) => mine.has(g.id)))
    .map((a, i) => ({
      id: `${a.id}${user.id.slice(-6)}`,
      label: a.label,
      linkUrl: `${ctx.baseUrl}/home/${a.name}/${a.id}/login`,
      logoUrl: `${ctx.baseUrl}/assets/img/logos/default.png`,
      appName: a.name,
      appInstanceId: a.id,
      appAssignmentId: `0ua${a.id.slice(3)}`,
      credentialsSetup: false,
      hidden: false,
      sortOrder: i,
    }));
  return { status: 200, body: links };
};

export const userHandlers = {
  createUser,
  getUser,
  listUsers,
  updateUser: (ctx) => updateProfile(ctx, false),
  partialUpdateUser: (ctx) => updateProfile(ctx, true),
  deactivateOrDeleteUser,
  listUserGroups,
  listAppLinks,
} satisfies Handlers;
