/** Test certificates for Gmail S/MIME and client-side encryption: a CA and user certificates from fixed seeds, as PKCS#12 or PKCS#7, made offline with node-forge. */
import forge from 'node-forge';

export interface Issued {
  key: forge.pki.rsa.PrivateKey;
  cert: forge.pki.Certificate;
  ca: forge.pki.Certificate;
}

const keyCache = new Map<string, forge.pki.rsa.KeyPair>();

/** An RSA key pair drawn from a seeded generator, so the same seed gives the same key (1024 bits keeps tests quick). */
function keyPair(seed: string): forge.pki.rsa.KeyPair {
  let kp = keyCache.get(seed);
  if (!kp) {
    const prng = forge.random.createInstance();
    let round = 0;
    prng.seedFileSync = (n: number) => {
      let out = '';
      while (out.length < n) out += forge.md.sha256.create().update(`${seed}:${round++}`).digest().getBytes();
      return out.slice(0, n);
    };
    kp = forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001, prng } as forge.pki.rsa.GenerateKeyPairOptions);
    keyCache.set(seed, kp);
  }
  return kp;
}

function certificate(subject: forge.pki.CertificateField[], issuer: forge.pki.CertificateField[], publicKey: forge.pki.PublicKey, signer: forge.pki.PrivateKey, serial: string, notAfter: Date, extensions: object[]): forge.pki.Certificate {
  const c = forge.pki.createCertificate();
  c.publicKey = publicKey;
  c.serialNumber = serial;
  c.validity.notBefore = new Date('2024-01-01T00:00:00Z');
  c.validity.notAfter = notAfter;
  c.setSubject(subject);
  c.setIssuer(issuer);
  c.setExtensions(extensions);
  c.sign(signer as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return c;
}

/** A user certificate for `email`, issued by a CA named `issuerCn`; both keys come from the seed. */
export function issue(email: string, opts: { issuerCn?: string; seed?: string; notAfter?: Date } = {}): Issued {
  const issuerCn = opts.issuerCn ?? 'Twin Test S/MIME CA';
  const caKeys = keyPair(`ca:${issuerCn}`);
  const caName = [{ name: 'commonName', value: issuerCn }, { name: 'organizationName', value: 'Twin Test' }];
  const notAfter = opts.notAfter ?? new Date('2045-01-01T00:00:00Z');
  const ca = certificate(caName, caName, caKeys.publicKey, caKeys.privateKey, '01', new Date('2050-01-01T00:00:00Z'), [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ]);
  const user = keyPair(`user:${opts.seed ?? email}`);
  const cert = certificate([{ name: 'commonName', value: email }], caName, user.publicKey, caKeys.privateKey, forge.util.bytesToHex(email).slice(0, 16), notAfter, [
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectAltName', altNames: [{ type: 1, value: email }] },
  ]);
  return { key: user.privateKey, cert, ca };
}

/** What `smimeInfo.insert` takes: the key and chain as PKCS#12, base64url, encrypted with `password`. */
export function pkcs12Of(i: Issued, password: string): string {
  const asn1 = forge.pkcs12.toPkcs12Asn1(i.key, [i.cert, i.ca], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary').toString('base64url');
}

/** What `cse.keypairs.create` takes as `pkcs7`: the public chain in PKCS#7, PEM armored. */
export function pkcs7Of(i: Issued): string {
  const p7 = forge.pkcs7.createSignedData();
  p7.addCertificate(i.cert);
  p7.addCertificate(i.ca);
  return forge.pkcs7.messageToPem(p7);
}

/** A certificate's PEM with LF line ends, to compare with what the twin returns. */
export const pemOf = (c: forge.pki.Certificate) => forge.pki.certificateToPem(c).replace(/\r\n/g, '\n');
