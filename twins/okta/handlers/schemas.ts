// Profile schemas: Okta's base user/group attributes plus custom ones (added through the schema API and enforced on profiles).
import type { OpContext } from '../../../src/core/handler.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { KEYS, groups, users } from '../store.js';
import { bodyObject, nowIso, requireApp } from './common.js';
import { defaultUserType } from './user-types.js';
import type { Handlers } from '../generated/operations.js';

type Action = 'READ_WRITE' | 'READ_ONLY' | 'HIDE';
/** A base attribute as Okta's profile schemas write it: mastered by the profile master, the end user's own access in `permissions`. */
const str = (title: string, self: Action, extra: Record<string, unknown> = {}) => ({
  title, type: 'string', mutability: 'READ_WRITE', scope: 'NONE', permissions: [{ principal: 'SELF', action: self }], master: { type: 'PROFILE_MASTER' }, ...extra,
});

/**
 * Okta's base user profile attributes with the default end-user permissions, formats and `required` flags
 * (Okta user profile "Default profile properties"; terraform and okta-sdk-python cassettes of GET /meta/schemas/user/default).
 */
export const BASE_USER: Record<string, Record<string, unknown>> = {
  login: str('Username', 'READ_ONLY', { required: true, minLength: 5, maxLength: 100 }),
  firstName: str('First name', 'READ_WRITE', { required: true, minLength: 1, maxLength: 50 }),
  lastName: str('Last name', 'READ_WRITE', { required: true, minLength: 1, maxLength: 50 }),
  middleName: str('Middle name', 'READ_ONLY'), honorificPrefix: str('Honorific prefix', 'READ_ONLY'), honorificSuffix: str('Honorific suffix', 'READ_ONLY'),
  email: str('Primary email', 'READ_WRITE', { required: true, format: 'email' }),
  title: str('Title', 'READ_ONLY'), displayName: str('Display name', 'READ_ONLY'), nickName: str('Nickname', 'READ_ONLY'), profileUrl: str('Profile Url', 'READ_ONLY', { format: 'uri' }),
  secondEmail: str('Secondary email', 'READ_WRITE', { format: 'email' }), mobilePhone: str('Mobile phone', 'READ_WRITE', { maxLength: 100 }), primaryPhone: str('Primary phone', 'HIDE', { maxLength: 100 }),
  streetAddress: str('Street address', 'HIDE'), city: str('City', 'HIDE'), state: str('State', 'HIDE'), zipCode: str('Zip code', 'HIDE'), countryCode: str('Country code', 'HIDE', { format: 'country-code' }),
  postalAddress: str('Postal Address', 'HIDE'), preferredLanguage: str('Preferred language', 'READ_ONLY', { format: 'language-code' }), locale: str('Locale', 'READ_ONLY', { format: 'locale' }),
  timezone: str('Time zone', 'READ_ONLY', { format: 'timezone' }), userType: str('User type', 'READ_ONLY'), employeeNumber: str('Employee number', 'READ_ONLY'), costCenter: str('Cost center', 'READ_ONLY'),
  organization: str('Organization', 'READ_ONLY'), division: str('Division', 'READ_ONLY'), department: str('Department', 'READ_ONLY'), managerId: str('ManagerId', 'READ_ONLY'), manager: str('Manager', 'READ_ONLY'),
};

/** Okta's base group profile (okta-sdk-python cassettes of GET /meta/schemas/group/default). */
const BASE_GROUP: Record<string, Record<string, unknown>> = {
  name: str('Name', 'READ_WRITE', { description: 'Name', required: true, maxLength: 255 }),
  description: str('Description', 'READ_WRITE', { description: 'Description', maxLength: 1024 }),
};

/** An app user attribute: no profile-master or end-user permissions of its own (terraform cassettes of the app user schema API). */
const appStr = (title: string, extra: Record<string, unknown> = {}) => ({ title, type: 'string', scope: 'NONE', ...extra });
const oidcClaim = (title: string, description: string, externalName?: string) => ({ title, description, type: 'string', ...(externalName ? { externalName } : {}), scope: 'SELF' });

