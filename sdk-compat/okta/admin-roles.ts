/** Okta SDK scenarios for delegated administration: custom roles, resource sets and bindings, role assignments and targets, admin notifications. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr, userBody } from './common.js';

/** Custom roles and resource sets (developer.okta.com "Custom Roles", "Resource Sets" APIs). */
async function customRolesAndResourceSets(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const roles = client.customRoleApi;
  const sets = client.resourceSetApi;
  const org = ctx.baseUrl.replace(/\/$/, '');

  const role = await roles.createRole({ instance: { label: 'Compat auditor', description: 'Reads people', permissions: ['okta.users.read', 'okta.groups.read'] } });
  t.check(/^cr0/.test(role.id!) && role._links?.permissions?.href?.endsWith(`/iam/roles/${role.id}/permissions`), 'a custom role with a permissions link', role);
  await t.expectError(() => roles.createRole({ instance: { label: 'Compat auditor', description: 'again', permissions: ['okta.users.read'] } }), oktaErr(400, 'E0000001'), 'role labels are unique');
  await t.expectError(() => roles.createRole({ instance: { label: 'Compat bogus', description: 'x', permissions: ['okta.users.fly'] } }), oktaErr(400, 'E0000001'), 'an unknown permission is refused');
  t.check((await roles.getRole({ roleIdOrLabel: 'Compat auditor' })).id === role.id, 'a role is found by its label too');
  t.check((await roles.replaceRole({ roleIdOrLabel: role.id!, instance: { label: 'Compat auditor', description: 'Reads people and groups' } })).description === 'Reads people and groups', 'role replaced');
  t.check((await roles.listRoles()).roles?.some((r) => r.id === role.id), 'custom roles listed');

  const perms = await roles.listRolePermissions({ roleIdOrLabel: role.id! });
  t.check(perms.permissions?.map((p) => p.label).sort().join() === 'okta.groups.read,okta.users.read', 'the permissions it was created with', perms);
  await roles.createRolePermission({ roleIdOrLabel: role.id!, permissionType: 'okta.users.manage', instance: { conditions: { include: { 'okta:ResourceAttribute/User/Profile': ['city'] } } } as any });
  const added = await roles.getRolePermission({ roleIdOrLabel: role.id!, permissionType: 'okta.users.manage' });
  t.checkEffect(added.label === 'okta.users.manage' && JSON.stringify(added.conditions).includes('city'), 'a permission added with conditions', added);
  const replaced = await roles.replaceRolePermission({ roleIdOrLabel: role.id!, permissionType: 'okta.users.manage', instance: { conditions: { exclude: { 'okta:ResourceAttribute/User/Profile': ['zipCode'] } } } as any });
  t.check(JSON.stringify(replaced.conditions).includes('zipCode') && !JSON.stringify(replaced.conditions).includes('city'), 'permission conditions replaced', replaced);
  await roles.deleteRolePermission({ roleIdOrLabel: role.id!, permissionType: 'okta.groups.read' });
  t.checkEffect((await roles.listRolePermissions({ roleIdOrLabel: role.id! })).permissions?.length === 2, 'a permission removed');
  await t.expectError(() => roles.getRolePermission({ roleIdOrLabel: role.id!, permissionType: 'okta.groups.read' }), oktaErr(404, 'E0000007'), 'a removed permission is 404');

  const builtIn = await sets.listResourceSets();
  t.check(builtIn.resource_sets?.some((s) => s.id === 'WORKFLOWS_IAM_POLICY'), "every org has the Workflows resource set", builtIn);
  const everyone = (await collect(client.groupApi.listGroups({ q: 'Everyone' })))[0];
  const set = await sets.createResourceSet({ instance: { label: 'Compat people', description: 'All users', resources: [`${org}/api/v1/users`] } });
  t.check(/^iam/.test(set.id!) && !!set._links?.bindings && !!set._links?.resources, 'a resource set', set);
  t.check((await sets.getResourceSet({ resourceSetId: set.id! })).label === 'Compat people', 'read back');
  t.check((await sets.replaceResourceSet({ resourceSetId: set.id!, instance: { label: 'Compat people', description: 'Users and one group' } as any })).description === 'Users and one group', 'replaced');
  const res = await sets.addResourceSetResource({ resourceSetId: set.id!, instance: { resourceOrnOrUrl: `${org}/api/v1/groups/${everyone.id}`, conditions: { Exclude: { okta_ORN: [] } } } as any });
  t.check(res.orn?.startsWith('orn:okta:directory:') && res.orn.endsWith(`:groups:${everyone.id}`) && res._links?.groups?.href?.endsWith(everyone.id!), 'a group added by URL becomes its ORN', res);
  t.check((await sets.getResourceSetResource({ resourceSetId: set.id!, resourceId: res.id! })).orn === res.orn, 'resource read back');
  t.check(!!(await sets.replaceResourceSetResource({ resourceSetId: set.id!, resourceId: res.id!, resourceSetResourcePutRequest: { conditions: { Exclude: { okta_ORN: ['orn:okta:directory:x:groups:y'] } } } as any } as any)).conditions, 'resource conditions replaced');
  await sets.addResourceSetResources({ resourceSetId: set.id!, instance: { additions: [`${org}/api/v1/apps`] } });
  const resources = await sets.listResourceSetResources({ resourceSetId: set.id! });
  t.checkEffect(resources.resources?.length === 3 && resources.resources.some((r) => r.orn?.endsWith(':apps')), 'users, the group and all apps', resources);
  await sets.deleteResourceSetResource({ resourceSetId: set.id!, resourceId: res.id! });
  await t.expectError(() => sets.getResourceSetResource({ resourceSetId: set.id!, resourceId: res.id! }), oktaErr(404, 'E0000007'), 'a removed resource is 404', { effect: true });
  await t.expectError(() => sets.addResourceSetResource({ resourceSetId: set.id!, instance: { resourceOrnOrUrl: `${org}/api/v1/groups/00gmissing`, conditions: {} } as any }), oktaErr(404, 'E0000007'), 'a resource that does not exist is refused');

  const g1 = await client.groupApi.createGroup({ group: { profile: { name: 'Compat helpdesk' } } });
  const u1 = await client.userApi.createUser({ body: userBody('delegate@example.com') });
  const edit = await sets.createResourceSetBinding({ resourceSetId: set.id!, instance: { role: role.id, members: [`${org}/api/v1/groups/${g1.id}`] } });
  t.check(edit._links?.self?.href?.endsWith(`/bindings/${role.id}`), 'a binding of the role to the set', edit);
  t.check((await sets.listBindings({ resourceSetId: set.id! })).roles?.map((r) => r.id).join() === role.id, 'bindings listed by role');
  t.check((await sets.getBinding({ resourceSetId: set.id!, roleIdOrLabel: role.id! })).id === role.id, 'binding read back');
  await sets.addMembersToBinding({ resourceSetId: set.id!, roleIdOrLabel: role.id!, instance: { additions: [`${org}/api/v1/users/${u1.id}`] } });
  const members = await sets.listMembersOfBinding({ resourceSetId: set.id!, roleIdOrLabel: role.id! });
  t.checkEffect(members.members?.length === 2 && members.members.every((m) => /^irb/.test(m.id!)), 'the group and the user are members', members);
  const userMember = members.members!.find((m) => m._links?.self?.href?.endsWith(u1.id!))!;
  t.check((await sets.getMemberOfBinding({ resourceSetId: set.id!, roleIdOrLabel: role.id!, memberId: userMember.id! }))._links?.self?.href?.endsWith(`/users/${u1.id}`), 'a member links to the user');
  await sets.unassignMemberFromBinding({ resourceSetId: set.id!, roleIdOrLabel: role.id!, memberId: userMember.id! });
  t.checkEffect((await sets.listMembersOfBinding({ resourceSetId: set.id!, roleIdOrLabel: role.id! })).members?.length === 1, 'a member removed');
  await sets.deleteBinding({ resourceSetId: set.id!, roleIdOrLabel: role.id! });
  await t.expectError(() => sets.getBinding({ resourceSetId: set.id!, roleIdOrLabel: role.id! }), oktaErr(404, 'E0000007'), 'a deleted binding is 404', { effect: true });
  await sets.deleteResourceSet({ resourceSetId: set.id! });
  await t.expectError(() => sets.getResourceSet({ resourceSetId: set.id! }), oktaErr(404, 'E0000007'), 'a deleted set is 404', { effect: true });
  await roles.deleteRole({ roleIdOrLabel: role.id! });
  await t.expectError(() => roles.getRole({ roleIdOrLabel: role.id! }), oktaErr(404, 'E0000007'), 'a deleted role is 404', { effect: true });
}

