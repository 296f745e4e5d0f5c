/** Admin Directory v1 users: insert, get, list/search, update/patch, delete/undelete, makeAdmin, aliases. */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { callerOf } from '../../auth.js';
import { E, googleError } from '../../errors.js';
import { K, customer, etag, groups, ids, members, users, type DirUser } from '../../store.js';
import { addressTaken, checkCustomer, checkDomain, domainOf, hashPassword, reachFilter, requireAdmin, requireReach, userByKey, validEmail } from '../model/directory.js';
import { userMatcher } from '../model/user-query.js';
import { byKey as orgUnitByKey } from '../model/orgunits.js';
import { decodePageToken, encodePageToken, intParam, jsonObject, str } from '../../request.js';
import { presentUser, type UserView } from '../present/directory.js';
import { roleAssignments, setSuperAdmin } from '../model/roles.js';
import { mergeCustomSchemas } from '../model/schemas.js';
import { photos } from '../model/photos.js';
import { aliasChanged, userChanged } from '../model/notify.js';

const CORE = new Set(['primaryEmail', 'name', 'password', 'hashFunction', 'suspended', 'archived', 'changePasswordAtNextLogin', 'orgUnitPath', 'includeInGlobalAddressList', 'isAdmin', 'customSchemas']);
/** Fields Google computes; sending them is harmless and they are ignored. */
const COMPUTED = new Set(['kind', 'id', 'etag', 'isAdmin', 'isDelegatedAdmin', 'lastLoginTime', 'creationTime', 'agreedToTerms', 'customerId', 'isMailboxSetup', 'emails', 'aliases', 'nonEditableAliases', 'isEnrolledIn2Sv', 'isEnforcedIn2Sv', 'thumbnailPhotoUrl', 'thumbnailPhotoEtag', 'deletionTime', 'suspensionReason', 'isGuestUser', 'guestAccountInfo']);

/** A write answers with the user as written, custom schema values included. */
const WRITTEN: UserView = { projection: 'full' };

const invalid = (message: string) => googleError('admin', { code: 400, message, reason: 'invalid' });

const deleted = (t: Tenant) => t.collection<DirUser>(K.deletedUsers);

function loadUser(ctx: OpContext): DirUser {
  const u = userByKey(ctx.tenant, ctx.params.userKey);
  if (!u) throw E.resourceNotFound('userKey');
  if (viewOf(ctx) !== 'domain_public') requireReach(ctx, u);
  return u;
}


/** Applies the writable fields of a User body; patch semantics (absent fields are kept). */
function applyUser(t: Tenant, u: DirUser, body: Record<string, unknown>): void {
  if (body.primaryEmail !== undefined) {
    if (!validEmail(body.primaryEmail)) throw E.invalidInput('primary_user_email');
    const next = body.primaryEmail;
    if (next.toLowerCase() !== u.primaryEmail.toLowerCase()) {
      checkDomain(t, next);
      if (addressTaken(t, next, u.id)) throw E.entityExists();
      // A renamed account keeps its old address as an alias, so mail to it still arrives.
      if (u.primaryEmail) u.aliases = [...u.aliases.filter((a) => a.toLowerCase() !== next.toLowerCase()), u.primaryEmail];
    }
    u.primaryEmail = next;
  }
  if (body.name !== undefined) {
    const n = (body.name ?? {}) as Record<string, unknown>;
    if (n.givenName !== undefined) {
      if (typeof n.givenName !== 'string' || !n.givenName.trim()) throw invalid('Invalid Given/Family Name: GivenName');
      u.name.givenName = n.givenName;
    }
    if (n.familyName !== undefined) {
      if (typeof n.familyName !== 'string' || !n.familyName.trim()) throw invalid('Invalid Given/Family Name: FamilyName');
      u.name.familyName = n.familyName;
    }
  }
  if (body.password !== undefined) {
    if (typeof body.password !== 'string' || (body.hashFunction === undefined && body.password.length < 8) || body.password.length > 100) {
      throw invalid('Invalid Password');
    }
    u.passwordHash = hashPassword(body.password, str(body.hashFunction));
  }
  if (typeof body.suspended === 'boolean') u.suspended = body.suspended;
  if (typeof body.archived === 'boolean') u.archived = body.archived;
  if (typeof body.changePasswordAtNextLogin === 'boolean') u.changePasswordAtNextLogin = body.changePasswordAtNextLogin;
  if (typeof body.includeInGlobalAddressList === 'boolean') u.includeInGlobalAddressList = body.includeInGlobalAddressList;
  if (typeof body.orgUnitPath === 'string') {
    const ou = body.orgUnitPath.startsWith('/') ? orgUnitByKey(t, body.orgUnitPath) : undefined;
    if (!ou) throw E.invalidInput('INVALID_OU_ID');
    u.orgUnitPath = ou.orgUnitPath;
  }
  u.customSchemas = mergeCustomSchemas(t, u.customSchemas, body.customSchemas);
  // Everything else the User resource holds (phones, organizations, customSchemas, …) is kept as sent.
  const extra = { ...(u.extra ?? {}) };
  for (const [k, v] of Object.entries(body)) {
    if (CORE.has(k) || COMPUTED.has(k)) continue;
    if (v === null) delete extra[k];
    else extra[k] = v;
  }
  u.extra = Object.keys(extra).length ? extra : undefined;
}

