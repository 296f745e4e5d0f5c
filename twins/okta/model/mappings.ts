// Profile mappings Okta keeps automatically: Okta user type → each app's user profile, each identity provider's user profile → every user type.
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { KEYS, oktaId } from '../store.js';

export const MAPPINGS = '/api/v1/mappings';

export interface MappingEnd {
  id: string;
  name: string;
  type: 'user' | 'appuser';
}

export interface MappingDoc extends Doc {
  source: MappingEnd;
  target: MappingEnd;
  properties: Record<string, { expression: string; pushStatus: string }>;
}

/**
 * What an identity provider's users map to in an Okta profile when the mapping is made (terraform cassettes,
 * getProfileMapping for an IdP source): names, email and phone from the same attributes, the login from the IdP username.
 */
const IDP_TO_USER = {
  firstName: { expression: 'source.firstName', pushStatus: 'PUSH' },
  lastName: { expression: 'source.lastName', pushStatus: 'PUSH' },
  email: { expression: 'source.email', pushStatus: 'PUSH' },
  mobilePhone: { expression: 'source.mobilePhone', pushStatus: 'PUSH' },
  login: { expression: 'source.userName', pushStatus: 'PUSH' },
};

/** The name an identity provider's profile goes by in mappings (`saml_idp` for SAML 2.0, the protocol's otherwise). */
const idpProfileName = (type: string) => (type === 'SAML2' ? 'saml_idp' : type === 'OIDC' ? 'oidc_idp' : type.toLowerCase());

/**
 * Brings the automatic mappings in line with the org: one per app (from the default user type) and one per
 * identity provider and user type; mappings whose app, provider or type is gone go with them. Edited
 * properties are kept.
 */
export function syncMappings(tenant: Tenant): ReturnType<Tenant['collection']> {
  const coll = tenant.collection<MappingDoc>(MAPPINGS);
  const types = tenant.collection(KEYS.userTypes).values() as Array<Doc & { name: string; default?: boolean }>;
  const apps = tenant.collection(KEYS.apps).values() as Array<Doc & { name: string }>;
  const idps = tenant.collection(KEYS.idps).values() as Array<Doc & { type: string }>;
  const wanted = new Map<string, { source: MappingEnd; target: MappingEnd; properties: MappingDoc['properties'] }>();
  const defaultType = types.find((t) => t.default) ?? types[0];
  if (defaultType) {
    for (const a of apps) wanted.set(`${defaultType.id}>${a.id}`, { source: { id: defaultType.id, name: defaultType.name, type: 'user' }, target: { id: a.id, name: a.name, type: 'appuser' }, properties: {} });
  }
  for (const i of idps) {
    for (const t of types) wanted.set(`${i.id}>${t.id}`, { source: { id: i.id, name: idpProfileName(i.type), type: 'appuser' }, target: { id: t.id, name: t.name, type: 'user' }, properties: structuredClone(IDP_TO_USER) });
  }
  const have = new Map(coll.values().map((m) => [`${m.source.id}>${m.target.id}`, m]));
  for (const [key, m] of have) if (!wanted.has(key)) coll.delete(m.id);
  for (const [key, w] of wanted) if (!have.has(key)) coll.put({ id: oktaId(tenant, 'prm'), ...w });
  return coll;
}

/** Applies an update: each named property is replaced, a null one removed (Profile Mappings API, updateProfileMapping). */
export function updateMappingProperties(m: MappingDoc, properties: Record<string, unknown>): MappingDoc {
  const next = structuredClone(m);
  for (const [k, v] of Object.entries(properties)) {
    if (v === null) delete next.properties[k];
    else next.properties[k] = { pushStatus: 'DONT_PUSH', ...(v as { expression: string; pushStatus?: string }) } as { expression: string; pushStatus: string };
  }
  return next;
}
