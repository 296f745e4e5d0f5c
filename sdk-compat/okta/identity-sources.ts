/** Okta SDK scenarios for custom identity sources: import sessions on the twin clock, bulk uploads that become users, groups and memberships, and per-entity sync. */
import type { CompatContext, Scenario, Tracker } from '../types.js';
import { SDK, collect, oktaClient, oktaErr } from './common.js';

const person = (externalId: string, first: string, last: string) => ({
  externalId,
  profile: { userName: `${first.toLowerCase()}.${last.toLowerCase()}@hr-compat.example.com`, email: `${first.toLowerCase()}.${last.toLowerCase()}@hr-compat.example.com`, firstName: first, lastName: last },
});

/** A whole import: session → uploads → start → IN_PROGRESS → COMPLETED, after which the people are Okta users (Identity Sources API). */
async function importSessions(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const is = client.identitySourceApi;
  const src: { id: string } = await ctx.control('POST', 'okta/identity-sources', { name: 'Compat HR' });
  await t.expectError(() => is.createIdentitySourceSession({ identitySourceId: '0oaNoSuchSource00000' }), oktaErr(404, 'E0000007'), 'an unknown identity source is 404');
  const session = await is.createIdentitySourceSession({ identitySourceId: src.id });
  t.check(session.status === 'CREATED' && session.identitySourceId === src.id && session.importType === 'INCREMENTAL', 'a new session is CREATED', session);
  await t.expectError(() => is.createIdentitySourceSession({ identitySourceId: src.id }), oktaErr(400, 'E0000001'), 'one open session per identity source');
  t.check((await collect(is.listIdentitySourceSessions({ identitySourceId: src.id }))).map((s) => s.id).join() === session.id, 'the open session is listed');

  const ada = person('hr-1001', 'Ada', 'Compat');
  const bo = person('hr-1002', 'Bo', 'Compat');
  await is.uploadIdentitySourceDataForUpsert({ identitySourceId: src.id, sessionId: session.id!, BulkUpsertRequestBody: { entityType: 'USERS', profiles: [ada, bo] } as any });
  await is.uploadIdentitySourceGroupsForUpsert({ identitySourceId: src.id, sessionId: session.id!, bulkGroupUpsertRequestBody: { profiles: [{ externalId: 'hr-eng', profile: { displayName: 'HR Compat Engineering', description: 'from HR' } }] } as any });
  await is.uploadIdentitySourceGroupMembershipsForUpsert({ identitySourceId: src.id, sessionId: session.id!, bulkGroupMembershipsUpsertRequestBody: { memberships: [{ groupExternalId: 'hr-eng', memberExternalIds: ['hr-1001', 'hr-1002'] }] } as any });
  await t.expectError(() => client.userApi.getUser({ userId: ada.profile.userName }), oktaErr(404, 'E0000007'), 'uploads wait for the import', { effect: true });
  await t.expectError(() => is.uploadIdentitySourceDataForUpsert({ identitySourceId: src.id, sessionId: session.id!, BulkUpsertRequestBody: { entityType: 'USERS', profiles: [{ externalId: 'hr-x', profile: { firstName: 'No' } }] } as any }), oktaErr(400, 'E0000001'), 'a profile needs userName and email');

  const started = await is.startImportFromIdentitySource({ identitySourceId: src.id, sessionId: session.id! });
  t.check(started.status === 'TRIGGERED', 'the import is triggered', started);
  await t.expectError(() => is.uploadIdentitySourceDataForUpsert({ identitySourceId: src.id, sessionId: session.id!, BulkUpsertRequestBody: { entityType: 'USERS', profiles: [ada] } as any }), oktaErr(400, 'E0000001'), 'a started session takes no more data');
  await ctx.control('POST', 'clock', { advanceMs: 1_500 });
  t.check((await is.getIdentitySourceSession({ identitySourceId: src.id, sessionId: session.id! })).status === 'IN_PROGRESS', 'processing after a second');
  await ctx.control('POST', 'clock', { advanceMs: 5_000 });
  t.check((await is.getIdentitySourceSession({ identitySourceId: src.id, sessionId: session.id! })).status === 'COMPLETED', 'completed');
  const adaUser = await client.userApi.getUser({ userId: ada.profile.userName });
  t.checkEffect(adaUser.status === 'ACTIVE' && adaUser.profile?.firstName === 'Ada' && adaUser.profile?.email === ada.profile.email, 'the imported person is an active Okta user', adaUser);
  const group = (await collect(client.groupApi.listGroups({ q: 'HR Compat Engineering' })))[0];
  const members = group ? (await collect(client.groupApi.listGroupUsers({ groupId: group.id! }))).map((u) => u.profile?.login).sort() : [];
  t.checkEffect(members.join() === [ada.profile.userName, bo.profile.userName].sort().join(), 'the imported group holds the imported members', members);
  t.check((await collect(is.listIdentitySourceSessions({ identitySourceId: src.id }))).length === 0, 'a completed session is no longer open');

  // A second import removes a person, a membership and the group.
  const second = await is.createIdentitySourceSession({ identitySourceId: src.id });
  await is.uploadIdentitySourceGroupMembershipsForDelete({ identitySourceId: src.id, sessionId: second.id!, bulkGroupMembershipsDeleteRequestBody: { memberships: [{ groupExternalId: 'hr-eng', memberExternalIds: ['hr-1002'] }] } as any });
  await is.uploadIdentitySourceDataForDelete({ identitySourceId: src.id, sessionId: second.id!, BulkDeleteRequestBody: { entityType: 'USERS', profiles: [{ externalId: 'hr-1002' }] } });
  await is.startImportFromIdentitySource({ identitySourceId: src.id, sessionId: second.id! });
  await ctx.control('POST', 'clock', { advanceMs: 6_000 });
  const secondDone = (await is.getIdentitySourceSession({ identitySourceId: src.id, sessionId: second.id! })).status;
  t.checkEffect(secondDone === 'COMPLETED' && (await client.userApi.getUser({ userId: bo.profile.userName })).status === 'DEPROVISIONED', 'the second import completed: a person deleted at the source is deactivated in Okta');
  t.checkEffect((await collect(client.groupApi.listGroupUsers({ groupId: group!.id! }))).map((u) => u.profile?.login).join() === ada.profile.userName, 'and leaves the group');
  const third = await is.createIdentitySourceSession({ identitySourceId: src.id });
  await is.uploadIdentitySourceGroupsDataForDelete({ identitySourceId: src.id, sessionId: third.id!, bulkGroupDeleteRequestBody: { externalIds: ['hr-eng'] } });
  await is.startImportFromIdentitySource({ identitySourceId: src.id, sessionId: third.id! });
  await ctx.control('POST', 'clock', { advanceMs: 6_000 });
  await is.getIdentitySourceSession({ identitySourceId: src.id, sessionId: third.id! });
  await t.expectError(() => client.groupApi.getGroup({ groupId: group!.id! }), oktaErr(404, 'E0000007'), 'a group deleted at the source is deleted in Okta', { effect: true });

  const abandoned = await is.createIdentitySourceSession({ identitySourceId: src.id });
  await is.deleteIdentitySourceSession({ identitySourceId: src.id, sessionId: abandoned.id! });
  await t.expectError(() => is.getIdentitySourceSession({ identitySourceId: src.id, sessionId: abandoned.id! }), oktaErr(404, 'E0000007'), 'a deleted session is 404', { effect: true });
}