function blankUser(t: Tenant, now: string): DirUser {
  return {
    id: ids.user(t),
    primaryEmail: '',
    name: { givenName: '', familyName: '' },
    passwordHash: '',
    isAdmin: false,
    isDelegatedAdmin: false,
    suspended: false,
    archived: false,
    changePasswordAtNextLogin: false,
    orgUnitPath: '/',
    creationTime: now,
    lastLoginTime: '1970-01-01T00:00:00.000Z',
    aliases: [],
    includeInGlobalAddressList: true,
    permissionId: ids.permission(t),
    rootFolderId: ids.rootFolder(t),
  };
}

/**
 * A guest account for someone outside the customer's domains, known by their
 * own address (`guestAccountInfo.primaryGuestEmail`, `isGuestUser`).
 */
function createGuest(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const body = jsonObject(ctx, 'admin');
  if (body.customer !== undefined) checkCustomer(t, body.customer);
  const guest = body.primaryGuestEmail;
  if (!validEmail(guest)) throw E.invalidInput('primaryGuestEmail');
  if (customer(t)!.domains.includes(domainOf(guest))) throw E.invalidInput('primaryGuestEmail must be outside the customer\'s domains');
  if (addressTaken(t, guest)) throw E.entityExists();
  const u = blankUser(t, ctx.now().toISOString());
  u.primaryEmail = guest;
  u.name = { givenName: guest.split('@')[0], familyName: '' };
  u.includeInGlobalAddressList = false;
  u.extra = { isGuestUser: true, guestAccountInfo: { primaryGuestEmail: guest } };
  users(t).put(u);
  userChanged(t, u, 'add');
  return { body: presentUser(t, u, 'admin_view', WRITTEN) };
}

function insert(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const body = jsonObject(ctx, 'admin');
  if (!validEmail(body.primaryEmail)) throw E.invalidInput('primary_user_email');
  const name = (body.name ?? {}) as Record<string, unknown>;
  if (typeof name.givenName !== 'string' || !name.givenName.trim()) throw invalid('Invalid Given/Family Name: GivenName');
  if (typeof name.familyName !== 'string' || !name.familyName.trim()) throw invalid('Invalid Given/Family Name: FamilyName');
  if (typeof body.password !== 'string') throw invalid('Invalid Password');
  checkDomain(t, body.primaryEmail);
  if (addressTaken(t, body.primaryEmail)) throw E.entityExists();
  const u = blankUser(t, ctx.now().toISOString());
  applyUser(t, u, body);
  requireReach(ctx, u);
  users(t).put(u);
  userChanged(t, u, 'add');
  return { body: presentUser(t, u, 'admin_view', WRITTEN) };
}

function viewOf(ctx: OpContext): 'admin_view' | 'domain_public' {
  return ctx.query.viewType === 'domain_public' ? 'domain_public' : 'admin_view';
}

/** Admins see everything; any user of the domain may read the public directory (viewType=domain_public). */
function requireReader(ctx: OpContext): void {
  if (viewOf(ctx) === 'domain_public' && callerOf(ctx).user) return;
  requireAdmin(ctx);
}

/** `projection=custom` names the schemas in `customFieldMask`; asking for it without one is invalid input. */
function shapeOf(ctx: OpContext): UserView {
  const projection = str(ctx.query.projection) ?? 'basic';
  const customFieldMask = str(ctx.query.customFieldMask);
  if (projection === 'custom' && !customFieldMask) throw E.invalidInput('customFieldMask');
  return { projection, customFieldMask };
}

function get(ctx: OpContext): Reply {
  requireReader(ctx);
  return { body: presentUser(ctx.tenant, loadUser(ctx), viewOf(ctx), shapeOf(ctx)) };
}

const SORT: Record<string, (u: DirUser) => string> = {
  email: (u) => u.primaryEmail.toLowerCase(),
  givenName: (u) => u.name.givenName.toLowerCase(),
  familyName: (u) => u.name.familyName.toLowerCase(),
};

