/** Makes TLS material from a seed with node-forge (a CA and a leaf for 127.0.0.1, ::1 and localhost); `tls.ts` caches it on disk. */
import forge from 'node-forge';
import { Random } from '../core/random.js';
import type { TlsMaterial } from './tls.js';

// A fixed window so the same seed always yields the same bytes, and it is valid whatever the twin's clock says.
const NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const NOT_AFTER = new Date('2049-12-31T23:59:59Z');

/** forge asks its prng for binary strings; this one draws them from the seeded source. */
function prng(random: Random): { getBytesSync(n: number): string } {
  return { getBytesSync: (n) => Buffer.from(random.bytes(n)).toString('binary') };
}

function certificate(
  subject: forge.pki.CertificateField[],
  keys: forge.pki.rsa.KeyPair,
  issuer: { attrs: forge.pki.CertificateField[]; key: forge.pki.rsa.PrivateKey },
  serial: string,
  extensions: object[],
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial;
  cert.validity.notBefore = NOT_BEFORE;
  cert.validity.notAfter = NOT_AFTER;
  cert.setSubject(subject);
  cert.setIssuer(issuer.attrs);
  cert.setExtensions(extensions);
  // RSASSA-PKCS1-v1_5 signatures are deterministic, so the PEM depends on the seed alone.
  cert.sign(issuer.key, forge.md.sha256.create());
  return cert;
}

/** Makes the CA and the leaf from `seed`; pure, no disk. */
export function makeTlsMaterial(seed: string): Omit<TlsMaterial, 'caFile'> {
  const random = new Random(`tls:${seed}`);
  const gen = () => forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001, prng: prng(random), algorithm: 'PRIMEINC' } as forge.pki.rsa.GenerateKeyPairOptions);
  const caKeys = gen();
  const leafKeys = gen();
  const caAttrs = [{ name: 'commonName', value: `dtu local CA (${seed})` }, { name: 'organizationName', value: 'dtu' }];
  const ca = certificate(caAttrs, caKeys, { attrs: caAttrs, key: caKeys.privateKey }, `01${random.hex(30)}`, [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const leaf = certificate([{ name: 'commonName', value: 'localhost' }], leafKeys, { attrs: caAttrs, key: caKeys.privateKey }, `02${random.hex(30)}`, [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // Clients match IP addresses against iPAddress entries only (RFC 6125 §6.2.1), names against dNSName.
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
  ]);
  return { ca: forge.pki.certificateToPem(ca), cert: forge.pki.certificateToPem(leaf), key: forge.pki.privateKeyToPem(leafKeys.privateKey) };
}

