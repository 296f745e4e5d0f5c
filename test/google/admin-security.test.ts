/** Admin Directory account security, domains, customer and push through googleapis: grants, ASPs, codes, 2SV, photos, domains, watch. */
import { describe, expect, it } from 'vitest';
import { directoryTenant, failure, useTwin } from './helpers.js';

const l = useTwin();

const directory = () => directoryTenant(l);
const C = { customer: 'my_customer' };

describe('account security', () => {
  it('revoking an app grant refuses its refresh token at the token endpoint', async () => {
    const { admin, creds, email } = await directory();
    const grants = await admin.tokens.list({ userKey: email('alice') });
    const ours = grants.data.items!.find((g) => g.clientId === creds.clientId)!;
    expect(ours.displayText).toBe('DTU workspace client');
    expect(grants.data.items!.map((g) => g.displayText).sort()).toEqual(['Acme Expenses', 'DTU workspace client']);
    await admin.tokens.delete({ userKey: email('alice'), clientId: creds.clientId });
    const again = await failure(admin.tokens.delete({ userKey: email('alice'), clientId: creds.clientId }));
    expect(again.body.error.message).toBe('Resource Not Found: clientId');
    expect((await admin.tokens.list({ userKey: email('alice') })).data.items!.map((g) => g.displayText)).toEqual(['Acme Expenses']);
  });

  it('backup codes and 2SV; users that are not enrolled cannot be turned off', async () => {
    const { admin, email } = await directory();
    expect((await admin.verificationCodes.list({ userKey: email('bob') })).data).toMatchObject({ kind: 'admin#directory#verificationCodesList' });
    await admin.verificationCodes.generate({ userKey: email('alice') });
    expect((await admin.verificationCodes.list({ userKey: email('alice') })).data.items).toHaveLength(10);
    await admin.twoStepVerification.turnOff({ userKey: email('alice') });
    // Turning 2SV off voids the backup codes.
    expect((await admin.verificationCodes.list({ userKey: email('alice') })).data.items).toBeUndefined();
    const err = await failure(admin.twoStepVerification.turnOff({ userKey: email('bob') }));
    expect(err.status).toBe(400);
    const enrolled = await admin.users.list({ ...C, query: 'isEnrolledIn2Sv=true', fields: 'users(primaryEmail)' });
    expect(enrolled.data.users!.map((u) => u.primaryEmail).sort()).toEqual([email('ada'), email('carol')]);
  });

  it('a photo goes with its deleted user', async () => {
    const { admin, email } = await directory();
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64url');
    await admin.users.photos.update({ userKey: email('ivan'), requestBody: { photoData: gif } });
    expect((await admin.users.photos.get({ userKey: email('ivan') })).data.mimeType).toBe('GIF');
    const ivan = await admin.users.get({ userKey: email('ivan') });
    await admin.users.delete({ userKey: email('ivan') });
    await admin.users.undelete({ userKey: ivan.data.id!, requestBody: {} });
    expect((await failure(admin.users.photos.get({ userKey: email('ivan') }))).status).toBe(404);
  });
});

describe('domains and the customer', () => {
  it('a domain in use cannot be removed; users may be created in a new domain', async () => {
    const { admin } = await directory();
    await admin.domains.insert({ ...C, requestBody: { domainName: 'Example-Two.com' } });
    const d = await admin.domains.get({ ...C, domainName: 'example-two.com' });
    expect(d.data).toMatchObject({ kind: 'admin#directory#domain', domainName: 'example-two.com', verified: false, isPrimary: false });
    await admin.users.insert({ requestBody: { primaryEmail: 'sam@example-two.com', name: { givenName: 'Sam', familyName: 'S' }, password: 'welcome-2-acme' } });
    expect((await failure(admin.domains.delete({ ...C, domainName: 'example-two.com' }))).status).toBe(400);
    expect((await failure(admin.domains.insert({ ...C, requestBody: { domainName: 'not a domain' } }))).status).toBe(400);
    const listed = await admin.domains.list(C);
    expect(listed.data.domains!.map((x) => x.domainName)).toContain('example-two.com');
  });

  it('domain aliases appear under their parent domain', async () => {
    const { admin, creds } = await directory();
    await admin.domainAliases.insert({ ...C, requestBody: { domainAliasName: 'example.io', parentDomainName: creds.domain } });
    const primary = await admin.domains.get({ ...C, domainName: creds.domain });
    expect(primary.data.domainAliases!.map((a) => a.domainAliasName)).toEqual(['example.io']);
    expect((await failure(admin.domainAliases.insert({ ...C, requestBody: { domainAliasName: 'example.io' } }))).status).toBe(409);
    expect((await failure(admin.domainAliases.get({ ...C, domainAliasName: 'example.xyz' }))).status).toBe(404);
  });

  it('the customer domain cannot change', async () => {
    const { admin } = await directory();
    expect((await failure(admin.customers.patch({ customerKey: 'my_customer', requestBody: { customerDomain: 'other.com' } }))).status).toBe(400);
    expect((await failure(admin.customers.get({ customerKey: 'C0someone' }))).status).toBe(403);
  });
});

describe('push', () => {
  it('a users channel receives the event and the user as JSON with the X-Goog headers', async () => {
    const { admin, base, email } = await directory();
    const ch = await admin.users.watch({ customer: 'my_customer', event: 'makeAdmin', requestBody: { id: 'mk', type: 'web_hook', address: `${base}/_dtu/google/push/deliveries`, token: 't0k' } });
    expect(ch.data.resourceUri).toBe('https://admin.googleapis.com/admin/directory/v1/users?alt=json&customer=my_customer&event=makeAdmin');
    await admin.users.makeAdmin({ userKey: email('heidi'), requestBody: { status: true } });
    const d = (await (await fetch(`${base}/_dtu/google/push/deliveries`)).json()) as { deliveries: Array<{ channelId: string; state: string; body?: Record<string, unknown> }> };
    const mine = d.deliveries.filter((x) => x.channelId === 'mk');
    expect(mine.map((x) => x.state)).toEqual(['sync', 'makeAdmin']);
    expect(mine[1].body).toMatchObject({ kind: 'admin#directory#user', primaryEmail: email('heidi') });
    expect((await failure(admin.users.watch({ customer: 'my_customer', event: 'explode', requestBody: { id: 'x', type: 'web_hook', address: base } }))).status).toBe(400);
  });
});