/**
 * The base of an app's user profile: an OpenID Connect client's is the standard claim set (OpenID Connect Core 5.1;
 * terraform cassettes of GET /meta/schemas/apps/{oidc app}/default), any other app's is its username.
 */
function appBase(signOnMode: string | undefined): Record<string, Record<string, unknown>> {
  if (signOnMode !== 'OPENID_CONNECT') return { userName: appStr('Username', { required: true }) };
  return {
    userName: { title: 'Username', type: 'string', required: true, externalName: 'preferred_username', scope: 'SELF' },
    name: oidcClaim('Name', "End-User's full name in displayable form."),
    nickname: oidcClaim('Nickname', 'Casual name of the End-User (may or may not be the same as the given_name)'),
    given_name: oidcClaim('Given Name', 'Given name or first name of the End-User.'),
    middle_name: oidcClaim('Middle Name', 'Middle name of the End-User.'),
    family_name: oidcClaim('Family Name', 'Surname or last name of the End-User.'),
    email: oidcClaim('Email', "End-User's preferred e-mail address."),
    profile: oidcClaim('Profile URL', "URL of the End-User's profile page."),
    picture: oidcClaim('Picture URL', "URL of the End-User's profile picture."),
    website: oidcClaim('Website', "URL of the End-User's Web page or blog."),
    gender: oidcClaim('Gender', "End-User's gender."),
    birthdate: oidcClaim('Birthdate', "End-User's birthday, represented as an ISO 8601:2004 YYYY-MM-DD format."),
    zoneinfo: oidcClaim('Time Zone', "String representing the End-User's time zone."),
    locale: oidcClaim('Locale Name', "ISO3166\u20111 country code in uppercase, separated by a dash (e.g. 'en-US')"),
    phone_number: oidcClaim('Phone Number', "End-User's preferred telephone number in E.164 format."),
    street_address: oidcClaim('Street Address', 'Full street address component.', 'address.street_address'),
    locality: oidcClaim('Locality', 'City or locality component.', 'address.locality'),
    region: oidcClaim('Region', 'State, province, prefecture, or region component.', 'address.region'),
    postal_code: oidcClaim('Postal Code', 'Zip code or postal code component.', 'address.postal_code'),
    country: oidcClaim('Country', 'Country name component.', 'address.country'),
    formatted: oidcClaim('Formatted', 'Full mailing address, formatted for display.', 'address.formatted'),
  };
}

interface SchemaState {
  custom: Record<string, Record<string, unknown>>;
  /** Base attributes whose `required` flag a base update changed. */
  baseRequired?: Record<string, boolean>;
  created: string;
  lastUpdated: string;
}

const stateKey = (kind: string) => `okta:schema:${kind}`;

/** The default user schema's key, read by every user create and profile update. */
const USER_STATE = stateKey('user');

function schemaState(tenant: Tenant, kind: string): SchemaState {
  return tenant.meta<SchemaState>(kind === 'user' ? USER_STATE : stateKey(kind), () => ({ custom: {}, created: tenant.now().toISOString(), lastUpdated: tenant.now().toISOString() }));
}

/** Custom user attributes the org has defined (profiles may only use base + these). */
export function customUserAttributes(tenant: Tenant): Record<string, Record<string, unknown>> {
  return schemaState(tenant, 'user').custom;
}

/**
 * The state key of a user schema: each user type has a schema of its own, and a new type's starts with the base
 * attributes only, not the default type's custom ones (okta-sdk-nodejs test/it user-schema.ts, run against an org whose
 * default schema has a custom attribute, expects a new type's `definitions.custom.properties` to be empty).
 */
function userSchemaKind(tenant: Tenant, schemaId: string): string {
  return schemaId === 'default' || schemaId === `osc${defaultUserType(tenant).id.slice(3)}` ? 'user' : `user:${schemaId}`;
}

/**
 * Custom attributes a profile may use: the default type's and those of the org's other user types (the profile check
 * does not know the user's type, so an attribute any type defines is accepted).
 */