/** Standard and custom role assignments to users, groups and OAuth clients, and their targets. */
async function roleAssignments(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const ra = client.roleAssignmentApi;
  const rt = client.roleTargetApi;
  const org = ctx.baseUrl.replace(/\/$/, '');
  const u = await client.userApi.createUser({ body: userBody('appadmin@example.com') });
  const g = await client.groupApi.createGroup({ group: { profile: { name: 'Compat app admins' } } });
  const target = await client.groupApi.createGroup({ group: { profile: { name: 'Compat managed' } } });
  const bookmark = await client.applicationApi.createApplication({ application: { name: 'bookmark', label: 'Compat wiki', signOnMode: 'BOOKMARK', settings: { app: { requestIntegration: false, url: 'https://wiki.example.com' } } } as any });
  const svc = await client.applicationApi.createApplication({
    application: { name: 'oidc_client', label: 'Compat automation', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } }, settings: { oauthClient: { application_type: 'service', grant_types: ['client_credentials'], response_types: ['token'] } } } as any,
  });
  const clientId = (svc as any).credentials.oauthClient.client_id as string;

  const userRole = await ra.assignRoleToUser({ userId: u.id!, assignRoleRequest: { type: 'APP_ADMIN' } });
  t.check(userRole.type === 'APP_ADMIN' && userRole.assignmentType === 'USER' && userRole.label === 'Application Administrator', 'APP_ADMIN assigned to a user', userRole);
  await t.expectError(() => ra.assignRoleToUser({ userId: u.id!, assignRoleRequest: { type: 'APP_ADMIN' } }), oktaErr(409, 'E0000090'), 'the same role twice is refused');
  t.check((await ra.getUserAssignedRole({ userId: u.id!, roleId: userRole.id! })).id === userRole.id, 'read back');
  await rt.assignAppTargetToAdminRoleForUser({ userId: u.id!, roleId: userRole.id!, appName: 'github' });
  await rt.assignAppInstanceTargetToAppAdminRoleForUser({ userId: u.id!, roleId: userRole.id!, appName: 'bookmark', applicationId: bookmark.id! });
  const apps = await collect(rt.listApplicationTargetsForApplicationAdministratorRoleForUser({ userId: u.id!, roleId: userRole.id! }));
  // An instance target is listed by its label, a whole catalog app by its catalog name (terraform cassettes of this listing).
  t.checkEffect(apps.map((a) => a.name).sort().join() === 'Compat wiki,github' && apps.find((a) => a.name === 'Compat wiki')?.id === bookmark.id, 'an OIN app and one app instance are targets', apps);
  const orns = await collect(rt.getRoleTargetsByUserIdAndRoleId({ userId: u.id!, roleIdOrEncodedRoleId: userRole.id! }));
  t.check(orns.some((x) => x.orn?.endsWith(':apps:github')) && orns.some((x) => x.orn?.endsWith(`:apps:bookmark:${bookmark.id}`)), 'targets as ORNs', orns);
  await rt.unassignAppInstanceTargetFromAdminRoleForUser({ userId: u.id!, roleId: userRole.id!, appName: 'bookmark', applicationId: bookmark.id! });
  t.checkEffect((await collect(rt.listApplicationTargetsForApplicationAdministratorRoleForUser({ userId: u.id!, roleId: userRole.id! }))).map((a) => a.name).join() === 'github', 'the instance target removed');
  await t.expectError(() => rt.unassignAppTargetFromAppAdminRoleForUser({ userId: u.id!, roleId: userRole.id!, appName: 'github' }), oktaErr(400, 'E0000001'), 'the last app target cannot be removed');
  await rt.assignAppTargetToAdminRoleForUser({ userId: u.id!, roleId: userRole.id!, appName: 'slack' });
  await rt.unassignAppTargetFromAppAdminRoleForUser({ userId: u.id!, roleId: userRole.id!, appName: 'github' });
  t.checkEffect((await collect(rt.listApplicationTargetsForApplicationAdministratorRoleForUser({ userId: u.id!, roleId: userRole.id! }))).map((a) => a.name).join() === 'slack', 'targets swapped');
  await rt.assignAllAppsAsTargetToRoleForUser({ userId: u.id!, roleId: userRole.id! });
  t.checkEffect((await collect(rt.listApplicationTargetsForApplicationAdministratorRoleForUser({ userId: u.id!, roleId: userRole.id! }))).length === 0, 'back to every app');
  await t.expectError(() => rt.assignAppTargetToAdminRoleForUser({ userId: u.id!, roleId: userRole.id!, appName: 'no_such_app_anywhere' }), oktaErr(404, 'E0000007'), 'an unknown app name is 404');
  const assignees = await ra.listUsersWithRoleAssignments({});
  t.check(assignees.value?.some((x) => x.id === u.id), 'users holding roles', assignees);

  // Okta answers 201 Created, which SDK 7.x resolves to undefined (it reads a body on 200 only): the listing shows the assignment.
  await ra.assignRoleToGroup({ groupId: g.id!, assignRoleRequest: { type: 'APP_ADMIN' } });
  const groupRole: any = (await collect(ra.listGroupAssignedRoles({ groupId: g.id! }))).find((r) => r.type === 'APP_ADMIN');
  t.checkEffect(groupRole?.assignmentType === 'GROUP', 'APP_ADMIN assigned to a group', groupRole);
  await rt.assignAppTargetToAdminRoleForGroup({ groupId: g.id!, roleId: groupRole.id!, appName: 'salesforce' });
  await rt.assignAppInstanceTargetToAppAdminRoleForGroup({ groupId: g.id!, roleId: groupRole.id!, appName: 'bookmark', applicationId: bookmark.id! });
  t.checkEffect((await collect(rt.listApplicationTargetsForApplicationAdministratorRoleForGroup({ groupId: g.id!, roleId: groupRole.id! }))).length === 2, 'group role app targets');
  await rt.unassignAppInstanceTargetToAppAdminRoleForGroup({ groupId: g.id!, roleId: groupRole.id!, appName: 'bookmark', applicationId: bookmark.id! });
  await t.expectError(() => rt.unassignAppTargetToAdminRoleForGroup({ groupId: g.id!, roleId: groupRole.id!, appName: 'salesforce' }), oktaErr(400, 'E0000001'), 'the last group-role app target stays', { effect: true });
  await t.expectError(() => rt.assignGroupTargetToGroupAdminRole({ groupId: g.id!, roleId: groupRole.id!, targetGroupId: target.id! }), oktaErr(400, 'E0000091'), 'APP_ADMIN takes no group targets');

  const clientRole = await ra.assignRoleToClient({ clientId, assignRoleRequest: { type: 'USER_ADMIN' } as any });
  t.check(clientRole.type === 'USER_ADMIN' && (clientRole as any).assignmentType === 'CLIENT', 'a role for an OAuth service client', clientRole);
  t.check((await collect(ra.listRolesForClient({ clientId }))).map((r) => r.id).join() === clientRole.id, "the client's roles");
  t.check((await ra.retrieveClientRole({ clientId, roleAssignmentId: clientRole.id! })).type === 'USER_ADMIN', 'client role read back');
  await rt.assignGroupTargetRoleForClient({ clientId, roleAssignmentId: clientRole.id!, groupId: target.id! });
  t.checkEffect((await collect(rt.listGroupTargetRoleForClient({ clientId, roleAssignmentId: clientRole.id! }))).map((x) => x.id).join() === target.id, 'a group target for the client role');
  await rt.removeGroupTargetRoleFromClient({ clientId, roleAssignmentId: clientRole.id!, groupId: target.id! });
  t.checkEffect((await collect(rt.listGroupTargetRoleForClient({ clientId, roleAssignmentId: clientRole.id! }))).length === 0, 'client group target removed');
  const clientAppAdmin = await ra.assignRoleToClient({ clientId, assignRoleRequest: { type: 'APP_ADMIN' } as any });
  await rt.assignAppTargetRoleToClient({ clientId, roleAssignmentId: clientAppAdmin.id!, appName: 'box' });
  await rt.assignAppTargetInstanceRoleForClient({ clientId, roleAssignmentId: clientAppAdmin.id!, appName: 'bookmark', appId: bookmark.id! });
  t.checkEffect((await collect(rt.listAppTargetRoleToClient({ clientId, roleAssignmentId: clientAppAdmin.id! }))).length === 2, 'client app targets');
  await rt.removeAppTargetInstanceRoleForClient({ clientId, roleAssignmentId: clientAppAdmin.id!, appName: 'bookmark', appId: bookmark.id! });
  await rt.assignAppTargetRoleToClient({ clientId, roleAssignmentId: clientAppAdmin.id!, appName: 'zoomus' });
  await rt.removeAppTargetRoleFromClient({ clientId, roleAssignmentId: clientAppAdmin.id!, appName: 'box' });
  t.checkEffect((await collect(rt.listAppTargetRoleToClient({ clientId, roleAssignmentId: clientAppAdmin.id! }))).map((a) => a.name).join() === 'zoomus', 'client app targets changed');

  const custom = await client.customRoleApi.createRole({ instance: { label: 'Compat group reader', description: 'x', permissions: ['okta.groups.read'] } });
  const set = await client.resourceSetApi.createResourceSet({ instance: { label: 'Compat groups', description: 'x', resources: [`${org}/api/v1/groups`] } });
  const customAssigned = await ra.assignRoleToClient({ clientId, assignRoleRequest: { type: 'CUSTOM', role: custom.id, 'resource-set': set.id, resource_set: set.id } as any });
  t.check(customAssigned.type === 'CUSTOM' && (customAssigned as any).role === custom.id && /^irb/.test(customAssigned.id!), 'a custom role over a resource set', customAssigned);
  const bound = await client.resourceSetApi.listMembersOfBinding({ resourceSetId: set.id!, roleIdOrLabel: custom.id! });
  t.check(bound.members?.some((m) => m.id === customAssigned.id), 'the assignment is a binding member', bound);
  await ra.deleteRoleFromClient({ clientId, roleAssignmentId: customAssigned.id! });
  t.checkEffect((await client.resourceSetApi.listMembersOfBinding({ resourceSetId: set.id!, roleIdOrLabel: custom.id! })).members?.length === 0, 'unassigning removes the binding member');

  await ra.unassignRoleFromGroup({ groupId: g.id!, roleId: groupRole.id! });
  t.checkEffect((await collect(ra.listGroupAssignedRoles({ groupId: g.id! }))).length === 0, 'group role removed');
  await ra.unassignRoleFromUser({ userId: u.id!, roleId: userRole.id! });
  t.checkEffect((await collect(ra.listAssignedRolesForUser({ userId: u.id! }))).length === 0, 'user role removed');
}

