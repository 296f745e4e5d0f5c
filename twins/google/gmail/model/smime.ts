/** Gmail S/MIME certificates per send-as address: PKCS#12 bundles opened with their password, checked against the alias, one default per alias. */
import forge from 'node-forge';
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { sendAs } from './settings.js';

/** What is kept of an uploaded bundle: the certificate chain and what Gmail reports of it, never the private key. */
export interface SmimeRec extends Doc {
  sendAsEmail: string;
  issuerCn: string;
  /** Milliseconds since the epoch, when the signing certificate expires. */
  expiration: number;
  /** The chain, signing certificate first, as concatenated PEM blocks. */
  pem: string;
  isDefault: boolean;
}

export const smimeInfos = (t: Tenant, email: string, alias: string) => t.collection<SmimeRec>(`gmail/${email.toLowerCase()}/smime/${alias.toLowerCase()}`);

/** The mailbox's own address or one of its send-as aliases: the only addresses that can hold certificates. */
export const isSendAs = (t: Tenant, email: string, alias: string) => alias.toLowerCase() === email.toLowerCase() || sendAs(t, email).has(alias.toLowerCase());

/** Why an upload is refused; Gmail answers each with the same 400 (see the handler). */
export type SmimeRefusal = 'unreadable' | 'password' | 'no-key' | 'wrong-address';

export class SmimeRejected extends Error {
  constructor(readonly why: SmimeRefusal) {
    super(why);
  }
}

interface Opened {
  key: forge.pki.rsa.PrivateKey;
  certs: forge.pki.Certificate[];
}

/** Opens a PKCS#12 bundle; forge tells a bad password apart from bytes that are no bundle at all. */
function open(pkcs12: string, password: string): Opened {
  let asn1: forge.asn1.Asn1;
  try {
    const der = Buffer.from(pkcs12.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url').toString('binary');
    asn1 = forge.asn1.fromDer(der);
  } catch {
    throw new SmimeRejected('unreadable');
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    throw new SmimeRejected(/password|MAC/i.test(String((e as Error).message)) ? 'password' : 'unreadable');
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)].find((b) => b.key);
  const certs = bags(forge.pki.oids.certBag).flatMap((b) => (b.cert ? [b.cert] : []));
  if (!keyBag?.key || !certs.length) throw new SmimeRejected('no-key');
  return { key: keyBag.key as forge.pki.rsa.PrivateKey, certs };
}

/** The certificate that belongs to the private key first, then each issuer found in the bundle. */
function chainOf({ key, certs }: Opened): forge.pki.Certificate[] {
  const leaf = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n?.equals(key.n));
  if (!leaf) throw new SmimeRejected('no-key');
  const chain = [leaf];
  for (let cur = leaf; chain.length < certs.length; ) {
    const next = certs.find((c) => !chain.includes(c) && cur.isIssuer(c));
    if (!next) break;
    chain.push((cur = next));
  }
  return chain;
}

/** Addresses a certificate is for: rfc822Name entries of subjectAltName and the subject's emailAddress attribute. */
export function certificateEmails(cert: forge.pki.Certificate): string[] {
  const san = (cert.getExtension('subjectAltName') as { altNames?: { type: number; value: string }[] } | null)?.altNames ?? [];
  const fromSan = san.filter((n) => n.type === 1).map((n) => n.value);
  const fromSubject = cert.subject.attributes.filter((a) => a.name === 'emailAddress').map((a) => String(a.value));
  return [...fromSan, ...fromSubject].map((e) => e.toLowerCase());
}

/**
 * smimeInfo.insert: the bundle must open with the given password, hold a key and its certificate, and the
 * certificate must name the alias it is uploaded for (Gmail S/MIME guide: "Each S/MIME certificate is for a
 * specific alias"). Only the chain is stored.
 */
export function insertSmime(t: Tenant, email: string, alias: string, pkcs12: string, password: string | undefined): SmimeRec {
  const chain = chainOf(open(pkcs12, password ?? ''));
  const leaf = chain[0];
  if (!certificateEmails(leaf).includes(alias.toLowerCase())) throw new SmimeRejected('wrong-address');
  const rec: SmimeRec = {
    id: t.random.chars(24),
    sendAsEmail: alias.toLowerCase(),
    issuerCn: String(leaf.issuer.getField('CN')?.value ?? ''),
    expiration: leaf.validity.notAfter.getTime(),
    pem: chain.map((c) => forge.pki.certificateToPem(c).replace(/\r\n/g, '\n')).join(''),
    isDefault: false,
  };
  return smimeInfos(t, email, alias).put(rec);
}

/** setDefault: exactly one certificate per alias is the default. */
export function setDefaultSmime(t: Tenant, email: string, alias: string, id: string): boolean {
  const all = smimeInfos(t, email, alias);
  if (!all.has(id)) return false;
  for (const s of all.values()) if (s.isDefault !== (s.id === id)) all.put({ ...s, isDefault: s.id === id });
  return true;
}
