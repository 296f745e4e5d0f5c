// googleapis compat: onboarding and offboarding with the Admin SDK Directory API — users, aliases, groups and members.
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email, gerr } from './common.js';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Admin Directory: onboard and offboard a user, groups and members',
  async run(ctx, t) {
    const admin = t.track(apis(ctx).admin, 'admin');
    const newHire = email(ctx, 'nora');

    const customer = await admin.customers.get({ customerKey: 'my_customer' });
    t.check(customer.data.customerDomain === ctx.credentials.domain, 'customers.get', customer.data);
    const domains = await admin.domains.list({ customer: 'my_customer' });
    t.check(domains.data.domains?.some((d) => d.isPrimary && d.domainName === ctx.credentials.domain), 'primary domain listed', domains.data);
    const primary = await admin.domains.get({ customer: 'my_customer', domainName: ctx.credentials.domain });
    t.check(primary.data.verified === true, 'domains.get', primary.data);

    const ou = await admin.orgunits.insert({ customerId: 'my_customer', requestBody: { name: 'New Hires', parentOrgUnitPath: '/Engineering', description: 'First 90 days' } });
    t.check(ou.data.orgUnitPath === '/Engineering/New Hires', 'nested org unit created', ou.data);
    const ouList = await admin.orgunits.list({ customerId: 'my_customer', orgUnitPath: '/Engineering', type: 'children' });
    t.check(ouList.data.organizationUnits?.some((o) => o.orgUnitId === ou.data.orgUnitId), 'listed under its parent', ouList.data);

    const user = await admin.users.insert({ requestBody: { primaryEmail: newHire, name: { givenName: 'Nora', familyName: 'Nguyen' }, password: 'welcome-2-acme', orgUnitPath: '/Engineering', changePasswordAtNextLogin: true } });
    t.check(user.data.id && user.data.isAdmin === false && !('password' in user.data), 'user created without echoing the password', user.data);
    await t.expectError(() => admin.users.insert({ requestBody: { primaryEmail: newHire, name: { givenName: 'N', familyName: 'N' }, password: 'welcome-2-acme' } }), classic(409, 'duplicate', 'Entity already exists.'), 'same address twice → 409');

    const search = await admin.users.list({ customer: 'my_customer', query: "email:nora orgUnitPath='/Engineering'", fields: 'users(primaryEmail)' });
    t.check(search.data.users?.length === 1 && search.data.users[0].primaryEmail === newHire, 'query finds the new hire', search.data);
    const page1 = await admin.users.list({ domain: ctx.credentials.domain, maxResults: 4, orderBy: 'familyName' });
    const page2 = await admin.users.list({ domain: ctx.credentials.domain, maxResults: 4, orderBy: 'familyName', pageToken: page1.data.nextPageToken! });
    t.check(page1.data.users?.length === 4 && page2.data.users?.[0]?.primaryEmail !== page1.data.users?.[3]?.primaryEmail, 'pages continue', { page1: page1.data.nextPageToken });

    await admin.users.update({ userKey: user.data.id!, requestBody: { name: { givenName: 'Nora', familyName: 'Nguyen-Smith' }, orgUnitPath: '/Engineering/New Hires' } });
    const inOu = await admin.orgunits.get({ customerId: 'my_customer', orgUnitPath: 'Engineering/New Hires' });
    t.check(inOu.data.orgUnitId === ou.data.orgUnitId, 'orgunits.get by nested path', inOu.data);
    await t.expectError(() => admin.orgunits.delete({ customerId: 'my_customer', orgUnitPath: 'Engineering/New Hires' }), classic(400, 'invalid'), 'an occupied org unit cannot be deleted');
    const patched = await admin.users.patch({ userKey: newHire, requestBody: { phones: [{ value: '+1 555 0100', type: 'work' }] } });
    t.check(patched.data.name?.familyName === 'Nguyen-Smith' && Array.isArray(patched.data.phones), 'update then patch keep both changes', patched.data);

    const alias = await admin.users.aliases.insert({ userKey: newHire, requestBody: { alias: email(ctx, 'nn') } });
    t.check(alias.data.alias === email(ctx, 'nn'), 'alias added', alias.data);
    const aliases = await admin.users.aliases.list({ userKey: newHire });
    t.check((aliases.data.aliases as Array<{ alias?: string }> | undefined)?.[0]?.alias === email(ctx, 'nn'), 'alias listed', aliases.data);
    const byAlias = await admin.users.get({ userKey: email(ctx, 'nn') });
    t.check(byAlias.data.primaryEmail === newHire, 'user found by alias', byAlias.data);

    const team = await admin.groups.insert({ requestBody: { email: email(ctx, 'platform'), name: 'Platform', description: 'Platform team' } });
    await admin.members.insert({ groupKey: team.data.id!, requestBody: { email: newHire, role: 'MEMBER' } });
    await admin.members.insert({ groupKey: email(ctx, 'engineering'), requestBody: { email: email(ctx, 'platform') } });
    const viaNested = await admin.members.hasMember({ groupKey: email(ctx, 'all-staff'), memberKey: newHire });
    t.check(viaNested.data.isMember === true, 'all-staff ⊃ engineering ⊃ platform ⊃ nora', viaNested.data);
    const promoted = await admin.members.patch({ groupKey: email(ctx, 'platform'), memberKey: newHire, requestBody: { role: 'MANAGER' } });
    t.check(promoted.data.role === 'MANAGER', 'member promoted', promoted.data);
    const member = await admin.members.get({ groupKey: email(ctx, 'platform'), memberKey: newHire });
    const list = await admin.members.list({ groupKey: email(ctx, 'platform'), roles: 'MANAGER' });
    t.check(member.data.role === 'MANAGER' && list.data.members?.length === 1, 'members.get and list by role', list.data);
    const groups = await admin.groups.list({ userKey: newHire });
    t.check(groups.data.groups?.map((g) => g.email).join() === email(ctx, 'platform'), 'groups of the user', groups.data);
    await admin.groups.patch({ groupKey: email(ctx, 'platform'), requestBody: { description: 'Platform & infra' } });
    await admin.groups.update({ groupKey: email(ctx, 'platform'), requestBody: { name: 'Platform Team' } });
    await admin.groups.aliases.insert({ groupKey: email(ctx, 'platform'), requestBody: { alias: email(ctx, 'infra') } });
    const galiases = await admin.groups.aliases.list({ groupKey: email(ctx, 'platform') });
    t.check((galiases.data.aliases as Array<{ alias?: string }> | undefined)?.[0]?.alias === email(ctx, 'infra'), 'group alias listed', galiases.data);
    t.check((await admin.groups.get({ groupKey: email(ctx, 'infra') })).data.name === 'Platform Team', 'group found by alias');
    await admin.groups.aliases.delete({ groupKey: email(ctx, 'platform'), alias: email(ctx, 'infra') });
    await admin.members.update({ groupKey: email(ctx, 'platform'), memberKey: newHire, requestBody: { role: 'MANAGER', delivery_settings: 'DIGEST' } });
    const g = await admin.groups.get({ groupKey: team.data.id! });
    t.check(g.data.description === 'Platform & infra' && g.data.directMembersCount === '1', 'group patched', g.data);

    await admin.users.makeAdmin({ userKey: newHire, requestBody: { status: true } });
    t.check((await admin.users.get({ userKey: newHire })).data.isAdmin === true, 'made admin');

    // Offboarding.
    await admin.users.aliases.delete({ userKey: newHire, alias: email(ctx, 'nn') });
    await admin.members.delete({ groupKey: email(ctx, 'platform'), memberKey: newHire });
    await admin.groups.delete({ groupKey: email(ctx, 'platform') });
    await admin.users.delete({ userKey: newHire });
    await t.expectError(() => admin.users.get({ userKey: newHire }), classic(404, 'notFound', 'Resource Not Found: userKey'), 'deleted user → 404');
    await admin.users.undelete({ userKey: user.data.id!, requestBody: { orgUnitPath: '/' } });
    const back = await admin.users.get({ userKey: user.data.id! });
    t.check(back.data.orgUnitPath === '/', 'undeleted into /', back.data);
    await admin.orgunits.update({ customerId: 'my_customer', orgUnitPath: 'Engineering/New Hires', requestBody: { description: 'empty now' } });
    await admin.orgunits.delete({ customerId: 'my_customer', orgUnitPath: 'Engineering/New Hires' });

    // Nothing in the twin enrolls devices or issues app passwords, so these reads are not implemented (501), not empty lists.
    for (const [what, call] of [
      ['asps.list', () => admin.asps.list({ userKey: newHire })],
      ['tokens.list', () => admin.tokens.list({ userKey: newHire })],
      ['chromeosdevices.list', () => admin.chromeosdevices.list({ customerId: 'my_customer' })],
      ['mobiledevices.list', () => admin.mobiledevices.list({ customerId: 'my_customer' })],
    ] as const) {
      await t.expectError(call, gerr(501), `${what} answers 501 until written`);
    }

    await t.expectError(() => admin.members.hasMember({ groupKey: email(ctx, 'sales'), memberKey: email(ctx, 'ghost') }), classic(400, 'invalid', 'Invalid Input: memberKey'), 'hasMember for an unknown address → 400');
    await t.expectError(() => admin.users.list({}), classic(400, 'badRequest', 'Bad Request'), 'users.list without customer or domain → 400');
  },
};

export default scenario;
