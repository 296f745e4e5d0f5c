/** Gmail client-side encryption: key pairs (enabled → disabled → obliterated after 30 days) and the identities that send with them. */
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { Doc, Tenant } from '../../../../src/core/tenant.js';

export interface PrivateKeyMetadata {
  privateKeyMetadataId: string;
  kaclsKeyMetadata?: { kaclsUri?: string; kaclsData?: string };
  hardwareKeyMetadata?: { description?: string };
}

export interface KeyPairRec extends Doc {
  /** The chain, leaf first, as concatenated PEM certificates. */
  pem: string;
  subjectEmailAddresses: string[];
  privateKeyMetadata: PrivateKeyMetadata[];
  enablementState: 'enabled' | 'disabled';
  disableTime?: string;
  /** SHA-256 fingerprint of the leaf, so the same certificate is not uploaded twice. */
  fingerprint: string;
}

export interface IdentityRec extends Doc {
  emailAddress: string;
  primaryKeyPairId?: string;
  signAndEncryptKeyPairs?: { signingKeyPairId: string; encryptionKeyPairId: string };
}

export const keyPairs = (t: Tenant, email: string) => t.collection<KeyPairRec>(`gmail/${email.toLowerCase()}/cse/keypairs`);
export const identities = (t: Tenant, email: string) => t.collection<IdentityRec>(`gmail/${email.toLowerCase()}/cse/identities`);

/** A refusal the handler renders: `invalid` (400 INVALID_ARGUMENT), `precondition` (400 FAILED_PRECONDITION), `exists` (409), `missing` (404). */
export class CseRefused extends Error {
  constructor(readonly kind: 'invalid' | 'precondition' | 'exists' | 'missing', message: string) {
    super(message);
  }
}

/** Key pairs can be obliterated only after they have been turned off for more than 30 days (keypairs.obliterate reference). */
export const OBLITERATE_AFTER_MS = 30 * 24 * 3600 * 1000;

/**
 * The certificates of `pkcs7`: Google asks for the chain "in PKCS#7 format, PEM encoded with ASCII armor"; a run of
 * CERTIFICATE blocks is read too. Each certificate is then parsed by node's X509Certificate.
 */
function certificatesOf(pkcs7: string): X509Certificate[] {
  const pems: string[] = [];
  for (const block of pkcs7.match(/-----BEGIN (PKCS7|CERTIFICATE)-----[\s\S]*?-----END \1-----/g) ?? []) {
    if (block.startsWith('-----BEGIN CERTIFICATE')) pems.push(block);
    else {
      const msg = forge.pkcs7.messageFromPem(block) as { certificates?: forge.pki.Certificate[] };
      for (const c of msg.certificates ?? []) pems.push(forge.pki.certificateToPem(c));
    }
  }
  return pems.map((p) => new X509Certificate(p));
}

/** Addresses of the leaf certificate: subjectAltName `email:` entries and the subject's emailAddress. */
function emailsOf(cert: X509Certificate): string[] {
  const san = (cert.subjectAltName ?? '').split(/,\s*/).filter((s) => s.startsWith('email:')).map((s) => s.slice(6));
  const subject = cert.subject.split('\n').filter((l) => l.startsWith('emailAddress=')).map((l) => l.slice(13));
  return [...new Set([...san, ...subject].map((e) => e.toLowerCase()))];
}

/** The leaf (the certificate no other one in the chain was issued by) first, then its issuers in order. */
function ordered(certs: X509Certificate[]): X509Certificate[] {
  const leaf = certs.find((c) => !certs.some((o) => o !== c && o.checkIssued(c))) ?? certs[0];
  const chain = [leaf];
  for (let cur = leaf; chain.length < certs.length; ) {
    const next = certs.find((c) => !chain.includes(c) && cur.checkIssued(c));
    if (!next) break;
    chain.push((cur = next));
  }
  return chain;
}

