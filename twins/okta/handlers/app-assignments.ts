// App assignments: users (direct, or implied by an assigned group, with app profiles) and groups (priority, profile).
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaError, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { page } from '../present/paging.js';
import { KEYS, appTarget, groupMemberIds, groupTarget, groups, userActor, users, type AppDoc, type UserDoc } from '../store.js';
import { bodyObject, noContent, nowIso, requireApp, requireGroup, requireUser } from './common.js';
import type { Handlers } from '../generated/operations.js';

export interface AppUserDoc extends Doc {
  externalId: string | null;
  created: string;
  lastUpdated: string;
  scope: 'USER' | 'GROUP';
  status: string;
  statusChanged: string;
  passwordChanged: string | null;
  syncState: string;
  credentials: { userName: string; password?: Record<string, never> };
  profile: Record<string, unknown>;
}

interface AppGroupDoc extends Doc {
  lastUpdated: string;
  priority: number;
  profile: Record<string, unknown>;
}

const directUsers = (t: Tenant, appId: string) => t.collection<AppUserDoc>(`${KEYS.apps}/${appId}/users`);
const appGroups = (t: Tenant, appId: string) => t.collection<AppGroupDoc>(`${KEYS.apps}/${appId}/groups`);

/** Every user assigned to an app: direct assignments first, then members of assigned groups. */
export function appUserIds(t: Tenant, appId: string): string[] {
  const ids = new Set(directUsers(t, appId).values().map((u) => u.id));
  for (const g of appGroups(t, appId).values()) for (const uid of groupMemberIds(t, g.id)) ids.add(uid);
  return [...ids];
}

/** The app username from the app's template (`${source.login}`, `${source.email}`, …). */
function userNameFor(app: AppDoc, user: UserDoc): string {
  const tpl = String(app.credentials?.userNameTemplate?.template ?? '${source.login}');
  const m = /^\$\{source\.(\w+)\}$/.exec(tpl);
  return String(m ? (user.profile[m[1]] ?? user.profile.login) : user.profile.login);
}

/**
 * The profile an OIDC client's app user starts with: the standard OpenID Connect claims of the app user schema, mapped
 * from the Okta profile where Okta's default mapping has a source and null otherwise; `locale` and `zoneinfo` default to
 * en_US and America/Los_Angeles (terraform cassettes: TestAccDataSourceOktaAppUserAssignments_read, an oidc_client app).
 */
function oidcAppUserProfile(user: UserDoc): Record<string, unknown> {
  const p = user.profile as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  const name = [p.firstName, p.lastName].filter((x) => typeof x === 'string' && x).join(' ');
  return {
    street_address: str(p.streetAddress), country: str(p.countryCode), website: null, zoneinfo: str(p.timezone) ?? 'America/Los_Angeles', birthdate: null,
    gender: null, formatted: null, profile: str(p.profileUrl), locality: str(p.city), given_name: str(p.firstName), middle_name: str(p.middleName),
    locale: str(p.locale) ?? 'en_US', picture: null, name: name || null, nickname: str(p.nickName), phone_number: str(p.mobilePhone), region: str(p.state),
    postal_code: str(p.zipCode), family_name: str(p.lastName), email: str(p.email),
  };
}

const startingProfile = (app: AppDoc, user: UserDoc): Record<string, unknown> => (app.signOnMode === 'OPENID_CONNECT' && app.name === 'oidc_client' ? oidcAppUserProfile(user) : {});

/** An AppUser as Okta shows it; group-implied users appear with `scope: GROUP`. */
function appUserView(ctx: OpContext, app: AppDoc, userId: string): Record<string, unknown> | undefined {
  const user = users(ctx.tenant).get(userId);
  if (!user) return undefined;
  const direct = directUsers(ctx.tenant, app.id).get(userId);
  const doc: AppUserDoc = direct ?? {
    id: userId,
    externalId: null,
    created: user.created,
    lastUpdated: user.lastUpdated,
    scope: 'GROUP',
    status: 'ACTIVE',
    statusChanged: user.created,
    passwordChanged: null,
    syncState: 'DISABLED',
    credentials: { userName: userNameFor(app, user) },
    profile: startingProfile(app, user),
  };
  return {
    ...structuredClone(doc),
    _links: {
      app: { href: `${ctx.baseUrl}/api/v1/apps/${app.id}` },
      user: { href: `${ctx.baseUrl}/api/v1/users/${userId}` },
    },
  };
}

