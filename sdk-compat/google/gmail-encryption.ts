// googleapis compat: a security admin enrolling a user for encrypted mail — S/MIME certificates per send-as alias, client-side encryption key pairs and identities.
import { google } from 'googleapis';
import type { CompatContext, Scenario } from '../types.js';
import { SDK, email, gerr, userToken } from './common.js';
import { issue, pemOf, pkcs12Of, pkcs7Of } from './certificates.js';

const gmailFor = (ctx: CompatContext, token: string) => {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: token });
  return google.gmail({ version: 'v1', auth, rootUrl: `${ctx.origin}/`, retry: false });
};
/** Gmail refuses an S/MIME upload with "400: Bad Request - invalidArgument" (GAM-team/GAM#631, #1162). */
const refused = gerr(400, (b) => b?.message === 'Bad Request' && b?.errors?.[0]?.reason === 'invalidArgument');
const precondition = gerr(400, (b) => b?.status === 'FAILED_PRECONDITION');
const certsIn = (pem: string | null | undefined) => (pem ?? '').match(/-----BEGIN CERTIFICATE-----/g)?.length ?? 0;

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Gmail: encrypted mail — S/MIME certificates per alias, CSE key pairs (enable, disable, obliterate) and identities',
  async run(ctx, t) {
    const alice = t.track(gmailFor(ctx, userToken(ctx, 'alice')), 'gmail');
    const me = email(ctx, 'alice');
    const users = alice.users.settings;

    // S/MIME (users.settings.sendAs.smimeInfo; Gmail S/MIME guide: one certificate per alias, one default per alias).
    const notAfter = new Date('2044-06-30T00:00:00Z');
    const first = issue(me, { issuerCn: 'Twin Test S/MIME CA', notAfter });
    const second = issue(me, { issuerCn: 'Twin Test Second CA', seed: `${me}#2` });
    await t.expectError(() => users.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: me, requestBody: { pkcs12: pkcs12Of(first, 'right'), encryptedKeyPassword: 'wrong' } }), refused, 'a wrong password does not open the bundle');
    await t.expectError(() => users.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: me, requestBody: { pkcs12: Buffer.from('not a bundle').toString('base64url') } }), refused, 'bytes that are no PKCS#12 are refused');
    await t.expectError(() => users.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: me, requestBody: { pkcs12: pkcs12Of(issue(email(ctx, 'bob')), 'pw'), encryptedKeyPassword: 'pw' } }), refused, 'a certificate for another address is refused');
    await t.expectError(() => users.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: 'nobody@example.net' }), gerr(404), 'an address the mailbox cannot send as has no certificates');

    const one = await users.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: me, requestBody: { pkcs12: pkcs12Of(first, 's3cret'), encryptedKeyPassword: 's3cret' } });
    t.check(
      one.data.issuerCn === 'Twin Test S/MIME CA' && one.data.expiration === String(notAfter.getTime()) && one.data.pem === pemOf(first.cert) + pemOf(first.ca) && !/PRIVATE KEY/.test(JSON.stringify(one.data)) && one.data.isDefault === false && !one.data.pkcs12,
      'insert reports issuer, expiry and the chain (leaf first), never the key',
      { ...one.data, pem: certsIn(one.data.pem) },
    );
    const two = await users.sendAs.smimeInfo.insert({ userId: 'me', sendAsEmail: me, requestBody: { pkcs12: pkcs12Of(second, '') } });
    t.check(two.data.issuerCn === 'Twin Test Second CA' && two.data.id !== one.data.id, 'a second certificate for the same alias, without a password', two.data.issuerCn);
    const listed = await users.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: me });
    t.check(listed.data.smimeInfo?.map((s) => s.id).sort().join() === [one.data.id, two.data.id].sort().join(), 'both listed for the alias', listed.data.smimeInfo?.length);
    await users.sendAs.smimeInfo.setDefault({ userId: 'me', sendAsEmail: me, id: two.data.id! });
    const def = await users.sendAs.smimeInfo.get({ userId: 'me', sendAsEmail: me, id: two.data.id! });
    t.checkEffect(def.data.isDefault === true && def.data.issuerCn === 'Twin Test Second CA', 'setDefault makes it the default', def.data.isDefault);
    await users.sendAs.smimeInfo.setDefault({ userId: 'me', sendAsEmail: me, id: one.data.id! });
    const after = await users.sendAs.smimeInfo.list({ userId: 'me', sendAsEmail: me });
    t.checkEffect(after.data.smimeInfo?.filter((s) => s.isDefault).map((s) => s.id).join() === one.data.id, 'one default per alias', after.data.smimeInfo?.map((s) => s.isDefault));
    await users.sendAs.smimeInfo.delete({ userId: 'me', sendAsEmail: me, id: two.data.id! });
    await t.expectError(() => users.sendAs.smimeInfo.get({ userId: 'me', sendAsEmail: me, id: two.data.id! }), gerr(404), 'deleted certificate is gone', { effect: true });

    // Client-side encryption (users.settings.cse): key pairs from a PKCS#7 chain, identities that use them.
    const kacls = { kaclsKeyMetadata: { kaclsUri: 'https://kacls.example.net/v1', kaclsData: 'wrapped-key-blob' } };
    await t.expectError(() => users.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: '-----BEGIN PKCS7-----\nAAAA\n-----END PKCS7-----\n', privateKeyMetadata: [kacls] } }), gerr(400), 'an unreadable chain is refused');
    const kp1 = await users.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(issue(me, { seed: `${me}#cse1` })), privateKeyMetadata: [kacls] } });
    t.check(
      kp1.data.enablementState === 'enabled' && kp1.data.subjectEmailAddresses?.join() === me && certsIn(kp1.data.pem) === 2 && !!kp1.data.privateKeyMetadata?.[0]?.privateKeyMetadataId && !kp1.data.pkcs7,
      'key pair enabled, for the certificate\'s address, chain returned as PEM',
      { ...kp1.data, pem: certsIn(kp1.data.pem) },
    );
    const kp2 = await users.cse.keypairs.create({ userId: 'me', requestBody: { pkcs7: pkcs7Of(issue(me, { seed: `${me}#cse2` })), privateKeyMetadata: [{ hardwareKeyMetadata: { description: 'Security key in the top drawer' } }] } });
    t.check(kp2.data.privateKeyMetadata?.[0]?.hardwareKeyMetadata?.description === 'Security key in the top drawer', 'a hardware-held key', kp2.data.privateKeyMetadata);
    const got = await users.cse.keypairs.get({ userId: 'me', keyPairId: kp1.data.keyPairId! });
    t.check(got.data.pem === kp1.data.pem, 'get returns the same key pair', got.data.keyPairId);
    const page1 = await users.cse.keypairs.list({ userId: 'me', pageSize: 1 });
    const page2 = await users.cse.keypairs.list({ userId: 'me', pageSize: 1, pageToken: page1.data.nextPageToken! });
    t.check(page1.data.cseKeyPairs?.length === 1 && !!page1.data.nextPageToken && page2.data.cseKeyPairs?.length === 1 && !page2.data.nextPageToken && page1.data.cseKeyPairs[0].keyPairId !== page2.data.cseKeyPairs[0].keyPairId, 'listed a page at a time', [page1.data, page2.data].map((p) => p.cseKeyPairs?.length));

    const off = await users.cse.keypairs.disable({ userId: 'me', keyPairId: kp2.data.keyPairId!, requestBody: {} });
    t.check(off.data.enablementState === 'disabled' && !!off.data.disableTime, 'disable turns it off and stamps the time', off.data);
    await t.expectError(() => users.cse.identities.create({ userId: 'me', requestBody: { emailAddress: me, primaryKeyPairId: kp2.data.keyPairId! } }), precondition, 'an identity cannot use a disabled key pair');
    await t.expectError(() => users.cse.identities.create({ userId: 'me', requestBody: { emailAddress: me, primaryKeyPairId: 'no-such-pair' } }), gerr(400), 'nor an unknown one');
    const ident = await users.cse.identities.create({ userId: 'me', requestBody: { emailAddress: me, primaryKeyPairId: kp1.data.keyPairId! } });
    t.check(ident.data.emailAddress === me && ident.data.primaryKeyPairId === kp1.data.keyPairId, 'identity for the primary address', ident.data);
    await t.expectError(() => users.cse.identities.create({ userId: 'me', requestBody: { emailAddress: me, primaryKeyPairId: kp1.data.keyPairId! } }), gerr(409), 'one identity per address');
    const on = await users.cse.keypairs.enable({ userId: 'me', keyPairId: kp2.data.keyPairId!, requestBody: {} });
    t.check(on.data.enablementState === 'enabled' && !on.data.disableTime, 'enable turns it back on', on.data);
    const patched = await users.cse.identities.patch({ userId: 'me', emailAddress: me, requestBody: { emailAddress: me, signAndEncryptKeyPairs: { signingKeyPairId: kp1.data.keyPairId!, encryptionKeyPairId: kp2.data.keyPairId! } } });
    t.check(patched.data.signAndEncryptKeyPairs?.encryptionKeyPairId === kp2.data.keyPairId && !patched.data.primaryKeyPairId, 'patch: separate signing and encryption key pairs', patched.data);
    const identGot = await users.cse.identities.get({ userId: 'me', cseEmailAddress: me });
    t.check(identGot.data.signAndEncryptKeyPairs?.signingKeyPairId === kp1.data.keyPairId, 'get reads the patched identity', identGot.data);
    const idents = await users.cse.identities.list({ userId: 'me' });
    t.check(idents.data.cseIdentities?.length === 1 && idents.data.cseIdentities[0].emailAddress === me, 'one identity listed', idents.data);

    // Obliterate only after 30 days turned off (keypairs.obliterate reference), on the twin's clock.
    await t.expectError(() => users.cse.keypairs.obliterate({ userId: 'me', keyPairId: kp2.data.keyPairId!, requestBody: {} }), precondition, 'an enabled key pair cannot be obliterated');
    await users.cse.keypairs.disable({ userId: 'me', keyPairId: kp2.data.keyPairId!, requestBody: {} });
    await t.expectError(() => users.cse.keypairs.obliterate({ userId: 'me', keyPairId: kp2.data.keyPairId!, requestBody: {} }), precondition, 'nor one disabled for less than 30 days');
    await ctx.control('POST', 'clock', { advanceMs: 31 * 24 * 3600_000 });
    await users.cse.keypairs.obliterate({ userId: 'me', keyPairId: kp2.data.keyPairId!, requestBody: {} });
    await t.expectError(() => users.cse.keypairs.get({ userId: 'me', keyPairId: kp2.data.keyPairId! }), gerr(404), 'obliterated after 31 days off: gone for good', { effect: true });

    await users.cse.identities.delete({ userId: 'me', cseEmailAddress: me });
    await t.expectError(() => users.cse.identities.get({ userId: 'me', cseEmailAddress: me }), gerr(404), 'identity deleted', { effect: true });
  },
};

export default scenario;
