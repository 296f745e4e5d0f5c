// Identity Sources API: import sessions with bulk uploads that become Okta users, groups and memberships, and the per-entity sync calls.
import type { OpContext, Reply } from '../../../src/core/handler.js';
import { VendorError } from '../../../src/core/errors.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import {
  advance, emptyData, entities, entityKey, isOpen, sessions, sources,
  type EntityDoc, type IdentitySourceDoc, type SessionData, type SessionDoc,
} from '../model/identity-sources.js';
import { addMember, groupMemberIds, groups, oktaId, removeMember, users } from '../store.js';
import { bodyObject, noContent, nowIso, replyBody } from './common.js';
import { groupHandlers } from './groups.js';
import { userHandlers } from './users.js';
import { userLifecycleHandlers } from './user-lifecycle.js';
import type { Handlers } from '../generated/operations.js';

/** Okta takes at most 200 profiles (or ids) in one bulk upload (Identity Sources API, bulk-upsert / bulk-delete). */
const MAX_BULK = 200;

function requireSource(ctx: OpContext): IdentitySourceDoc {
  const id = String(ctx.params.identitySourceId);
  const s = sources(ctx.tenant).get(id);
  if (!s) throw notFound(id, 'IdentitySource');
  return s;
}

const presentSession = (s: SessionDoc) => ({ id: s.id, identitySourceId: s.identitySourceId, status: s.status, importType: s.importType, created: s.created, lastUpdated: s.lastUpdated });

/** The session as of now on the twin clock (a finished import applies its data here). */
function current(ctx: OpContext, s: SessionDoc): SessionDoc {
  return advance(ctx.tenant, s, (done) => applyImport(ctx, done.identitySourceId, done.data));
}

function requireSession(ctx: OpContext): SessionDoc {
  const src = requireSource(ctx);
  const id = String(ctx.params.sessionId);
  const s = sessions(ctx.tenant).get(id);
  if (!s || s.identitySourceId !== src.id) throw notFound(id, 'IdentitySourceSession');
  return current(ctx, s);
}

/** Uploads go only into a session that has not started its import. */
function uploadable(ctx: OpContext): SessionDoc {
  const s = requireSession(ctx);
  if (s.status !== 'CREATED') throw oktaErrorWith('E0000001', ['session'], { causes: [`Data can be uploaded only to a session in CREATED status; this session is ${s.status}.`] });
  return s;
}

function stage(ctx: OpContext, s: SessionDoc, add: (d: SessionData) => void) {
  const data = structuredClone(s.data);
  add(data);
  sessions(ctx.tenant).put({ ...s, data, lastUpdated: nowIso(ctx) });
  return { status: 202 };
}

function list<T>(value: unknown, field: string): T[] {
  if (!Array.isArray(value) || value.length === 0) throw validationError(field, 'The field cannot be left blank');
  if (value.length > MAX_BULK) throw validationError(field, `At most ${MAX_BULK} entries can be uploaded in one request`);
  return value as T[];
}

function externalIdOf(x: unknown, field: string): string {
  if (typeof x !== 'string' || !x.trim()) throw validationError(field, 'The field cannot be left blank');
  return x;
}

function userProfile(p: unknown, field = 'profile'): Record<string, unknown> {
  if (!p || typeof p !== 'object') throw validationError(field, 'The field cannot be left blank');
  const profile = p as Record<string, unknown>;
  for (const f of ['userName', 'email']) if (typeof profile[f] !== 'string' || !(profile[f] as string).trim()) throw validationError(`${field}.${f}`, 'The field cannot be left blank');
  return { ...profile };
}

function memberships(value: unknown): Array<{ groupExternalId: string; memberExternalIds: string[] }> {
  return list<Record<string, unknown>>(value, 'memberships').map((m, i) => ({
    groupExternalId: externalIdOf(m?.groupExternalId, `memberships[${i}].groupExternalId`),
    memberExternalIds: list<unknown>(m?.memberExternalIds, `memberships[${i}].memberExternalIds`).map((x, j) => externalIdOf(x, `memberships[${i}].memberExternalIds[${j}]`)),
  }));
}

