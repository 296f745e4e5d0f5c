// googleapis compat: onboarding and offboarding with the Admin SDK Directory API — users, aliases, groups and members.
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email } from './common.js';

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

    const updated = await admin.users.update({ userKey: user.data.id!, requestBody: { name: { givenName: 'Nora', familyName: 'Nguyen-Smith' }, orgUnitPath: '/Engineering/New Hires' } });
    t.check(updated.data.name?.fullName === 'Nora Nguyen-Smith' && updated.data.orgUnitPath === '/Engineering/New Hires', 'update renames and moves the user', updated.data);
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
    t.check(team.data.email === email(ctx, 'platform') && team.data.directMembersCount === '0' && team.data.adminCreated === true, 'group created empty', team.data);
    const joined = await admin.members.insert({ groupKey: team.data.id!, requestBody: { email: newHire, role: 'MEMBER' } });
    t.check(joined.data.id === user.data.id && joined.data.type === 'USER' && joined.data.status === 'ACTIVE', 'member added by address, resolved to the account', joined.data);
    const nested = await admin.members.insert({ groupKey: email(ctx, 'engineering'), requestBody: { email: email(ctx, 'platform') } });
    t.check(nested.data.type === 'GROUP' && nested.data.id === team.data.id, 'a group added to a group is a GROUP member', nested.data);
    const viaNested = await admin.members.hasMember({ groupKey: email(ctx, 'all-staff'), memberKey: newHire });
    t.check(viaNested.data.isMember === true, 'all-staff ⊃ engineering ⊃ platform ⊃ nora', viaNested.data);
    const promoted = await admin.members.patch({ groupKey: email(ctx, 'platform'), memberKey: newHire, requestBody: { role: 'MANAGER' } });
    t.check(promoted.data.role === 'MANAGER', 'member promoted', promoted.data);
    const member = await admin.members.get({ groupKey: email(ctx, 'platform'), memberKey: newHire });
    t.check(member.data.role === 'MANAGER' && member.data.email === newHire, 'members.get', member.data);
    const list = await admin.members.list({ groupKey: email(ctx, 'platform'), roles: 'MANAGER' });
    t.check(list.data.members?.length === 1, 'members.list by role', list.data);
    const groups = await admin.groups.list({ userKey: newHire });
    t.check(groups.data.groups?.map((g) => g.email).join() === email(ctx, 'platform'), 'groups of the user', groups.data);
    const gpatched = await admin.groups.patch({ groupKey: email(ctx, 'platform'), requestBody: { description: 'Platform & infra' } });
    t.check(gpatched.data.description === 'Platform & infra' && gpatched.data.name === 'Platform', 'patch changes only the description', gpatched.data);
    const gupdated = await admin.groups.update({ groupKey: email(ctx, 'platform'), requestBody: { name: 'Platform Team' } });
    t.check(gupdated.data.name === 'Platform Team', 'update renames the group', gupdated.data);
    const galias = await admin.groups.aliases.insert({ groupKey: email(ctx, 'platform'), requestBody: { alias: email(ctx, 'infra') } });
    t.check(galias.data.alias === email(ctx, 'infra') && galias.data.primaryEmail === email(ctx, 'platform'), 'group alias added', galias.data);
    const galiases = await admin.groups.aliases.list({ groupKey: email(ctx, 'platform') });
    t.check((galiases.data.aliases as Array<{ alias?: string }> | undefined)?.[0]?.alias === email(ctx, 'infra'), 'group alias listed', galiases.data);
    t.check((await admin.groups.get({ groupKey: email(ctx, 'infra') })).data.name === 'Platform Team', 'group found by alias');
    await admin.groups.aliases.delete({ groupKey: email(ctx, 'platform'), alias: email(ctx, 'infra') });
    await t.expectError(() => admin.groups.get({ groupKey: email(ctx, 'infra') }), classic(404, 'notFound'), 'a removed group alias no longer finds the group', { effect: true });
    const digest = await admin.members.update({ groupKey: email(ctx, 'platform'), memberKey: newHire, requestBody: { role: 'MANAGER', delivery_settings: 'DIGEST' } });
    t.check(digest.data.delivery_settings === 'DIGEST' && digest.data.role === 'MANAGER', 'member delivery set to digest', digest.data);
    const g = await admin.groups.get({ groupKey: team.data.id! });
    t.check(g.data.description === 'Platform & infra' && g.data.directMembersCount === '1', 'group patched', g.data);

    await admin.users.makeAdmin({ userKey: newHire, requestBody: { status: true } });
    t.checkEffect((await admin.users.get({ userKey: newHire })).data.isAdmin === true, 'made admin');

    // Offboarding.
    await admin.users.aliases.delete({ userKey: newHire, alias: email(ctx, 'nn') });
    t.checkEffect(!(await admin.users.aliases.list({ userKey: newHire })).data.aliases, 'alias removed');
    await admin.members.delete({ groupKey: email(ctx, 'platform'), memberKey: newHire });
    t.checkEffect((await admin.members.hasMember({ groupKey: email(ctx, 'all-staff'), memberKey: newHire })).data.isMember === false, 'no longer reachable through the nested groups');
    await admin.groups.delete({ groupKey: email(ctx, 'platform') });
    await t.expectError(() => admin.groups.get({ groupKey: email(ctx, 'platform') }), classic(404, 'notFound', 'Resource Not Found: groupKey'), 'deleted group → 404', { effect: true });
    await admin.users.delete({ userKey: newHire });
    await t.expectError(() => admin.users.get({ userKey: newHire }), classic(404, 'notFound', 'Resource Not Found: userKey'), 'deleted user → 404', { effect: true });
    await admin.users.undelete({ userKey: user.data.id!, requestBody: { orgUnitPath: '/' } });
    const back = await admin.users.get({ userKey: user.data.id! });
    t.checkEffect(back.data.orgUnitPath === '/' && back.data.primaryEmail === newHire, 'undeleted into /', back.data);
    await admin.orgunits.update({ customerId: 'my_customer', orgUnitPath: 'Engineering/New Hires', requestBody: { description: 'empty now' } });
    t.checkEffect((await admin.orgunits.get({ customerId: 'my_customer', orgUnitPath: 'Engineering/New Hires' })).data.description === 'empty now', 'org unit updated');
    const moved = await admin.orgunits.patch({ customerId: 'my_customer', orgUnitPath: 'Engineering/New Hires', requestBody: { name: 'Onboarding' } });
    t.check(moved.data.orgUnitPath === '/Engineering/Onboarding', 'patch renames the unit and its path', moved.data);
    await admin.orgunits.delete({ customerId: 'my_customer', orgUnitPath: 'Engineering/Onboarding' });
    await t.expectError(() => admin.orgunits.get({ customerId: 'my_customer', orgUnitPath: 'Engineering/Onboarding' }), classic(404, 'notFound'), 'deleted unit → 404', { effect: true });

    await t.expectError(() => admin.members.hasMember({ groupKey: email(ctx, 'sales'), memberKey: email(ctx, 'ghost') }), classic(400, 'invalid', 'Invalid Input: memberKey'), 'hasMember for an unknown address → 400');
    await t.expectError(() => admin.users.list({}), classic(400, 'badRequest', 'Bad Request'), 'users.list without customer or domain → 400');
  },
};

export default scenario;
