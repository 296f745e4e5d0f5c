// googleapis compat: delegated administration and custom attributes — privileges, roles, role assignments (enforced), custom user schemas.
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email } from './common.js';

const C = { customer: 'my_customer' };

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Admin Directory: delegated admin roles and custom user schemas',
  async run(ctx, t) {
    const admin = t.track(apis(ctx).admin, 'admin');
    // bob's token carries admin.directory.user.readonly; what he may do with it is up to his admin roles.
    const bobAdmin = t.track(apis(ctx, ctx.credentials.tokens.bobDirectoryReadonly).admin, 'admin');
    const notAuthorized = classic(403, 'forbidden', 'Not Authorized to access this resource/api');

    // Privileges nest: USERS_ALL holds USERS_RETRIEVE (privileges.list reference).
    const privileges = await admin.privileges.list(C);
    const usersAll = privileges.data.items?.find((p) => p.privilegeName === 'USERS_ALL');
    t.check(usersAll?.childPrivileges?.some((c) => c.privilegeName === 'USERS_RETRIEVE') && usersAll.serviceId, 'privilege catalog with children', usersAll);
    const serviceId = usersAll!.serviceId!;

    const all = await admin.roles.list(C);
    const superAdmin = all.data.items?.find((r) => r.isSuperAdminRole);
    t.check(superAdmin?.roleName === '_SEED_ADMIN_ROLE' && superAdmin.isSystemRole === true, 'pre-built Super Admin role listed', all.data.items?.map((r) => r.roleName));
    const ada = await admin.users.get({ userKey: ctx.credentials.adminEmail });
    t.check(ada.data.isAdmin === true && ada.data.isDelegatedAdmin === false, 'a super admin is no delegated admin', ada.data);
    const supers = await admin.roleAssignments.list({ ...C, roleId: superAdmin!.roleId! });
    t.check(supers.data.items?.map((a) => a.assignedTo).join() === ada.data.id, 'the Super Admin role is assigned to the super admin', supers.data);

    const created = await admin.roles.insert({ ...C, requestBody: { roleName: 'Directory reader', roleDescription: 'Looks people up', rolePrivileges: [{ serviceId, privilegeName: 'GROUPS_RETRIEVE' }] } });
    t.check(created.data.roleId && !created.data.isSystemRole && created.data.rolePrivileges?.[0]?.privilegeName === 'GROUPS_RETRIEVE', 'custom role created', created.data);
    const roleId = created.data.roleId!;
    await t.expectError(() => admin.roles.insert({ ...C, requestBody: { roleName: 'Directory reader', rolePrivileges: [{ serviceId, privilegeName: 'USERS_RETRIEVE' }] } }), classic(409, 'duplicate'), 'role names are unique');
    await t.expectError(() => admin.roles.insert({ ...C, requestBody: { roleName: 'Bogus', rolePrivileges: [{ serviceId, privilegeName: 'MAKE_COFFEE' }] } }), classic(400, 'invalid'), 'unknown privilege → 400');
    const patched = await admin.roles.patch({ ...C, roleId, requestBody: { roleDescription: 'Looks people and groups up' } });
    t.check(patched.data.roleDescription === 'Looks people and groups up' && patched.data.rolePrivileges?.length === 1, 'patch keeps the privileges', patched.data);
    const updated = await admin.roles.update({ ...C, roleId, requestBody: { roleName: 'Directory reader', rolePrivileges: [{ serviceId, privilegeName: 'GROUPS_RETRIEVE' }, { serviceId, privilegeName: 'USERS_RETRIEVE' }] } });
    t.check(updated.data.rolePrivileges?.length === 2 && !updated.data.roleDescription, 'update replaces the role (description cleared)', updated.data);
    const got = await admin.roles.get({ ...C, roleId });
    t.check(got.data.roleName === 'Directory reader', 'roles.get', got.data);
    await t.expectError(() => admin.roles.delete({ ...C, roleId: superAdmin!.roleId! }), classic(400, 'invalid'), 'a system role cannot be deleted');

    // Before any role, bob is nobody to the Directory API.
    await t.expectError(() => bobAdmin.users.list({ ...C, maxResults: 1 }), notAuthorized, 'no role → 403');
    const bob = await admin.users.get({ userKey: email(ctx, 'bob') });
    t.check(bob.data.isDelegatedAdmin === false && bob.data.isAdmin === false, 'bob starts as a plain user', bob.data);
    const assignment = await admin.roleAssignments.insert({ ...C, requestBody: { roleId, assignedTo: bob.data.id!, scopeType: 'CUSTOMER' } });
    t.check(assignment.data.roleAssignmentId && assignment.data.assigneeType === 'user', 'role assigned', assignment.data);
    const readable = await bobAdmin.users.list({ ...C, query: 'email:carol', fields: 'users(primaryEmail)' });
    t.checkEffect(readable.data.users?.[0]?.primaryEmail === email(ctx, 'carol'), 'the role lets bob read users', readable.data);
    t.checkEffect((await admin.users.get({ userKey: email(ctx, 'bob') })).data.isDelegatedAdmin === true, 'bob is now a delegated admin');
    await t.expectError(() => bobAdmin.users.makeAdmin({ userKey: email(ctx, 'bob'), requestBody: { status: true } }), (e) => e?.status === 403, 'a read role grants no writes');
    const one = await admin.roleAssignments.get({ ...C, roleAssignmentId: assignment.data.roleAssignmentId! });
    t.check(one.data.roleId === roleId && one.data.assignedTo === bob.data.id, 'roleAssignments.get', one.data);
    const bobs = await admin.roleAssignments.list({ ...C, userKey: email(ctx, 'bob') });
    t.check(bobs.data.items?.length === 1 && bobs.data.items[0].roleAssignmentId === assignment.data.roleAssignmentId, 'assignments of one user', bobs.data);
    await t.expectError(() => admin.roles.delete({ ...C, roleId }), classic(400, 'invalid'), 'an assigned role cannot be deleted');

    await admin.roleAssignments.delete({ ...C, roleAssignmentId: assignment.data.roleAssignmentId! });
    await t.expectError(() => bobAdmin.users.list({ ...C, maxResults: 1 }), notAuthorized, 'unassigned → 403 again', { effect: true });
    await admin.roles.delete({ ...C, roleId });
    await t.expectError(() => admin.roles.get({ ...C, roleId }), classic(404, 'notFound'), 'deleted role → 404', { effect: true });

    // Custom schemas: typed fields, values on users, search, projection.
    const schema = await admin.schemas.insert({
      customerId: 'my_customer',
      requestBody: {
        schemaName: 'Travel',
        displayName: 'Travel profile',
        fields: [
          { fieldName: 'passportCountry', fieldType: 'STRING', indexed: true, readAccessType: 'ALL_DOMAIN_USERS' },
          { fieldName: 'miles', fieldType: 'INT64', numericIndexingSpec: { minValue: 0 } },
          { fieldName: 'lounges', fieldType: 'STRING', multiValued: true },
        ],
      },
    });
    t.check(schema.data.schemaId && schema.data.fields?.length === 3 && schema.data.fields.every((f) => f.fieldId), 'schema created with field ids', schema.data);
    const byName = await admin.schemas.get({ customerId: 'my_customer', schemaKey: 'Travel' });
    t.check(byName.data.schemaId === schema.data.schemaId, 'schema found by name', byName.data);
    const schemas = await admin.schemas.list({ customerId: 'my_customer' });
    t.check(schemas.data.schemas?.map((s) => s.schemaName).sort().join() === 'EmployeeInfo,Travel', 'seeded and new schemas listed', schemas.data);

    const alice = email(ctx, 'alice');
    const withValues = await admin.users.patch({ userKey: alice, requestBody: { customSchemas: { Travel: { passportCountry: 'NZ', miles: 12000, lounges: [{ value: 'AKL' }, { value: 'SFO' }] } } } });
    const travel = withValues.data.customSchemas?.Travel as Record<string, unknown> | undefined;
    // INT64 values travel as decimal strings, like every int64 in Google's JSON.
    t.check(travel?.miles === '12000' && travel?.passportCountry === 'NZ' && (travel?.lounges as unknown[]).length === 2, 'custom attributes written and typed', withValues.data.customSchemas);
    await t.expectError(() => admin.users.patch({ userKey: alice, requestBody: { customSchemas: { Travel: { miles: 'lots' } } } }), classic(400, 'invalid'), 'a value of the wrong type → 400');
    await t.expectError(() => admin.users.patch({ userKey: alice, requestBody: { customSchemas: { Nope: { x: 1 } } } }), classic(400, 'invalid'), 'an unknown schema → 400');
    const masked = await admin.users.get({ userKey: alice, projection: 'custom', customFieldMask: 'Travel' });
    t.check(masked.data.customSchemas?.Travel && !masked.data.customSchemas?.EmployeeInfo, 'projection=custom shows only the masked schema', masked.data.customSchemas);
    const found = await admin.users.list({ ...C, query: 'Travel.passportCountry:NZ', fields: 'users(primaryEmail)' });
    t.check(found.data.users?.map((u) => u.primaryEmail).join() === alice, 'search by a custom attribute', found.data);

    const widened = await admin.schemas.patch({ customerId: 'my_customer', schemaKey: 'Travel', requestBody: { displayName: 'Travel' } });
    t.check(widened.data.displayName === 'Travel' && widened.data.fields?.length === 3, 'patch keeps the fields', widened.data);
    const narrowed = await admin.schemas.update({ customerId: 'my_customer', schemaKey: schema.data.schemaId!, requestBody: { schemaName: 'Travel', fields: [{ fieldName: 'passportCountry', fieldType: 'STRING' }] } });
    t.check(narrowed.data.fields?.length === 1, 'update replaces the field list', narrowed.data);
    const afterNarrow = await admin.users.get({ userKey: alice, projection: 'full' });
    t.checkEffect(JSON.stringify(afterNarrow.data.customSchemas?.Travel) === '{"passportCountry":"NZ"}', 'values of removed fields are gone', afterNarrow.data.customSchemas);
    await admin.schemas.delete({ customerId: 'my_customer', schemaKey: 'Travel' });
    const afterDelete = await admin.users.get({ userKey: alice, projection: 'full' });
    t.checkEffect(!afterDelete.data.customSchemas?.Travel && !!afterDelete.data.customSchemas?.EmployeeInfo, 'deleting a schema removes its values only', afterDelete.data.customSchemas);
  },
};

export default scenario;