/** The Okta base profile an identity source profile fills (userName is the login). */
function oktaProfile(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { login: p.userName, email: p.email };
  for (const f of ['firstName', 'lastName', 'secondEmail', 'mobilePhone']) if (p[f] !== undefined) out[f] = p[f];
  return out;
}

const entity = (ctx: OpContext, sourceId: string, kind: EntityDoc['kind'], externalId: string) => entities(ctx.tenant).get(entityKey(sourceId, kind, externalId));

/** Runs a handler of another resource as the caller, with its own body and query. */
function call(ctx: OpContext, handler: (c: OpContext) => unknown, params: Record<string, string>, body: unknown, query: Record<string, unknown> = {}) {
  const reply = handler({ ...ctx, params, body, query } as OpContext) as Reply;
  return { status: reply.status, body: replyBody(reply) };
}

/** Creates or updates the Okta user an external id stands for; returns it, or undefined when Okta refuses the profile. */
function upsertUser(ctx: OpContext, sourceId: string, externalId: string, profile: Record<string, unknown>): EntityDoc | undefined {
  const now = nowIso(ctx);
  const known = entity(ctx, sourceId, 'user', externalId);
  const prior = known ? users(ctx.tenant).get(known.oktaId) : undefined;
  try {
    if (prior) {
      // The source's attributes overwrite Okta's; attributes the source does not hold stay as they are.
      call(ctx, userHandlers.partialUpdateUser as never, { id: prior.id, userId: prior.id }, { profile: oktaProfile(profile) });
      return entities(ctx.tenant).put({ ...known!, profile, lastUpdated: now });
    }
    const created = call(ctx, userHandlers.createUser as never, {}, { profile: oktaProfile(profile), credentials: { provider: { type: 'IMPORT', name: 'IMPORT' } } }, { activate: true, provider: true });
    return entities(ctx.tenant).put({ id: entityKey(sourceId, 'user', externalId), sourceId, kind: 'user', externalId, oktaId: created.body.id, created: now, lastUpdated: now, profile });
  } catch (e) {
    if (e instanceof VendorError) return undefined; // Okta skips a record it cannot import; the rest of the session still runs.
    throw e;
  }
}

/** A user the source no longer has is deactivated in Okta, and the source forgets it. */
function removeUser(ctx: OpContext, sourceId: string, externalId: string): boolean {
  const known = entity(ctx, sourceId, 'user', externalId);
  if (!known) return false;
  const u = users(ctx.tenant).get(known.oktaId);
  if (u && u.status !== 'DEPROVISIONED') call(ctx, userLifecycleHandlers.deactivateUser as never, { id: u.id, userId: u.id }, undefined, { sendEmail: false });
  entities(ctx.tenant).delete(known.id);
  return true;
}

function upsertGroup(ctx: OpContext, sourceId: string, externalId: string, profile: Record<string, unknown>): EntityDoc | undefined {
  const now = nowIso(ctx);
  const known = entity(ctx, sourceId, 'group', externalId);
  const okta = { name: profile.displayName, description: profile.description ?? null };
  try {
    if (known && groups(ctx.tenant).has(known.oktaId)) {
      call(ctx, groupHandlers.updateGroup as never, { groupId: known.oktaId }, { profile: okta });
      return entities(ctx.tenant).put({ ...known, profile, lastUpdated: now });
    }
    const created = call(ctx, groupHandlers.createGroup as never, {}, { profile: okta });
    return entities(ctx.tenant).put({ id: entityKey(sourceId, 'group', externalId), sourceId, kind: 'group', externalId, oktaId: created.body.id, created: now, lastUpdated: now, profile });
  } catch (e) {
    if (e instanceof VendorError) return undefined;
    throw e;
  }
}

function removeGroup(ctx: OpContext, sourceId: string, externalId: string): boolean {
  const known = entity(ctx, sourceId, 'group', externalId);
  if (!known) return false;
  if (groups(ctx.tenant).has(known.oktaId)) call(ctx, groupHandlers.deleteGroup as never, { groupId: known.oktaId }, undefined);
  entities(ctx.tenant).delete(known.id);
  return true;
}

