/**
 * Self-signed X.509 certificates and PKCS#10 certificate signing requests for RSA keys, written as DER
 * (node:crypto parses certificates but cannot make them). Only what a vendor's signing-key listings need:
 * sha256WithRSAEncryption, a name of ordinary attributes, a validity window, no extensions.
 */
import { createPrivateKey, createPublicKey, sign, type JsonWebKey } from 'node:crypto';

/** One DER TLV. */
function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    len = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]) => tlv(0x31, Buffer.concat(parts));
const NULL = Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const n of rest) {
    const groups: number[] = [];
    let v = n;
    do {
      groups.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < groups.length - 1; i++) groups[i] |= 0x80;
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
}

/** A positive INTEGER from big-endian bytes (a leading zero keeps the sign bit clear). */
function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1] < 0x80) b = b.subarray(1);
  if (b[0] >= 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
}

/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
function time(d: Date): Buffer {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
}

const NAME_OIDS: Record<string, string> = { C: '2.5.4.6', ST: '2.5.4.8', L: '2.5.4.7', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3', emailAddress: '1.2.840.113549.1.9.1' };

/** A distinguished name in the given attribute order (country as PrintableString, email as IA5String, the rest UTF8String). */
export type DistinguishedName = Array<[keyof typeof NAME_OIDS, string]>;

function name(dn: DistinguishedName): Buffer {
  return seq(
    ...dn.map(([k, v]) => {
      const tag = k === 'C' ? 0x13 : k === 'emailAddress' ? 0x16 : 0x0c;
      return set(seq(oid(NAME_OIDS[k]), tlv(tag, Buffer.from(v, 'utf8'))));
    }),
  );
}

const SHA256_RSA = seq(oid('1.2.840.113549.1.1.11'), NULL);

function spki(jwk: JsonWebKey): Buffer {
  return createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' }).export({ format: 'der', type: 'spki' });
}

function signed(tbs: Buffer, jwk: JsonWebKey): Buffer {
  const signature = sign('sha256', tbs, createPrivateKey({ key: jwk, format: 'jwk' }));
  return seq(tbs, SHA256_RSA, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

export interface CertificateInput {
  /** The subject's RSA key (JWK; n and e are enough when another key signs). */
  key: JsonWebKey;
  /** The issuer's RSA private key (JWK); the subject's own key when absent (self-signed). */
  signer?: JsonWebKey;
  /** The issuer's name; the subject when absent. */
  issuer?: DistinguishedName;
  subject: DistinguishedName;
  /** Big-endian serial number bytes. */
  serial: Buffer;
  notBefore: Date;
  notAfter: Date;
}

/** A v3 certificate, DER: self-signed unless a signer is given. */
export function selfSignedCertificate(c: CertificateInput): Buffer {
  const subject = name(c.subject);
  const issuer = c.issuer ? name(c.issuer) : subject;
  const tbs = seq(tlv(0xa0, integer(Buffer.from([2]))), integer(c.serial), SHA256_RSA, issuer, seq(time(c.notBefore), time(c.notAfter)), subject, spki(c.key));
  return signed(tbs, c.signer ?? c.key);
}

/**
 * A PKCS#10 certification request (RFC 2986), DER. Its one attribute is an extensionRequest (PKCS#9) that
 * carries a subjectAltName of the given DNS names (RFC 5280 §4.2.1.6), so a CA can copy the extensions.
 */
export function certificationRequest(key: JsonWebKey, subject: DistinguishedName, dnsNames: string[] = []): Buffer {
  const extensions = dnsNames.length
    ? [seq(oid('2.5.29.17'), tlv(0x04, seq(...dnsNames.map((d) => tlv(0x82, Buffer.from(d, 'ascii'))))))]
    : [];
  const extensionRequest = seq(oid('1.2.840.113549.1.9.14'), set(seq(...extensions)));
  const info = seq(integer(Buffer.from([0])), name(subject), spki(key), tlv(0xa0, extensionRequest));
  return signed(info, key);
}
