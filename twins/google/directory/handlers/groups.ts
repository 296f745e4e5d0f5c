/** Admin Directory v1 groups, group aliases and members (including nested hasMember). */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { E, googleError } from '../../errors.js';
import { customer, etag, findGroupByEmail, groups, groupsOf, ids, members, users, type DirGroup, type DirMember } from '../../store.js';
import { addressTaken, checkCustomer, checkDomain, domainOf, groupByKey, requireAdmin, userByKey, validEmail } from '../model/directory.js';
import { decodePageToken, encodePageToken, intParam, jsonObject, str } from '../../request.js';
import { presentGroup, presentMember } from '../present/directory.js';

const ROLES = ['OWNER', 'MANAGER', 'MEMBER'];
const DELIVERY = ['ALL_MAIL', 'DAILY', 'DIGEST', 'DISABLED', 'NONE'];

function loadGroup(ctx: OpContext): DirGroup {
  const g = groupByKey(ctx.tenant, ctx.params.groupKey);
  if (!g) throw E.resourceNotFound('groupKey');
  return g;
}


function insert(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const body = jsonObject(ctx, 'admin');
  if (!validEmail(body.email)) throw E.invalidInput('email');
  checkDomain(t, body.email);
  if (addressTaken(t, body.email)) throw E.entityExists();
  const g: DirGroup = {
    id: ids.group(t),
    email: body.email,
    name: typeof body.name === 'string' && body.name ? body.name : body.email.split('@')[0],
    description: typeof body.description === 'string' ? body.description : '',
    adminCreated: true,
    aliases: [],
  };
  groups(t).put(g);
  return { body: presentGroup(t, g) };
}

function get(ctx: OpContext): Reply {
  requireAdmin(ctx);
  return { body: presentGroup(ctx.tenant, loadGroup(ctx)) };
}

/** The group search language: `email:`/`name:` prefixes, `=` exact, clauses ANDed. */
function groupMatcher(query: string): (g: DirGroup) => boolean {
  const clauses: Array<(g: DirGroup) => boolean> = [];
  for (const m of query.matchAll(/([A-Za-z]+)\s*([:=])\s*(?:'([^']*)'|"([^"]*)"|(\S+))/g)) {
    const [, field, op, q1, q2, plain] = m;
    let v = (q1 ?? q2 ?? plain ?? '').toLowerCase();
    if (v.endsWith('*')) v = v.slice(0, -1);
    const test = (s: string) => (op === '=' ? s.toLowerCase() === v : s.toLowerCase().startsWith(v));
    if (field === 'email') clauses.push((g) => test(g.email));
    else if (field === 'name') clauses.push((g) => test(g.name));
    else throw E.invalidInput(query);
  }
  if (query.trim() && !clauses.length) throw E.invalidInput(query);
  return (g) => clauses.every((c) => c(g));
}

function list(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const q = ctx.query;
  if (q.customer === undefined && q.domain === undefined && q.userKey === undefined) throw E.badRequest('admin');
  if (q.customer !== undefined) checkCustomer(t, q.customer);
  const domain = str(q.domain)?.toLowerCase();
  if (domain !== undefined && !customer(t)!.domains.includes(domain)) throw E.notAuthorized();
  let member: string | undefined;
  if (q.userKey !== undefined) {
    const key = String(q.userKey);
    member = (userByKey(t, key)?.primaryEmail ?? groupByKey(t, key)?.email ?? (validEmail(key) ? key : undefined))?.toLowerCase();
    if (!member) throw E.resourceNotFound('userKey');
  }
  const match = groupMatcher(str(q.query) ?? '');
  const desc = q.sortOrder === 'DESCENDING';
  const all = groups(t)
    .filter((g) => (!domain || domainOf(g.email) === domain) && match(g) && (!member || !!members(t, g.id).find((m) => m.email.toLowerCase() === member)))
    .sort((a, b) => (a.email.toLowerCase() < b.email.toLowerCase() ? -1 : 1) * (desc ? -1 : 1));
  const max = intParam(ctx, 'admin', 'maxResults', 200, 1, 200);
  const tokenKey = [q.customer, q.domain, q.userKey, q.query, q.sortOrder];
  const offset = decodePageToken(q.pageToken, tokenKey, 'admin');
  const page = all.slice(offset, offset + max).map((g) => presentGroup(t, g));
  const body: Record<string, unknown> = { kind: 'admin#directory#groups', ...(page.length ? { groups: page } : {}) };
  if (offset + max < all.length) body.nextPageToken = encodePageToken(offset + max, tokenKey);
  return { body: { ...body, etag: etag(body) } };
}