const assignUserToApplication = (ctx: OpContext<{ appId: string }>) => {
  const app = requireApp(ctx, ctx.params.appId);
  const body = bodyObject(ctx);
  if (typeof body.id !== 'string' || !body.id) throw validationError('id', 'The field cannot be left blank');
  const user = requireUser(ctx, body.id);
  if (user.status === 'DEPROVISIONED') throw oktaError('E0000117');
  const now = nowIso(ctx);
  const prev = directUsers(ctx.tenant, app.id).get(user.id);
  // Only a password with a value is set; `"password": {}` sets none (terraform cassettes: okta_app_user sends it empty
  // and Okta answers no password and a null passwordChanged).
  const password = typeof body.credentials?.password?.value === 'string' && body.credentials.password.value !== '';
  // Re-assigning is an update (and turns a group-implied assignment into a direct one).
  const doc: AppUserDoc = {
    id: user.id,
    externalId: prev?.externalId ?? null,
    created: prev?.created ?? now,
    lastUpdated: now,
    scope: 'USER',
    status: 'ACTIVE',
    statusChanged: prev?.statusChanged ?? now,
    passwordChanged: password ? now : (prev?.passwordChanged ?? null),
    syncState: 'DISABLED',
    credentials: { userName: typeof body.credentials?.userName === 'string' ? body.credentials.userName : (prev?.credentials.userName ?? userNameFor(app, user)), ...(password || prev?.credentials.password ? { password: {} } : {}) },
    profile: { ...(prev?.profile ?? startingProfile(app, user)), ...(body.profile ?? {}) },
  };
  directUsers(ctx.tenant, app.id).put(doc);
  if (!prev) emit(ctx, { eventType: 'application.user_membership.add', displayMessage: 'Add user to application membership', target: [userActor(user), appTarget(app)] });
  return { status: 200, body: appUserView(ctx, app, user.id) };
};

const getApplicationUser = (ctx: OpContext<{ appId: string; userId: string }>) => {
  const app = requireApp(ctx, ctx.params.appId);
  const user = requireUser(ctx, ctx.params.userId);
  if (!appUserIds(ctx.tenant, app.id).includes(user.id)) throw notFound(user.id, 'AppUser');
  return { status: 200, body: appUserView(ctx, app, user.id) };
};

const updateApplicationUser = (ctx: OpContext<{ appId: string; userId: string }>) => {
  const app = requireApp(ctx, ctx.params.appId);
  const user = requireUser(ctx, ctx.params.userId);
  const body = bodyObject(ctx);
  const prev = directUsers(ctx.tenant, app.id).get(user.id);
  if (!prev) {
    if (!appUserIds(ctx.tenant, app.id).includes(user.id)) throw notFound(user.id, 'AppUser');
    throw oktaError('E0000046');
  }
  const next: AppUserDoc = {
    ...prev,
    lastUpdated: nowIso(ctx),
    credentials: { ...prev.credentials, ...(typeof body.credentials?.userName === 'string' ? { userName: body.credentials.userName } : {}) },
    profile: { ...prev.profile, ...(body.profile ?? {}) },
  };
  directUsers(ctx.tenant, app.id).put(next);
  return { status: 200, body: appUserView(ctx, app, user.id) };
};

const deleteApplicationUser = (ctx: OpContext<{ appId: string; userId: string }>) => {
  const app = requireApp(ctx, ctx.params.appId);
  const user = requireUser(ctx, ctx.params.userId);
  if (!directUsers(ctx.tenant, app.id).delete(user.id)) {
    // A user who only has the app through a group cannot be unassigned individually.
    if (appUserIds(ctx.tenant, app.id).includes(user.id)) throw oktaError('E0000046');
    throw notFound(user.id, 'AppUser');
  }
  emit(ctx, { eventType: 'application.user_membership.remove', displayMessage: 'Remove user from application membership', target: [userActor(user), appTarget(app)] });
  return noContent();
};

const listApplicationUsers = (ctx: OpContext<{ appId: string }>) => {
  const app = requireApp(ctx, ctx.params.appId);
  const q = ctx.query as Record<string, unknown>;
  let views = appUserIds(ctx.tenant, app.id).map((id) => appUserView(ctx, app, id)).filter((v): v is Record<string, unknown> => !!v);
  if (typeof q.q === 'string' && q.q) {
    const needle = q.q.toLowerCase();
    views = views.filter((v) => {
      const u = users(ctx.tenant).get(String(v.id))!;
      return [u.profile.firstName, u.profile.lastName, u.profile.email, (v.credentials as { userName: string }).userName].some((f) => typeof f === 'string' && f.toLowerCase().startsWith(needle));
    });
  }
  return page(ctx, views as Doc[], { defaultLimit: 50, maxLimit: 500 });
};

