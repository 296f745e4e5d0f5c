// Per-app settings beyond the app object: the ID token issuer settings of OIDC apps and the app logo.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, validationError } from '../errors.js';
import { apps, type AppDoc } from '../store.js';
import type { Handlers } from '../generated/operations.js';
import { bodyObject, requireApp } from './common.js';

const MODES = ['ORG_URL', 'CUSTOM_URL', 'DYNAMIC'];

/** The ID token's groups or expression claim an app can carry (`valueType`, `name`, `value`, `groupFilterType` for groups). */
const CLAIM_FIELDS = ['valueType', 'name', 'groupFilterType', 'value'];

/** An app with a custom OAuth client: catalog and non-OIDC apps have none, and Okta answers 404 naming an OAuth2AppInstance (terraform cassettes). */
function requireOAuthApp(ctx: OpContext, appId: string): AppDoc {
  const app = requireApp(ctx, appId);
  if (!app.settings?.oauthClient) throw notFound(appId, 'OAuth2AppInstance');
  return app;
}

/**
 * Issuer settings as Okta reports them: a read answers the org URL as issuer and the client id as audience, a write
 * answers both null; either carries the app's ID token claim when one is set (terraform cassettes: okta_app_oauth's
 * groups_claim, `{"valueType":"GROUPS","groupFilterType":"REGEX","name":"groups","value":".*"}`).
 */
function idTokenView(ctx: OpContext, app: AppDoc, written = false) {
  const mode = String(app.settings?.oauthClient?.issuer_mode ?? 'ORG_URL');
  const issuer = written ? null : ctx.baseUrl;
  const audience = written ? null : String(app.credentials?.oauthClient?.client_id ?? app.id);
  return { issuer, orgUrl: null, customUrl: null, audience, issuerMode: mode, ...(app.idTokenClaim as Record<string, unknown> | undefined) };
}

export const appSettingHandlers = {
  getApplicationIdTokenSettings: (ctx) => ({ status: 200, body: idTokenView(ctx, requireOAuthApp(ctx, ctx.params.appId)) }),
  replaceApplicationIdTokenSettings: (ctx) => {
    const app = requireOAuthApp(ctx, ctx.params.appId);
    const body = bodyObject(ctx);
    if (body.issuerMode !== undefined && body.issuerMode !== null && !MODES.includes(body.issuerMode)) throw validationError('issuerMode', 'Does not match required pattern');
    const claim = Object.fromEntries(CLAIM_FIELDS.filter((k) => typeof body[k] === 'string').map((k) => [k, body[k]]));
    const next = apps(ctx.tenant).patch(app.id, {
      settings: { ...app.settings, oauthClient: { ...app.settings!.oauthClient, ...(body.issuerMode ? { issuer_mode: body.issuerMode } : {}) } },
      ...(Object.keys(claim).length ? { idTokenClaim: claim } : {}),
    })!;
    return { status: 200, body: idTokenView(ctx, next, true) };
  },
  // The logo is kept as an org file; the app's `logo` link then names it (terraform cassettes: `/fs/bco/4/<id>`).
  uploadApplicationLogo: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    if (!ctx.rawBody.length || !/multipart\/form-data/i.test(ctx.headers.get('content-type') ?? '')) throw validationError('file', 'The field cannot be left blank');
    apps(ctx.tenant).patch(app.id, { logoFileId: `gfs${ctx.tenant.random.chars(17)}` });
    return { status: 201 };
  },
} satisfies Handlers;