function update(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const g = { ...loadGroup(ctx) };
  const body = jsonObject(ctx, 'admin');
  if (body.email !== undefined && body.email !== g.email) {
    if (!validEmail(body.email)) throw E.invalidInput('email');
    checkDomain(t, body.email);
    if (addressTaken(t, body.email, g.id)) throw E.entityExists();
    const old = g.email;
    for (const other of groups(t).values()) {
      const m = members(t, other.id).find((x) => x.email.toLowerCase() === old.toLowerCase());
      if (m) members(t, other.id).put({ ...m, email: body.email });
    }
    g.aliases = [...g.aliases, old];
    g.email = body.email;
  }
  if (typeof body.name === 'string') g.name = body.name;
  if (typeof body.description === 'string') g.description = body.description;
  groups(t).put(g);
  return { body: presentGroup(t, g) };
}

function remove(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const g = loadGroup(ctx);
  groups(t).delete(g.id);
  members(t, g.id).clear();
  for (const other of groups(t).values()) members(t, other.id).delete(g.id);
  return { status: 204 };
}

function insertAlias(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const g = loadGroup(ctx);
  const alias = jsonObject(ctx, 'admin').alias;
  if (!validEmail(alias)) throw E.invalidInput('alias');
  checkDomain(t, alias, true);
  if (addressTaken(t, alias)) throw E.entityExists();
  g.aliases.push(alias);
  groups(t).put(g);
  const out = { kind: 'admin#directory#alias', id: g.id, primaryEmail: g.email, alias };
  return { body: { ...out, etag: etag(out) } };
}

function listAliases(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const g = loadGroup(ctx);
  const aliases = g.aliases.map((alias) => {
    const out = { kind: 'admin#directory#alias', id: g.id, primaryEmail: g.email, alias };
    return { ...out, etag: etag(out) };
  });
  const body = { kind: 'admin#directory#aliases', ...(aliases.length ? { aliases } : {}) };
  return { body: { ...body, etag: etag(body) } };
}

function deleteAlias(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const g = loadGroup(ctx);
  const a = ctx.params.alias.toLowerCase();
  if (!g.aliases.some((x) => x.toLowerCase() === a)) throw E.resourceNotFound('alias');
  g.aliases = g.aliases.filter((x) => x.toLowerCase() !== a);
  groups(ctx.tenant).put(g);
  return { status: 204 };
}

/** The member a key names within one group (by email, alias or id). */
function findMember(t: Tenant, g: DirGroup, key: string): DirMember | undefined {
  const k = key.toLowerCase();
  const direct = members(t, g.id).get(key) ?? members(t, g.id).find((m) => m.email.toLowerCase() === k);
  if (direct) return direct;
  const viaAlias = userByKey(t, key) ?? groupByKey(t, key);
  return viaAlias ? members(t, g.id).get(viaAlias.id) : undefined;
}

function insertMember(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const g = loadGroup(ctx);
  const body = jsonObject(ctx, 'admin');
  const role = str(body.role) ?? 'MEMBER';
  if (!ROLES.includes(role)) throw E.invalidInput('role');
  const key = str(body.email) ?? str(body.id);
  if (!key) throw googleError('admin', { code: 400, message: 'Missing required field: memberKey', reason: 'required' });
  const user = userByKey(t, key);
  const group = user ? undefined : groupByKey(t, key);
  if (!user && !group && (!validEmail(key) || customer(t)!.domains.includes(domainOf(key)))) throw E.resourceNotFound('memberKey');
  if (group?.id === g.id) throw E.invalidInput('memberKey');
  const email = user?.primaryEmail ?? group?.email ?? key;
  const id = user?.id ?? group?.id ?? ids.user(t);
  if (findMember(t, g, email) || members(t, g.id).has(id)) throw E.memberExists();
  const m: DirMember = {
    id,
    email,
    role: role as DirMember['role'],
    type: user ? 'USER' : group ? 'GROUP' : 'USER',
    status: user ? (user.suspended ? 'SUSPENDED' : 'ACTIVE') : group ? 'ACTIVE' : 'UNDEFINED',
    delivery_settings: str(body.delivery_settings) && DELIVERY.includes(str(body.delivery_settings)!) ? str(body.delivery_settings)! : 'ALL_MAIL',
  };
  members(t, g.id).put(m);
  return { body: presentMember(m) };
}

