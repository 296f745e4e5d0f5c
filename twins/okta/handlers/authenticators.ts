// The Authenticators API: an org's authenticators listed by name, created once per built-in key, replaced without losing settings.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { oktaErrorWith } from '../errors.js';
import { authenticatorTypeOf, MULTI_INSTANCE_KEYS } from '../model/authenticators.js';
import { presentGeneric } from '../present/status-resources.js';
import type { Handlers } from '../generated/operations.js';
import { resource } from './status-resources.js';

export const AUTHENTICATORS = '/api/v1/authenticators';

/** Request-only flags Okta reads and never stores (`agreeToTerms` for custom app authenticators). */
const REQUEST_ONLY = ['agreeToTerms'];

/**
 * Okta's defaults on create and replace: the type follows the key; a custom app authenticator's OAuth client is its app
 * instance (`settings.oauthClientId`); a replace without `settings` keeps the stored ones (okta-sdk-python cassette
 * test_authenticator_lifecycle: PUT {key,name,type} answers the email authenticator's settings unchanged).
 */
function authenticatorDefaults(doc: Record<string, unknown>, body: Record<string, unknown>, prev?: Record<string, unknown>): void {
  for (const f of REQUEST_ONLY) delete doc[f];
  const type = authenticatorTypeOf(String(doc.key));
  if (type) doc.type = type;
  if (body.settings === undefined && prev?.settings !== undefined) doc.settings = structuredClone(prev.settings);
  const settings = doc.settings as Record<string, unknown> | undefined;
  if (doc.key === 'custom_app' && settings && typeof settings.appInstanceId === 'string') settings.oauthClientId = settings.appInstanceId;
}

const base = resource({
  collection: AUTHENTICATORS, prefix: 'aut', param: 'authenticatorId', typeName: 'Authenticator', required: ['key', 'name'], immutable: ['key', 'type'], search: ['name'],
  ops: { create: 'createAuthenticator', get: 'getAuthenticator', replace: 'updateAuthenticator', activate: 'activateAuthenticator', deactivate: 'deactivateAuthenticator' },
  extra: authenticatorDefaults,
});

export const authenticatorHandlers = {
  ...base,
  /** Every authenticator, unpaged, ordered by name regardless of case (as recorded Okta lists are). */
  listAuthenticators: (ctx) => {
    const all = ctx.tenant.collection<Doc & { name?: string }>(AUTHENTICATORS).values();
    const sorted = [...all].sort((a, b) => String(a.name ?? '').localeCompare(String(b.name ?? ''), 'en', { sensitivity: 'base' }));
    return { status: 200, body: sorted.map((d) => presentGeneric(ctx, d, AUTHENTICATORS)) };
  },
  /**
   * A built-in key names one authenticator per org: creating a second is refused as Okta refuses it (okta-sdk-python
   * cassette test_authenticator_lifecycle, POST okta_email → 400 E0000001); custom app, custom OTP and IdP
   * authenticators may be many.
   */
  createAuthenticator: (ctx: OpContext) => {
    const key = (ctx.body as Record<string, unknown> | undefined)?.key;
    if (typeof key === 'string' && !MULTI_INSTANCE_KEYS.has(key) && ctx.tenant.collection<Doc & { key?: string }>(AUTHENTICATORS).find((a) => a.key === key)) {
      throw oktaErrorWith('E0000001', ['com.okta.services.factors.iface.dto.AuthenticatorCatalog'], { causes: ['The field has an invalid value'] });
    }
    return base.createAuthenticator(ctx);
  },
} satisfies Handlers;
