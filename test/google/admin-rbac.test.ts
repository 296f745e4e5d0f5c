/** Admin Directory roles and custom schemas through googleapis: privileges, role assignments enforced for delegated admins, custom attributes. */
import { describe, expect, it } from 'vitest';
import { clients, directoryTenant, failure, useTwin } from './helpers.js';

const l = useTwin();

const directory = () => directoryTenant(l);
const C = { customer: 'my_customer' };

describe('roles and role assignments', () => {
  it('a role held through a group counts; USERS_ALL grants its children; unassigning takes the access away', async () => {
    const { admin, creds, email } = await directory();
    const bob = clients(l, creds.tokens.bobDirectoryReadonly).admin;
    const serviceId = (await admin.privileges.list(C)).data.items![0].serviceId!;
    const role = await admin.roles.insert({ ...C, requestBody: { roleName: 'People admin', rolePrivileges: [{ serviceId, privilegeName: 'USERS_ALL' }] } });
    const eng = await admin.groups.get({ groupKey: email('engineering') });
    const a = await admin.roleAssignments.insert({ ...C, requestBody: { roleId: role.data.roleId!, assignedTo: eng.data.id!, scopeType: 'CUSTOMER' } });
    expect(a.data).toMatchObject({ kind: 'admin#directory#roleAssignment', assigneeType: 'group', scopeType: 'CUSTOMER' });
    // bob is in engineering, so the group's role reaches him.
    const list = await bob.users.list({ ...C, query: 'email:alice', fields: 'users(primaryEmail)' });
    expect(list.data.users).toEqual([{ primaryEmail: email('alice') }]);
    const direct = await admin.roleAssignments.list({ ...C, userKey: email('bob') });
    expect(direct.data.items).toBeUndefined();
    const indirect = await admin.roleAssignments.list({ ...C, userKey: email('bob'), includeIndirectRoleAssignments: true });
    expect(indirect.data.items!.map((x) => x.roleAssignmentId)).toEqual([a.data.roleAssignmentId]);
    await admin.roleAssignments.delete({ ...C, roleAssignmentId: a.data.roleAssignmentId! });
    const err = await failure(bob.users.list({ ...C }));
    expect(err.body.error).toEqual({ code: 403, message: 'Not Authorized to access this resource/api', errors: [{ message: 'Not Authorized to access this resource/api', domain: 'global', reason: 'forbidden' }] });
  });

  it('assigning the Super Admin role makes an admin; removing the assignment undoes it', async () => {
    const { admin, email } = await directory();
    const sa = (await admin.roles.list(C)).data.items!.find((r) => r.isSuperAdminRole)!;
    const carol = await admin.users.get({ userKey: email('carol') });
    const a = await admin.roleAssignments.insert({ ...C, requestBody: { roleId: sa.roleId!, assignedTo: carol.data.id! } });
    expect((await admin.users.get({ userKey: email('carol') })).data.isAdmin).toBe(true);
    await admin.roleAssignments.delete({ ...C, roleAssignmentId: a.data.roleAssignmentId! });
    expect((await admin.users.get({ userKey: email('carol') })).data.isAdmin).toBe(false);
    await admin.users.makeAdmin({ userKey: email('carol'), requestBody: { status: true } });
    const holders = await admin.roleAssignments.list({ ...C, roleId: sa.roleId! });
    expect(holders.data.items!.map((x) => x.assignedTo)).toContain(carol.data.id);
  });

  it('errors: unknown role 404, duplicate name 409, roleId with userKey 400, foreign customer 403', async () => {
    const { admin } = await directory();
    expect((await failure(admin.roles.get({ ...C, roleId: '1234' }))).body.error).toEqual({ code: 404, message: 'Resource Not Found: roleId', errors: [{ message: 'Resource Not Found: roleId', domain: 'global', reason: 'notFound' }] });
    expect((await failure(admin.roles.insert({ ...C, requestBody: { roleName: '_HELP_DESK_ADMIN_ROLE', rolePrivileges: [] } }))).status).toBe(409);
    expect((await failure(admin.roleAssignments.list({ ...C, userKey: 'x', roleId: 'y' }))).status).toBe(400);
    expect((await failure(admin.roles.list({ customer: 'C0other' }))).status).toBe(403);
    const p1 = await admin.roles.list({ ...C, maxResults: 2 });
    const p2 = await admin.roles.list({ ...C, maxResults: 2, pageToken: p1.data.nextPageToken! });
    expect(p2.data.items![0].roleId).not.toBe(p1.data.items![0].roleId);
  });
});

