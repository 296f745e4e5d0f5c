/** The users.list search language through googleapis: org unit chains, managers, organizations, addresses, delegated admins. */
import { describe, expect, it } from 'vitest';
import { clients, failure, freshTenant, useTwin } from './helpers.js';

const l = useTwin();

describe('users.list query', () => {
  it('orgUnitPath= matches the unit and every unit below it', async () => {
    const { creds } = await freshTenant(l);
    const { admin } = clients(l, creds.accessToken);
    const email = (who: string) => `${who}@${creds.domain}`;
    await admin.orgunits.insert({ customerId: 'my_customer', requestBody: { name: 'Backend', parentOrgUnitPath: '/Engineering' } });
    await admin.users.patch({ userKey: email('bob'), requestBody: { orgUnitPath: '/Engineering/Backend' } });
    const q = async (query: string) => (await admin.users.list({ customer: 'my_customer', query, orderBy: 'email', fields: 'users(primaryEmail)' })).data.users?.map((u) => u.primaryEmail!.split('@')[0]) ?? [];
    expect(await q("orgUnitPath='/Engineering'")).toEqual(['alice', 'bob', 'carol']);
    expect(await q('orgUnitPath=/Engineering/Backend')).toEqual(['bob']);
    expect((await q('orgUnitPath=/')).length).toBe(12);
  });

  it('managers (direct and up the chain), organizations, addresses and delegated admins', async () => {
    const { creds } = await freshTenant(l);
    const { admin } = clients(l, creds.accessToken);
    const email = (who: string) => `${who}@${creds.domain}`;
    await admin.users.patch({ userKey: email('carol'), requestBody: { relations: [{ type: 'manager', value: email('ada') }], organizations: [{ name: 'Example Corp', title: 'Staff Engineer', department: 'Platform', costCenter: 'ENG-100', primary: true }] } });
    await admin.users.patch({ userKey: email('bob'), requestBody: { relations: [{ type: 'manager', value: email('carol') }], addresses: [{ type: 'work', locality: 'Wellington', country: 'New Zealand' }] } });
    const q = async (query: string) => (await admin.users.list({ customer: 'my_customer', query, orderBy: 'email', fields: 'users(primaryEmail)' })).data.users?.map((u) => u.primaryEmail!.split('@')[0]) ?? [];
    expect(await q(`directManager=${email('carol')}`)).toEqual(['bob']);
    expect(await q(`manager=${email('ada')}`)).toEqual(['bob', 'carol']);
    const ada = await admin.users.get({ userKey: email('ada') });
    expect(await q(`managerId=${ada.data.id}`)).toEqual(['bob', 'carol']);
    expect(await q("orgTitle:'Staff Engineer'")).toEqual(['carol']);
    expect(await q('orgCostCenter=ENG-100')).toEqual(['carol']);
    expect(await q('addressLocality:Wellington')).toEqual(['bob']);
    expect(await q('address:Zealand')).toEqual(['bob']);
    // grace holds the seeded "Helpdesk Tier 1" role.
    expect(await q('isDelegatedAdmin=true')).toEqual(['grace']);
    expect((await failure(admin.users.list({ customer: 'my_customer', query: 'shoeSize=9' }))).status).toBe(400);
  });
});

describe('members.list', () => {
  it('includeDerivedMembership expands nested groups, each address once', async () => {
    const { creds } = await freshTenant(l);
    const { admin } = clients(l, creds.accessToken);
    const direct = await admin.members.list({ groupKey: `all-staff@${creds.domain}` });
    const derived = await admin.members.list({ groupKey: `all-staff@${creds.domain}`, includeDerivedMembership: true });
    const emails = derived.data.members!.map((m) => m.email!);
    expect(emails.length).toBe(new Set(emails).size);
    expect(emails).toEqual(expect.arrayContaining([...direct.data.members!.map((m) => m.email!), `alice@${creds.domain}`, `dave@${creds.domain}`]));
    expect(emails.length).toBeGreaterThan(direct.data.members!.length);
  });
});