function list(ctx: OpContext): Reply {
  requireReader(ctx);
  const t = ctx.tenant;
  const q = ctx.query;
  if (q.customer === undefined && q.domain === undefined) throw E.badRequest('admin');
  if (q.customer !== undefined) checkCustomer(t, q.customer);
  const domain = str(q.domain)?.toLowerCase();
  if (domain !== undefined && !customer(t)!.domains.includes(domain)) throw E.notAuthorized();
  const showDeleted = q.showDeleted === true || q.showDeleted === 'true';
  const match = userMatcher(t, str(q.query) ?? '');
  const reach = reachFilter(ctx);
  const key = SORT[str(q.orderBy) ?? ''] ?? ((u: DirUser) => u.primaryEmail.toLowerCase());
  const desc = q.sortOrder === 'DESCENDING';
  const all = (showDeleted ? deleted(t) : users(t))
    .filter((u) => (!domain || domainOf(u.primaryEmail) === domain) && match(u) && (viewOf(ctx) === 'domain_public' || reach(u)))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (desc ? -1 : 1));
  const max = intParam(ctx, 'admin', 'maxResults', 100, 1, 500);
  const tokenKey = [q.customer, q.domain, q.query, q.orderBy, q.sortOrder, showDeleted, q.projection, q.customFieldMask];
  const offset = decodePageToken(q.pageToken, tokenKey, 'admin');
  const shape = shapeOf(ctx);
  const page = all.slice(offset, offset + max).map((u) => presentUser(t, u, viewOf(ctx), shape));
  const body: Record<string, unknown> = { kind: 'admin#directory#users', ...(page.length ? { users: page } : {}) };
  if (offset + max < all.length) body.nextPageToken = encodePageToken(offset + max, tokenKey);
  return { body: { ...body, etag: etag(body) } };
}

function update(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const u = structuredClone(loadUser(ctx));
  applyUser(t, u, jsonObject(ctx, 'admin'));
  // Moving an account out of the units one administers is moving it out of reach.
  requireReach(ctx, u);
  users(t).put(u);
  userChanged(t, u, 'update');
  return { body: presentUser(t, u, 'admin_view', WRITTEN) };
}

function remove(ctx: OpContext): Reply {
  const admin = requireAdmin(ctx);
  const t = ctx.tenant;
  const u = loadUser(ctx);
  if (u.id === admin.id) throw googleError('admin', { code: 412, message: 'Cannot delete own account', reason: 'conditionNotMet' });
  users(t).delete(u.id);
  deleted(t).put({ ...u, deletionTime: ctx.now().toISOString() });
  // Memberships, admin roles and the photo go with the account.
  for (const g of groups(t).values()) members(t, g.id).delete(u.id);
  for (const a of roleAssignments(t).filter((x) => x.assignedTo === u.id)) roleAssignments(t).delete(a.id);
  photos(t).delete(u.id);
  userChanged(t, u, 'delete');
  return { status: 204 };
}

function undelete(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const u = deleted(t).get(ctx.params.userKey);
  if (!u) throw E.resourceNotFound('userKey');
  if (addressTaken(t, u.primaryEmail)) throw E.entityExists();
  const body = jsonObject(ctx, 'admin');
  deleted(t).delete(u.id);
  delete u.deletionTime;
  if (typeof body.orgUnitPath === 'string') u.orgUnitPath = body.orgUnitPath;
  users(t).put(u);
  userChanged(t, u, 'undelete');
  return { status: 204 };
}

function makeAdmin(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const u = loadUser(ctx);
  const body = jsonObject(ctx, 'admin');
  if (typeof body.status !== 'boolean') throw E.invalidInput('status');
  setSuperAdmin(ctx.tenant, u, body.status);
  userChanged(ctx.tenant, u, 'makeAdmin');
  return { status: 204 };
}

function presentAlias(u: DirUser, alias: string): Record<string, unknown> {
  const out = { kind: 'admin#directory#alias', id: u.id, primaryEmail: u.primaryEmail, alias };
  return { ...out, etag: etag(out) };
}

function insertAlias(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const u = loadUser(ctx);
  const alias = jsonObject(ctx, 'admin').alias;
  if (!validEmail(alias)) throw E.invalidInput('alias');
  checkDomain(t, alias, true);
  if (addressTaken(t, alias)) throw E.entityExists();
  u.aliases.push(alias);
  users(t).put(u);
  aliasChanged(t, u, alias, 'add');
  return { body: presentAlias(u, alias) };
}

function listAliases(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const u = loadUser(ctx);
  const body = { kind: 'admin#directory#aliases', ...(u.aliases.length ? { aliases: u.aliases.map((a) => presentAlias(u, a)) } : {}) };
  return { body: { ...body, etag: etag(body) } };
}

function deleteAlias(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const u = loadUser(ctx);
  const a = ctx.params.alias.toLowerCase();
  if (!u.aliases.some((x) => x.toLowerCase() === a)) throw E.resourceNotFound('alias');
  const removed = u.aliases.find((x) => x.toLowerCase() === a)!;
  u.aliases = u.aliases.filter((x) => x.toLowerCase() !== a);
  users(ctx.tenant).put(u);
  aliasChanged(ctx.tenant, u, removed, 'delete');
  return { status: 204 };
}

export const adminUserHandlers = {
  'directory.users.insert': insert,
  'directory.users.createGuest': createGuest,
  'directory.users.get': get,
  'directory.users.list': list,
  'directory.users.update': update,
  'directory.users.patch': update,
  'directory.users.delete': remove,
  'directory.users.undelete': undelete,
  'directory.users.makeAdmin': makeAdmin,
  'directory.users.aliases.insert': insertAlias,
  'directory.users.aliases.list': listAliases,
  'directory.users.aliases.delete': deleteAlias,
} satisfies Handlers;
