// Remote issue links (create-or-update by globalId), the caller's preferences and locale, project types and key/name suggestions, the user-and-group picker, through jira.js.
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, useSite, type Site } from './helpers.js';

const env = useSite();
let site: Site;
beforeEach(() => {
  site = env.site;
});

describe('remote links and site settings', () => {
  it('remote links: a known globalId updates in place, none creates anew; delete by id or globalId', async () => {
    const r = site.client.issueRemoteLinks;
    const a = await r.createOrUpdateRemoteIssueLink({ issueIdOrKey: 'ENG-1', globalId: 'spec', relationship: 'documented by', object: { url: 'https://example.com/a', title: 'Spec' } });
    const again = await r.createOrUpdateRemoteIssueLink({ issueIdOrKey: 'ENG-1', globalId: 'spec', object: { url: 'https://example.com/b', title: 'Spec v2' } });
    expect(again.id).toBe(a.id);
    await r.createOrUpdateRemoteIssueLink({ issueIdOrKey: 'ENG-1', object: { url: 'https://example.com/c', title: 'Other' } });
    const all = await r.getRemoteIssueLinks({ issueIdOrKey: 'ENG-1' });
    expect((all as Array<{ object: { title: string } }>).map((l) => l.object.title)).toEqual(['Spec v2', 'Other']);
    await r.deleteRemoteIssueLinkByGlobalId({ issueIdOrKey: 'ENG-1', globalId: 'spec' });
    expect((await failure(r.getRemoteIssueLinkById({ issueIdOrKey: 'ENG-1', linkId: String(a.id) }))).status).toBe(404);
    expect((await failure(r.createOrUpdateRemoteIssueLink({ issueIdOrKey: 'ENG-1', object: { url: 'x' } as never }))).status).toBe(400);
  });

  it('preferences round-trip and disappear; locale; project types; key and name suggestions; picker', async () => {
    // jira.js 5.4.0 sends a string body form-encoded; a JSON string is what Jira reads.
    const put = await site.raw('PUT', '/rest/api/3/mypreferences?key=my.pref', { body: JSON.stringify('first'), headers: { 'content-type': 'application/json' } });
    expect(put.status).toBe(204);
    expect(await site.client.myself.getPreference({ key: 'my.pref' })).toBe('first');
    await site.client.myself.removePreference({ key: 'my.pref' });
    expect((await failure(site.client.myself.getPreference({ key: 'my.pref' }))).status).toBe(404);
    expect((await site.client.myself.getLocale()).locale).toBe('en_US');
    expect((await site.client.projectTypes.getAllProjectTypes()).map((t) => t.key)).toContain('software');
    expect((await site.client.projectTypes.getProjectTypeByKey({ projectTypeKey: 'business' })).key).toBe('business');
    expect(await site.client.projectKeyAndNameValidation.getValidProjectKey({ key: 'ENG' })).toBe('ENG1');
    expect(await site.client.projectKeyAndNameValidation.getValidProjectName({ name: 'Mobile App' })).toBe('Mobile App 1');
    const picked = await site.client.groupAndUserPicker.findUsersAndGroups({ query: 'eng' });
    expect(picked.groups?.groups?.map((g) => g.name)).toEqual(['engineering']);
  });
});