/** Per-entity sync: users, groups and memberships written one at a time, straight into Okta (Identity Sources API). */
async function entitySync(ctx: CompatContext, t: Tracker): Promise<void> {
  const client = t.track(oktaClient(ctx), '');
  const is = client.identitySourceApi;
  const src: { id: string } = await ctx.control('POST', 'okta/identity-sources', { name: 'Compat Directory' });
  const cy = person('dir-7', 'Cy', 'Compat');
  await is.createIdentitySourceUser({ identitySourceId: src.id, userRequestSchema: cy as any });
  const created = await is.getIdentitySourceUser({ identitySourceId: src.id, externalId: 'dir-7' });
  t.checkEffect(created.externalId === 'dir-7' && /^00u/.test(created.id!) && created.profile?.firstName === 'Cy', 'a user synced from the source is an Okta user, read back by external id', created);
  await t.expectError(() => is.createIdentitySourceUser({ identitySourceId: src.id, userRequestSchema: cy as any }), oktaErr(400, 'E0000001'), 'an external id is synced once');
  t.checkEffect((await client.userApi.getUser({ userId: created.id! })).profile?.login === cy.profile.userName, 'Okta has the user');
  const patched = await is.updateIdentitySourceUsers({ identitySourceId: src.id, externalId: 'dir-7', usersUpdateRequestSchema: { profile: { ...cy.profile, lastName: 'Renamed' } } as any });
  t.check(patched.profile?.lastName === 'Renamed', 'profile updated', patched);
  t.checkEffect((await client.userApi.getUser({ userId: created.id! })).profile?.lastName === 'Renamed', 'the change reaches the Okta user');
  const replaced = await is.replaceExistingIdentitySourceUser({ identitySourceId: src.id, externalId: 'dir-7', userRequestSchema: { externalId: 'dir-7', profile: { ...cy.profile, mobilePhone: '+1 555 0100' } } as any });
  t.check(replaced.profile?.mobilePhone === '+1 555 0100' && replaced.profile?.lastName === 'Compat', 'profile replaced', replaced);

  const g = await is.createIdentitySourceGroups({ identitySourceId: src.id, groupsRequestSchema: { externalId: 'dir-g1', profile: { displayName: 'Compat Directory Group', description: 'synced' } } });
  t.check(g.externalId === 'dir-g1' && /^00g/.test(g.id!), 'a synced group is an Okta group', g);
  t.check((await is.getIdentitySourceGroup({ identitySourceId: src.id, groupOrExternalId: g.id! })).externalId === 'dir-g1', 'read back by Okta id');
  t.check((await is.updateIdentitySourceGroups({ identitySourceId: src.id, groupOrExternalId: 'dir-g1', groupsRequestSchema: { profile: { displayName: 'Compat Directory Group 2' } } })).id === g.id, 'renamed, the same group');
  t.checkEffect((await client.groupApi.getGroup({ groupId: g.id! })).profile?.name === 'Compat Directory Group 2', 'the Okta group is renamed');
  await is.createIdentitySourceGroupsMemberships({ identitySourceId: src.id, groupOrExternalId: 'dir-g1', membershipRequestSchema: { memberExternalId: 'dir-7' } });
  t.checkEffect((await is.getIdentitySourceGroupMemberships({ identitySourceId: src.id, groupOrExternalId: 'dir-g1' })).memberExternalIds?.join() === 'dir-7', 'the member is listed by external id');
  t.checkEffect((await collect(client.groupApi.listGroupUsers({ groupId: g.id! }))).map((u) => u.id).join() === created.id, 'and is a member in Okta');
  await t.expectError(() => is.createIdentitySourceGroupsMemberships({ identitySourceId: src.id, groupOrExternalId: 'dir-g1', membershipRequestSchema: { memberExternalId: 'dir-404' } }), oktaErr(404, 'E0000007'), 'members must be synced users');
  await is.deleteIdentitySourceGroupMemberships({ identitySourceId: src.id, groupOrExternalId: 'dir-g1', memberExternalId: 'dir-7' });
  t.checkEffect((await collect(client.groupApi.listGroupUsers({ groupId: g.id! }))).length === 0, 'membership removed');
  await is.deleteIdentitySourceGroup({ identitySourceId: src.id, groupOrExternalId: 'dir-g1' });
  await t.expectError(() => client.groupApi.getGroup({ groupId: g.id! }), oktaErr(404, 'E0000007'), 'the Okta group is deleted with it', { effect: true });
  await is.deleteIdentitySourceUser({ identitySourceId: src.id, externalId: 'dir-7' });
  t.checkEffect((await client.userApi.getUser({ userId: created.id! })).status === 'DEPROVISIONED', 'a user removed from the source is deactivated');
  await t.expectError(() => is.getIdentitySourceUser({ identitySourceId: src.id, externalId: 'dir-7' }), oktaErr(404, 'E0000007'), 'and no longer synced', { effect: true });
}

export const scenarios: Scenario[] = [
  { vendor: 'okta', sdk: SDK, name: 'identity sources: an import session from upload to Okta users', run: importSessions },
  { vendor: 'okta', sdk: SDK, name: 'identity sources: per-entity sync of users, groups and memberships', run: entitySync },
];
