// Workflows as data: statuses with categories, a workflow built through the bulk API with conditions, validators and post functions, a scheme mapping an issue type to it, and issues that follow it.
import { describe, expect, it } from 'vitest';
import { failure, useSite } from './helpers.js';

const env = useSite();

/** A fresh software project led by Sam (workflow schemes are assigned only to projects without issues). */
async function emptyProject(key: string) {
  const sam = env.site.creds.users.find((u) => u.displayName === 'Sam Rivera')!;
  await env.site.client.projects.createProject({ key, name: `Project ${key}`, projectTypeKey: 'software', leadAccountId: sam.accountId });
  return env.site.client.projects.getProject({ projectIdOrKey: key });
}

describe('workflows', () => {
  it('statuses are created with categories, renamed, and deleted unless a workflow uses them', async () => {
    const [made] = await env.site.client.status.createStatuses({ scope: { type: 'GLOBAL' }, statuses: [{ name: 'Blocked', statusCategory: 'IN_PROGRESS' }] });
    expect(made).toMatchObject({ name: 'Blocked', statusCategory: 'IN_PROGRESS' });
    expect((await failure(env.site.client.status.createStatuses({ scope: { type: 'GLOBAL' }, statuses: [{ name: 'blocked', statusCategory: 'TODO' }] }))).status).toBe(400);
    await env.site.client.status.updateStatuses({ statuses: [{ id: made.id!, name: 'Waiting', statusCategory: 'TODO' }] });
    const [read] = await env.site.client.status.getStatusesById({ id: [made.id!] });
    expect(read).toMatchObject({ name: 'Waiting', statusCategory: 'TODO' });
    // "In Progress" (3) is in the built-in workflows.
    const used = await failure(env.site.client.status.deleteStatusesById({ id: ['3'] }));
    expect(used.status).toBe(400);
    await env.site.client.status.deleteStatusesById({ id: [made.id!] });
    expect(await env.site.client.status.getStatusesById({ id: [made.id!] })).toEqual([]);
  });

  it('drive issues through a scheme: initial status, required-field validator, permission condition, resolution and assignee post functions', async () => {
    const jira = env.site.client;
    const done = '10001';
    const created = await jira.workflows.createWorkflows({
      scope: { type: 'GLOBAL' },
      statuses: [
        { statusReference: 'todo', id: '10000', name: 'To Do', statusCategory: 'TODO' },
        { statusReference: 'review', name: 'In Review', statusCategory: 'IN_PROGRESS' },
        { statusReference: 'done', id: done, name: 'Done', statusCategory: 'DONE' },
      ],
      workflows: [{
        name: 'Reviewed work',
        description: 'Work is reviewed by a project administrator',
        statuses: [{ statusReference: 'todo' }, { statusReference: 'review' }, { statusReference: 'done' }],
        transitions: [
          { id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'todo', links: [] },
          { id: '11', name: 'Submit', type: 'DIRECTED', toStatusReference: 'review', links: [{ fromStatusReference: 'todo' }], validators: [{ ruleKey: 'system:validate-field-value', parameters: { ruleType: 'fieldRequired', fieldsRequired: 'assignee', errorMessage: 'Assign it before review.' } }] },
          { id: '21', name: 'Approve', type: 'DIRECTED', toStatusReference: 'done', links: [{ fromStatusReference: 'review' }], conditions: { operation: 'ALL', conditions: [{ ruleKey: 'system:check-permission', parameters: { permissionKey: 'ADMINISTER_PROJECTS' } }] }, actions: [{ ruleKey: 'system:update-field', parameters: { field: 'resolution', value: '10000', mode: 'replace' } }, { ruleKey: 'system:change-assignee', parameters: { type: 'to-unassigned' } }] },
          { id: '31', name: 'Reopen', type: 'GLOBAL', toStatusReference: 'todo', links: [], actions: [{ ruleKey: 'system:update-field', parameters: { field: 'resolution', value: '', mode: 'replace' } }] },
        ],
      }],
    } as never);
    const wf = created.workflows![0];
    const review = created.statuses!.find((s) => s.name === 'In Review')!;
    expect(review.id).toMatch(/^\d+$/);
    expect(wf.transitions!.map((t) => [t.name, t.type])).toEqual([['Create', 'INITIAL'], ['Submit', 'DIRECTED'], ['Approve', 'DIRECTED'], ['Reopen', 'GLOBAL']]);
    expect((await jira.workflows.readWorkflows({ workflowNames: ['Reviewed work'] })).workflows?.map((w) => w.id)).toEqual([wf.id]);
    const plain = await jira.workflows.searchWorkflows({ queryString: 'Reviewed' });
    expect(plain.values?.map((w) => [w.name, w.transitions])).toEqual([['Reviewed work', []]]);
    const expanded = await jira.workflows.searchWorkflows({ queryString: 'Reviewed', expand: 'values.transitions' });
    expect(expanded.values?.[0].transitions).toHaveLength(4);

    const task = (await jira.issueTypes.getIssueAllTypes()).find((t) => t.name === 'Task')!;
    const scheme = await jira.workflowSchemes.createWorkflowScheme({ name: 'Reviewed', defaultWorkflow: 'Software Simplified Workflow', issueTypeMappings: { [task.id!]: 'Reviewed work' } });
    const project = await emptyProject('REV');
    await jira.workflowSchemeProjectAssociations.assignSchemeToProject({ projectId: project.id!, workflowSchemeId: String(scheme.id) });
    expect((await env.site.raw('DELETE', `/rest/api/3/workflow/${wf.id}`)).status).toBe(400);

    const issue = await jira.issues.createIssue({ fields: { project: { key: 'REV' }, summary: 'Needs review', issuetype: { id: task.id! } } });
    expect((await jira.issues.getIssue({ issueIdOrKey: issue.key, fields: ['status'] })).fields.status.name).toBe('To Do');
    expect((await failure(jira.workflowSchemeProjectAssociations.assignSchemeToProject({ projectId: project.id!, workflowSchemeId: String(scheme.id) }))).status).toBe(400);

    const submit = await failure(jira.issues.doTransition({ issueIdOrKey: issue.key, transition: { id: '11' } }));
    expect([submit.status, submit.data.errors]).toEqual([400, { assignee: 'Assign it before review.' }]);
    expect((await jira.issues.getIssue({ issueIdOrKey: issue.key, fields: ['status'] })).fields.status.name).toBe('To Do');
    const priya = env.site.creds.users.find((u) => u.displayName === 'Priya Shah')!;
    await jira.issues.doTransition({ issueIdOrKey: issue.key, transition: { id: '11' }, fields: { assignee: { accountId: priya.accountId } } });

    // Approve needs Administer Projects in REV: Priya (a plain user there) is not offered it; Sam (the lead) is.
    const names = async (who: string) => ((await env.site.as(who).issues.getTransitions({ issueIdOrKey: issue.key })).transitions ?? []).map((t) => t.name);
    expect(await names('Priya Shah')).toEqual(['Reopen']);
    expect(await names('Sam Rivera')).toEqual(['Approve', 'Reopen']);
    await env.site.as('Sam Rivera').issues.doTransition({ issueIdOrKey: issue.key, transition: { id: '21' } });
    const approved = await jira.issues.getIssue({ issueIdOrKey: issue.key, fields: ['status', 'resolution', 'assignee'] });
    expect([approved.fields.status.name, approved.fields.resolution?.name, approved.fields.assignee]).toEqual(['Done', 'Done', null]);
    await jira.issues.doTransition({ issueIdOrKey: issue.key, transition: { id: '31' } });
    const reopened = await jira.issues.getIssue({ issueIdOrKey: issue.key, fields: ['status', 'resolution'] });
    expect([reopened.fields.status.name, reopened.fields.resolution]).toEqual(['To Do', null]);

    // Other issue types still follow the scheme's default workflow.
    const otherType = project.issueTypes!.find((t) => t.id !== task.id && !t.subtask)!;
    const other = await jira.issues.createIssue({ fields: { project: { key: 'REV' }, summary: 'Plain', issuetype: { id: otherType.id! } } });
    expect(((await jira.issues.getTransitions({ issueIdOrKey: other.key })).transitions ?? []).map((t) => t.name)).toEqual(['In Progress', 'Done']);
    expect((await failure(jira.workflowSchemes.deleteWorkflowScheme({ id: scheme.id! }))).status).toBe(400);
  });

  it('updates replace a workflow at its current version and refuse a stale one', async () => {
    const jira = env.site.client;
    const made = await jira.workflows.createWorkflows({
      scope: { type: 'GLOBAL' },
      statuses: [{ statusReference: 'a', id: '10000', name: 'To Do', statusCategory: 'TODO' }, { statusReference: 'b', id: '10001', name: 'Done', statusCategory: 'DONE' }],
      workflows: [{ name: 'Two step', statuses: [{ statusReference: 'a' }, { statusReference: 'b' }], transitions: [{ id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'a', links: [] }, { id: '11', name: 'Finish', type: 'GLOBAL', toStatusReference: 'b', links: [] }] }],
    } as never);
    const wf = made.workflows![0];
    const body = (versionNumber: number) => ({
      statuses: [{ statusReference: 'a', id: '10000', name: 'To Do', statusCategory: 'TODO' }, { statusReference: 'b', id: '10001', name: 'Done', statusCategory: 'DONE' }],
      workflows: [{ id: wf.id, version: { id: wf.version!.id, versionNumber }, statuses: [{ statusReference: 'a' }, { statusReference: 'b' }], transitions: [{ id: '1', name: 'Create', type: 'INITIAL', toStatusReference: 'a', links: [] }, { id: '11', name: 'Complete', type: 'GLOBAL', toStatusReference: 'b', links: [] }] }],
    });
    const updated = await jira.workflows.updateWorkflows(body(1) as never);
    expect(updated.workflows![0].version?.versionNumber).toBe(2);
    expect(updated.workflows![0].transitions!.map((t) => t.name)).toEqual(['Create', 'Complete']);
    expect((await failure(jira.workflows.updateWorkflows(body(1) as never))).status).toBe(400);
    expect((await failure(env.site.as('Priya Shah').workflows.updateWorkflows(body(2) as never))).status).toBe(403);
  });
});
