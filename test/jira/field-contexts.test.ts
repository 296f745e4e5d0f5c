// Custom field contexts: which context applies to a project × issue type, options kept per context, defaults, and the rules on projects.
import { describe, expect, it } from 'vitest';
import { failure, useSite } from './helpers.js';

const env = useSite();
const T = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('custom field contexts', () => {
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-contexts/#api-rest-api-3-field-fieldid-context-mapping-post
  it('a project context beats the global one, and an issue type context beats "any issue type"', async () => {
    const f = (await (await env.site.raw('POST', '/rest/api/3/field', json({ name: 'Tier', type: `${T}select` }))).json()) as { id: string };
    const eng = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    const types = await env.site.client.issueTypes.getIssueAllTypes();
    const [bug, task] = ['Bug', 'Task'].map((n) => types.find((x) => x.name === n)!.id!);
    const global = ((await (await env.site.raw('GET', `/rest/api/3/field/${f.id}/context`)).json()) as { values: Array<{ id: string }> }).values[0].id;
    const engAny = (await (await env.site.raw('POST', `/rest/api/3/field/${f.id}/context`, json({ name: 'ENG', projectIds: [eng.id] }))).json()) as { id: string };
    const anyBug = (await (await env.site.raw('POST', `/rest/api/3/field/${f.id}/context`, json({ name: 'Bugs', issueTypeIds: [bug] }))).json()) as { id: string };
    const r = await env.site.raw('POST', `/rest/api/3/field/${f.id}/context/mapping`, json({ mappings: [{ projectId: eng.id, issueTypeId: bug }, { projectId: eng.id, issueTypeId: task }, { projectId: '1', issueTypeId: bug }, { projectId: '1', issueTypeId: task }] }));
    const rows = ((await r.json()) as { values: Array<{ contextId: string | null }> }).values.map((v) => v.contextId);
    expect(rows).toEqual([engAny.id, engAny.id, anyBug.id, global]);

    // Options live in their context; a default must be one of that context's options.
    await env.site.raw('POST', `/rest/api/3/field/${f.id}/context/${engAny.id}/option`, json({ options: [{ value: 'Gold' }] }));
    const globalOpts = (await (await env.site.raw('GET', `/rest/api/3/field/${f.id}/context/${global}/option`)).json()) as { values: unknown[] };
    expect(globalOpts.values).toEqual([]);
    const made = (await (await env.site.raw('POST', `/rest/api/3/field/${f.id}/context/${global}/option`, json({ options: [{ value: 'Gold' }] }))).json()) as { options: Array<{ id: string }> };
    expect(made.options).toHaveLength(1); // the same value is free in another context
    const bad = await env.site.raw('PUT', `/rest/api/3/field/${f.id}/context/defaultValue`, json({ defaultValues: [{ contextId: engAny.id, optionId: made.options[0].id, type: 'option.single' }] }));
    expect(bad.status).toBe(400);
    expect((await env.site.raw('PUT', `/rest/api/3/field/${f.id}/context/defaultValue`, json({ defaultValues: [{ contextId: global, optionId: made.options[0].id, type: 'option.single' }] }))).status).toBe(204);
    const defaults = (await (await env.site.raw('GET', `/rest/api/3/field/${f.id}/context/defaultValue`)).json()) as { values: unknown[] };
    expect(defaults.values).toEqual([{ contextId: global, optionId: made.options[0].id, type: 'option.single' }]);
  });

  it('refuses a second context for a project, projects on a global context, an unknown project, and non-admins', async () => {
    const f = (await (await env.site.raw('POST', '/rest/api/3/field', json({ name: 'Zone', type: `${T}select` }))).json()) as { id: string };
    const eng = await env.site.client.projects.getProject({ projectIdOrKey: 'ENG' });
    const global = ((await (await env.site.raw('GET', `/rest/api/3/field/${f.id}/context`)).json()) as { values: Array<{ id: string }> }).values[0].id;
    expect((await env.site.raw('POST', `/rest/api/3/field/${f.id}/context`, json({ name: 'A', projectIds: [eng.id] }))).status).toBe(201);
    expect((await env.site.raw('POST', `/rest/api/3/field/${f.id}/context`, json({ name: 'B', projectIds: [eng.id] }))).status).toBe(400);
    expect((await env.site.raw('POST', `/rest/api/3/field/${f.id}/context`, json({ name: 'C', projectIds: ['99999999'] }))).status).toBe(404);
    expect((await env.site.raw('PUT', `/rest/api/3/field/${f.id}/context/${global}/project`, json({ projectIds: [eng.id] }))).status).toBe(400);
    expect((await env.site.raw('DELETE', `/rest/api/3/field/${f.id}/context/99999999`)).status).toBe(404);
    const teammate = env.site.creds.users.find((u) => u.active && !u.admin)!;
    const asMember = env.site.as(teammate.displayName);
    expect((await failure(asMember.issueCustomFieldContexts.deleteCustomFieldContext({ fieldId: f.id, contextId: Number(global) }))).status).toBe(403);
  });
});
