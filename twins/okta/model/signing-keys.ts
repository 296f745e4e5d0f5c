// X.509 signing keys of apps and identity providers: drawn from the seeded key pool, certificates made on first read, CSRs.
import { createHash, X509Certificate } from 'node:crypto';
import type { Doc, Tenant } from '../../../src/core/tenant.js';
import { pooledRsaKey } from '../../../src/core/keypool.js';
import { certificationRequest, selfSignedCertificate, type DistinguishedName } from '../../../src/core/x509.js';
import { orgMeta } from './org.js';

/** A signing key as the tenant stores it: where its pair comes from in the pool, never the private key itself. */
export interface SigningKeyDoc extends Doc {
  kid: string;
  /** The pool label the pair is drawn with (from the tenant's random source, so a seed replays the same keys). */
  label: string;
  created: string;
  lastUpdated: string;
  expiresAt: string;
  /** A certificate published from a CSR (base64 DER) replaces the self-signed one. */
  x5c?: string[];
}

export interface CsrDoc extends Doc {
  created: string;
  label: string;
  subject: DistinguishedName;
  /** CsrMetadata `subjectAltNames.dnsNames`, requested as a subjectAltName extension. */
  dnsNames?: string[];
  kty: 'RSA';
}

const KID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Where an owner's keys live: `/api/v1/apps/{id}/credentials/keys`, `/api/v1/idps/{id}/credentials/keys`. */
export const keysKey = (owner: string) => `${owner}/credentials/keys`;
export const csrsKey = (owner: string) => `${owner}/credentials/csrs`;

/**
 * The subject Okta writes on the certificates it makes for an org (terraform cassettes, app SAML metadata):
 * Okta's San Francisco address, the org's subdomain as common name, info@okta.com.
 */
export function oktaSubject(tenant: Tenant): DistinguishedName {
  return [['C', 'US'], ['ST', 'California'], ['L', 'San Francisco'], ['O', 'Okta'], ['OU', 'SSOProvider'], ['CN', orgMeta(tenant)?.subdomain ?? tenant.name], ['emailAddress', 'info@okta.com']];
}

/** Makes a key (no RSA generation: a pool lookup), valid `years` from now. */
export function newSigningKey(tenant: Tenant, owner: string, years = 10): SigningKeyDoc {
  const now = tenant.now();
  const expires = new Date(now);
  expires.setUTCFullYear(expires.getUTCFullYear() + years);
  const kid = tenant.random.chars(43, KID_ALPHABET);
  return tenant.collection<SigningKeyDoc>(keysKey(owner)).put({
    id: kid, kid, label: `okta:${tenant.name}:${tenant.random.chars(16)}`, created: now.toISOString(), lastUpdated: now.toISOString(), expiresAt: expires.toISOString(),
  });
}

/** Copies a key to another owner under the same kid (Okta's clone: the target app signs with the same pair). */
export function cloneSigningKey(tenant: Tenant, key: SigningKeyDoc, targetOwner: string): SigningKeyDoc {
  return tenant.collection<SigningKeyDoc>(keysKey(targetOwner)).put({ ...structuredClone(key) });
}

export const signingKeys = (tenant: Tenant, owner: string) => tenant.collection<SigningKeyDoc>(keysKey(owner));

/** Where the org's one app key lives (no route serves it: apps list their copies). */
const ORG_APP_KEY_OWNER = '/org/apps';

/**
 * The org's app signing key, made once: every OIDC app of an org signs with it, built-in or not, and every app that is
 * not SAML lists it (terraform cassettes: all OIDC apps of one org answer one `signing.kid`, SAML apps one each;
 * okta-sdk-python cassettes test_list_app_keys/test_get_app_keys: a new bookmark app answers `signing: {}` and lists one key).
 */
export function orgAppKey(tenant: Tenant): SigningKeyDoc {
  return signingKeys(tenant, ORG_APP_KEY_OWNER).values()[0] ?? newSigningKey(tenant, ORG_APP_KEY_OWNER);
}

const certs = new Map<string, string>();

/** The key's certificate (base64 DER): the published one, or a self-signed one made once per key and cached. */
export function certificateOf(tenant: Tenant, k: SigningKeyDoc): string {
  if (k.x5c?.length) return k.x5c[0];
  const cacheKey = `${k.label}|${k.kid}|${k.created}|${k.expiresAt}`;
  let b64 = certs.get(cacheKey);
  if (!b64) {
    const created = new Date(k.created);
    // Okta backdates notBefore by a minute and uses the creation time in milliseconds as the serial number.
    const serial = Buffer.alloc(6);
    serial.writeUIntBE(created.getTime() % 2 ** 48, 0, 6);
    b64 = selfSignedCertificate({ key: pooledRsaKey(k.label), subject: oktaSubject(tenant), serial, notBefore: new Date(created.getTime() - 60_000), notAfter: new Date(k.expiresAt) }).toString('base64');
    certs.set(cacheKey, b64);
  }
  return b64;
}

/** The JSON Web Key Okta lists for a signing key (Applications API, "List all key credentials"). */
export function presentSigningKey(tenant: Tenant, k: SigningKeyDoc): Record<string, unknown> {
  const x5c = certificateOf(tenant, k);
  const jwk = k.x5c?.length ? (new X509Certificate(Buffer.from(x5c, 'base64')).publicKey.export({ format: 'jwk' }) as { e: string; n: string }) : pooledRsaKey(k.label);
  return {
    kty: 'RSA', created: k.created, lastUpdated: k.lastUpdated, expiresAt: k.expiresAt, kid: k.kid, use: 'sig', x5c: [x5c],
    'x5t#S256': createHash('sha256').update(Buffer.from(x5c, 'base64')).digest('base64url'), e: jwk.e, n: jwk.n,
  };
}

/** A new CSR for an owner: a fresh pool pair and the subject the caller asked for. */
export function newCsr(tenant: Tenant, owner: string, subject: DistinguishedName, dnsNames: string[] = []): CsrDoc {
  const id = tenant.random.chars(43, KID_ALPHABET);
  return tenant.collection<CsrDoc>(csrsKey(owner)).put({ id, created: tenant.now().toISOString(), label: `okta:${tenant.name}:${tenant.random.chars(16)}`, subject, dnsNames, kty: 'RSA' });
}

export function csrDer(c: CsrDoc): string {
  return certificationRequest(pooledRsaKey(c.label), c.subject, c.dnsNames ?? []).toString('base64');
}

/**
 * Publishes a signed certificate for a CSR: it must carry the CSR's public key. The key becomes a signing
 * key of the owner (its kid is new), the CSR is gone. Undefined when the certificate is not for this CSR.
 */
export function publishCsr(tenant: Tenant, owner: string, c: CsrDoc, certDer: Buffer): SigningKeyDoc | undefined {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certDer);
  } catch {
    return undefined;
  }
  const pub = cert.publicKey.export({ format: 'jwk' }) as { n?: string };
  if (pub.n !== pooledRsaKey(c.label).n) return undefined;
  const kid = tenant.random.chars(43, KID_ALPHABET);
  const now = tenant.now().toISOString();
  const doc = signingKeys(tenant, owner).put({ id: kid, kid, label: c.label, created: now, lastUpdated: now, expiresAt: new Date(cert.validTo).toISOString(), x5c: [certDer.toString('base64')] });
  tenant.collection<CsrDoc>(csrsKey(owner)).delete(c.id);
  return doc;
}