export function createKeyPair(t: Tenant, email: string, pkcs7: unknown, metadata: unknown): KeyPairRec {
  if (typeof pkcs7 !== 'string' || !pkcs7.trim()) throw new CseRefused('invalid', 'pkcs7 is required.');
  let certs: X509Certificate[];
  try {
    certs = certificatesOf(pkcs7);
  } catch {
    throw new CseRefused('invalid', 'Unable to parse the pkcs7 certificate chain.');
  }
  if (!certs.length) throw new CseRefused('invalid', 'Unable to parse the pkcs7 certificate chain.');
  const chain = ordered(certs);
  const now = t.now();
  if (new Date(chain[0].validTo).getTime() < now.getTime()) throw new CseRefused('invalid', 'The certificate has expired.');
  const subjectEmailAddresses = emailsOf(chain[0]);
  if (!subjectEmailAddresses.length) throw new CseRefused('invalid', 'The certificate has no email address.');
  const keys = Array.isArray(metadata) ? (metadata as Record<string, unknown>[]) : [];
  // Each entry says where the private key lives: wrapped by a key access control list service, or on a hardware key.
  if (!keys.length || keys.some((k) => !k || typeof k !== 'object' || (!k.kaclsKeyMetadata && !k.hardwareKeyMetadata))) {
    throw new CseRefused('invalid', 'privateKeyMetadata must name a KACLS-wrapped key or a hardware key.');
  }
  const fingerprint = chain[0].fingerprint256;
  if (keyPairs(t, email).values().some((k) => k.fingerprint === fingerprint)) throw new CseRefused('exists', 'Key pair already exists.');
  const rec: KeyPairRec = {
    id: t.random.chars(32),
    pem: chain.map((c) => c.toString()).join(''),
    subjectEmailAddresses,
    privateKeyMetadata: keys.map((k) => ({
      privateKeyMetadataId: t.random.chars(32),
      ...(k.kaclsKeyMetadata ? { kaclsKeyMetadata: k.kaclsKeyMetadata as PrivateKeyMetadata['kaclsKeyMetadata'] } : {}),
      ...(k.hardwareKeyMetadata ? { hardwareKeyMetadata: k.hardwareKeyMetadata as PrivateKeyMetadata['hardwareKeyMetadata'] } : {}),
    })),
    enablementState: 'enabled',
    fingerprint,
  };
  return keyPairs(t, email).put(rec);
}

export function loadKeyPair(t: Tenant, email: string, id: string): KeyPairRec {
  const k = keyPairs(t, email).get(id);
  if (!k) throw new CseRefused('missing', 'Requested entity was not found.');
  return k;
}

export function setEnabled(t: Tenant, email: string, id: string, on: boolean): KeyPairRec {
  const k = loadKeyPair(t, email, id);
  const next: KeyPairRec = on
    ? { ...k, enablementState: 'enabled', disableTime: undefined }
    : { ...k, enablementState: 'disabled', disableTime: k.enablementState === 'disabled' ? k.disableTime : t.now().toISOString() };
  if (on) delete next.disableTime;
  return keyPairs(t, email).put(next);
}

/** Permanent deletion, once the key pair has been turned off for more than 30 days by the twin's clock. */
export function obliterate(t: Tenant, email: string, id: string): void {
  const k = loadKeyPair(t, email, id);
  const off = k.enablementState === 'disabled' && k.disableTime ? t.now().getTime() - Date.parse(k.disableTime) : -1;
  if (off <= OBLITERATE_AFTER_MS) throw new CseRefused('precondition', 'Key pair must be disabled for at least 30 days before it can be obliterated.');
  keyPairs(t, email).delete(id);
}

/** A key pair an identity may use: one of this user's, turned on, whose certificate names the identity's address. */
function usable(t: Tenant, email: string, id: unknown): string {
  if (typeof id !== 'string' || !id) throw new CseRefused('invalid', 'Key pair id is required.');
  const k = keyPairs(t, email).get(id);
  if (!k) throw new CseRefused('invalid', `Key pair ${id} does not exist.`);
  if (k.enablementState !== 'enabled') throw new CseRefused('precondition', `Key pair ${id} is disabled.`);
  if (!k.subjectEmailAddresses.includes(email)) throw new CseRefused('invalid', `Key pair ${id} is not valid for ${email}.`);
  return id;
}

/** Either one key pair for everything, or one to sign and one to encrypt (CseIdentity: a union of the two). */
function keysOf(t: Tenant, email: string, body: Record<string, unknown>): Pick<IdentityRec, 'primaryKeyPairId' | 'signAndEncryptKeyPairs'> {
  const pair = body.signAndEncryptKeyPairs as Record<string, unknown> | undefined;
  if (body.primaryKeyPairId !== undefined && pair !== undefined) throw new CseRefused('invalid', 'Only one of primaryKeyPairId and signAndEncryptKeyPairs may be set.');
  if (pair) return { signAndEncryptKeyPairs: { signingKeyPairId: usable(t, email, pair.signingKeyPairId), encryptionKeyPairId: usable(t, email, pair.encryptionKeyPairId) } };
  return { primaryKeyPairId: usable(t, email, body.primaryKeyPairId) };
}

/** identities.create: the identity is the authenticated user's primary address (CseIdentity.emailAddress reference). */
export function createIdentity(t: Tenant, email: string, body: Record<string, unknown>): IdentityRec {
  const addr = String(body.emailAddress ?? email).toLowerCase();
  if (addr !== email) throw new CseRefused('invalid', 'The identity must be the primary email address of the authenticated user.');
  if (identities(t, email).has(addr)) throw new CseRefused('exists', 'Identity already exists.');
  return identities(t, email).put({ id: addr, emailAddress: addr, ...keysOf(t, email, body) });
}

/** identities.patch: another key pair for an existing identity. */
export function patchIdentity(t: Tenant, email: string, addr: string, body: Record<string, unknown>): IdentityRec {
  const cur = identities(t, email).get(addr.toLowerCase());
  if (!cur) throw new CseRefused('missing', 'Requested entity was not found.');
  return identities(t, email).put({ id: cur.id, emailAddress: cur.emailAddress, ...keysOf(t, email, body) });
}
