// Groups: OKTA_GROUP CRUD (APP_GROUP and BUILT_IN are read-only), membership, a group's apps, owners.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaError, oktaErrorWith, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { page } from '../present/paging.js';
import { presentApp } from '../present/apps.js';
import { presentGroup } from '../present/groups.js';
import { presentUser } from '../present/users.js';
import { attributes, evaluate, parseOrReject, quickMatch } from '../model/query.js';
import { groupRules } from '../model/group-rules.js';
import {
  KEYS, addMember, apps, dropMemberships, groupMemberIds, groupTarget, groups, oktaId, removeMember, userActor, users, type GroupDoc,
} from '../store.js';
import { bodyObject, noContent, nowIso, requireGroup, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** Only OKTA_GROUP groups are managed through the API; app-imported and built-in ones are not. */
function requireEditable(g: GroupDoc): void {
  if (g.type !== 'OKTA_GROUP') throw oktaError('E0000006');
}

function checkName(ctx: OpContext, profile: Record<string, unknown> | undefined, selfId?: string): string {
  const name = profile?.name;
  if (typeof name !== 'string' || !name.trim()) throw validationError('name', 'The field cannot be left blank');
  const taken = groups(ctx.tenant).find((g) => g.id !== selfId && g.type !== 'APP_GROUP' && g.profile.name.toLowerCase() === name.toLowerCase());
  if (taken) throw validationError('name', 'An object with this field already exists in the current organization');
  return name;
}

const createGroup = (ctx: OpContext) => {
  const body = bodyObject(ctx);
  const profile = body.profile as Record<string, unknown> | undefined;
  checkName(ctx, profile);
  const now = nowIso(ctx);
  const g: GroupDoc = {
    id: oktaId(ctx.tenant, '00g'),
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    objectClass: ['okta:user_group'],
    type: 'OKTA_GROUP',
    profile: { description: null, ...profile } as GroupDoc['profile'],
  };
  groups(ctx.tenant).put(g);
  emit(ctx, { eventType: 'group.lifecycle.create', displayMessage: 'Create Okta group', target: [groupTarget(g)] });
  return { status: 200, body: presentGroup(ctx, g) };
};

/** `expand=stats` embeds the counts Okta reports for a group. */
function withExpand(ctx: OpContext, g: GroupDoc): Record<string, unknown> {
  const out = presentGroup(ctx, g);
  const expand = String((ctx.query as Record<string, unknown>).expand ?? '');
  if (expand.split(',').includes('stats')) {
    const appsCount = apps(ctx.tenant).filter((a) => ctx.tenant.collection(`${KEYS.apps}/${a.id}/groups`).has(g.id)).length;
    out._embedded = { stats: { usersCount: groupMemberIds(ctx.tenant, g.id).length, appsCount, groupPushMappingsCount: 0, hasAdminPrivilege: false } };
  }
  return out;
}

const listGroups = (ctx: OpContext) => {
  const q = ctx.query as Record<string, unknown>;
  let list = groups(ctx.tenant).values();
  if (typeof q.search === 'string' && q.search.trim()) {
    const expr = parseOrReject(q.search);
    list = list.filter((g) => evaluate(expr, g));
  } else if (typeof q.filter === 'string' && q.filter.trim()) {
    const expr = parseOrReject(q.filter);
    if (!attributes(expr).every((a) => /^(id|type|lastUpdated|lastMembershipUpdated|created|profile\.\w+)$/.test(a))) throw oktaError('E0000031');
    list = list.filter((g) => evaluate(expr, g));
  } else if (typeof q.q === 'string' && q.q) {
    const needle = q.q;
    list = list.filter((g) => quickMatch(needle, g.profile.name));
  }
  return page(ctx, list, { defaultLimit: 10000, maxLimit: 10000, present: (g: GroupDoc) => withExpand(ctx, g) });
};

const updateGroup = (ctx: OpContext<{ groupId: string }>) => {
  const g = requireGroup(ctx, ctx.params.groupId);
  requireEditable(g);
  const body = bodyObject(ctx);
  checkName(ctx, body.profile, g.id);
  const next = groups(ctx.tenant).patch(g.id, { profile: { description: null, ...body.profile }, lastUpdated: nowIso(ctx) })!;
  emit(ctx, { eventType: 'group.profile.update', displayMessage: 'Update group profile', target: [groupTarget(next)] });
  return { status: 200, body: presentGroup(ctx, next) };
};

const deleteGroup = (ctx: OpContext<{ groupId: string }>) => {
  const g = requireGroup(ctx, ctx.params.groupId);
  requireEditable(g);
  groups(ctx.tenant).delete(g.id);
  dropMemberships(ctx.tenant, { groupId: g.id });
  for (const a of apps(ctx.tenant).values()) ctx.tenant.collection(`${KEYS.apps}/${a.id}/groups`).delete(g.id);
  // Rules that assign to a deleted group can no longer run.
  for (const r of groupRules(ctx.tenant).values()) {
    if (r.actions.assignUserToGroups.groupIds.includes(g.id)) groupRules(ctx.tenant).patch(r.id, { status: 'INVALID', allGroupsValid: false });
  }
  emit(ctx, { eventType: 'group.lifecycle.delete', displayMessage: 'Delete Okta group', target: [groupTarget(g)] });
  return noContent();
};

const listGroupUsers = (ctx: OpContext<{ groupId: string }>) => {
  const g = requireGroup(ctx, ctx.params.groupId);
  const list = groupMemberIds(ctx.tenant, g.id).map((id) => users(ctx.tenant).get(id)).filter((u) => !!u);
  return page(ctx, list, { defaultLimit: 1000, maxLimit: 10000, present: (u) => presentUser(ctx, u, false) });
};

const addUserToGroup = (ctx: OpContext<{ groupId: string; userId: string }>) => {
  const g = requireGroup(ctx, ctx.params.groupId);
  const u = requireUser(ctx, ctx.params.userId);
  requireEditable(g);
  if (addMember(ctx.tenant, g.id, u.id)) {
    emit(ctx, { eventType: 'group.user_membership.add', displayMessage: 'Add user to group membership', target: [userActor(u), groupTarget(g)] });
  }
  return noContent();
};

const removeUserFromGroup = (ctx: OpContext<{ groupId: string; userId: string }>) => {
  const g = requireGroup(ctx, ctx.params.groupId);
  const u = requireUser(ctx, ctx.params.userId);
  requireEditable(g);
  if (removeMember(ctx.tenant, g.id, u.id)) {
    emit(ctx, { eventType: 'group.user_membership.remove', displayMessage: 'Remove user from group membership', target: [userActor(u), groupTarget(g)] });
  }
  return noContent();
};

const listAssignedApplicationsForGroup = (ctx: OpContext<{ groupId: string }>) => {
  const g = requireGroup(ctx, ctx.params.groupId);
  const list = apps(ctx.tenant).filter((a) => ctx.tenant.collection(`${KEYS.apps}/${a.id}/groups`).has(g.id));
  return page(ctx, list, { defaultLimit: 20, maxLimit: 200, present: (a) => presentApp(ctx, a) });
};

// Group owners: users (or groups) who manage a group, kept under the group's owners collection.
export interface OwnerDoc extends Doc {
  type: 'USER' | 'GROUP';
  displayName: string;
  originId: string | null;
  originType: string;
  resolved: boolean;
  lastUpdated: string;
}

const owners = (ctx: OpContext<{ groupId: string }>) => ctx.tenant.collection<OwnerDoc>(`${KEYS.groups}/${ctx.params.groupId}/owners`);

/** A user owner is shown by name (terraform cassettes: "First Last"), falling back to the login. */
const ownerName = (p: { firstName?: unknown; lastName?: unknown; login?: unknown }) =>
  [p.firstName, p.lastName].filter((x) => typeof x === 'string' && x).join(' ') || String(p.login);

const assignGroupOwner = (ctx: OpContext<{ groupId: string }>) => {
  requireGroup(ctx, ctx.params.groupId);
  const body = bodyObject(ctx);
  const type = body.type === 'GROUP' ? 'GROUP' : 'USER';
  if (typeof body.id !== 'string') throw validationError('id', 'The field cannot be left blank');
  const displayName = type === 'USER' ? ownerName(requireUser(ctx, body.id).profile) : requireGroup(ctx, body.id).profile.name;
  // Terraform cassettes: a second assignment of the same owner is refused, the first one stays.
  if (owners(ctx).has(body.id)) throw oktaErrorWith('E0000001', ['owner'], { causes: ['Provided owner is already assigned to this group'] });
  const doc = owners(ctx).put({ id: body.id, type, displayName, originId: null, originType: 'OKTA_DIRECTORY', resolved: true, lastUpdated: nowIso(ctx) });
  return { status: 201, body: doc };
};

const deleteGroupOwner = (ctx: OpContext<{ groupId: string; ownerId: string }>) => {
  requireGroup(ctx, ctx.params.groupId);
  // Okta names an owner that is not there a LinkedObject (terraform cassettes).
  if (!owners(ctx).delete(ctx.params.ownerId)) throw notFound(ctx.params.ownerId, 'LinkedObject');
  return noContent();
};

export const groupHandlers = {
  createGroup,
  listGroups,
  getGroup: (ctx) => ({ status: 200, body: withExpand(ctx, requireGroup(ctx, ctx.params.groupId)) }),
  updateGroup,
  deleteGroup,
  listGroupUsers,
  addUserToGroup,
  removeUserFromGroup,
  listAssignedApplicationsForGroup,
  listGroupOwners: (ctx) => {
    requireGroup(ctx, ctx.params.groupId);
    return page(ctx, owners(ctx).values(), { defaultLimit: 1000, maxLimit: 1000 });
  },
  assignGroupOwner,
  deleteGroupOwner,
} satisfies Handlers;
