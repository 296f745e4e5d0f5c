// googleapis compat: sharing in Drive — people, groups, the domain and links — with access enforced for each caller.
import type { Scenario } from '../types.js';
import { SDK, apis, classic, email, userToken } from './common.js';

const scenario: Scenario = {
  vendor: 'google',
  sdk: SDK,
  name: 'Drive: share with users, groups, domain and link; enforce access; transfer ownership',
  async run(ctx, t) {
    const alice = t.track(apis(ctx, userToken(ctx, 'alice')).drive, 'drive');
    const bob = t.track(apis(ctx, userToken(ctx, 'bob')).drive, 'drive');
    const dave = t.track(apis(ctx, userToken(ctx, 'dave')).drive, 'drive');

    const doc = await alice.files.create({ requestBody: { name: 'Design review', mimeType: 'text/plain' }, fields: 'id' });
    const id = doc.data.id!;
    await t.expectError(() => bob.files.get({ fileId: id }), classic(404, 'notFound', `File not found: ${id}.`), 'unshared file is invisible to Bob');

    const bobPerm = await alice.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'reader', emailAddress: email(ctx, 'bob') }, fields: 'id,role,emailAddress' });
    t.check(bobPerm.data.role === 'reader' && bobPerm.data.emailAddress === email(ctx, 'bob'), 'reader permission created', bobPerm.data);
    const seen = await bob.files.get({ fileId: id, fields: 'name,capabilities(canEdit,canShare)' });
    t.check(seen.data.capabilities?.canEdit === false, 'Bob reads but cannot edit', seen.data);
    await t.expectError(() => bob.files.update({ fileId: id, requestBody: { name: 'hijacked' } }), classic(403, 'insufficientFilePermissions'), 'reader cannot rename');

    await alice.permissions.update({ fileId: id, permissionId: bobPerm.data.id!, requestBody: { role: 'writer' } });
    const renamed = await bob.files.update({ fileId: id, requestBody: { name: 'Design review (Bob)' }, fields: 'name' });
    t.checkEffect(renamed.data.name === 'Design review (Bob)', 'made a writer, Bob can rename', renamed.data);

    const group = await alice.permissions.create({ fileId: id, requestBody: { type: 'group', role: 'commenter', emailAddress: email(ctx, 'sales') }, fields: 'id,type' });
    const viaGroup = await dave.files.get({ fileId: id, fields: 'capabilities(canComment,canEdit)' });
    t.check(viaGroup.data.capabilities?.canComment === true && viaGroup.data.capabilities.canEdit === false, 'Dave comments through the sales group', viaGroup.data);

    const perms = await alice.permissions.list({ fileId: id, fields: 'permissions(type,role,emailAddress)' });
    t.check(perms.data.permissions?.length === 3 && perms.data.permissions[0].role === 'owner', 'owner, writer and group are listed', perms.data);
    const one = await alice.permissions.get({ fileId: id, permissionId: group.data.id!, fields: 'type,role' });
    t.check(one.data.type === 'group' && one.data.role === 'commenter', 'permissions.get', one.data);
    await alice.permissions.delete({ fileId: id, permissionId: group.data.id! });
    await t.expectError(() => dave.files.get({ fileId: id }), classic(404, 'notFound'), 'removing the group permission removes Dave', { effect: true });

    const link = await alice.permissions.create({ fileId: id, requestBody: { type: 'anyone', role: 'reader' }, fields: 'id,allowFileDiscovery' });
    t.check(link.data.id === 'anyoneWithLink' && link.data.allowFileDiscovery === false, 'link sharing is not discoverable', link.data);
    const byId = await dave.files.get({ fileId: id, fields: 'name' });
    t.check(byId.data.name === 'Design review (Bob)', 'anyone with the link opens it', byId.data);
    const searched = await dave.files.list({ q: "name contains 'Design'", fields: 'files(id)' });
    t.check(!searched.data.files?.some((f) => f.id === id), 'but does not find it by search', searched.data);

    await t.expectError(
      () => alice.permissions.create({ fileId: id, requestBody: { type: 'user', role: 'owner', emailAddress: email(ctx, 'bob') } }),
      classic(403, 'forbidden', "The transferOwnership parameter must be enabled when the permission role is 'owner'."),
      'owner role needs transferOwnership',
    );
    await alice.permissions.create({ fileId: id, transferOwnership: true, requestBody: { type: 'user', role: 'owner', emailAddress: email(ctx, 'bob') } });
    const owned = await bob.files.get({ fileId: id, fields: 'ownedByMe,owners(emailAddress)' });
    t.check(owned.data.ownedByMe === true, 'Bob owns it now', owned.data);
    await t.expectError(() => alice.files.delete({ fileId: id }), classic(403, 'insufficientFilePermissions'), 'the former owner cannot delete');
    await bob.files.delete({ fileId: id });
    await t.expectError(() => bob.files.get({ fileId: id }), classic(404, 'notFound'), 'the new owner deleted it', { effect: true });
  },
};

export default scenario;
