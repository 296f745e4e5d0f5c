// Per-app settings beyond the app object: the ID token issuer settings of OIDC apps and the app logo.
import type { OpContext } from '../../../src/core/handler.js';
import { validationError } from '../errors.js';
import { apps } from '../store.js';
import type { Handlers } from '../generated/operations.js';
import { bodyObject, requireApp } from './common.js';

const MODES = ['ORG_URL', 'CUSTOM_URL', 'DYNAMIC'];

/** Issuer settings as Okta reports them: the org URL as issuer and the client id as audience (terraform cassettes). */
function idTokenView(ctx: OpContext, appId: string) {
  const app = requireApp(ctx, appId);
  const mode = String(app.settings?.oauthClient?.issuer_mode ?? 'ORG_URL');
  return { issuer: ctx.baseUrl, orgUrl: null, customUrl: null, audience: String(app.credentials?.oauthClient?.client_id ?? app.id), issuerMode: mode };
}

export const appSettingHandlers = {
  getApplicationIdTokenSettings: (ctx) => ({ status: 200, body: idTokenView(ctx, ctx.params.appId) }),
  replaceApplicationIdTokenSettings: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    const body = bodyObject(ctx);
    if (body.issuerMode !== undefined && body.issuerMode !== null && !MODES.includes(body.issuerMode)) throw validationError('issuerMode', 'Does not match required pattern');
    if (body.issuerMode && app.settings?.oauthClient) apps(ctx.tenant).patch(app.id, { settings: { ...app.settings, oauthClient: { ...app.settings.oauthClient, issuer_mode: body.issuerMode } } });
    return { status: 200, body: idTokenView(ctx, app.id) };
  },
  // The logo is kept as an org file; the app's `logo` link then names it (terraform cassettes: `/fs/bco/4/<id>`).
  uploadApplicationLogo: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    if (!ctx.rawBody.length || !/multipart\/form-data/i.test(ctx.headers.get('content-type') ?? '')) throw validationError('file', 'The field cannot be left blank');
    apps(ctx.tenant).patch(app.id, { logoFileId: `gfs${ctx.tenant.random.chars(17)}` });
    return { status: 201 };
  },
} satisfies Handlers;
