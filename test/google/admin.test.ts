/** Admin Directory v1 through googleapis: users (search, order, paging, updates, delete), aliases, groups, members. */
import { describe, expect, it } from 'vitest';
import { clients, directoryTenant, failure, useTwin } from './helpers.js';

const l = useTwin();

const directory = () => directoryTenant(l);

describe('users', () => {
  it('lists the customer with query, orderBy and pages of maxResults', async () => {
    const { admin, email } = await directory();
    const sales = await admin.users.list({ customer: 'my_customer', query: "orgUnitPath='/Sales'", orderBy: 'givenName', sortOrder: 'DESCENDING', fields: 'users(primaryEmail)' });
    expect(sales.data.users!.map((u) => u.primaryEmail)).toEqual([email('frank'), email('erin'), email('dave')]);
    const suspended = await admin.users.list({ customer: 'my_customer', query: 'isSuspended=true' });
    expect(suspended.data.users!.map((u) => u.primaryEmail)).toEqual([email('mallory')]);
    const seen: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await admin.users.list({ customer: 'my_customer', maxResults: 5, pageToken, orderBy: 'email' });
      seen.push(...page.data.users!.map((u) => u.primaryEmail!));
      pageToken = page.data.nextPageToken ?? undefined;
    } while (pageToken);
    expect(seen).toHaveLength(12);
    expect(seen).toEqual([...seen].sort());
  });

  it('requires customer or domain: 400 Bad Request', async () => {
    const { admin } = await directory();
    const err = await failure(admin.users.list({}));
    expect(err.body).toEqual({ error: { code: 400, message: 'Bad Request', errors: [{ message: 'Bad Request', domain: 'global', reason: 'badRequest' }] } });
  });

  it('duplicate primary email is 409 "Entity already exists." (duplicate)', async () => {
    const { admin, email } = await directory();
    const err = await failure(admin.users.insert({ requestBody: { primaryEmail: email('alice'), name: { givenName: 'A', familyName: 'B' }, password: 'longenough' } }));
    expect(err.body).toEqual({ error: { code: 409, message: 'Entity already exists.', errors: [{ message: 'Entity already exists.', domain: 'global', reason: 'duplicate' }] } });
  });

  it('patches names, renames keeping the old address as an alias, and finds the user by either', async () => {
    const { admin, email } = await directory();
    const p = await admin.users.patch({ userKey: email('bob'), requestBody: { name: { givenName: 'Robert' }, primaryEmail: email('robert') } });
    expect(p.data).toMatchObject({ primaryEmail: email('robert'), name: { givenName: 'Robert', familyName: 'Brown', fullName: 'Robert Brown' }, aliases: [email('bob')] });
    const byOld = await admin.users.get({ userKey: email('bob') });
    expect(byOld.data.id).toBe(p.data.id);
  });

  it('deletes and undeletes; a deleted user is 404 and its token stops working', async () => {
    const { admin, creds, email } = await directory();
    const judy = await admin.users.get({ userKey: email('judy') });
    await admin.users.delete({ userKey: email('judy') });
    expect((await failure(admin.users.get({ userKey: email('judy') }))).status).toBe(404);
    const judyDrive = clients(l, creds.userTokens[email('judy')]).drive;
    expect((await failure(judyDrive.files.list({}))).status).toBe(401);
    const del = await admin.users.list({ customer: 'my_customer', showDeleted: 'true' });
    expect(del.data.users!.map((u) => u.primaryEmail)).toEqual([email('judy')]);
    await admin.users.undelete({ userKey: judy.data.id!, requestBody: {} });
    expect((await admin.users.get({ userKey: email('judy') })).data.id).toBe(judy.data.id);
  });

  it('makeAdmin and aliases', async () => {
    const { admin, email } = await directory();
    await admin.users.makeAdmin({ userKey: email('carol'), requestBody: { status: true } });
    expect((await admin.users.get({ userKey: email('carol') })).data.isAdmin).toBe(true);
    const a = await admin.users.aliases.insert({ userKey: email('carol'), requestBody: { alias: email('cc') } });
    expect(a.data).toMatchObject({ kind: 'admin#directory#alias', primaryEmail: email('carol'), alias: email('cc') });
    expect((await admin.users.get({ userKey: email('cc') })).data.primaryEmail).toBe(email('carol'));
    await admin.users.aliases.delete({ userKey: email('carol'), alias: email('cc') });
    expect((await admin.users.aliases.list({ userKey: email('carol') })).data.aliases).toBeUndefined();
  });

  it('a non-admin gets 403 "Not Authorized to access this resource/api" but may read the public directory', async () => {
    const { creds, email } = await directory();
    const bob = clients(l, creds.tokens.bobDirectoryReadonly).admin;
    const err = await failure(bob.users.list({ customer: 'my_customer' }));
    expect(err.body.error).toEqual({ code: 403, message: 'Not Authorized to access this resource/api', errors: [{ message: 'Not Authorized to access this resource/api', domain: 'global', reason: 'forbidden' }] });
    const pub = await bob.users.get({ userKey: email('alice'), viewType: 'domain_public' });
    expect(pub.data).not.toHaveProperty('isAdmin');
    expect(pub.data.name!.fullName).toBe('Alice Anderson');
  });
});

