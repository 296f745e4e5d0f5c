// App signing keys (X.509 key credentials), CSRs and the SAML metadata an app's key signs.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaError, oktaErrorWith } from '../errors.js';
import { emit } from '../model/events.js';
import { newSigningKey, presentSigningKey, signingKeys, cloneSigningKey } from '../model/signing-keys.js';
import { KEYS, appTarget, apps, type AppDoc } from '../store.js';
import { requireApp } from './common.js';
import { csrOperations, validityYears } from './key-credentials.js';
import { samlMetadataXml } from '../present/saml-metadata.js';
import type { Handlers } from '../generated/operations.js';

const owner = (appId: string) => `${KEYS.apps}/${appId}`;

function requireKey(ctx: OpContext, app: AppDoc, keyId: string) {
  const k = signingKeys(ctx.tenant, owner(app.id)).get(keyId);
  if (!k) throw notFound(keyId, 'AppInstanceKeyCredential');
  return k;
}

const csrs = csrOperations((ctx) => {
  const app = requireApp(ctx, String(ctx.params.appId));
  return { owner: owner(app.id), path: `/api/v1/apps/${app.id}` };
}, 'AppInstanceCsr');

/** Whether an Accept header admits an XML answer (no header, a wildcard, or an XML type). */
function acceptsXml(accept: string | null): boolean {
  if (!accept || !accept.trim()) return true;
  return accept.split(',').some((range) => /^\s*(\*\/\*|application\/\*|text\/\*|application\/xml|text\/xml|application\/samlmetadata\+xml)\s*(;|$)/i.test(range));
}

export const appKeyHandlers = {
  listApplicationKeys: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    return { body: signingKeys(ctx.tenant, owner(app.id)).values().map((k) => presentSigningKey(ctx.tenant, k)) };
  },
  getApplicationKey: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    return { body: presentSigningKey(ctx.tenant, requireKey(ctx, app, ctx.params.keyId)) };
  },
  // A generated key is listed but not used for signing until the app's credentials.signing.kid names it.
  generateApplicationKey: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    const k = newSigningKey(ctx.tenant, owner(app.id), validityYears(ctx.query as Record<string, unknown>));
    emit(ctx, { eventType: 'app.keys.generate', displayMessage: 'Generate application key', target: [appTarget(app)] });
    return { status: 201, body: presentSigningKey(ctx.tenant, k) };
  },
  cloneApplicationKey: (ctx) => {
    const app = requireApp(ctx, ctx.params.appId);
    const k = requireKey(ctx, app, ctx.params.keyId);
    const targetId = String((ctx.query as Record<string, unknown>).targetAid ?? '');
    const target = apps(ctx.tenant).get(targetId);
    if (!target) throw notFound(targetId, 'AppInstance');
    if (signingKeys(ctx.tenant, owner(target.id)).has(k.kid)) {
      throw oktaErrorWith('E0000001', ['key'], { causes: ['Key already exists in the list of key credentials for the target app.'] });
    }
    const copy = cloneSigningKey(ctx.tenant, k, owner(target.id));
    emit(ctx, { eventType: 'app.keys.clone', displayMessage: 'Clone application key', target: [appTarget(app), appTarget(target)] });
    return { status: 201, body: presentSigningKey(ctx.tenant, copy) };
  },
  listCsrsForApplication: (ctx) => csrs.list(ctx),
  generateCsrForApplication: (ctx) => csrs.generate(ctx),
  getCsrForApplication: (ctx) => csrs.get(ctx),
  revokeCsrFromApplication: (ctx) => csrs.revoke(ctx),
  publishCsrFromApplication: (ctx) => csrs.publish(ctx),
  previewSAMLmetadataForApplication: (ctx) => {
    // The answer is XML only: a caller accepting none of it is refused before anything is looked up (okta-sdk-python
    // cassette test_preview_saml_metadata: `Accept: application/json` answers 400 E0000019 for an unknown kid).
    if (!acceptsXml(ctx.headers.get('accept'))) throw oktaError('E0000019');
    const app = requireApp(ctx, ctx.params.appId);
    const kid = String((ctx.query as Record<string, unknown>).kid ?? app.credentials?.signing?.kid ?? '');
    const k = requireKey(ctx, app, kid);
    // Okta answers application/xml (terraform cassettes); a client asking only for text/xml (the SDK's spec type) gets that.
    const accept = ctx.headers.get('accept') ?? '';
    const type = accept.includes('text/xml') && !accept.includes('application/xml') ? 'text/xml;charset=ISO-8859-1' : 'application/xml;charset=ISO-8859-1';
    return new Response(samlMetadataXml(ctx, app, k), { status: 200, headers: { 'content-type': type } });
  },
} satisfies Handlers;
