// Profile schemas: Okta's base user/group attributes plus custom ones (added through the schema API and enforced on profiles).
import type { OpContext } from '../../../src/core/handler.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { KEYS } from '../store.js';
import { bodyObject, nowIso, requireApp } from './common.js';
import { defaultUserType } from './user-types.js';
import type { Handlers } from '../generated/operations.js';

const str = (title: string, extra: Record<string, unknown> = {}) => ({ title, type: 'string', mutability: 'READ_WRITE', scope: 'NONE', permissions: [{ principal: 'SELF', action: 'READ_WRITE' }], ...extra });

/** Okta's base user profile attributes (Okta user profile, "Default profile properties"). */
export const BASE_USER: Record<string, Record<string, unknown>> = {
  login: str('Username', { required: true, minLength: 5, maxLength: 100, pattern: '.+' }),
  firstName: str('First name', { required: true, minLength: 1, maxLength: 50 }),
  lastName: str('Last name', { required: true, minLength: 1, maxLength: 50 }),
  middleName: str('Middle name'), honorificPrefix: str('Honorific prefix'), honorificSuffix: str('Honorific suffix'),
  email: str('Primary email', { required: true, format: 'email' }),
  title: str('Title'), displayName: str('Display name'), nickName: str('Nickname'), profileUrl: str('Profile Url', { format: 'uri' }),
  secondEmail: str('Secondary email', { format: 'email' }), mobilePhone: str('Mobile phone', { maxLength: 100 }), primaryPhone: str('Primary phone', { maxLength: 100 }),
  streetAddress: str('Street address'), city: str('City'), state: str('State'), zipCode: str('Zip code'), countryCode: str('Country code'),
  postalAddress: str('Postal Address'), preferredLanguage: str('Preferred language'), locale: str('Locale'), timezone: str('Time zone'),
  userType: str('User type'), employeeNumber: str('Employee number'), costCenter: str('Cost center'), organization: str('Organization'),
  division: str('Division'), department: str('Department'), managerId: str('ManagerId'), manager: str('Manager'),
};

const BASE_GROUP: Record<string, Record<string, unknown>> = {
  name: str('Name', { required: true, maxLength: 255 }),
  description: str('Description', { maxLength: 1024 }),
};

interface SchemaState {
  custom: Record<string, Record<string, unknown>>;
  created: string;
  lastUpdated: string;
}

const stateKey = (kind: string) => `okta:schema:${kind}`;

function schemaState(tenant: Tenant, kind: string): SchemaState {
  return tenant.meta<SchemaState>(stateKey(kind), () => ({ custom: {}, created: tenant.now().toISOString(), lastUpdated: tenant.now().toISOString() }));
}

/** Custom user attributes the org has defined (profiles may only use base + these). */
export function customUserAttributes(tenant: Tenant): Record<string, Record<string, unknown>> {
  return schemaState(tenant, 'user').custom;
}

/** Okta refuses profile properties the schema does not define. */
export function checkProfileAttributes(tenant: Tenant, profile: Record<string, unknown>): void {
  const custom = customUserAttributes(tenant);
  for (const [k, v] of Object.entries(profile)) {
    if (!(k in BASE_USER) && !(k in custom)) {
      throw oktaErrorWith('E0000001', ['newUser'], { causes: [`Property name '${k}' is not defined in profile`] });
    }
    const def = custom[k];
    if (def && v !== null && v !== undefined) {
      const t = def.type;
      const ok = t === 'string' ? typeof v === 'string' : t === 'boolean' ? typeof v === 'boolean' : t === 'integer' ? Number.isInteger(v) : t === 'number' ? typeof v === 'number' : t === 'array' ? Array.isArray(v) : true;
      if (!ok) throw oktaErrorWith('E0000001', [k], { causes: [`${k}: Does not match required pattern`] });
    }
  }
}