function setMembership(ctx: OpContext, sourceId: string, groupExternalId: string, memberExternalId: string, add: boolean): boolean {
  const g = entity(ctx, sourceId, 'group', groupExternalId);
  const u = entity(ctx, sourceId, 'user', memberExternalId);
  if (!g || !u) return false;
  return add ? addMember(ctx.tenant, g.oktaId, u.oktaId) : removeMember(ctx.tenant, g.oktaId, u.oktaId);
}

/** What a finished import does, in Okta's order: users, then groups, then memberships; deletions last. */
function applyImport(ctx: OpContext, sourceId: string, d: SessionData): void {
  for (const u of d.upsertUsers) upsertUser(ctx, sourceId, u.externalId, u.profile);
  for (const g of d.upsertGroups) upsertGroup(ctx, sourceId, g.externalId, g.profile);
  for (const m of d.addMemberships) for (const id of m.memberExternalIds) setMembership(ctx, sourceId, m.groupExternalId, id, true);
  for (const m of d.removeMemberships) for (const id of m.memberExternalIds) setMembership(ctx, sourceId, m.groupExternalId, id, false);
  for (const id of d.deleteGroups) removeGroup(ctx, sourceId, id);
  for (const id of d.deleteUsers) removeUser(ctx, sourceId, id);
}

const presentUser = (e: EntityDoc) => ({ id: e.oktaId, externalId: e.externalId, created: e.created, lastUpdated: e.lastUpdated, profile: structuredClone(e.profile) });
const presentGroup = (e: EntityDoc) => ({ id: e.oktaId, externalId: e.externalId, profile: structuredClone(e.profile) });

function requireEntity(ctx: OpContext, kind: EntityDoc['kind'], param: string): EntityDoc {
  const src = requireSource(ctx);
  const key = String(ctx.params[param as keyof typeof ctx.params]);
  // Groups are addressed by their Okta id or their external id.
  const e = entity(ctx, src.id, kind, key) ?? (kind === 'group' ? entities(ctx.tenant).find((x) => x.sourceId === src.id && x.kind === 'group' && x.oktaId === key) : undefined);
  if (!e) throw notFound(key, kind === 'user' ? 'IdentitySourceUser' : 'IdentitySourceGroup');
  return e;
}

const refused = () => oktaErrorWith('E0000001', ['profile'], { causes: ['The profile could not be saved to Okta.'] });