function groupView(ctx: OpContext, appId: string, g: AppGroupDoc) {
  return {
    ...structuredClone(g),
    _links: {
      app: { href: `${ctx.baseUrl}/api/v1/apps/${appId}` },
      self: { href: `${ctx.baseUrl}/api/v1/apps/${appId}/groups/${g.id}` },
      group: { href: `${ctx.baseUrl}/api/v1/groups/${g.id}` },
    },
  };
}

const createApplicationGroupAssignment = (ctx: OpContext<{ appId: string; groupId: string }>) => {
  const app = requireApp(ctx, ctx.params.appId);
  const group = requireGroup(ctx, ctx.params.groupId);
  const body = bodyObject(ctx, false);
  const coll = appGroups(ctx.tenant, app.id);
  const prev = coll.get(group.id);
  const doc: AppGroupDoc = {
    id: group.id,
    lastUpdated: nowIso(ctx),
    priority: typeof body.priority === 'number' ? body.priority : (prev?.priority ?? coll.size),
    profile: { ...(prev?.profile ?? {}), ...(body.profile ?? {}) },
  };
  coll.put(doc);
  if (!prev) emit(ctx, { eventType: 'group.application_assignment.add', displayMessage: 'Add assigned application to group', target: [groupTarget(group), appTarget(app)] });
  return { status: 200, body: groupView(ctx, app.id, doc) };
};

const requireAppGroup = (ctx: OpContext<{ appId: string; groupId: string }>) => {
  const app = requireApp(ctx, ctx.params.appId);
  const g = appGroups(ctx.tenant, app.id).get(ctx.params.groupId);
  if (!g) throw notFound(ctx.params.groupId, 'AppGroup');
  return { app, g };
};

/** JSON Patch (`replace`/`add` on `/profile/...` or `/priority`), as SDK 8 sends for updateGroupAssignmentToApplication. */
function applyPatch(doc: AppGroupDoc, ops: unknown): AppGroupDoc {
  if (!Array.isArray(ops)) throw oktaError('E0000003');
  const next = structuredClone(doc);
  for (const op of ops as Array<{ op?: string; path?: string; value?: unknown }>) {
    const path = String(op?.path ?? '').split('/').filter(Boolean);
    if (!['replace', 'add', 'remove'].includes(String(op?.op)) || !path.length) throw oktaError('E0000003');
    let target: Record<string, unknown> = next as unknown as Record<string, unknown>;
    for (const seg of path.slice(0, -1)) target = (target[seg] ??= {}) as Record<string, unknown>;
    const last = path[path.length - 1];
    if (op.op === 'remove') delete target[last];
    else target[last] = op.value;
  }
  return next;
}

export const appAssignmentHandlers = {
  assignUserToApplication,
  getApplicationUser,
  updateApplicationUser,
  deleteApplicationUser,
  listApplicationUsers,
  createApplicationGroupAssignment,
  getApplicationGroupAssignment: (ctx) => {
    const { app, g } = requireAppGroup(ctx);
    return { status: 200, body: groupView(ctx, app.id, g) };
  },
  updateGroupAssignmentToApplication: (ctx) => {
    const { app, g } = requireAppGroup(ctx);
    const next = applyPatch(g, ctx.body);
    next.lastUpdated = nowIso(ctx);
    appGroups(ctx.tenant, app.id).put(next);
    return { status: 200, body: groupView(ctx, app.id, next) };
  },
  deleteApplicationGroupAssignment: (ctx) => {
    const { app, g } = requireAppGroup(ctx);
    appGroups(ctx.tenant, app.id).delete(g.id);
    const group = requireGroup(ctx, g.id);
    emit(ctx, { eventType: 'group.application_assignment.remove', displayMessage: 'Remove assigned application from group', target: [groupTarget(group), appTarget(app)] });
    return noContent();
  },
  listApplicationGroupAssignments: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    let list = appGroups(ctx.tenant, app.id).values().sort((a, b) => a.priority - b.priority);
    // `q` matches the start of the assigned group's name, case aside (Applications API, listApplicationGroupAssignments:
    // "only supports the startsWith operation that matches the q string against the beginning of the group name").
    const q = (ctx.query as Record<string, unknown>).q;
    if (typeof q === 'string' && q) {
      const needle = q.toLowerCase();
      list = list.filter((a) => String(groups(ctx.tenant).get(a.id)?.profile.name ?? '').toLowerCase().startsWith(needle));
    }
    return page(ctx, list, { defaultLimit: 20, maxLimit: 200, present: (g: AppGroupDoc) => groupView(ctx, app.id, g) });
  },
} satisfies Handlers;
