// IdP key credentials: the org's store of trusted X.509 certificates, each IdP's own signing keys, and its CSRs.
import { X509Certificate } from 'node:crypto';
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { cloneSigningKey, newSigningKey, presentSigningKey, signingKeys, type SigningKeyDoc } from '../model/signing-keys.js';
import { KEYS } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import { requireIdp } from './idps.js';
import { csrOperations, validityYears } from './key-credentials.js';
import type { Handlers } from '../generated/operations.js';

/** The trusted certificates live at `/api/v1/idps/credentials/keys`, apart from any one IdP. */
const trustStore = (ctx: OpContext) => signingKeys(ctx.tenant, KEYS.idps);
const idpOwner = (idpId: string) => `${KEYS.idps}/${idpId}`;

function requireTrustKey(ctx: OpContext): SigningKeyDoc {
  const id = String(ctx.params.keyId);
  const k = trustStore(ctx).get(id);
  if (!k) throw notFound(id, 'IdpKeyCredential');
  return k;
}

/**
 * The one certificate of a JSON Web Key body (Identity Provider Keys API, createIdentityProviderKey: "x5c"
 * holds a single base64 DER X.509 certificate; Okta derives kid, n, e and expiresAt from it).
 */
function certificateOfBody(ctx: OpContext): { der: string; cert: X509Certificate } {
  const x5c = bodyObject(ctx).x5c;
  if (!Array.isArray(x5c) || x5c.length !== 1 || typeof x5c[0] !== 'string' || !x5c[0]) throw validationError('x5c', 'The field must hold exactly one X.509 certificate');
  try {
    const cert = new X509Certificate(Buffer.from(x5c[0].replace(/\s+/g, ''), 'base64'));
    if (cert.publicKey.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return { der: cert.raw.toString('base64'), cert };
  } catch {
    throw oktaErrorWith('E0000001', ['x5c'], { causes: ['x5c: Invalid X.509 certificate.'] });
  }
}

function requireIdpKey(ctx: OpContext, idpId: string): SigningKeyDoc {
  const id = String(ctx.params.keyId);
  const k = signingKeys(ctx.tenant, idpOwner(idpId)).get(id);
  if (!k) throw notFound(id, 'IdpKeyCredential');
  return k;
}

const csrs = csrOperations((ctx) => {
  const idp = requireIdp(ctx, String(ctx.params.idpId));
  return { owner: idpOwner(idp.id), path: `/api/v1/idps/${idp.id}` };
}, 'IdpCsr');

/** A trusted certificate as Okta answers it: a signing key that also names its algorithm family, `alg: "RSA"` (recorded IdP key credentials). */
const presentTrustKey = (ctx: OpContext, k: SigningKeyDoc) => ({ ...presentSigningKey(ctx.tenant, k), alg: 'RSA' });

export const idpKeyHandlers = {
  listIdentityProviderKeys: (ctx) => ({ status: 200, body: trustStore(ctx).values().map((k) => presentTrustKey(ctx, k)) }),
  createIdentityProviderKey: (ctx) => {
    const { der, cert } = certificateOfBody(ctx);
    const now = nowIso(ctx);
    const kid = ctx.tenant.random.uuid();
    const k = trustStore(ctx).put({ id: kid, kid, label: '', created: now, lastUpdated: now, expiresAt: new Date(cert.validTo).toISOString(), x5c: [der] });
    return { status: 200, body: presentTrustKey(ctx, k) };
  },
  getIdentityProviderKey: (ctx) => ({ status: 200, body: presentTrustKey(ctx, requireTrustKey(ctx)) }),
  // Replace keeps the kid (IdPs that trust it keep trusting it) and swaps the certificate.
  replaceIdentityProviderKey: (ctx) => {
    const k = requireTrustKey(ctx);
    const { der, cert } = certificateOfBody(ctx);
    const next = trustStore(ctx).put({ ...k, x5c: [der], lastUpdated: nowIso(ctx), expiresAt: new Date(cert.validTo).toISOString() });
    return { status: 200, body: presentTrustKey(ctx, next) };
  },
  deleteIdentityProviderKey: (ctx) => {
    trustStore(ctx).delete(requireTrustKey(ctx).id);
    return noContent();
  },

  listIdentityProviderSigningKeys: (ctx) => {
    const idp = requireIdp(ctx, ctx.params.idpId);
    return { status: 200, body: signingKeys(ctx.tenant, idpOwner(idp.id)).values().map((k) => presentSigningKey(ctx.tenant, k)) };
  },
  // The active key is the one the IdP's protocol.credentials.signing.kid names; a generated key is not active until then.
  listActiveIdentityProviderSigningKey: (ctx) => {
    const idp = requireIdp(ctx, ctx.params.idpId);
    const kid = (idp.protocol as { credentials?: { signing?: { kid?: string } } }).credentials?.signing?.kid;
    const active = kid ? signingKeys(ctx.tenant, idpOwner(idp.id)).get(kid) : undefined;
    return { status: 200, body: active ? [presentSigningKey(ctx.tenant, active)] : [] };
  },
  generateIdentityProviderSigningKey: (ctx) => {
    const idp = requireIdp(ctx, ctx.params.idpId);
    const k = newSigningKey(ctx.tenant, idpOwner(idp.id), validityYears(ctx.query as Record<string, unknown>));
    // 201 Created, as recorded (okta-sdk-python cassette test_clone_idp_key: POST …/credentials/keys/generate → 201).
    return { status: 201, body: presentSigningKey(ctx.tenant, k) };
  },
  getIdentityProviderSigningKey: (ctx) => {
    const idp = requireIdp(ctx, ctx.params.idpId);
    return { status: 200, body: presentSigningKey(ctx.tenant, requireIdpKey(ctx, idp.id)) };
  },
  cloneIdentityProviderKey: (ctx) => {
    const idp = requireIdp(ctx, ctx.params.idpId);
    const k = requireIdpKey(ctx, idp.id);
    const target = requireIdp(ctx, String((ctx.query as Record<string, unknown>).targetIdpId ?? ''));
    if (signingKeys(ctx.tenant, idpOwner(target.id)).has(k.kid)) {
      throw oktaErrorWith('E0000001', ['key'], { causes: ['Key already exists in the list of key credentials for the target IdP.'] });
    }
    return { status: 201, body: presentSigningKey(ctx.tenant, cloneSigningKey(ctx.tenant, k, idpOwner(target.id))) };
  },

  listCsrsForIdentityProvider: (ctx) => csrs.list(ctx),
  generateCsrForIdentityProvider: (ctx) => csrs.generate(ctx),
  getCsrForIdentityProvider: (ctx) => csrs.get(ctx),
  revokeCsrForIdentityProvider: (ctx) => csrs.revoke(ctx),
  publishCsrForIdentityProvider: (ctx) => csrs.publish(ctx),
} satisfies Handlers;