describe('groups and members', () => {
  it('creates a group, adds members, and hasMember follows nested groups', async () => {
    const { admin, email } = await directory();
    const g = await admin.groups.insert({ requestBody: { email: email('ops'), name: 'Ops' } });
    expect(g.data).toMatchObject({ kind: 'admin#directory#group', email: email('ops'), directMembersCount: '0', adminCreated: true });
    await admin.members.insert({ groupKey: email('ops'), requestBody: { email: email('ivan'), role: 'MANAGER' } });
    await admin.members.insert({ groupKey: email('ops'), requestBody: { email: email('engineering') } });
    const dup = await failure(admin.members.insert({ groupKey: email('ops'), requestBody: { email: email('ivan') } }));
    expect(dup.body.error.message).toBe('Member already exists.');
    const members = await admin.members.list({ groupKey: g.data.id!, fields: 'members(email,role,type)' });
    expect(members.data.members).toEqual([{ email: email('ivan'), role: 'MANAGER', type: 'USER' }, { email: email('engineering'), role: 'MEMBER', type: 'GROUP' }]);
    expect((await admin.members.hasMember({ groupKey: email('ops'), memberKey: email('bob') })).data.isMember).toBe(true);
    expect((await admin.members.hasMember({ groupKey: email('ops'), memberKey: email('dave') })).data.isMember).toBe(false);
    const bad = await failure(admin.members.hasMember({ groupKey: email('ops'), memberKey: email('nobody') }));
    expect(bad.body.error.message).toBe('Invalid Input: memberKey');
    expect((await admin.groups.get({ groupKey: email('ops') })).data.directMembersCount).toBe('2');
  });

  it('lists groups of a user and by query; updates and deletes a group', async () => {
    const { admin, email } = await directory();
    const ofBob = await admin.groups.list({ userKey: email('bob') });
    expect(ofBob.data.groups!.map((g) => g.email)).toEqual([email('engineering')]);
    const byName = await admin.groups.list({ customer: 'my_customer', query: 'name:Sal' });
    expect(byName.data.groups!.map((g) => g.name)).toEqual(['Sales']);
    await admin.groups.patch({ groupKey: email('sales'), requestBody: { description: 'Revenue' } });
    expect((await admin.groups.get({ groupKey: email('sales') })).data.description).toBe('Revenue');
    await admin.groups.delete({ groupKey: email('sales') });
    expect((await failure(admin.groups.get({ groupKey: email('sales') }))).body.error.message).toBe('Resource Not Found: groupKey');
  });

  it('updates a member role and removes a member', async () => {
    const { admin, email } = await directory();
    const m = await admin.members.patch({ groupKey: email('engineering'), memberKey: email('bob'), requestBody: { role: 'OWNER' } });
    expect(m.data.role).toBe('OWNER');
    await admin.members.delete({ groupKey: email('engineering'), memberKey: email('bob') });
    expect((await failure(admin.members.get({ groupKey: email('engineering'), memberKey: email('bob') }))).body.error.message).toBe('Resource Not Found: memberKey');
  });

  it('organizational units: nested paths, renames carried to users, delete refused while occupied', async () => {
    const { admin, email } = await directory();
    const sub = await admin.orgunits.insert({ customerId: 'my_customer', requestBody: { name: 'Backend', parentOrgUnitPath: '/Engineering' } });
    expect(sub.data).toMatchObject({ orgUnitPath: '/Engineering/Backend', parentOrgUnitPath: '/Engineering' });
    await admin.users.patch({ userKey: email('bob'), requestBody: { orgUnitPath: '/Engineering/Backend' } });
    const got = await admin.orgunits.get({ customerId: 'my_customer', orgUnitPath: 'Engineering/Backend' });
    expect(got.data.orgUnitId).toBe(sub.data.orgUnitId);
    await admin.orgunits.patch({ customerId: 'my_customer', orgUnitPath: 'Engineering', requestBody: { name: 'R&D' } });
    expect((await admin.users.get({ userKey: email('bob') })).data.orgUnitPath).toBe('/R&D/Backend');
    const kids = await admin.orgunits.list({ customerId: 'my_customer', orgUnitPath: '/R&D' });
    expect(kids.data.organizationUnits!.map((o) => o.orgUnitPath)).toEqual(['/R&D/Backend']);
    const busy = await failure(admin.orgunits.delete({ customerId: 'my_customer', orgUnitPath: 'R&D/Backend' }));
    expect(busy.status).toBe(400);
    const badOu = await failure(admin.users.patch({ userKey: email('bob'), requestBody: { orgUnitPath: '/Nowhere' } }));
    expect(badOu.body.error.message).toBe('Invalid Input: INVALID_OU_ID');
  });

  it('reads the customer and its domains', async () => {
    const { admin, creds } = await directory();
    const c = await admin.customers.get({ customerKey: 'my_customer' });
    expect(c.data).toMatchObject({ id: creds.customerId, customerDomain: creds.domain });
    const d = await admin.domains.list({ customer: creds.customerId });
    expect(d.data.domains!.map((x) => [x.domainName, x.isPrimary])).toEqual([[creds.domain, true], ['example.org', false]]);
  });
});
