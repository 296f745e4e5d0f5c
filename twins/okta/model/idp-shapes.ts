// What Okta fills in on an identity provider it stores: policy defaults, a social provider's endpoints, a SAML IdP's audience and signing key.
import type { Tenant } from '../../../src/core/tenant.js';

type Obj = Record<string, any>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/**
 * The endpoints Okta answers for a social IdP created without any (terraform cassettes: okta_idp_social for Google,
 * Facebook and Microsoft send only client credentials and scopes). These are the providers' public OAuth endpoints.
 */
const SOCIAL_ENDPOINTS: Record<string, Obj> = {
  GOOGLE: { authorization: { url: 'https://accounts.google.com/o/oauth2/auth', binding: 'HTTP-REDIRECT' }, token: { url: 'https://www.googleapis.com/oauth2/v3/token', binding: 'HTTP-POST' } },
  FACEBOOK: { authorization: { url: 'https://www.facebook.com/dialog/oauth', binding: 'HTTP-REDIRECT' }, token: { url: 'https://graph.facebook.com/v2.8/oauth/access_token', binding: 'HTTP-POST' } },
  MICROSOFT: {
    authorization: { url: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize', binding: 'HTTP-REDIRECT' },
    token: { url: 'https://login.microsoftonline.com/common/oauth2/v2.0/token', binding: 'HTTP-POST' },
  },
};

/** Generic SAML and OIDC IdPs can trust claims; social ones do not carry the flag (terraform cassettes). */
const GENERIC = new Set(['SAML2', 'OIDC']);

/** The IdP policy with Okta's defaults under what was given, one level deep (accountLink, subject, provisioning). */
export function idpPolicy(type: string, given: unknown, previous?: Obj): Obj {
  const p = { ...obj(previous), ...obj(given) };
  const prov = obj(p.provisioning);
  return {
    ...p,
    provisioning: {
      action: 'AUTO', profileMaster: false, ...prov,
      groups: { action: 'NONE', ...obj(prov.groups) },
      conditions: { deprovisioned: { action: 'NONE' }, suspended: { action: 'NONE' }, ...obj(prov.conditions) },
    },
    accountLink: { filter: null, action: 'AUTO', ...obj(p.accountLink) },
    subject: { userNameTemplate: { template: 'idpuser.email' }, filter: null, matchType: 'USERNAME', matchAttribute: null, ...obj(p.subject) },
    maxClockSkew: p.maxClockSkew ?? 0,
    ...(GENERIC.has(type) ? { trustClaims: p.trustClaims ?? false } : {}),
    transformedUsernameMatchingEnabled: p.transformedUsernameMatchingEnabled ?? false,
  };
}

/** The protocol as Okta stores it; `signingKid` gives a SAML IdP the key it signs requests with. */
export function idpProtocol(tenant: Tenant, type: string, given: unknown, signingKid: () => string): Obj {
  const p: Obj = structuredClone(obj(given));
  const client = obj(obj(p.credentials).client);
  // An unset PKCE flag is not stored (terraform sends `"pkce_required": null`).
  if ('pkce_required' in client && client.pkce_required == null) delete client.pkce_required;
  if (SOCIAL_ENDPOINTS[type] && !p.endpoints) p.endpoints = structuredClone(SOCIAL_ENDPOINTS[type]);
  // A generic OIDC IdP answers its settings with `nameFormat` null, and a single-logout endpoint given without a binding
  // is a redirect (terraform cassettes: okta_idp_oidc create/read, `slo: {url}` → `{url, binding: "HTTP-REDIRECT"}`).
  // `honorPersistentNameId` is a SAML setting: an OIDC IdP does not keep it (recorded PUT with it answers without).
  if (type === 'OIDC') {
    const { honorPersistentNameId: _h, ...settings } = obj(p.settings);
    p.settings = { nameFormat: null, ...settings };
  }
  const slo = obj(p.endpoints).slo;
  if (slo && typeof slo === 'object' && typeof slo.url === 'string' && slo.binding === undefined) slo.binding = 'HTTP-REDIRECT';
  if (type === 'SAML2') {
    const creds = (p.credentials = obj(p.credentials));
    // Okta's service-provider audience for the IdP, `…/service-provider/sp` and 18 lowercase letters.
    creds.trust = { audience: `https://www.okta.com/saml2/service-provider/sp${tenant.random.chars(18, 'abcdefghijklmnopqrstuvwxyz')}`, revocation: null, revocationCacheLifetime: 0, ...obj(creds.trust) };
    creds.signing = { kid: signingKid(), ...obj(creds.signing) };
  }
  return p;
}