export const identitySourceHandlers = {
  listIdentitySourceSessions: (ctx) => {
    const src = requireSource(ctx);
    const list = sessions(ctx.tenant).filter((s) => s.identitySourceId === src.id).map((s) => current(ctx, s));
    return { status: 200, body: list.filter(isOpen).map(presentSession) };
  },
  createIdentitySourceSession: (ctx) => {
    const src = requireSource(ctx);
    // One open session per identity source at a time.
    const open = sessions(ctx.tenant).filter((s) => s.identitySourceId === src.id).map((s) => current(ctx, s)).find(isOpen);
    if (open) throw oktaErrorWith('E0000001', ['session'], { causes: [`Identity source ${src.id} already has an open session (${open.id}).`] });
    const now = nowIso(ctx);
    const s = sessions(ctx.tenant).put({ id: oktaId(ctx.tenant, 'aps'), identitySourceId: src.id, status: 'CREATED', importType: 'INCREMENTAL', created: now, lastUpdated: now, data: emptyData() });
    return { status: 200, body: presentSession(s) };
  },
  getIdentitySourceSession: (ctx) => ({ status: 200, body: presentSession(requireSession(ctx)) }),
  deleteIdentitySourceSession: (ctx) => {
    const s = requireSession(ctx);
    if (s.status === 'TRIGGERED' || s.status === 'IN_PROGRESS') throw oktaErrorWith('E0000001', ['session'], { causes: ['A session whose import is running cannot be deleted.'] });
    sessions(ctx.tenant).delete(s.id);
    return noContent();
  },
  uploadIdentitySourceDataForUpsert: (ctx) => {
    const s = uploadable(ctx);
    const b = bodyObject(ctx);
    if (b.entityType !== undefined && b.entityType !== 'USERS') throw validationError('entityType', 'Does not match required pattern');
    const rows = list<Record<string, unknown>>(b.profiles, 'profiles').map((p, i) => ({ externalId: externalIdOf(p?.externalId, `profiles[${i}].externalId`), profile: userProfile(p?.profile, `profiles[${i}].profile`) }));
    return stage(ctx, s, (d) => d.upsertUsers.push(...rows));
  },
  uploadIdentitySourceDataForDelete: (ctx) => {
    const s = uploadable(ctx);
    const b = bodyObject(ctx);
    if (b.entityType !== undefined && b.entityType !== 'USERS') throw validationError('entityType', 'Does not match required pattern');
    const ids = list<Record<string, unknown>>(b.profiles, 'profiles').map((p, i) => externalIdOf(p?.externalId, `profiles[${i}].externalId`));
    return stage(ctx, s, (d) => d.deleteUsers.push(...ids));
  },
  uploadIdentitySourceGroupsForUpsert: (ctx) => {
    const s = uploadable(ctx);
    const rows = list<Record<string, any>>(bodyObject(ctx).profiles, 'profiles').map((p, i) => {
      if (typeof p?.profile?.displayName !== 'string' || !p.profile.displayName.trim()) throw validationError(`profiles[${i}].profile.displayName`, 'The field cannot be left blank');
      return { externalId: externalIdOf(p.externalId, `profiles[${i}].externalId`), profile: { ...p.profile } };
    });
    return stage(ctx, s, (d) => d.upsertGroups.push(...rows));
  },
  uploadIdentitySourceGroupsDataForDelete: (ctx) => {
    const s = uploadable(ctx);
    const ids = list<unknown>(bodyObject(ctx).externalIds, 'externalIds').map((x, i) => externalIdOf(x, `externalIds[${i}]`));
    return stage(ctx, s, (d) => d.deleteGroups.push(...ids));
  },
  uploadIdentitySourceGroupMembershipsForUpsert: (ctx) => {
    const s = uploadable(ctx);
    const rows = memberships(bodyObject(ctx).memberships);
    return stage(ctx, s, (d) => d.addMemberships.push(...rows));
  },
  uploadIdentitySourceGroupMembershipsForDelete: (ctx) => {
    const s = uploadable(ctx);
    const rows = memberships(bodyObject(ctx).memberships);
    return stage(ctx, s, (d) => d.removeMemberships.push(...rows));
  },
  startImportFromIdentitySource: (ctx) => {
    const s = requireSession(ctx);
    if (s.status !== 'CREATED') throw oktaErrorWith('E0000001', ['session'], { causes: [`Only a session in CREATED status can start an import; this session is ${s.status}.`] });
    const now = nowIso(ctx);
    const next = sessions(ctx.tenant).put({ ...s, status: 'TRIGGERED', triggeredAt: now, lastUpdated: now });
    return { status: 200, body: presentSession(next) };
  },

  createIdentitySourceUser: (ctx) => {
    const src = requireSource(ctx);
    const b = bodyObject(ctx);
    const externalId = externalIdOf(b.externalId, 'externalId');
    if (entity(ctx, src.id, 'user', externalId)) throw oktaErrorWith('E0000001', ['externalId'], { causes: [`A user with external id ${externalId} already exists in this identity source.`] });
    const e = upsertUser(ctx, src.id, externalId, userProfile(b.profile));
    if (!e) throw refused();
    return { status: 200, body: presentUser(e) };
  },
  getIdentitySourceUser: (ctx) => ({ status: 200, body: presentUser(requireEntity(ctx, 'user', 'externalId')) }),
  updateIdentitySourceUsers: (ctx) => {
    const e = requireEntity(ctx, 'user', 'externalId');
    const b = bodyObject(ctx);
    const merged = { ...e.profile, ...(b.profile && typeof b.profile === 'object' ? b.profile : {}) };
    const next = upsertUser(ctx, e.sourceId, e.externalId, userProfile(merged));
    if (!next) throw refused();
    return { status: 200, body: presentUser(next) };
  },
  replaceExistingIdentitySourceUser: (ctx) => {
    const e = requireEntity(ctx, 'user', 'externalId');
    const next = upsertUser(ctx, e.sourceId, e.externalId, userProfile(bodyObject(ctx).profile));
    if (!next) throw refused();
    return { status: 200, body: presentUser(next) };
  },
  deleteIdentitySourceUser: (ctx) => {
    const e = requireEntity(ctx, 'user', 'externalId');
    removeUser(ctx, e.sourceId, e.externalId);
    return noContent();
  },

  createIdentitySourceGroups: (ctx) => {
    const src = requireSource(ctx);
    const b = bodyObject(ctx);
    const externalId = externalIdOf(b.externalId, 'externalId');
    if (typeof b.profile?.displayName !== 'string' || !b.profile.displayName.trim()) throw validationError('profile.displayName', 'The field cannot be left blank');
    if (entity(ctx, src.id, 'group', externalId)) throw oktaErrorWith('E0000001', ['externalId'], { causes: [`A group with external id ${externalId} already exists in this identity source.`] });
    const e = upsertGroup(ctx, src.id, externalId, { ...b.profile });
    if (!e) throw refused();
    return { status: 200, body: presentGroup(e) };
  },
  getIdentitySourceGroup: (ctx) => ({ status: 200, body: presentGroup(requireEntity(ctx, 'group', 'groupOrExternalId')) }),
  updateIdentitySourceGroups: (ctx) => {
    const e = requireEntity(ctx, 'group', 'groupOrExternalId');
    const b = bodyObject(ctx);
    const profile = { ...e.profile, ...(b.profile && typeof b.profile === 'object' ? b.profile : {}) };
    const next = upsertGroup(ctx, e.sourceId, e.externalId, profile);
    if (!next) throw refused();
    return { status: 200, body: presentGroup(next) };
  },
  deleteIdentitySourceGroup: (ctx) => {
    const e = requireEntity(ctx, 'group', 'groupOrExternalId');
    removeGroup(ctx, e.sourceId, e.externalId);
    return noContent();
  },
  getIdentitySourceGroupMemberships: (ctx) => {
    const g = requireEntity(ctx, 'group', 'groupOrExternalId');
    const inGroup = new Set(groupMemberIds(ctx.tenant, g.oktaId));
    const members = entities(ctx.tenant).filter((x) => x.sourceId === g.sourceId && x.kind === 'user' && inGroup.has(x.oktaId));
    return { status: 200, body: { memberExternalIds: members.map((x) => x.externalId) } };
  },
  createIdentitySourceGroupsMemberships: (ctx) => {
    const g = requireEntity(ctx, 'group', 'groupOrExternalId');
    const b = bodyObject(ctx);
    // The SDK's model sends one `memberExternalId`; the API reference lists `memberExternalIds`. Both are read.
    const ids = list<unknown>(b.memberExternalIds ?? (b.memberExternalId !== undefined ? [b.memberExternalId] : undefined), 'memberExternalIds').map((x, i) => externalIdOf(x, `memberExternalIds[${i}]`));
    for (const id of ids) if (!entity(ctx, g.sourceId, 'user', id)) throw notFound(id, 'IdentitySourceUser');
    for (const id of ids) setMembership(ctx, g.sourceId, g.externalId, id, true);
    return noContent();
  },
  deleteIdentitySourceGroupMemberships: (ctx) => {
    const g = requireEntity(ctx, 'group', 'groupOrExternalId');
    const id = String(ctx.params.memberExternalId);
    if (!entity(ctx, g.sourceId, 'user', id)) throw notFound(id, 'IdentitySourceUser');
    setMembership(ctx, g.sourceId, g.externalId, id, false);
    return noContent();
  },
} satisfies Handlers;
