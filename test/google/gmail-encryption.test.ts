// Gmail S/MIME (sendAs.smimeInfo) and client-side encryption (cse.keypairs, cse.identities) through googleapis, with seeded test certificates.
import { describe, expect, it } from 'vitest';
import forge from 'node-forge';
import { google } from 'googleapis';
import { failure, freshTenant, oauth, startTwin, useTwin, type GoogleCreds } from './helpers.js';
import { issue, pemOf, pkcs12Of, pkcs7Of } from '../../sdk-compat/google/certificates.js';

const twin = useTwin();
const tokenOf = (creds: GoogleCreds, who: string) => creds.userTokens[`${who}@${creds.domain}`];

async function mailbox(who = 'alice') {
  const { creds, base } = await freshTenant(twin);
  const addr = `${who}@${creds.domain}`;
  return { creds, base, addr, s: twin.gmail(tokenOf(creds, who)).users.settings };
}

describe('Gmail S/MIME', () => {
  it('refuses a wrong password, bytes that are no PKCS#12, a bundle without a key and a certificate for another address, all with 400 Bad Request/invalidArgument', async () => {
    const { s, addr, creds } = await mailbox();
    const mine = issue(addr);
    const certOnly = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(null, [mine.cert], 'pw')).getBytes(), 'binary').toString('base64url');
    const cases = [
      { pkcs12: pkcs12Of(mine, 'right'), encryptedKeyPassword: 'wrong' },
      { pkcs12: pkcs12Of(mine, 'right') },
      { pkcs12: Buffer.from('definitely not DER').toString('base64url') },
      { pkcs12: certOnly, encryptedKeyPassword: 'pw' },
      { pkcs12: pkcs12Of(issue(`bob@${creds.domain}`), 'pw'), encryptedKeyPassword: 'pw' },
      {},
    ];
    for (const requestBody of cases) {
      const err = await failure(s.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: addr, requestBody }));
      expect(err.status).toBe(400);
      expect(err.body.error).toMatchObject({ code: 400, message: 'Bad Request', status: 'INVALID_ARGUMENT', errors: [{ reason: 'invalidArgument', domain: 'global' }] });
    }
    expect((await s.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: addr })).data).toEqual({});
  });

  it('keeps only the chain: issuer, expiry in ms, PEM leaf first; standard base64 is read too; the key never comes back', async () => {
    const { s, addr } = await mailbox();
    const notAfter = new Date('2041-03-04T05:06:07Z');
    const b = issue(addr, { issuerCn: 'Example Issuing CA', notAfter });
    const std = Buffer.from(pkcs12Of(b, 'pw'), 'base64url').toString('base64');
    const got = await s.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: addr, requestBody: { pkcs12: std, encryptedKeyPassword: 'pw' } });
    expect(got.data).toEqual({ id: expect.any(String), issuerCn: 'Example Issuing CA', isDefault: false, expiration: String(notAfter.getTime()), pem: pemOf(b.cert) + pemOf(b.ca) });
    expect(forge.pki.certificateFromPem(got.data.pem!).subject.getField('CN').value).toBe(addr);
  });

  it('works per send-as alias: an alias gets its own certificates, setDefault keeps one default, deleting the alias drops them, unknown aliases and ids are 404', async () => {
    const { s, addr } = await mailbox();
    const alias = 'press@example.net';
    await s.sendAs.create({ userId: 'me', requestBody: { sendAsEmail: alias } });
    const a = await s.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: alias, requestBody: { pkcs12: pkcs12Of(issue(alias), 'x'), encryptedKeyPassword: 'x' } });
    const b = await s.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: alias, requestBody: { pkcs12: pkcs12Of(issue(alias, { seed: 'second' }), 'x'), encryptedKeyPassword: 'x' } });
    expect((await s.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: addr })).data.smimeInfo).toBeUndefined();
    await s.sendAs.smimeInfo.setDefault({ userId: 'me', sendAsEmail: alias, id: a.data.id! });
    await s.sendAs.smimeInfo.setDefault({ userId: 'me', sendAsEmail: alias, id: b.data.id! });
    const list = (await s.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: alias })).data.smimeInfo!;
    expect(list.map((x) => [x.id, x.isDefault])).toEqual([[a.data.id, false], [b.data.id, true]]);
    expect((await failure(s.sendAs.smimeInfo.get({ userId: 'me', sendAsEmail: alias, id: 'nope' }))).status).toBe(404);
    expect((await failure(s.sendAs.smimeInfo.setDefault({ userId: 'me', sendAsEmail: alias, id: 'nope' }))).status).toBe(404);
    await s.sendAs.delete({ userId: 'me', sendAsEmail: alias });
    await s.sendAs.create({ userId: 'me', requestBody: { sendAsEmail: alias } });
    expect((await s.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: alias })).data).toEqual({});
    expect((await failure(s.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: 'other@example.net', requestBody: { pkcs12: pkcs12Of(issue('other@example.net'), 'x'), encryptedKeyPassword: 'x' } }))).status).toBe(404);
  });

  it('the journal never keeps the PKCS#12 bundle or its password', async () => {
    const { s, addr, base } = await mailbox();
    const bundle = pkcs12Of(issue(addr), 'Journal-Pa55');
    await s.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: addr, requestBody: { pkcs12: bundle, encryptedKeyPassword: 'Journal-Pa55' } });
    const text = await (await fetch(`${base}/_dtu/journal?operationId=gmail.users.settings.sendAs.smimeInfo.insert`)).text();
    expect(text).toContain('smimeInfo');
    expect(text).not.toContain(bundle.slice(0, 64));
    expect(text).not.toContain('Journal-Pa55');
  });
});