/** Admin email notifications (Subscriptions API): per role, and per admin for the admin's own token only. */
async function subscriptions(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const subs = client.subscriptionApi;
  const list = await collect(subs.listRoleSubscriptions({ roleTypeOrRoleId: 'ORG_ADMIN' }));
  t.check(list.length === 12 && list.every((s) => s.status === 'subscribed' && s.channels?.includes('email')), 'every notification type, subscribed by email', list);
  await subs.unsubscribeRoleSubscriptionByNotificationType({ roleTypeOrRoleId: 'ORG_ADMIN', notificationType: 'OKTA_UPDATE' });
  t.checkEffect((await subs.listRoleSubscriptionsByNotificationType({ roleTypeOrRoleId: 'ORG_ADMIN', notificationType: 'OKTA_UPDATE' })).status === 'unsubscribed', 'role unsubscribed');
  await subs.subscribeRoleSubscriptionByNotificationType({ roleTypeOrRoleId: 'ORG_ADMIN', notificationType: 'OKTA_UPDATE' });
  t.checkEffect((await subs.listRoleSubscriptionsByNotificationType({ roleTypeOrRoleId: 'ORG_ADMIN', notificationType: 'OKTA_UPDATE' })).status === 'subscribed', 'role subscribed again');
  await t.expectError(() => collect(subs.listRoleSubscriptions({ roleTypeOrRoleId: 'NOT_A_ROLE' })), oktaErr(404, 'E0000007'), 'an unknown role is 404');

  const me = await client.userApi.getUser({ userId: 'me' });
  const mine = await collect(subs.listUserSubscriptions({ userId: me.id! }));
  t.check(mine.length === 12, "the token owner's subscriptions follow their roles", mine);
  await subs.unsubscribeUserSubscriptionByNotificationType({ userId: me.id!, notificationType: 'OKTA_ANNOUNCEMENT' });
  t.checkEffect((await subs.listUserSubscriptionsByNotificationType({ userId: me.id!, notificationType: 'OKTA_ANNOUNCEMENT' })).status === 'unsubscribed', 'the admin opted out');
  await subs.subscribeUserSubscriptionByNotificationType({ userId: me.id!, notificationType: 'OKTA_ANNOUNCEMENT' });
  t.checkEffect((await subs.listUserSubscriptionsByNotificationType({ userId: me.id!, notificationType: 'OKTA_ANNOUNCEMENT' })).status === 'subscribed', 'and back in');
  const other = await client.userApi.createUser({ body: userBody('someone@example.com') });
  await t.expectError(() => collect(subs.listUserSubscriptions({ userId: other.id! })), oktaErr(403, 'E0000006'), "another user's subscriptions are forbidden");
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'admin roles: custom roles, permissions, resource sets and bindings', run: customRolesAndResourceSets },
  { vendor: 'okta', sdk: SDK, name: 'admin roles: assignments to users, groups and clients, with targets', run: roleAssignments },
  { vendor: 'okta', sdk: SDK, name: 'admin notifications: role and admin subscriptions', run: subscriptions },
];
