// What app and IdP key credentials share: the CSR a caller asks for, its presentation, and the certificate a publish sends.
import type { OpContext } from '../../../src/core/handler.js';
import type { DistinguishedName } from '../../../src/core/x509.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { csrDer, csrsKey, newCsr, presentSigningKey, publishCsr, type CsrDoc } from '../model/signing-keys.js';
import { noContent } from './common.js';

/** Okta's CSR `subject` names (Applications API, CsrMetadata) in certificate order. */
const SUBJECT_FIELDS: Array<[string, DistinguishedName[number][0]]> = [
  ['countryName', 'C'], ['stateOrProvinceName', 'ST'], ['localityName', 'L'], ['organizationName', 'O'], ['organizationalUnitName', 'OU'], ['commonName', 'CN'],
];

/** Validity of a generated key: 2 to 10 years (Applications API, generateApplicationKey `validityYears`). */
export function validityYears(q: Record<string, unknown>): number {
  const v = q.validityYears;
  if (v === undefined || v === '') return 2;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2 || n > 10) throw validationError('validityYears', 'Validity years out of range. It should be 2 - 10 years');
  return n;
}

export function csrSubject(ctx: OpContext): DistinguishedName {
  const body = (ctx.body && typeof ctx.body === 'object' && !(ctx.body instanceof Uint8Array) ? ctx.body : {}) as Record<string, any>;
  const subject = (body.subject ?? {}) as Record<string, unknown>;
  const dn: DistinguishedName = [];
  for (const [field, attr] of SUBJECT_FIELDS) {
    const v = subject[field];
    if (typeof v === 'string' && v) dn.push([attr, v]);
  }
  if (!dn.length) throw validationError('subject', 'The field cannot be left blank');
  // No ISO 3166 check on countryName: Okta writes what it is given (a live 2020 CSR answer carries C=CAN).
  return dn;
}

/** CsrMetadata `subjectAltNames.dnsNames`: the DNS names the CSR asks the CA to certify. */
export function csrDnsNames(ctx: OpContext): string[] {
  const body = (ctx.body && typeof ctx.body === 'object' && !(ctx.body instanceof Uint8Array) ? ctx.body : {}) as Record<string, any>;
  const names = body.subjectAltNames?.dnsNames;
  if (names === undefined) return [];
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string' || !/^[A-Za-z0-9*.-]{1,253}$/.test(n))) throw validationError('dnsNames', 'Invalid DNS name');
  return names as string[];
}

export function presentCsr(ctx: OpContext, ownerPath: string, c: CsrDoc): Record<string, unknown> {
  const self = `${ctx.baseUrl}${ownerPath}/credentials/csrs/${c.id}`;
  return {
    id: c.id, created: c.created, csr: csrDer(c), kty: c.kty,
    _links: { self: { href: self, hints: { allow: ['GET', 'DELETE'] } }, publish: { href: `${self}/lifecycle/publish`, hints: { allow: ['POST'] } } },
  };
}

/**
 * The certificate a publish sends (Applications API, publishCsrFromApplication): DER bytes
 * (`application/pkix-cert`), base64 DER (`application/x-x509-ca-cert`) or PEM (`application/x-pem-file`).
 * The bytes decide, not the label: the Node SDK labels every upload with the first of the three types.
 */
export function certificateBody(ctx: OpContext): Buffer {
  const raw = Buffer.from(ctx.rawBody);
  // A DER certificate is a SEQUENCE with a long-form length.
  if (raw.length > 4 && raw[0] === 0x30 && raw[1] >= 0x81 && raw[1] <= 0x84) return raw;
  const text = raw.toString('utf8');
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
  if (pem) return Buffer.from(pem[1].replace(/\s+/g, ''), 'base64');
  const b64 = text.replace(/\s+/g, '');
  if (b64 && /^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return Buffer.from(b64, 'base64');
  throw oktaErrorWith('E0000001', ['certificate'], { causes: ['Unsupported certificate format: send application/pkix-cert, application/x-x509-ca-cert or application/x-pem-file.'] });
}

/** Where a CSR's owner lives: its store prefix (`/api/v1/apps/{id}`) and its public path. */
export interface CsrOwner { owner: string; path: string }

/**
 * The five CSR operations apps and IdPs share (Applications API and Identity Provider Signing Keys API:
 * list, generate, get, revoke, publish). `resolve` finds the owner or throws its 404.
 */
export function csrOperations(resolve: (ctx: OpContext) => CsrOwner, csrType: string) {
  const csrs = (ctx: OpContext, o: CsrOwner) => ctx.tenant.collection<CsrDoc>(csrsKey(o.owner));
  const requireCsr = (ctx: OpContext, o: CsrOwner): CsrDoc => {
    const id = String(ctx.params.csrId);
    const c = csrs(ctx, o).get(id);
    if (!c) throw notFound(id, csrType);
    return c;
  };
  return {
    list: (ctx: OpContext) => {
      const o = resolve(ctx);
      return { status: 200, body: csrs(ctx, o).values().map((c) => presentCsr(ctx, o.path, c)) };
    },
    generate: (ctx: OpContext) => {
      const o = resolve(ctx);
      const c = newCsr(ctx.tenant, o.owner, csrSubject(ctx), csrDnsNames(ctx));
      return { status: 201, body: presentCsr(ctx, o.path, c), headers: { location: `${ctx.baseUrl}${o.path}/credentials/csrs/${c.id}` } };
    },
    get: (ctx: OpContext) => {
      const o = resolve(ctx);
      return { status: 200, body: presentCsr(ctx, o.path, requireCsr(ctx, o)) };
    },
    revoke: (ctx: OpContext) => {
      const o = resolve(ctx);
      csrs(ctx, o).delete(requireCsr(ctx, o).id);
      return noContent();
    },
    publish: (ctx: OpContext) => {
      const o = resolve(ctx);
      const k = publishCsr(ctx.tenant, o.owner, requireCsr(ctx, o), certificateBody(ctx));
      if (!k) throw oktaErrorWith('E0000001', ['certificate'], { causes: ["The certificate doesn't match the CSR."] });
      return { status: 201, body: presentSigningKey(ctx.tenant, k) };
    },
  };
}
