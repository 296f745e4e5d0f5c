/** IdP key credentials (trusted certificate store, per-IdP signing keys, CSRs) and what CSRs and publishes carry. */
import { X509Certificate, createPublicKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listening } from '../../src/server/node.js';
import { pooledRsaKey } from '../../src/core/keypool.js';
import { selfSignedCertificate } from '../../src/core/x509.js';
import { jsonOf, sendJson, sswsOrg as org, startOkta } from './helpers.js';

let server: Listening;
beforeAll(async () => {
  server = await startOkta();
});
afterAll(async () => {
  await server.close();
});

const send = sendJson;
const json = jsonOf;

const oidcIdp = (name: string) => ({
  type: 'OIDC', name,
  protocol: {
    type: 'OIDC', scopes: ['openid'],
    endpoints: { authorization: { url: 'https://idp.example.com/authorize', binding: 'HTTP-REDIRECT' }, token: { url: 'https://idp.example.com/token', binding: 'HTTP-POST' } },
    credentials: { client: { client_id: 'c', client_secret: 's' } }, issuer: { url: 'https://idp.example.com' },
  },
  policy: { provisioning: { action: 'AUTO' }, accountLink: { action: 'AUTO' }, subject: { userNameTemplate: { template: 'idpuser.email' }, matchType: 'USERNAME' }, maxClockSkew: 0 },
});

const cert = (cn: string, label: string) => selfSignedCertificate({ key: pooledRsaKey(label), subject: [['CN', cn]], serial: Buffer.from([1]), notBefore: new Date('2026-01-01'), notAfter: new Date('2030-01-01') });

/** The CSR's public key (an RSA-2048 SPKI is 294 bytes starting with this header). */
function csrKey(b64: string) {
  const der = Buffer.from(b64, 'base64');
  const at = der.indexOf(Buffer.from('30820122300d06092a864886f70d0101010500', 'hex'));
  return createPublicKey({ key: der.subarray(at, at + 294), format: 'der', type: 'spki' }).export({ format: 'jwk' });
}

describe('IdP key store (Identity Provider Keys API)', () => {
  it('a trusted certificate becomes a key whose kid, n and expiry come from it; replace keeps the kid; delete makes it 404', async () => {
    const o = await org(server, 'idp-trust');
    const der = cert('partner', 'trust-a');
    const created = await json(await o.raw('/api/v1/idps/credentials/keys', send('POST', { x5c: [der.toString('base64')] })));
    expect(created.status).toBe(200);
    expect(created.body.x5c).toEqual([der.toString('base64')]);
    expect(created.body.n).toBe(pooledRsaKey('trust-a').n);
    expect(created.body.expiresAt).toBe('2030-01-01T00:00:00.000Z');
    expect(created.body.kid).toMatch(/^[0-9a-f-]{36}$/);
    // A trusted certificate names its algorithm family, as recorded Okta key credentials do; an IdP's own signing keys do not.
    expect(created.body.alg).toBe('RSA');
    const list = (await json(await o.raw('/api/v1/idps/credentials/keys'))).body;
    expect(list.map((k: any) => k.kid)).toEqual([created.body.kid]);
    const other = cert('partner-2', 'trust-b');
    const replaced = await json(await o.raw(`/api/v1/idps/credentials/keys/${created.body.kid}`, send('PUT', { x5c: [other.toString('base64')] })));
    expect(replaced.body.kid).toBe(created.body.kid);
    expect(replaced.body.n).toBe(pooledRsaKey('trust-b').n);
    expect((await o.raw('/api/v1/idps/credentials/keys', send('POST', { x5c: ['bm90IGEgY2VydA=='] }))).status).toBe(400);
    expect((await o.raw('/api/v1/idps/credentials/keys', send('POST', {}))).status).toBe(400);
    expect((await o.raw(`/api/v1/idps/credentials/keys/${created.body.kid}`, { method: 'DELETE' })).status).toBe(204);
    expect((await o.raw(`/api/v1/idps/credentials/keys/${created.body.kid}`)).status).toBe(404);
  });
});

