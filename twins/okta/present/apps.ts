// An app as Okta returns it: logo, appLinks, groups/users and lifecycle links on the caller's origin.
// The copies are shallow: the engine serializes a reply before anything else can touch it.
import type { OpContext } from '../../../src/core/handler.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { orgId } from '../model/org.js';
import { KEYS, type AppDoc } from '../store.js';

/** The org's system policy of a type (the default access and profile enrollment policies every app starts with). */
function systemPolicyId(t: Tenant, type: string): string | undefined {
  return t.collection(KEYS.policies).find((p) => p.type === type && p.system === true)?.id;
}

const hasJwks = (a: AppDoc): boolean => Array.isArray(a.settings?.oauthClient?.jwks?.keys) && a.settings.oauthClient.jwks.keys.length > 0;

/**
 * An app as Okta answers it. A client secret is answered only by the create and replace that set it;
 * reads leave it out (terraform cassettes 2026: OIDC apps' GET never carries `client_secret`).
 */
export function presentApp(ctx: Pick<OpContext, 'baseUrl' | 'tenant'>, a: AppDoc, opts: { withSecret?: boolean } = {}): Record<string, unknown> {
  const self = `${ctx.baseUrl}/api/v1/apps/${a.id}`;
  const { accessPolicyId, logoFileId, idTokenClaim: _claim, ...doc } = { ...a } as AppDoc & { accessPolicyId?: string; logoFileId?: string; idTokenClaim?: unknown };
  // Okta's resource name: `orn:<partition>:idp:<org id>:apps:<app name>:<app id>` (terraform cassettes, production partition).
  const { id: _id, ...rest } = doc;
  const out: Record<string, unknown> = { id: a.id, orn: `orn:okta:idp:${orgId(ctx.tenant)}:apps:${a.name}:${a.id}`, ...rest };
  const oauthClient = a.credentials?.oauthClient as Record<string, unknown> | undefined;
  if (!opts.withSecret && oauthClient && 'client_secret' in oauthClient) {
    const { client_secret: _secret, ...client } = oauthClient;
    out.credentials = { ...a.credentials, oauthClient: client };
  }
  const linkNames = Object.keys(((a.visibility as Record<string, unknown> | undefined)?.appLinks as Record<string, unknown> | undefined) ?? { login: true });
  const enrollment = systemPolicyId(ctx.tenant, 'PROFILE_ENROLLMENT');
  const access = accessPolicyId ?? systemPolicyId(ctx.tenant, 'ACCESS_POLICY');
  const saml = a.signOnMode === 'SAML_2_0';
  // A catalog (OIN) OIDC app: its client lives with the integration, yet its secrets are linked (terraform cassettes).
  const catalogOidc = a.signOnMode === 'OPENID_CONNECT' && a.name !== 'oidc_client';
  out._links = {
    // SAML 2.0 apps link their setup instructions and their IdP metadata (terraform cassettes, SAML_2_0 apps);
    // catalog OIDC apps link the integration's external setup document.
    ...(saml ? { help: { href: `${ctx.baseUrl}/app/${a.name}/${a.id}/setup/help/SAML_2_0/instructions`, type: 'text/html' }, metadata: { href: `${self}/sso/saml/metadata`, type: 'application/xml' } } : {}),
    ...(catalogOidc ? { help: { href: `${ctx.baseUrl}/app/${a.name}/${a.id}/setup/help/OPENID_CONNECT/external-doc`, type: 'text/html' } } : {}),
    uploadLogo: { href: `${self}/logo`, hints: { allow: ['POST'] } },
    appLinks: linkNames.map((name) => ({ name, href: `${ctx.baseUrl}/home/${a.name}/${a.id}/${name === 'login' ? 'login' : `aln${a.id.slice(3)}`}`, type: 'text/html' })),
    ...(enrollment ? { profileEnrollment: { href: `${ctx.baseUrl}/api/v1/policies/${enrollment}` } } : {}),
    policies: { href: `${self}/policies`, hints: { allow: ['PUT'] } },
    groups: { href: `${self}/groups` },
    logo: [{ name: 'medium', href: logoFileId ? `${ctx.baseUrl}/fs/bco/4/${logoFileId}` : `${ctx.baseUrl}/assets/img/logos/default.png`, type: 'image/png' }],
    ...(access ? { accessPolicy: { href: `${ctx.baseUrl}/api/v1/policies/${access}` } } : {}),
    // A client with secrets links them, one with public keys links those (terraform cassettes: `clientCredentials:
    // [{name: 'secrets'}]`, and `[{name: 'jwks'}]` for private_key_jwt service apps).
    ...((oauthClient && typeof oauthClient.client_secret === 'string') || catalogOidc
      ? { clientCredentials: [{ name: 'secrets', href: `${self}/credentials/secrets` }] }
      : hasJwks(a)
        ? { clientCredentials: [{ name: 'jwks', href: `${self}/credentials/jwks` }] }
        : {}),
    users: { href: `${self}/users` },
    // The one lifecycle move the app's status allows (terraform and okta-sdk-python cassettes: 768 ACTIVE answers link
    // only `deactivate`, 162 INACTIVE ones only `activate`).
    ...(a.status === 'INACTIVE' ? { activate: { href: `${self}/lifecycle/activate` } } : { deactivate: { href: `${self}/lifecycle/deactivate` } }),
  };
  return out;
}