describe('custom schemas', () => {
  it('seeded values; ADMINS_AND_SELF fields are hidden from the public directory view', async () => {
    const { admin, creds, email } = await directory();
    const full = await admin.users.get({ userKey: email('alice'), projection: 'full' });
    expect(full.data.customSchemas).toEqual({ EmployeeInfo: { employeeNumber: '1001', costCenter: 'ENG-100', startDate: '2021-03-01', projects: [{ value: 'twins' }, { value: 'parity' }] } });
    expect((await admin.users.get({ userKey: email('alice') })).data.customSchemas).toBeUndefined();
    const bob = clients(l, creds.tokens.bobDirectoryReadonly).admin;
    const pub = await bob.users.get({ userKey: email('alice'), viewType: 'domain_public', projection: 'full' });
    expect(pub.data.customSchemas).toEqual({ EmployeeInfo: { costCenter: 'ENG-100', startDate: '2021-03-01', projects: [{ value: 'twins' }, { value: 'parity' }] } });
  });

  it('validates types and names; search needs an indexed field; custom projection needs a mask', async () => {
    const { admin, email } = await directory();
    const bad = await failure(admin.users.patch({ userKey: email('bob'), requestBody: { customSchemas: { EmployeeInfo: { startDate: 'yesterday' } } } }));
    expect(bad.body.error.errors[0].reason).toBe('invalid');
    const unknownField = await failure(admin.users.patch({ userKey: email('bob'), requestBody: { customSchemas: { EmployeeInfo: { shoeSize: 9 } } } }));
    expect(unknownField.status).toBe(400);
    expect((await failure(admin.users.get({ userKey: email('bob'), projection: 'custom' }))).status).toBe(400);
    expect((await failure(admin.users.list({ ...C, query: 'Nope.field:x' }))).status).toBe(400);
    await admin.schemas.insert({ customerId: 'my_customer', requestBody: { schemaName: 'Hidden', fields: [{ fieldName: 'secret', fieldType: 'STRING', indexed: false }] } });
    expect((await failure(admin.users.list({ ...C, query: 'Hidden.secret:x' }))).status).toBe(400);
    expect((await failure(admin.schemas.insert({ customerId: 'my_customer', requestBody: { schemaName: 'hidden', fields: [{ fieldName: 'x', fieldType: 'STRING' }] } }))).status).toBe(409);
    expect((await failure(admin.schemas.insert({ customerId: 'my_customer', requestBody: { schemaName: 'Bad', fields: [{ fieldName: 'x', fieldType: 'BLOB' }] } }))).status).toBe(400);
    const eng = await admin.users.list({ ...C, query: 'EmployeeInfo.costCenter:ENG', fields: 'users(primaryEmail)' });
    expect(eng.data.users).toEqual([{ primaryEmail: email('alice') }]);
    const cleared = await admin.users.patch({ userKey: email('dave'), requestBody: { customSchemas: { EmployeeInfo: { costCenter: '' } } } });
    expect(cleared.data.customSchemas).toEqual({ EmployeeInfo: { employeeNumber: '2001' } });
  });

  it('renaming a schema carries the values to the new name', async () => {
    const { admin, email } = await directory();
    await admin.schemas.patch({ customerId: 'my_customer', schemaKey: 'EmployeeInfo', requestBody: { schemaName: 'Staff' } });
    const u = await admin.users.get({ userKey: email('dave'), projection: 'custom', customFieldMask: 'Staff' });
    expect(u.data.customSchemas).toEqual({ Staff: { employeeNumber: '2001', costCenter: 'SAL-200' } });
  });
});

describe('org-unit-scoped roles', () => {
  it('a role assigned for one unit reaches only the accounts there', async () => {
    const { admin, creds, email } = await directory();
    const bob = clients(l, creds.tokens.bobDirectoryReadonly).admin;
    const serviceId = (await admin.privileges.list(C)).data.items![0].serviceId!;
    const role = await admin.roles.insert({ ...C, requestBody: { roleName: 'Sales reader', rolePrivileges: [{ serviceId, privilegeName: 'USERS_RETRIEVE' }] } });
    const sales = await admin.orgunits.get({ customerId: 'my_customer', orgUnitPath: 'Sales' });
    const bobId = (await admin.users.get({ userKey: email('bob') })).data.id!;
    const a = await admin.roleAssignments.insert({ ...C, requestBody: { roleId: role.data.roleId!, assignedTo: bobId, scopeType: 'ORG_UNIT', orgUnitId: sales.data.orgUnitId!.replace(/^id:/, '') } });
    expect(a.data).toMatchObject({ scopeType: 'ORG_UNIT' });
    const seen = await bob.users.list({ ...C, orderBy: 'email', fields: 'users(primaryEmail)' });
    expect(seen.data.users!.map((u) => u.primaryEmail)).toEqual([email('dave'), email('erin'), email('frank')]);
    expect((await bob.users.get({ userKey: email('erin') })).data.orgUnitPath).toBe('/Sales');
    expect((await failure(bob.users.get({ userKey: email('alice') }))).status).toBe(403);
  });
});
