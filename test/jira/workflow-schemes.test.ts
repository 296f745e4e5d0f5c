// Workflow scheme rules at their edges: drafts only of active schemes, validate-only publishing, the default mapping, the newer update API on inactive schemes, and the async odds and ends (tasks, issue panels, Connect-only rules).
import { describe, expect, it } from 'vitest';
import { failure, useSite } from './helpers.js';

const env = useSite();

const json = async (method: string, path: string, body?: unknown) => {
  const res = await env.site.raw(method, path, body === undefined ? { headers: { 'x-atlassian-token': 'no-check' } } : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
};

async function activeScheme(key: string) {
  const jira = env.site.client;
  const scheme = await jira.workflowSchemes.createWorkflowScheme({ name: `Scheme ${key}`, defaultWorkflow: 'Software Simplified Workflow' });
  const me = await jira.myself.getCurrentUser();
  const project = await jira.projects.createProject({ key, name: `Project ${key}`, projectTypeKey: 'software', leadAccountId: me.accountId! });
  await jira.workflowSchemeProjectAssociations.assignSchemeToProject({ projectId: String(project.id), workflowSchemeId: String(scheme.id) });
  return { scheme, project };
}

describe('workflow scheme drafts', () => {
  it('exist only for active schemes, and publishing with validateOnly changes nothing', async () => {
    const inactive = await env.site.client.workflowSchemes.createWorkflowScheme({ name: 'Unused', defaultWorkflow: 'Business Workflow' });
    expect((await json('POST', `/rest/api/3/workflowscheme/${inactive.id}/createdraft`)).status).toBe(400);

    const { scheme } = await activeScheme('DRA');
    const issue = await env.site.client.issues.createIssue({ fields: { project: { key: 'DRA' }, summary: 'Working', issuetype: { name: 'Task' } } });
    await env.site.client.issues.doTransition({ issueIdOrKey: issue.key, transition: { id: '21' } });
    expect((await json('POST', `/rest/api/3/workflowscheme/${scheme.id}/createdraft`)).status).toBe(201);
    // Business Workflow has In Progress too, so nothing needs mapping.
    const draft = await json('PUT', `/rest/api/3/workflowscheme/${scheme.id}/draft/default`, { workflow: 'Business Workflow' });
    expect(draft.body).toMatchObject({ draft: true, defaultWorkflow: 'Business Workflow', originalDefaultWorkflow: 'Software Simplified Workflow' });
    const check = await json('POST', `/rest/api/3/workflowscheme/${scheme.id}/draft/publish?validateOnly=true`, { statusMappings: [] });
    expect(check.status).toBe(204);
    expect((await json('GET', `/rest/api/3/workflowscheme/${scheme.id}`)).body.defaultWorkflow).toBe('Software Simplified Workflow');
    // fetch follows the 303 to the task.
    const published = await json('POST', `/rest/api/3/workflowscheme/${scheme.id}/draft/publish`, { statusMappings: [] });
    expect([published.status, published.body.status, published.body.self]).toEqual([200, 'COMPLETE', `${env.site.host}/rest/api/3/task/${published.body.id}`]);
    expect((await json('GET', `/rest/api/3/workflowscheme/${scheme.id}`)).body.defaultWorkflow).toBe('Business Workflow');
    // Same status, new workflow: the issue now follows Business Workflow's directed transitions.
    const names = ((await env.site.client.issues.getTransitions({ issueIdOrKey: issue.key })).transitions ?? []).map((t) => t.name);
    expect(names).toEqual(['Done', 'Stop progress']);
  });

  it('keep the default mapping unless another default is set', async () => {
    const s = await env.site.client.workflowSchemes.createWorkflowScheme({ name: 'Defaults', defaultWorkflow: 'Business Workflow' });
    const refused = await json('DELETE', `/rest/api/3/workflowscheme/${s.id}/workflow?workflowName=${encodeURIComponent('Business Workflow')}`);
    expect(refused.status).toBe(400);
    expect((await json('DELETE', `/rest/api/3/workflowscheme/${s.id}/workflow?workflowName=Nope`)).status).toBe(404);
    const direct = await failure(env.site.client.workflowSchemes.updateWorkflowScheme({ id: s.id!, defaultWorkflow: 'No such workflow' } as never));
    expect([direct.status, Object.keys(direct.data.errors)]).toEqual([400, ['defaultWorkflow']]);
  });
});

describe('the newer workflow scheme API', () => {
  it('updates an inactive scheme at its version with 200 and no task, and refuses a stale version', async () => {
    const s = await env.site.client.workflowSchemes.createWorkflowScheme({ name: 'Versioned', defaultWorkflow: 'Business Workflow' });
    const [read] = (await json('POST', '/rest/api/3/workflowscheme/read', { workflowSchemeIds: [String(s.id)] })).body;
    expect(read.version.versionNumber).toBe(1);
    const ok = await json('POST', '/rest/api/3/workflowscheme/update', { id: String(s.id), name: 'Versioned', description: 'v2', version: read.version, defaultWorkflowId: 'software-simplified-workflow', workflowsForIssueTypes: [] });
    expect([ok.status, ok.body]).toEqual([200, {}]);
    const again = await json('POST', '/rest/api/3/workflowscheme/update', { id: String(s.id), name: 'Versioned', description: 'v3', version: read.version, defaultWorkflowId: 'business-workflow', workflowsForIssueTypes: [] });
    expect(again.status).toBe(409);
    expect((await env.site.client.workflowSchemes.getWorkflowScheme({ id: s.id! })).defaultWorkflow).toBe('Software Simplified Workflow');
  });
});

describe('asynchronous odds and ends', () => {
  it('a finished task cannot be cancelled; an unknown one is not found (both as message lists)', async () => {
    const { scheme } = await activeScheme('TSK');
    await json('POST', `/rest/api/3/workflowscheme/${scheme.id}/createdraft`);
    const task = (await json('POST', `/rest/api/3/workflowscheme/${scheme.id}/draft/publish`, { statusMappings: [] })).body;
    const done = await json('POST', `/rest/api/3/task/${task.id}/cancel`);
    expect([done.status, Array.isArray(done.body)]).toEqual([400, true]);
    expect((await json('POST', '/rest/api/3/task/999999/cancel')).status).toBe(404);
  });

  it('issue panel pinning queues a task that fails for a module no app installed', async () => {
    const queued = await json('POST', '/rest/api/3/forge/panel/action/bulk/async', { moduleId: 'absent-module', projectList: [{ action: 'PIN', projectIdOrKey: 'ENG' }] });
    expect(queued.body.taskId).toMatch(/^\d+$/);
    const task = await json('GET', `/rest/api/3/task/${queued.body.taskId}`);
    expect([task.body.status, task.body.message]).toEqual(['FAILED', 'The Forge module absent-module is not installed on this site.']);
    expect((await json('POST', '/rest/api/3/forge/panel/action/bulk/async', { moduleId: 'm', projectList: [{ action: 'PIN', projectIdOrKey: 'NOPE' }] })).status).toBe(400);
  });

  it('transition rule configurations are for Connect apps only', async () => {
    const res = await json('GET', '/rest/api/3/workflow/rule/config?types=postfunction');
    expect([res.status, res.body.errorMessages]).toEqual([403, ['Only Connect and Forge apps can use this operation.']]);
  });
});
