// Avatars: system catalogues per type, custom avatars uploaded as image bytes for projects and issue types, and the images served back.
import { describe, expect, it } from 'vitest';
import type { Version3Parameters } from 'jira.js';
import { deflateSync } from 'node:zlib';
import { failure, useSite } from './helpers.js';

const env = useSite();

/** A minimal PNG: the signature and chunks; the twin reads only the signature, as an image decoder would first. */
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), deflateSync(Buffer.alloc(200))]);
/** jira.js types the body as a whole Avatar bean; Jira reads only `id`. */
const select = (projectIdOrKey: string, id: string) => ({ projectIdOrKey, id }) as Version3Parameters.UpdateProjectAvatar;
const upload = (path: string, body: BodyInit) => env.site.raw('POST', path, { body, headers: { 'content-type': 'image/png', 'x-atlassian-token': 'no-check' } });

describe('avatars', () => {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-avatars/#api-rest-api-3-avatar-type-system-get
  it('lists system avatars per type, none for a type without a catalogue', async () => {
    const sys = await env.site.client.avatars.getAllSystemAvatars({ type: 'project' });
    expect(sys.system!.length).toBeGreaterThan(0);
    expect(sys.system!.every((a) => a.isSystemAvatar && !a.isDeletable)).toBe(true);
    const none = await env.site.raw('GET', '/rest/api/3/avatar/nosuchtype/system');
    expect(await none.json()).toEqual({ system: [] });
  });

  it('stores an uploaded image as a custom project avatar, serves the same bytes, deletes it', async () => {
    const project = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    const bytes = png();
    const r = await upload(`/rest/api/3/universal_avatar/type/project/owner/${project.id}?size=48`, bytes);
    expect(r.status).toBe(201);
    const stored = (await r.json()) as { id: string; isSystemAvatar: boolean; isDeletable: boolean };
    expect(stored).toMatchObject({ isSystemAvatar: false, isDeletable: true });
    const all = await env.site.client.avatars.getAvatars({ type: 'project', entityId: project.id! });
    expect(all.custom!.map((a) => a.id)).toEqual([stored.id]);
    expect((await env.site.client.projectAvatars.getAllProjectAvatars({ projectIdOrKey: 'ENG' })).custom!.map((a) => a.id)).toEqual([stored.id]);
    const img = await env.site.raw('GET', `/rest/api/3/universal_avatar/view/type/project/avatar/${stored.id}`);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(bytes)).toBe(true);
    await env.site.client.avatars.deleteAvatar({ type: 'project', owningObjectId: project.id!, id: Number(stored.id) });
    expect((await env.site.raw('GET', `/rest/api/3/universal_avatar/view/type/project/avatar/${stored.id}`)).status).toBe(404);
  });

  it('refuses bytes that are not an image, an unknown owner, and deleting a system avatar', async () => {
    const notImage = await upload('/rest/api/3/project/ENG/avatar2?size=48', 'not an image');
    expect(notImage.status).toBe(400);
    expect(JSON.stringify(await notImage.json())).toMatch(/image/);
    expect((await upload('/rest/api/3/universal_avatar/type/project/owner/99999999?size=48', png())).status).toBe(404);
    const sys = await env.site.client.avatars.getAllSystemAvatars({ type: 'project' });
    const project = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    expect((await failure(env.site.client.avatars.deleteAvatar({ type: 'project', owningObjectId: project.id!, id: Number(sys.system![0].id) }))).status).toBe(403);
  });

  it('serves system, default and owner images as PNG; an unknown owner gets the catalogue and no custom avatars', async () => {
    const project = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    for (const path of ['/rest/api/3/universal_avatar/view/type/project', `/rest/api/3/universal_avatar/view/type/project/owner/${project.id}`]) {
      const r = await env.site.raw('GET', path);
      expect(r.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await r.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    }
    const unknown = await env.site.client.avatars.getAvatars({ type: 'project', entityId: '99999999' });
    expect(unknown.system!.length).toBeGreaterThan(0);
    expect(unknown.custom).toEqual([]);
  });

  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-avatars/#api-rest-api-3-project-projectidorkey-avatar-put
  it("selects a project's avatar (system or its own upload), refuses unknown ones, and falls back when the selected one is deleted", async () => {
    const before = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    const r = await upload('/rest/api/3/project/ENG/avatar2?size=48', png());
    const stored = (await r.json()) as { id: string };
    await env.site.client.projectAvatars.updateProjectAvatar(select('ENG', stored.id));
    const selected = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    expect(selected.avatarUrls!['48x48']).toContain(`/avatar/${stored.id}?`);
    const listed = await env.site.client.projectAvatars.getAllProjectAvatars({ projectIdOrKey: 'ENG' });
    expect(listed.custom!.find((a) => a.id === stored.id)!.isSelected).toBe(true);
    expect(listed.system!.some((a) => a.isSelected)).toBe(false);
    expect((await failure(env.site.client.projectAvatars.updateProjectAvatar(select('ENG', '99999999')))).status).toBe(404);
    expect((await failure(env.site.client.projectAvatars.updateProjectAvatar(select('NOPE', stored.id)))).status).toBe(404);
    const sys = await env.site.client.avatars.getAllSystemAvatars({ type: 'project' });
    await env.site.client.projectAvatars.updateProjectAvatar(select('ENG', sys.system![2].id));
    expect((await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' })).avatarUrls!['48x48']).toContain(`/avatar/${sys.system![2].id}?`);
    await env.site.client.projectAvatars.updateProjectAvatar(select('ENG', stored.id));
    await env.site.client.projectAvatars.deleteProjectAvatar({ projectIdOrKey: 'ENG', id: Number(stored.id) });
    expect((await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' })).avatarUrls).toEqual(before.avatarUrls);
  });

  it('stores an issue type avatar', async () => {
    const types = await env.site.client.issueTypes.getIssueAllTypes();
    const r = await upload(`/rest/api/3/issuetype/${types[0].id}/avatar2?size=16`, png());
    expect(r.status).toBe(201);
    const all = await env.site.client.avatars.getAvatars({ type: 'issuetype', entityId: types[0].id! });
    expect(all.custom!.length).toBe(1);
  });
});
