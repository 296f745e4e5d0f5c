// Authenticator methods (list, read, replace settings, activate, deactivate, verify the WebAuthn RP ID domain) and custom WebAuthn AAGUIDs.
import type { OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { methodOf, methodsOf, replaceMethod, setMethodStatus, type MethodDoc } from '../model/authenticators.js';
import { presentMethod } from '../present/authenticator-methods.js';
import type { Handlers } from '../generated/operations.js';
import { bodyObject, noContent } from './common.js';

function authenticator(ctx: OpContext): Doc {
  const id = (ctx.params as Record<string, string>).authenticatorId;
  const a = ctx.tenant.collection('/api/v1/authenticators').get(id);
  if (!a) throw notFound(id, 'Authenticator');
  return a;
}

const method = (ctx: OpContext) => methodOf(ctx.tenant, authenticator(ctx), String((ctx.params as Record<string, string>).methodType));
const present = (ctx: OpContext, m: MethodDoc) => presentMethod(ctx, m, String(authenticator(ctx).key));

export const authenticatorMethodHandlers = {
  listAuthenticatorMethods: (ctx) => ({ status: 200, body: methodsOf(ctx.tenant, authenticator(ctx)).map((m) => present(ctx, m)) }),
  getAuthenticatorMethod: (ctx) => ({ status: 200, body: present(ctx, method(ctx)) }),
  replaceAuthenticatorMethod: (ctx) => {
    const m = method(ctx);
    const body = bodyObject(ctx);
    // The body names the method it replaces (AuthenticatorMethodBase.type is required).
    if (body.type !== ctx.params.methodType) throw validationError('type', body.type === undefined ? 'The field cannot be left blank' : 'Does not match the method being replaced');
    return { status: 200, body: present(ctx, replaceMethod(ctx.tenant, m, body.settings && typeof body.settings === 'object' ? body.settings : undefined)) };
  },
  activateAuthenticatorMethod: (ctx) => ({ status: 200, body: present(ctx, setMethodStatus(ctx.tenant, method(ctx), 'ACTIVE')) }),
  deactivateAuthenticatorMethod: (ctx) => ({ status: 200, body: present(ctx, setMethodStatus(ctx.tenant, method(ctx), 'INACTIVE')) }),
  /** Okta checks that the WebAuthn relying-party domain belongs to the org; the twin owns every domain it is given. */
  verifyRpIdDomain: (ctx) => {
    const a = webAuthn(ctx);
    const m = methodOf(ctx.tenant, a, String(ctx.params.webAuthnMethodType));
    const domain = (m.settings as Record<string, any> | undefined)?.rpId?.domain?.name;
    if (typeof domain !== 'string' || !domain) throw oktaErrorWith('E0000001', ['rpId'], { causes: ['rpId: No relying party domain is configured for this method.'] });
    return noContent();
  },
  listAllCustomAAGUIDs: (ctx) => ({ status: 200, body: aaguids(ctx, webAuthn(ctx)).values().map((d) => presentAaguid(ctx, d)) }),
  createCustomAAGUID: (ctx) => {
    const a = webAuthn(ctx);
    const b = bodyObject(ctx);
    const aaguid = typeof b.aaguid === 'string' ? b.aaguid.toLowerCase() : '';
    if (!UUID.test(aaguid)) throw validationError('aaguid', 'The AAGUID must be a UUID');
    if (aaguids(ctx, a).has(aaguid)) throw validationError('aaguid', 'A custom AAGUID with this value already exists');
    const doc = aaguids(ctx, a).put({ id: aaguid, ...aaguidFields(b, undefined) });
    return { status: 200, body: presentAaguid(ctx, doc) };
  },
  getCustomAAGUID: (ctx) => ({ status: 200, body: presentAaguid(ctx, findAaguid(ctx)) }),
  replaceCustomAAGUID: (ctx) => {
    const d = findAaguid(ctx);
    return { status: 200, body: presentAaguid(ctx, aaguids(ctx, webAuthn(ctx)).put({ id: d.id, ...aaguidFields(bodyObject(ctx), undefined) })) };
  },
  updateCustomAAGUID: (ctx) => {
    const d = findAaguid(ctx);
    return { status: 200, body: presentAaguid(ctx, aaguids(ctx, webAuthn(ctx)).put({ id: d.id, ...aaguidFields(bodyObject(ctx), d) })) };
  },
  deleteCustomAAGUID: (ctx) => {
    const d = findAaguid(ctx);
    aaguids(ctx, webAuthn(ctx)).delete(d.id);
    return noContent();
  },
} satisfies Handlers;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
interface AaguidDoc extends Doc { name: string; authenticatorCharacteristics: Record<string, boolean>; attestationRootCertificates: Array<Record<string, unknown>> }

/** Custom AAGUIDs belong to the WebAuthn (security key) authenticator only. */
function webAuthn(ctx: OpContext): Doc {
  const a = authenticator(ctx);
  if (a.key !== 'webauthn') throw validationError('authenticatorId', 'Custom AAGUIDs are only supported by the WebAuthn authenticator');
  return a;
}

const aaguids = (ctx: OpContext, a: Doc) => ctx.tenant.collection<AaguidDoc>(`/api/v1/authenticators/${a.id}/aaguids`);

function findAaguid(ctx: OpContext): AaguidDoc {
  const id = String((ctx.params as Record<string, string>).aaguid).toLowerCase();
  const d = aaguids(ctx, webAuthn(ctx)).get(id);
  if (!d) throw notFound(id, 'CustomAAGUID');
  return d;
}

/** A name is required; certificates are kept as their issuer details, never their bodies. */
function aaguidFields(b: Record<string, any>, prev: AaguidDoc | undefined): Pick<AaguidDoc, 'name' | 'authenticatorCharacteristics' | 'attestationRootCertificates'> {
  // A name is required, also on create, although the Node SDK's create model cannot send one (okta-sdk-nodejs
  // test/it authenticators-errors.ts: a create from the SDK is refused with 400).
  const name = b.name ?? prev?.name;
  if (typeof name !== 'string' || !name.trim()) throw validationError('name', 'The field cannot be left blank');
  const chars = b.authenticatorCharacteristics ?? prev?.authenticatorCharacteristics ?? {};
  const certs = Array.isArray(b.attestationRootCertificates)
    ? b.attestationRootCertificates.map((c: Record<string, unknown>, i: number) => ({ x5t_S256: String(c.x5t_S256 ?? `cert-${i}`), ...(c.x5c ? { x5c: c.x5c } : {}) }))
    : (prev?.attestationRootCertificates ?? []);
  return {
    name,
    authenticatorCharacteristics: { fipsCompliant: !!chars.fipsCompliant, hardwareProtected: !!chars.hardwareProtected, platformAttached: !!chars.platformAttached },
    attestationRootCertificates: certs,
  };
}

const presentAaguid = (ctx: OpContext, d: AaguidDoc) => ({
  aaguid: d.id, name: d.name, authenticatorCharacteristics: d.authenticatorCharacteristics, attestationRootCertificates: d.attestationRootCertificates,
  _links: { self: { href: `${ctx.baseUrl}/api/v1/authenticators/${(ctx.params as Record<string, string>).authenticatorId}/aaguids/${d.id}`, hints: { allow: ['GET', 'PUT', 'PATCH', 'DELETE'] } } },
});