function profileAttributes(tenant: Tenant): Record<string, Record<string, unknown>> {
  const own = customUserAttributes(tenant);
  // Read only: an org with the default user type alone (most) answers the default schema's attributes uncopied.
  let all: Record<string, Record<string, unknown>> | undefined;
  for (const t of tenant.collection(KEYS.userTypes).iterate()) {
    if (t.default === true) continue;
    all ??= { ...own };
    for (const [k, v] of Object.entries(schemaState(tenant, userSchemaKind(tenant, `osc${t.id.slice(3)}`)).custom)) all[k] ??= v;
  }
  return all ?? own;
}

/** Okta refuses profile properties the schema does not define. */
export function checkProfileAttributes(tenant: Tenant, profile: Record<string, unknown>): void {
  const custom = profileAttributes(tenant);
  // Own keys in Object.entries' order, without its array of pairs (every create and profile update asks).
  for (const k in profile) {
    if (!Object.hasOwn(profile, k)) continue;
    const v = profile[k];
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

type Kind = 'user' | 'group' | 'app';

/**
 * A custom attribute as Okta answers it: `required` only when true; an app user attribute keeps neither
 * `master` nor end-user `permissions`, and `union` only on an array (terraform cassettes: what the app user schema
 * API answers to an attribute sent with master, permissions, required:false and union:DISABLE).
 */
function presentCustom(kind: Kind, p: Record<string, unknown>): Record<string, unknown> {
  const { required, ...rest } = p;
  const out: Record<string, unknown> = required === true ? { ...rest, required } : rest;
  if (kind === 'app') {
    for (const k of ['master', 'permissions', 'mutability']) delete out[k];
    if (out.type !== 'array') delete out.union;
  }
  return out;
}

/** The user schema's links: itself under the user type's schema id, and the type (terraform cassettes). */
function schemaLinks(ctx: OpContext, kind: Kind, id: string): Record<string, unknown> | undefined {
  const link = (rel: string, href: string) => ({ rel, href, method: 'GET' });
  if (kind === 'group') return { self: link('self', `${ctx.baseUrl}/api/v1/meta/schemas/group/default`) };
  if (kind !== 'user') return undefined;
  const typeId = id === 'default' ? defaultUserType(ctx.tenant).id : `oty${id.slice(3)}`;
  return { self: link('self', `${ctx.baseUrl}/api/v1/meta/schemas/user/osc${typeId.slice(3)}`), type: link('type', `${ctx.baseUrl}/api/v1/meta/types/user/${typeId}`) };
}

function document(ctx: OpContext, kind: Kind, id: string, base: Record<string, Record<string, unknown>>, title: string) {
  const s = schemaState(ctx.tenant, kind === 'app' ? `app:${id}` : kind === 'user' ? userSchemaKind(ctx.tenant, id) : kind);
  const baseProps = withRequired(base, s.baseRequired);
  const required = Object.entries(baseProps).filter(([, p]) => p.required).map(([k]) => k);
  const names = Object.keys(s.custom);
  // `definitions.custom.required` is only written once the org has custom attributes (cassettes of an untouched schema leave it out).
  const custom = {
    id: '#custom', type: 'object', properties: Object.fromEntries(names.map((k) => [k, presentCustom(kind, structuredClone(s.custom[k]))])),
    ...(names.length ? { required: names.filter((k) => s.custom[k].required === true) } : {}),
  };
  const links = schemaLinks(ctx, kind, id);
  return {
    id: `${ctx.baseUrl}/meta/schemas/${kind === 'app' ? `apps/${id}` : kind}/${kind === 'app' ? 'default' : id}`,
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: kind === 'app' ? id : kind,
    title,
    ...(kind === 'app' ? {} : { description: kind === 'user' ? 'Okta user profile template with default permission settings' : 'Okta group profile template' }),
    lastUpdated: s.lastUpdated,
    created: s.created,
    definitions: { custom, base: { id: '#base', type: 'object', properties: baseProps, required } },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
    ...(links ? { _links: links } : {}),
  };
}

/** The base attributes with the org's `required` choices applied; Okta writes `required` only when true. */
function withRequired(base: Record<string, Record<string, unknown>>, overrides: Record<string, boolean> = {}): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(base).map(([k, p]) => {
    const { required, ...rest } = structuredClone(p);
    const on = overrides[k] ?? required === true;
    return [k, on ? { ...rest, required: true } : rest];
  }));
}

