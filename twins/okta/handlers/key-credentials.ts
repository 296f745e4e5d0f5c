// What app and IdP key credentials share: the CSR a caller asks for, its presentation, and the certificate a publish sends.
import type { OpContext } from '../../../src/core/handler.js';
import type { DistinguishedName } from '../../../src/core/x509.js';
import { oktaErrorWith, validationError } from '../errors.js';
import { csrDer, type CsrDoc } from '../model/signing-keys.js';

/** Okta's CSR `subject` names (Applications API, CsrMetadata) in certificate order. */
const SUBJECT_FIELDS: Array<[string, DistinguishedName[number][0]]> = [
  ['countryName', 'C'], ['stateOrProvinceName', 'ST'], ['localityName', 'L'], ['organizationName', 'O'], ['organizationalUnitName', 'OU'], ['commonName', 'CN'],
];

export function csrSubject(ctx: OpContext): DistinguishedName {
  const body = (ctx.body && typeof ctx.body === 'object' && !(ctx.body instanceof Uint8Array) ? ctx.body : {}) as Record<string, any>;
  const subject = (body.subject ?? {}) as Record<string, unknown>;
  const dn: DistinguishedName = [];
  for (const [field, attr] of SUBJECT_FIELDS) {
    const v = subject[field];
    if (typeof v === 'string' && v) dn.push([attr, v]);
  }
  if (!dn.length) throw validationError('subject', 'The field cannot be left blank');
  if (typeof subject.countryName === 'string' && !/^[A-Z]{2}$/.test(subject.countryName)) throw validationError('countryName', 'Country name must be a two-letter ISO 3166 code');
  return dn;
}

export function presentCsr(ctx: OpContext, ownerPath: string, c: CsrDoc): Record<string, unknown> {
  const self = `${ctx.baseUrl}${ownerPath}/credentials/csrs/${c.id}`;
  return {
    id: c.id, created: c.created, csr: csrDer(c), kty: c.kty,
    _links: { self: { href: self, hints: { allow: ['GET', 'DELETE'] } }, publish: { href: `${self}/lifecycle/publish`, hints: { allow: ['POST'] } } },
  };
}

/**
 * The certificate a publish sends, by Content-Type (Applications API, publishCsrFromApplication):
 * `application/pkix-cert` DER bytes, `application/x-x509-ca-cert` base64 DER, `application/x-pem-file` PEM.
 */
export function certificateBody(ctx: OpContext): Buffer {
  const media = (ctx.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const raw = Buffer.from(ctx.rawBody);
  if (media === 'application/pkix-cert') return raw;
  const text = raw.toString('utf8');
  if (media === 'application/x-pem-file') {
    const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(text);
    if (m) return Buffer.from(m[1].replace(/\s+/g, ''), 'base64');
  } else if (media === 'application/x-x509-ca-cert') {
    return Buffer.from(text.replace(/\s+/g, ''), 'base64');
  }
  throw oktaErrorWith('E0000001', ['certificate'], { causes: ['Unsupported certificate format: send application/pkix-cert, application/x-x509-ca-cert or application/x-pem-file.'] });
}