/**
 * includeDerivedMembership: the direct members, then the members of nested
 * groups (each address once, first where it is met), as the nested groups expand.
 */
function derivedMembers(t: Tenant, g: DirGroup): DirMember[] {
  const out = new Map<string, DirMember>();
  const seen = new Set<string>([g.id]);
  const queue = [g];
  while (queue.length) {
    const cur = queue.shift()!;
    for (const m of members(t, cur.id).values()) {
      if (!out.has(m.email.toLowerCase())) out.set(m.email.toLowerCase(), m);
      const sub = m.type === 'GROUP' ? groups(t).get(m.id) : undefined;
      if (sub && !seen.has(sub.id)) {
        seen.add(sub.id);
        queue.push(sub);
      }
    }
  }
  return [...out.values()];
}

function listMembers(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const g = loadGroup(ctx);
  const roles = str(ctx.query.roles)?.split(',').map((r) => r.trim().toUpperCase()).filter(Boolean);
  const derived = ctx.query.includeDerivedMembership === true || ctx.query.includeDerivedMembership === 'true';
  const all = (derived ? derivedMembers(t, g) : members(t, g.id).values()).filter((m) => !roles?.length || roles.includes(m.role));
  const max = intParam(ctx, 'admin', 'maxResults', 200, 1, 200);
  const tokenKey = [g.id, ctx.query.roles, derived];
  const offset = decodePageToken(ctx.query.pageToken, tokenKey, 'admin');
  const page = all.slice(offset, offset + max).map(presentMember);
  const body: Record<string, unknown> = { kind: 'admin#directory#members', ...(page.length ? { members: page } : {}) };
  if (offset + max < all.length) body.nextPageToken = encodePageToken(offset + max, tokenKey);
  return { body: { ...body, etag: etag(body) } };
}

function loadMember(ctx: OpContext): { g: DirGroup; m: DirMember } {
  const g = loadGroup(ctx);
  const m = findMember(ctx.tenant, g, ctx.params.memberKey);
  if (!m) throw E.resourceNotFound('memberKey');
  return { g, m };
}

function getMember(ctx: OpContext): Reply {
  requireAdmin(ctx);
  return { body: presentMember(loadMember(ctx).m) };
}

function updateMember(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const { g, m } = loadMember(ctx);
  const body = jsonObject(ctx, 'admin');
  const next = { ...m };
  if (body.role !== undefined) {
    if (typeof body.role !== 'string' || !ROLES.includes(body.role)) throw E.invalidInput('role');
    next.role = body.role as DirMember['role'];
  }
  if (typeof body.delivery_settings === 'string') {
    if (!DELIVERY.includes(body.delivery_settings)) throw E.invalidInput('delivery_settings');
    next.delivery_settings = body.delivery_settings;
  }
  members(ctx.tenant, g.id).put(next);
  return { body: presentMember(next) };
}

function deleteMember(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const { g, m } = loadMember(ctx);
  members(ctx.tenant, g.id).delete(m.id);
  return { status: 204 };
}

/** Direct or nested membership; a key that names no account in the domain is invalid input, not "false". */
function hasMember(ctx: OpContext): Reply {
  requireAdmin(ctx);
  const t = ctx.tenant;
  const g = loadGroup(ctx);
  const key = ctx.params.memberKey;
  const who = userByKey(t, key)?.primaryEmail ?? findGroupByEmail(t, key)?.email ?? groups(t).get(key)?.email ?? users(t).get(key)?.primaryEmail;
  if (!who) throw E.invalidInput('memberKey');
  return { body: { isMember: groupsOf(t, who).has(g.email.toLowerCase()) } };
}

export const adminGroupHandlers = {
  'directory.groups.insert': insert,
  'directory.groups.get': get,
  'directory.groups.list': list,
  'directory.groups.update': update,
  'directory.groups.patch': update,
  'directory.groups.delete': remove,
  'directory.groups.aliases.insert': insertAlias,
  'directory.groups.aliases.list': listAliases,
  'directory.groups.aliases.delete': deleteAlias,
  'directory.members.insert': insertMember,
  'directory.members.list': listMembers,
  'directory.members.get': getMember,
  'directory.members.update': updateMember,
  'directory.members.patch': updateMember,
  'directory.members.delete': deleteMember,
  'directory.members.hasMember': hasMember,
} satisfies Handlers;