describe('Gmail client-side encryption', () => {
  const kacls = { kaclsKeyMetadata: { kaclsUri: 'https://kacls.example.net', kaclsData: 'wrapped' } };

  it('reads a chain given as PKCS#7 or as CERTIFICATE blocks, refuses duplicates, expired certificates, a missing chain and missing key metadata', async () => {
    const { s, addr } = await mailbox();
    const b = issue(addr, { seed: 'cse-a' });
    const kp = await s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(b), privateKeyMetadata: [kacls] } });
    expect(kp.data).toMatchObject({ enablementState: 'enabled', subjectEmailAddresses: [addr], pem: pemOf(b.cert) + pemOf(b.ca) });
    const dup = await failure(s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pemOf(b.ca) + pemOf(b.cert), privateKeyMetadata: [kacls] } }));
    expect(dup.status).toBe(409);
    expect(dup.body.error.status).toBe('ALREADY_EXISTS');
    const pemChain = issue(addr, { seed: 'cse-b' });
    const viaPem = await s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pemOf(pemChain.ca) + pemOf(pemChain.cert), privateKeyMetadata: [{ hardwareKeyMetadata: { description: 'YubiKey' } }] } });
    expect(viaPem.data.pem).toBe(pemOf(pemChain.cert) + pemOf(pemChain.ca));
    const expired = issue(addr, { seed: 'cse-old', notAfter: new Date('2024-06-01T00:00:00Z') });
    expect((await failure(s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(expired), privateKeyMetadata: [kacls] } }))).status).toBe(400);
    expect((await failure(s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(issue(addr, { seed: 'cse-c' })) } }))).status).toBe(400);
    expect((await failure(s.cse.keypairs.create({ userId: 'me', requestBody: { privateKeyMetadata: [kacls] } }))).status).toBe(400);
  });

  it('identities: only the primary address, only usable key pairs of its address, one at a time; patch swaps keys', async () => {
    const { s, addr, creds } = await mailbox();
    const kp = (await s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(issue(addr, { seed: 'id-a' })), privateKeyMetadata: [kacls] } })).data;
    const other = (await s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(issue(`carol@${creds.domain}`, { seed: 'id-c' })), privateKeyMetadata: [kacls] } })).data;
    expect(other.subjectEmailAddresses).toEqual([`carol@${creds.domain}`]);
    const wrongAddress = await failure(s.cse.identities.create({ userId: 'me', requestBody: { emailAddress: `carol@${creds.domain}`, primaryKeyPairId: other.keyPairId! } }));
    expect(wrongAddress.body.error).toMatchObject({ code: 400, status: 'INVALID_ARGUMENT' });
    expect((await failure(s.cse.identities.create({ userId: 'me', requestBody: { emailAddress: addr, primaryKeyPairId: other.keyPairId! } }))).status).toBe(400);
    const both = await failure(s.cse.identities.create({ userId: 'me', requestBody: { emailAddress: addr, primaryKeyPairId: kp.keyPairId!, signAndEncryptKeyPairs: { signingKeyPairId: kp.keyPairId!, encryptionKeyPairId: kp.keyPairId! } } }));
    expect(both.status).toBe(400);
    await s.cse.identities.create({ userId: 'me', requestBody: { emailAddress: addr, primaryKeyPairId: kp.keyPairId! } });
    const kp2 = (await s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(issue(addr, { seed: 'id-b' })), privateKeyMetadata: [kacls] } })).data;
    await s.cse.keypairs.disable({ userId: 'me', keyPairId: kp2.keyPairId!, requestBody: {} });
    const disabled = await failure(s.cse.identities.patch({ userId: 'me', emailAddress: addr, requestBody: { primaryKeyPairId: kp2.keyPairId! } }));
    expect(disabled.body.error).toMatchObject({ code: 400, status: 'FAILED_PRECONDITION' });
    await s.cse.keypairs.enable({ userId: 'me', keyPairId: kp2.keyPairId!, requestBody: {} });
    const patched = await s.cse.identities.patch({ userId: 'me', emailAddress: addr, requestBody: { primaryKeyPairId: kp2.keyPairId! } });
    expect(patched.data).toEqual({ emailAddress: addr, primaryKeyPairId: kp2.keyPairId });
    expect((await failure(s.cse.identities.patch({ userId: 'me', emailAddress: `carol@${creds.domain}`, requestBody: { primaryKeyPairId: kp2.keyPairId! } }))).status).toBe(404);
    expect((await failure(s.cse.identities.delete({ userId: 'me', cseEmailAddress: `carol@${creds.domain}` }))).status).toBe(404);
  });

  it('lists page by pageSize; a token for another page size is refused', async () => {
    const { s, addr } = await mailbox();
    for (const seed of ['p1', 'p2', 'p3']) await s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(issue(addr, { seed })), privateKeyMetadata: [kacls] } });
    const first = await s.cse.keypairs.list({ userId: 'me', pageSize: 2 });
    expect(first.data.cseKeyPairs).toHaveLength(2);
    const rest = await s.cse.keypairs.list({ userId: 'me', pageSize: 2, pageToken: first.data.nextPageToken! });
    expect(rest.data.cseKeyPairs).toHaveLength(1);
    expect(rest.data.nextPageToken).toBeUndefined();
    expect((await s.cse.keypairs.list({ userId: 'me' })).data.cseKeyPairs).toHaveLength(3);
    expect((await failure(s.cse.keypairs.list({ userId: 'me', pageSize: 1, pageToken: first.data.nextPageToken! }))).status).toBe(400);
    expect((await s.cse.identities.list({ userId: 'me' })).data).toEqual({});
  });

  it('obliterate only after more than 30 days turned off; disabling again keeps the first disableTime (own twin: the clock is shared)', async () => {
    const own = await startTwin();
    try {
      const { creds, base } = await freshTenant(own);
      const addr = `alice@${creds.domain}`;
      const s = google.gmail({ version: 'v1', auth: oauth(tokenOf(creds, 'alice')), rootUrl: `${own.url}/`, retry: false }).users.settings;
      const clock = (body: unknown) => fetch(`${base}/_dtu/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await clock({ freeze: '2030-01-01T00:00:00Z' });
      const kp = (await s.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(issue(addr, { seed: 'ob' })), privateKeyMetadata: [kacls] } })).data;
      const off = (await s.cse.keypairs.disable({ userId: 'me', keyPairId: kp.keyPairId!, requestBody: {} })).data;
      expect(off.disableTime).toBe('2030-01-01T00:00:00.000Z');
      await clock({ advanceMs: 10 * 24 * 3600_000 });
      expect((await s.cse.keypairs.disable({ userId: 'me', keyPairId: kp.keyPairId!, requestBody: {} })).data.disableTime).toBe('2030-01-01T00:00:00.000Z');
      await clock({ set: '2030-01-31T00:00:00Z' });
      const early = await failure(s.cse.keypairs.obliterate({ userId: 'me', keyPairId: kp.keyPairId!, requestBody: {} }));
      expect(early.body.error).toMatchObject({ code: 400, status: 'FAILED_PRECONDITION' });
      await clock({ advanceMs: 1000 });
      await s.cse.keypairs.obliterate({ userId: 'me', keyPairId: kp.keyPairId!, requestBody: {} });
      expect((await failure(s.cse.keypairs.get({ userId: 'me', keyPairId: kp.keyPairId! }))).status).toBe(404);
      expect((await failure(s.cse.keypairs.enable({ userId: 'me', keyPairId: kp.keyPairId!, requestBody: {} }))).status).toBe(404);
    } finally {
      await own.close();
    }
  });
});
