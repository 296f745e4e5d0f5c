// Privileged Access service accounts: SaaS app accounts whose passwords Okta vaults, and Okta users managed as service accounts.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { apps, groups, users } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

interface AccountDoc extends Doc {
  accountType: 'APP_ACCOUNT' | 'OKTA_USER_ACCOUNT';
  name: string;
  description: string;
  ownerUserIds: string[];
  ownerGroupIds: string[];
  created: string;
  lastUpdated: string;
  /** APP_ACCOUNT: the app it signs in to, its username and whether a password is vaulted (the password itself is never kept or answered). */
  containerOrn?: string;
  appId?: string;
  username?: string;
  vaulted?: boolean;
  /** OKTA_USER_ACCOUNT: the Okta user it manages. */
  oktaUserId?: string;
}

const accounts = (ctx: OpContext) => ctx.tenant.collection<AccountDoc>('okta:serviceAccounts');

/** `orn:okta:idp:<org>:apps:<appName>:<appId>`, the app's ORN as Okta Privileged Access names a container. */
const APP_ORN = /^orn:[a-z]+:idp:[^:]+:apps:([^:]+):([^:]+)$/;

/** An account with a vaulted password has no issues; one without is an alert until a password is set (statusDetail MISSING_PASSWORD). */
const health = (a: AccountDoc) =>
  a.accountType === 'OKTA_USER_ACCOUNT' || a.vaulted ? { status: 'NO_ISSUES', statusDetail: 'VAULTED' } : { status: 'ALERT', statusDetail: 'MISSING_PASSWORD' };

function presentApp(ctx: OpContext, a: AccountDoc) {
  const app = a.appId ? apps(ctx.tenant).get(a.appId) : undefined;
  return {
    id: a.id, name: a.name, description: a.description, username: a.username, containerOrn: a.containerOrn,
    containerGlobalName: app?.name ?? null, containerInstanceName: app?.label ?? null,
    ownerUserIds: [...a.ownerUserIds], ownerGroupIds: [...a.ownerGroupIds], ...health(a), created: a.created, lastUpdated: a.lastUpdated,
  };
}

function presentOkta(ctx: OpContext, a: AccountDoc) {
  const u = a.oktaUserId ? users(ctx.tenant).get(a.oktaUserId) : undefined;
  return {
    id: a.id, name: a.name, description: a.description, oktaUserId: a.oktaUserId, username: u?.profile.login ?? null, email: (u?.profile.email as string | undefined) ?? null,
    ownerUserIds: [...a.ownerUserIds], ownerGroupIds: [...a.ownerGroupIds], ...health(a), created: a.created, lastUpdated: a.lastUpdated,
  };
}

function requireAccount(ctx: OpContext, type: AccountDoc['accountType']): AccountDoc {
  const id = String(ctx.params.id);
  const a = accounts(ctx).get(id);
  if (!a || a.accountType !== type) throw notFound(id, 'ServiceAccount');
  return a;
}

/** Owners must be real users and groups; an account needs at least one owner (Okta Privileged Access). */
function owners(ctx: OpContext, b: Record<string, any>, prev?: AccountDoc): Pick<AccountDoc, 'ownerUserIds' | 'ownerGroupIds'> {
  const ownerUserIds: string[] = Array.isArray(b.ownerUserIds) ? b.ownerUserIds.map(String) : (prev?.ownerUserIds ?? []);
  const ownerGroupIds: string[] = Array.isArray(b.ownerGroupIds) ? b.ownerGroupIds.map(String) : (prev?.ownerGroupIds ?? []);
  for (const id of ownerUserIds) if (!users(ctx.tenant).has(id)) throw notFound(id, 'User');
  for (const id of ownerGroupIds) if (!groups(ctx.tenant).has(id)) throw notFound(id, 'UserGroup');
  if (!ownerUserIds.length && !ownerGroupIds.length) throw validationError('ownerUserIds', 'A service account needs at least one owner user or group');
  return { ownerUserIds, ownerGroupIds };
}

function text(b: Record<string, any>, f: string, max: number, required: boolean, prev?: string): string {
  const v = b[f] ?? prev;
  if (v === undefined || v === null || v === '') {
    if (required) throw validationError(f, 'The field cannot be left blank');
    return '';
  }
  if (typeof v !== 'string' || v.length > max) throw validationError(f, `${f} must be a string of at most ${max} characters`);
  return v;
}

function uniqueName(ctx: OpContext, name: string, self?: string) {
  if (accounts(ctx).find((a) => a.name.toLowerCase() === name.toLowerCase() && a.id !== self)) throw oktaErrorWith('E0000001', ['name'], { causes: [`A service account named ${name} already exists.`] });
}

/** `match` narrows a list to accounts whose name or username contains it. */
function matching(ctx: OpContext, list: AccountDoc[], username: (a: AccountDoc) => string) {
  const m = String((ctx.query as Record<string, unknown>).match ?? '').toLowerCase();
  return m ? list.filter((a) => a.name.toLowerCase().includes(m) || username(a).toLowerCase().includes(m)) : list;
}