/** A custom attribute taken out of the schema leaves every profile too (terraform cassettes: the user read after the removal lacks it). */
function dropAttribute(tenant: Tenant, kind: string, name: string): void {
  const strip = <T extends { id: string; profile: object }>(coll: { values(): T[]; patch(id: string, p: Partial<T>): unknown }) => {
    for (const doc of coll.values()) {
      if (!(name in doc.profile)) continue;
      const profile = { ...doc.profile } as Record<string, unknown>;
      delete profile[name];
      coll.patch(doc.id, { profile } as Partial<T>);
    }
  };
  if (kind === 'user') strip(users(tenant));
  else if (kind === 'group') strip(groups(tenant));
}

/** POST semantics: properties merge into `definitions.custom`; a property set to null is removed. */
function updateCustom(ctx: OpContext, kind: string, base: Record<string, unknown>): void {
  const body = bodyObject(ctx);
  const props = body.definitions?.custom?.properties;
  if (props !== undefined && (typeof props !== 'object' || Array.isArray(props))) throw oktaErrorWith('E0000003', [], {});
  const s = schemaState(ctx.tenant, kind);
  // A base attribute is Okta's own: an update may only make it required or optional (terraform okta_app_user_base_schema_property).
  const baseUpdate = body.definitions?.base?.properties;
  if (baseUpdate && typeof baseUpdate === 'object') {
    for (const [name, def] of Object.entries(baseUpdate as Record<string, unknown>)) {
      if (!(name in base)) throw validationError(name, 'The base schema has no such property');
      const req = def && typeof def === 'object' ? (def as Record<string, unknown>).required : undefined;
      if (typeof req === 'boolean') s.baseRequired = { ...s.baseRequired, [name]: req };
    }
  }
  for (const [name, def] of Object.entries((props ?? {}) as Record<string, unknown>)) {
    if (name in base) throw validationError(name, 'A property with this name already exists in the base schema');
    if (def === null) {
      delete s.custom[name];
      dropAttribute(ctx.tenant, kind, name);
      continue;
    }
    const d = def as Record<string, unknown>;
    if (typeof d.title !== 'string' || !d.title) throw validationError(`${name}.title`, 'The field cannot be left blank');
    if (!['string', 'boolean', 'number', 'integer', 'array'].includes(String(d.type))) throw validationError(`${name}.type`, 'Does not match required pattern');
    // A group attribute is mastered by the profile master unless told otherwise; a user attribute only when sent (okta-sdk-python and terraform cassettes).
    const master = kind === 'group' ? { master: { type: 'PROFILE_MASTER' } } : {};
    s.custom[name] = { mutability: 'READ_WRITE', scope: 'NONE', permissions: [{ principal: 'SELF', action: 'READ_WRITE' }], ...master, ...d };
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
    updateCustom(ctx, userSchemaKind(ctx.tenant, id), BASE_USER);
    return { status: 200, body: document(ctx, 'user', id, BASE_USER, 'User') };
  },
  getGroupSchema: (ctx) => ({ status: 200, body: document(ctx, 'group', 'default', BASE_GROUP, 'Okta group') }),
  updateGroupSchema: (ctx) => {
    updateCustom(ctx, 'group', BASE_GROUP);
    return { status: 200, body: document(ctx, 'group', 'default', BASE_GROUP, 'Okta group') };
  },
  getApplicationUserSchema: (ctx) => {
    const app = requireApp(ctx, ctx.params.appInstanceId);
    return { status: 200, body: document(ctx, 'app', app.id, appBase(app.signOnMode), `${app.label} User`) };
  },
  updateApplicationUserProfile: (ctx) => {
    const app = requireApp(ctx, ctx.params.appInstanceId);
    const base = appBase(app.signOnMode);
    updateCustom(ctx, `app:${app.id}`, base);
    return { status: 200, body: document(ctx, 'app', app.id, base, `${app.label} User`) };
  },
} satisfies Handlers;
