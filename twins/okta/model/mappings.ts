// Profile mappings Okta keeps automatically: each app's user profile ↔ the Okta user type, each identity provider's user profile → every user type.
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
 * Okta's own apps that carry no app-user profile, hence no mappings (no recorded mapping list or mapping read
 * names them, while every other app appears in both directions): the Admin Console, the Dashboard, the Browser Plugin.
 */
const NO_PROFILE_APPS = new Set(['saasure', 'okta_enduser', 'okta_browser_plugin']);

/**
 * The Okta Verify app (`Okta_Authenticator`) every Identity Engine org is made with: it is not listed among the
 * org's apps, but its profile is mapped both ways and its mappings come first in every recorded list
 * (okta-sdk-python cassettes test_profile_mapping_it: the app → user mapping sets `email` from `appuser.userName`).
 */
const OKTA_VERIFY = { name: 'Okta_Authenticator', toUser: { email: { expression: 'appuser.userName', pushStatus: 'DONT_PUSH' } } };
const oktaVerifyAppId = (tenant: Tenant) => tenant.meta<string>('okta:oktaVerifyApp', () => oktaId(tenant, '0oa'));

type Wanted = Map<string, { source: MappingEnd; target: MappingEnd; properties: MappingDoc['properties'] }>;

/** An app's two mappings, made together when the app is (Okta lists the app → user one first). */
function appPair(wanted: Wanted, app: { id: string; name: string }, type: { id: string; name: string }, toUser: MappingDoc['properties'] = {}): void {
  const a: MappingEnd = { id: app.id, name: app.name, type: 'appuser' };
  const u: MappingEnd = { id: type.id, name: type.name, type: 'user' };
  wanted.set(`${a.id}>${u.id}`, { source: a, target: u, properties: structuredClone(toUser) });
  wanted.set(`${u.id}>${a.id}`, { source: u, target: a, properties: {} });
}

/**
 * Brings the automatic mappings in line with the org: for the Okta Verify app and every app with a profile, one
 * from the app to the default user type and one back; one per identity provider and user type. Mappings whose
 * app, provider or type is gone go with them. Edited properties are kept.
 */
export function syncMappings(tenant: Tenant): ReturnType<Tenant['collection']> {
  const coll = tenant.collection<MappingDoc>(MAPPINGS);
  const types = tenant.collection(KEYS.userTypes).values() as Array<Doc & { name: string; default?: boolean }>;
  const apps = tenant.collection(KEYS.apps).values() as Array<Doc & { name: string }>;
  const idps = tenant.collection(KEYS.idps).values() as Array<Doc & { type: string }>;
  const wanted: Wanted = new Map();
  const defaultType = types.find((t) => t.default) ?? types[0];
  if (defaultType) {
    appPair(wanted, { id: oktaVerifyAppId(tenant), name: OKTA_VERIFY.name }, defaultType, OKTA_VERIFY.toUser);
    for (const a of apps) if (!NO_PROFILE_APPS.has(a.name)) appPair(wanted, a, defaultType);
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