function page<T>(ctx: OpContext, list: T[], id: (x: T) => string) {
  const q = ctx.query as Record<string, unknown>;
  const limit = Math.min(Math.max(Number(q.limit ?? 20) || 20, 1), 200);
  const start = q.after ? list.findIndex((x) => id(x) === q.after) + 1 : 0;
  return list.slice(start, start + limit);
}

const oktaUsername = (ctx: OpContext) => (a: AccountDoc) => String(a.oktaUserId ? (users(ctx.tenant).get(a.oktaUserId)?.profile.login ?? '') : '');

export const serviceAccountHandlers = {
  listAppServiceAccounts: (ctx) => {
    const list = matching(ctx, accounts(ctx).filter((a) => a.accountType === 'APP_ACCOUNT'), (a) => a.username ?? '');
    return { status: 200, body: page(ctx, list, (a) => a.id).map((a) => presentApp(ctx, a)) };
  },
  createAppServiceAccount: (ctx) => {
    const b = bodyObject(ctx);
    const name = text(b, 'name', 50, true);
    const username = text(b, 'username', 100, true);
    const orn = text(b, 'containerOrn', 1000, true);
    const m = APP_ORN.exec(orn);
    const app = m ? apps(ctx.tenant).get(m[2]) : undefined;
    if (!app || app.name !== m![1]) throw oktaErrorWith('E0000001', ['containerOrn'], { causes: [`containerOrn: ${orn} does not name an app in this org.`] });
    if (accounts(ctx).find((a) => a.appId === app.id && a.username === username)) throw oktaErrorWith('E0000001', ['username'], { causes: [`The app already has a service account for ${username}.`] });
    uniqueName(ctx, name);
    const now = nowIso(ctx);
    const a = accounts(ctx).put({
      id: ctx.tenant.random.uuid(), accountType: 'APP_ACCOUNT', name, description: text(b, 'description', 255, false), username, containerOrn: orn, appId: app.id,
      vaulted: typeof b.password === 'string' && b.password.length > 0, ...owners(ctx, b), created: now, lastUpdated: now,
    });
    return { status: 200, body: presentApp(ctx, a) };
  },
  getAppServiceAccount: (ctx) => ({ status: 200, body: presentApp(ctx, requireAccount(ctx, 'APP_ACCOUNT')) }),
  updateAppServiceAccount: (ctx) => {
    const a = requireAccount(ctx, 'APP_ACCOUNT');
    const b = bodyObject(ctx);
    const name = text(b, 'name', 50, true, a.name);
    uniqueName(ctx, name, a.id);
    const next = accounts(ctx).put({ ...a, name, description: text(b, 'description', 255, false, a.description), ...owners(ctx, b, a), lastUpdated: nowIso(ctx) });
    return { status: 200, body: presentApp(ctx, next) };
  },
  deleteAppServiceAccount: (ctx) => {
    accounts(ctx).delete(requireAccount(ctx, 'APP_ACCOUNT').id);
    return noContent();
  },

  listOktaManagedUserAccounts: (ctx) => {
    const list = matching(ctx, accounts(ctx).filter((a) => a.accountType === 'OKTA_USER_ACCOUNT'), oktaUsername(ctx));
    return { status: 200, body: page(ctx, list, (a) => a.id).map((a) => presentOkta(ctx, a)) };
  },
  createOktaManagedUserAccount: (ctx) => {
    const b = bodyObject(ctx);
    const name = text(b, 'name', 50, true);
    const userId = text(b, 'oktaUserId', 100, true);
    if (!users(ctx.tenant).has(userId)) throw notFound(userId, 'User');
    if (accounts(ctx).find((a) => a.oktaUserId === userId)) throw oktaErrorWith('E0000001', ['oktaUserId'], { causes: [`User ${userId} is already managed as a service account.`] });
    uniqueName(ctx, name);
    const now = nowIso(ctx);
    const a = accounts(ctx).put({ id: ctx.tenant.random.uuid(), accountType: 'OKTA_USER_ACCOUNT', name, description: text(b, 'description', 255, false), oktaUserId: userId, ...owners(ctx, b), created: now, lastUpdated: now });
    return { status: 201, body: presentOkta(ctx, a) };
  },
  getOktaManagedUserAccount: (ctx) => ({ status: 200, body: presentOkta(ctx, requireAccount(ctx, 'OKTA_USER_ACCOUNT')) }),
  updateOktaManagedUserAccount: (ctx) => {
    const a = requireAccount(ctx, 'OKTA_USER_ACCOUNT');
    const b = bodyObject(ctx);
    const name = text(b, 'name', 50, true, a.name);
    uniqueName(ctx, name, a.id);
    const next = accounts(ctx).put({ ...a, name, description: text(b, 'description', 255, false, a.description), ...owners(ctx, b, a), lastUpdated: nowIso(ctx) });
    return { status: 200, body: presentOkta(ctx, next) };
  },
  deleteOktaManagedUserAccount: (ctx) => {
    accounts(ctx).delete(requireAccount(ctx, 'OKTA_USER_ACCOUNT').id);
    return noContent();
  },
} satisfies Handlers;
