// User types (/api/v1/meta/types/user): the org's default type plus custom ones, with Okta's naming and deletion rules.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaError, oktaErrorWith, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { KEYS, oktaId, users } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

export interface UserTypeDoc extends Doc {
  name: string;
  displayName: string;
  description: string | null;
  createdBy: string;
  lastUpdatedBy: string;
  created: string;
  lastUpdated: string;
  default: boolean;
}

const types = (t: Tenant) => t.collection<UserTypeDoc>(KEYS.userTypes);

/** The built-in `user` type every org has; created on first need. */
export function defaultUserType(tenant: Tenant): UserTypeDoc {
  const found = types(tenant).find((t) => t.default);
  if (found) return found;
  const now = tenant.now().toISOString();
  return types(tenant).put({
    id: oktaId(tenant, 'oty'),
    name: 'user',
    displayName: 'User',
    description: 'Okta user profile template with default permission settings',
    createdBy: 'system',
    lastUpdatedBy: 'system',
    created: now,
    lastUpdated: now,
    default: true,
  });
}

function present(ctx: Pick<OpContext, 'baseUrl'>, t: UserTypeDoc) {
  return {
    ...structuredClone(t),
    // Each link names its relation and method (terraform and okta-sdk-python cassettes of the user type API).
    _links: {
      schema: { rel: 'schema', href: `${ctx.baseUrl}/api/v1/meta/schemas/user/osc${t.id.slice(3)}`, method: 'GET' },
      self: { rel: 'self', href: `${ctx.baseUrl}/api/v1/meta/types/user/${t.id}`, method: 'GET' },
    },
  };
}

function requireType(ctx: OpContext, id: string): UserTypeDoc {
  const t = types(ctx.tenant).get(id);
  if (!t) throw notFound(id, 'CVDType');
  return t;
}

const caller = (ctx: OpContext) => String(ctx.principal.userId ?? ctx.principal.subject ?? 'system');

const createUserType = (ctx: OpContext) => {
  defaultUserType(ctx.tenant);
  const body = bodyObject(ctx);
  if (typeof body.name !== 'string' || !body.name.trim()) throw validationError('name', 'The field cannot be left blank');
  if (typeof body.displayName !== 'string' || !body.displayName.trim()) throw validationError('displayName', 'The field cannot be left blank');
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(body.name)) throw validationError('name', 'The name must start with a letter and contain only letters, numbers and underscores');
  if (types(ctx.tenant).find((t) => t.name.toLowerCase() === String(body.name).toLowerCase())) {
    throw validationError('name', 'An object with this field already exists in the current organization');
  }
  const now = nowIso(ctx);
  const doc = types(ctx.tenant).put({
    id: oktaId(ctx.tenant, 'oty'),
    name: body.name,
    displayName: body.displayName,
    description: typeof body.description === 'string' ? body.description : null,
    createdBy: caller(ctx),
    lastUpdatedBy: caller(ctx),
    created: now,
    lastUpdated: now,
    default: false,
  });
  emit(ctx, { eventType: 'system.user_type.create', displayMessage: 'Create user type', target: [{ id: doc.id, type: 'UserType', alternateId: doc.name, displayName: doc.displayName }] });
  return { status: 200, body: present(ctx, doc) };
};

/** POST updates `displayName`/`description` only; `name` is immutable once created. */
function update(ctx: OpContext<{ typeId: string }>, replace: boolean) {
  const t = requireType(ctx, ctx.params.typeId);
  const body = bodyObject(ctx);
  if (body.name !== undefined && body.name !== t.name) throw oktaErrorWith('E0000001', ['name'], { causes: ['name: The name of a user type cannot be changed'] });
  if (replace && (typeof body.displayName !== 'string' || !body.displayName.trim())) throw validationError('displayName', 'The field cannot be left blank');
  const next = types(ctx.tenant).patch(t.id, {
    ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
    ...(replace || typeof body.description === 'string' ? { description: typeof body.description === 'string' ? body.description : null } : {}),
    lastUpdated: nowIso(ctx),
    lastUpdatedBy: caller(ctx),
  })!;
  return { status: 200, body: present(ctx, next) };
}

const deleteUserType = (ctx: OpContext<{ typeId: string }>) => {
  const t = requireType(ctx, ctx.params.typeId);
  // The default type, and any type still assigned to users, cannot be deleted.
  if (t.default || users(ctx.tenant).find((u) => u.type.id === t.id)) throw oktaError('E0000142');
  types(ctx.tenant).delete(t.id);
  return noContent();
};

export const userTypeHandlers = {
  listUserTypes: (ctx) => {
    defaultUserType(ctx.tenant);
    return { status: 200, body: types(ctx.tenant).values().map((t) => present(ctx, t)) };
  },
  createUserType,
  getUserType: (ctx) => ({ status: 200, body: present(ctx, requireType(ctx, ctx.params.typeId)) }),
  updateUserType: (ctx) => update(ctx, false),
  replaceUserType: (ctx) => update(ctx, true),
  deleteUserType,
} satisfies Handlers;