describe('IdP signing keys and CSRs (Identity Provider Signing Keys API)', () => {
  it('generated keys are listed and gettable, active only once the IdP names them, and clone to another IdP once', async () => {
    const o = await org(server, 'idp-signing');
    const idp = (await json(await o.raw('/api/v1/idps', send('POST', oidcIdp('A'))))).body;
    const other = (await json(await o.raw('/api/v1/idps', send('POST', oidcIdp('B'))))).body;
    const k = await json(await o.raw(`/api/v1/idps/${idp.id}/credentials/keys/generate?validityYears=2`, { method: 'POST' }));
    // 201 as Okta answers it (okta-sdk-python cassette test_clone_idp_key).
    expect(k.status).toBe(201);
    expect(k.body).not.toHaveProperty('alg');
    expect(new X509Certificate(Buffer.from(k.body.x5c[0], 'base64')).publicKey.export({ format: 'jwk' }).n).toBe(k.body.n);
    expect((await o.raw(`/api/v1/idps/${idp.id}/credentials/keys/generate?validityYears=1`, { method: 'POST' })).status).toBe(400);
    expect((await json(await o.raw(`/api/v1/idps/${idp.id}/credentials/keys`))).body.map((x: any) => x.kid)).toEqual([k.body.kid]);
    expect((await json(await o.raw(`/api/v1/idps/${idp.id}/credentials/keys/${k.body.kid}`))).body.kid).toBe(k.body.kid);
    expect((await json(await o.raw(`/api/v1/idps/${idp.id}/credentials/keys/active`))).body).toEqual([]);
    const clone = await json(await o.raw(`/api/v1/idps/${idp.id}/credentials/keys/${k.body.kid}/clone?targetIdpId=${other.id}`, { method: 'POST' }));
    expect(clone.status).toBe(201);
    expect(clone.body.n).toBe(k.body.n);
    expect((await o.raw(`/api/v1/idps/${idp.id}/credentials/keys/${k.body.kid}/clone?targetIdpId=${other.id}`, { method: 'POST' })).status).toBe(400);
    expect((await o.raw(`/api/v1/idps/${idp.id}/credentials/keys/nope`)).status).toBe(404);
    expect((await o.raw('/api/v1/idps/0oaNope/credentials/keys')).status).toBe(404);
  });

  it('a CSR asks for its subjectAltName DNS names; a certificate publishes as DER, base64 or PEM whatever its label', async () => {
    const o = await org(server, 'idp-csr');
    const idp = (await json(await o.raw('/api/v1/idps', send('POST', oidcIdp('C'))))).body;
    const meta = { subject: { countryName: 'US', commonName: 'SP Issuer' }, subjectAltNames: { dnsNames: ['dev.example.com'] } };
    const ca = pooledRsaKey('test-ca');
    for (const encode of [(d: Buffer): BodyInit => new Uint8Array(d), (d: Buffer) => d.toString('base64'), (d: Buffer) => `-----BEGIN CERTIFICATE-----\n${d.toString('base64')}\n-----END CERTIFICATE-----\n`]) {
      const csr = await json(await o.raw(`/api/v1/idps/${idp.id}/credentials/csrs`, send('POST', meta)));
      expect(csr.status).toBe(201);
      const der = Buffer.from(csr.body.csr, 'base64');
      // extensionRequest (1.2.840.113549.1.9.14) holding subjectAltName (2.5.29.17) with the DNS name.
      expect(der.includes(Buffer.from('06092a864886f70d01090e', 'hex'))).toBe(true);
      expect(der.includes(Buffer.from('0603551d11', 'hex'))).toBe(true);
      expect(der.includes(Buffer.from('dev.example.com'))).toBe(true);
      const signed = selfSignedCertificate({ key: csrKey(csr.body.csr), signer: ca, issuer: [['CN', 'Test CA']], subject: [['CN', 'SP Issuer']], serial: Buffer.from([1]), notBefore: new Date('2026-01-01'), notAfter: new Date('2028-01-01') });
      const published = await json(await o.raw(`/api/v1/idps/${idp.id}/credentials/csrs/${csr.body.id}/lifecycle/publish`, { method: 'POST', headers: { 'content-type': 'application/x-x509-ca-cert' }, body: encode(signed) }));
      expect(published.status).toBe(201);
      expect(published.body.x5c).toEqual([signed.toString('base64')]);
      expect((await o.raw(`/api/v1/idps/${idp.id}/credentials/csrs/${csr.body.id}`)).status).toBe(404);
    }
    expect((await o.raw(`/api/v1/idps/${idp.id}/credentials/csrs`, send('POST', { subject: {} }))).status).toBe(400);
    expect((await o.raw(`/api/v1/idps/${idp.id}/credentials/csrs`, send('POST', { subject: { commonName: 'x' }, subjectAltNames: { dnsNames: ['bad name'] } }))).status).toBe(400);
  });
});
