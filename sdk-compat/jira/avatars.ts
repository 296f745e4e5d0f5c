// jira.js compat: a project gets its own logo — system catalogue, upload real image bytes, select it, serve the images, delete.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-avatars/
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-avatars/
import type { Version3Parameters } from 'jira.js';
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

// A real 1×1 PNG and a 1×1 GIF: Jira decodes uploads and refuses bytes that are no image.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const bytes = (b: unknown) => Buffer.from(b as ArrayBuffer);
// jira.js types UpdateProjectAvatar as a whole Avatar bean; Jira reads only `id` from it.
const selectAvatar = (projectIdOrKey: string, id: string) => ({ projectIdOrKey, id }) as Version3Parameters.UpdateProjectAvatar;
const pngSignature = (b: Buffer) => b.subarray(0, 8).equals(PNG.subarray(0, 8));

export const scenarios: Scenario[] = overBothClients(
  { name: 'avatars: system catalogue, upload for a project, select it, images by id/type/owner, delete' },
  async (jira, _ctx, t) => {
    const catalogue = await jira.avatars.getAllSystemAvatars({ type: 'project' });
    t.check(catalogue.system.length > 0 && catalogue.system.every((a) => a.isSystemAvatar === true && a.isDeletable === false), 'the system catalogue lists undeletable system avatars', catalogue.system.length);

    const project = await jira.projects.getProject({ projectIdOrKey: 'ENG' });
    const defaultUrl = project.avatarUrls?.['48x48'] ?? '';
    const before = await jira.avatars.getAvatars({ type: 'project', entityId: project.id });
    t.check(before.system.length === catalogue.system.length && before.system.filter((a) => a.isSelected).length === 1, "the owner's list marks its current system avatar selected", before.system.filter((a) => a.isSelected));

    // Universal avatar upload: POST /universal_avatar/type/{type}/owner/{entityId} answers 201 with the Avatar bean.
    const stored = await jira.avatars.storeAvatar({ type: 'project', entityId: project.id, avatar: PNG, mimeType: 'image/png', size: 0 });
    t.check(stored.isSystemAvatar === false && stored.owner === project.id && stored.isDeletable === true && !!stored.id, 'an upload is a deletable custom avatar of its owner', stored);
    const listed = await jira.avatars.getAvatars({ type: 'project', entityId: project.id });
    t.check(listed.custom.some((a) => a.id === stored.id) && !listed.system.some((a) => a.id === stored.id), 'the upload is listed as custom, not system', listed.custom);

    const image = await jira.avatars.getAvatarImageByID({ type: 'project', id: stored.id! });
    t.check(image.contentType === 'image/png' && bytes(image.avatar).equals(PNG), 'the upload is served back byte for byte as image/png', image.contentType);
    const byType = await jira.avatars.getAvatarImageByType({ type: 'project' });
    t.check(byType.contentType === 'image/png' && pngSignature(bytes(byType.avatar)), "the type's default avatar is a PNG image", byType.contentType);
    await t.expectError(() => jira.avatars.getAvatarImageByID({ type: 'project', id: 99999999 }), (e) => e.status === 404, 'an unknown avatar id → 404');

    // Project avatars: upload (avatar2), select with PUT /project/{key}/avatar (204), listed with isSelected.
    const logo = await jira.projectAvatars.createProjectAvatar({ projectIdOrKey: 'ENG', avatar: GIF, mimeType: 'image/gif' });
    t.check(logo.isSystemAvatar === false && logo.owner === project.id, 'a project upload belongs to the project', logo);
    await jira.projectAvatars.updateProjectAvatar(selectAvatar('ENG', logo.id!));
    const selected = await jira.projects.getProject({ projectIdOrKey: 'ENG' });
    t.checkEffect(selected.avatarUrls?.['48x48']?.includes(`/avatar/${logo.id}?`) === true && defaultUrl !== selected.avatarUrls?.['48x48'], "selecting it changes the project's avatarUrls", selected.avatarUrls);
    const all = await jira.projectAvatars.getAllProjectAvatars({ projectIdOrKey: 'ENG' });
    t.check(all.custom?.find((a) => a.id === logo.id)?.isSelected === true && !!all.system?.every((a) => !a.isSelected), 'the project lists its upload as the selected one', all.custom);
    const byOwner = await jira.avatars.getAvatarImageByOwner({ type: 'project', entityId: project.id });
    t.check(byOwner.contentType === 'image/gif' && bytes(byOwner.avatar).equals(GIF), "the owner's image is the selected upload, as image/gif", byOwner.contentType);
    await t.expectError(() => jira.projectAvatars.updateProjectAvatar(selectAvatar('ENG', '99999999')), (e) => e.status === 404, 'selecting an unknown avatar → 404');

    // deleteAvatar: "403 … the avatar is not deletable" for system avatars.
    const system = catalogue.system[0].id!;
    await t.expectError(() => jira.avatars.deleteAvatar({ type: 'project', owningObjectId: project.id, id: Number(system) }), (e) => e.status === 403, 'a system avatar cannot be deleted');
    await jira.avatars.deleteAvatar({ type: 'project', owningObjectId: project.id, id: Number(stored.id) });
    await jira.projectAvatars.deleteProjectAvatar({ projectIdOrKey: 'ENG', id: Number(logo.id) });
    const after = await jira.avatars.getAvatars({ type: 'project', entityId: project.id });
    t.checkEffect(!after.custom.some((a) => a.id === stored.id || a.id === logo.id) && after.custom.length === before.custom.length, 'both uploads are gone', after.custom);
    const reverted = await jira.projects.getProject({ projectIdOrKey: 'ENG' });
    t.check(reverted.avatarUrls?.['48x48'] === defaultUrl, 'deleting the selected avatar puts the default back', reverted.avatarUrls);
    await t.expectError(() => jira.avatars.getAvatarImageByID({ type: 'project', id: stored.id! }), (e) => e.status === 404, 'a deleted avatar has no image', { effect: true });

    // Issue type avatars upload the same way (POST /issuetype/{id}/avatar2) and list as that type's custom avatars.
    const bug = (await jira.issueTypes.getIssueAllTypes()).find((it) => it.name === 'Bug')!;
    const icon = await jira.issueTypes.createIssueTypeAvatar({ id: bug.id!, avatar: PNG, mimeType: 'image/png', size: 0 });
    t.check(icon.isSystemAvatar === false && icon.owner === bug.id, 'an issue type upload belongs to the issue type', icon);
    const icons = await jira.avatars.getAvatars({ type: 'issuetype', entityId: bug.id! });
    t.check(icons.custom.some((a) => a.id === icon.id) && !(await jira.avatars.getAvatars({ type: 'project', entityId: project.id })).custom.some((a) => a.id === icon.id), 'it is listed for the issue type, not for projects', icons.custom);
  },
);