function document(ctx: OpContext, kind: 'user' | 'group' | 'app', id: string, base: Record<string, Record<string, unknown>>, title: string) {
  const s = schemaState(ctx.tenant, kind === 'app' ? `app:${id}` : kind);
  const required = Object.entries(base).filter(([, p]) => p.required).map(([k]) => k);
  const baseProps = Object.fromEntries(Object.entries(base).map(([k, p]) => [k, Object.fromEntries(Object.entries(p).filter(([key]) => key !== 'required'))]));
  return {
    id: `${ctx.baseUrl}/meta/schemas/${kind === 'app' ? `apps/${id}` : kind}/${kind === 'app' ? 'default' : id}`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: kind === 'app' ? id : kind,
    title,
    description: kind === 'user' ? 'Okta user profile template with default permission settings' : kind === 'group' ? 'Okta group profile template' : 'App user profile',
    lastUpdated: s.lastUpdated,
    created: s.created,
    definitions: {
      custom: { id: '#custom', type: 'object', properties: structuredClone(s.custom), required: Object.entries(s.custom).filter(([, p]) => p.required).map(([k]) => k) },
      base: { id: '#base', type: 'object', properties: baseProps, required },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
  };
}

/** POST semantics: properties merge into `definitions.custom`; a property set to null is removed. */
function updateCustom(ctx: OpContext, kind: string, base: Record<string, unknown>): void {
  const body = bodyObject(ctx);
  const props = body.definitions?.custom?.properties;
  if (props !== undefined && (typeof props !== 'object' || Array.isArray(props))) throw oktaErrorWith('E0000003', [], {});
  const s = schemaState(ctx.tenant, kind);
  for (const [name, def] of Object.entries((props ?? {}) as Record<string, unknown>)) {
    if (name in base) throw validationError(name, 'A property with this name already exists in the base schema');
    if (def === null) {
      delete s.custom[name];
      continue;
    }
    const d = def as Record<string, unknown>;
    if (typeof d.title !== 'string' || !d.title) throw validationError(`${name}.title`, 'The field cannot be left blank');
    if (!['string', 'boolean', 'number', 'integer', 'array'].includes(String(d.type))) throw validationError(`${name}.type`, 'Does not match required pattern');
    s.custom[name] = { mutability: 'READ_WRITE', scope: 'NONE', permissions: [{ principal: 'SELF', action: 'READ_WRITE' }], ...d };
  }
  s.lastUpdated = nowIso(ctx);
  ctx.tenant.setMeta(stateKey(kind), s);
}

/** `default`, or the schema id (`osc…`) of a user type. */
function requireUserSchema(ctx: OpContext<{ schemaId: string }>): string {
  const id = ctx.params.schemaId;
  if (id === 'default') return id;
  defaultUserType(ctx.tenant);
  const typeExists = ctx.tenant.collection(KEYS.userTypes).has(`oty${id.slice(3)}`);
  if (!id.startsWith('osc') || !typeExists) throw notFound(id, 'UserSchema');
  return id;
}

export const schemaHandlers = {
  getUserSchema: (ctx) => ({ status: 200, body: document(ctx, 'user', requireUserSchema(ctx), BASE_USER, 'User') }),
  updateUserProfile: (ctx) => {
    const id = requireUserSchema(ctx);
    updateCustom(ctx, 'user', BASE_USER);
    return { status: 200, body: document(ctx, 'user', id, BASE_USER, 'User') };
  },
  getGroupSchema: (ctx) => ({ status: 200, body: document(ctx, 'group', 'default', BASE_GROUP, 'Okta group') }),
  updateGroupSchema: (ctx) => {
    updateCustom(ctx, 'group', BASE_GROUP);
    return { status: 200, body: document(ctx, 'group', 'default', BASE_GROUP, 'Okta group') };
  },
  getApplicationUserSchema: (ctx) => {
    const app = requireApp(ctx, ctx.params.appInstanceId);
    return { status: 200, body: document(ctx, 'app', app.id, { userName: str('Username', { required: true }) }, `${app.label} User`) };
  },
  updateApplicationUserProfile: (ctx) => {
    const app = requireApp(ctx, ctx.params.appInstanceId);
    updateCustom(ctx, `app:${app.id}`, { userName: {} });
    return { status: 200, body: document(ctx, 'app', app.id, { userName: str('Username', { required: true }) }, `${app.label} User`) };
  },
} satisfies Handlers;
