// jira.js compat: user searches that answer narrower questions (picker, permissions, browse, bulk-assignable, keys) and bulk issue operations (watch, edit, transition, delete) polled as tasks.
import type { Scenario } from '../types.js';
import { overBothClients, teammate } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'user searches and bulk issue operations: picker, permission and browse searches, bulk watch/edit/transition/delete tasks' },
  async (jira, ctx, t, api) => {
    const mate = teammate(ctx);
    const me = ctx.credentials.accountId as string;
    const first = mate.displayName.split(' ')[0]!;

    // User searches — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/
    const picker = await jira.userSearch.findUsersForPicker({ query: first.slice(0, 3), maxResults: 5 });
    const hit = picker.users?.find((u) => u.accountId === mate.accountId);
    t.check(hit?.html === `<strong>${first.slice(0, 3)}</strong>${mate.displayName.slice(3)}` && picker.total === picker.users?.length && /^Showing \d+ of \d+ matching users$/.test(picker.header ?? ''), 'findUsersForPicker highlights the match and counts', picker);
    const admins = await jira.userSearch.findUsersWithAllPermissions({ permissions: 'BROWSE_PROJECTS,ADMINISTER_PROJECTS', projectKey: 'ENG' });
    t.check(admins.some((u) => u.accountId === me) && !admins.some((u) => u.accountId === mate.accountId), 'findUsersWithAllPermissions: the admin administers ENG, the teammate does not', admins);
    const browsers = await jira.userSearch.findUsersWithAllPermissions({ permissions: 'BROWSE_PROJECTS', projectKey: 'ENG' });
    t.check(browsers.some((u) => u.accountId === mate.accountId) && browsers.every((u) => u.accountType === 'atlassian'), 'every licensed user browses ENG; app accounts do not', browsers);
    await t.expectError(() => jira.userSearch.findUsersWithBrowsePermission({ issueKey: 'ENG-1' }), (e) => e.status === 400, 'browse search needs a query or account id');
    const canSee = await jira.userSearch.findUsersWithBrowsePermission({ issueKey: 'ENG-1', query: first });
    t.check(canSee.length === 1 && canSee[0]?.accountId === mate.accountId, 'findUsersWithBrowsePermission finds the teammate on ENG-1', canSee);
    const bulkAssignable = await jira.userSearch.findBulkAssignableUsers({ projectKeys: 'ENG,MOB' });
    t.check(bulkAssignable.some((u) => u.accountId === mate.accountId) && bulkAssignable.every((u) => u.accountType === 'atlassian' && u.active), 'findBulkAssignableUsers: active licensed users assignable in both', bulkAssignable);
    await t.expectError(() => jira.userSearch.findBulkAssignableUsers({ projectKeys: 'ENG,NOPE' }), (e) => e.status === 404, 'an unknown project key is not found');
    const keys = await jira.userSearch.findUserKeysByQuery({ query: first });
    t.check(keys.values?.length === 1 && keys.values[0]?.accountId === mate.accountId && keys.total === 1, 'findUserKeysByQuery pages account ids', keys);

    // The issue picker: keys starting with the query, within the current JQL. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-issue-picker-get
    const picked = await jira.issueSearch.getIssuePickerResource({ query: 'ENG-1', currentJQL: 'project = ENG' });
    const pickedKeys = picked.sections?.[0]?.issues?.map((i) => i.key) ?? [];
    t.check(pickedKeys.includes('ENG-1') && pickedKeys.every((k) => k?.startsWith('ENG-1')) && picked.sections?.[0]?.label === 'Current Search', 'getIssuePickerResource suggests matching keys', picked);

    // Bulk operations (Version3Client only: jira.js's Version2Client has no issueBulkOperations group) — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-bulk-operations/
    if (api === 2) return;
    const made = await jira.issues.createIssues({
      issueUpdates: [1, 2, 3].map((n) => ({ fields: { project: { key: 'MOB' }, issuetype: { name: 'Task' }, summary: `Bulk ${n}` } })),
    });
    const bulkKeys = made.issues!.map((i) => i.key!);
    const watched = await jira.issueBulkOperations.submitBulkWatch({ selectedIssueIdsOrKeys: [...bulkKeys, 'MOB-99999'] });
    t.check(typeof watched.taskId === 'string', 'submitBulkWatch answers a task', watched);
    const watchTask = await jira.issueBulkOperations.getBulkOperationProgress({ taskId: watched.taskId! });
    t.check(watchTask.status === 'COMPLETE' && watchTask.processedAccessibleIssues?.length === 3 && watchTask.invalidOrInaccessibleIssueCount === 1 && watchTask.totalIssueCount === 4, 'the task reports three issues watched and one unknown', watchTask);
    const unwatched = await jira.issueBulkOperations.submitBulkUnwatch({ selectedIssueIdsOrKeys: bulkKeys });
    t.check(typeof unwatched.taskId === 'string' && unwatched.taskId !== watched.taskId, 'submitBulkUnwatch answers its own task', unwatched);
    const w = await jira.issueWatchers.getIssueWatchers({ issueIdOrKey: bulkKeys[0]! });
    t.checkEffect(w.isWatching === false, 'bulk unwatch stops the caller watching', w);

    const fields = await jira.issueBulkOperations.getBulkEditableFields({ issueIdsOrKeys: bulkKeys.join(',') });
    t.check(fields.fields?.map((f) => f.id).join() === 'duedate,labels,priority', 'getBulkEditableFields lists what a bulk edit can change', fields);
    const edit = await jira.issueBulkOperations.submitBulkEdit({
      selectedIssueIdsOrKeys: bulkKeys,
      selectedActions: ['labels', 'priority'],
      editedFieldsInput: { labelsFields: [{ fieldId: 'labels', labels: [{ name: 'bulk' }], bulkEditMultiSelectFieldOption: 'ADD' }], priority: { priorityId: '2' } } as never,
    });
    t.check(typeof edit.taskId === 'string', 'submitBulkEdit answers a task', edit);
    const edited = await jira.issues.getIssue({ issueIdOrKey: bulkKeys[2]!, fields: ['labels', 'priority'] });
    t.checkEffect(edited.fields.labels?.join() === 'bulk' && edited.fields.priority?.id === '2', 'the bulk edit labelled and reprioritised the issues', edited.fields);

    const offered = await jira.issueBulkOperations.getAvailableTransitions({ issueIdsOrKeys: bulkKeys });
    const group = offered.availableTransitions?.[0];
    const start = group?.transitions?.find((x) => x.to?.statusName === 'In Progress');
    t.check(offered.availableTransitions?.length === 1 && group?.issues?.length === 3 && start !== undefined, 'getAvailableTransitions groups the issues by workflow', offered);
    const moved = await jira.issueBulkOperations.submitBulkTransition({ bulkTransitionInputs: [{ selectedIssueIdsOrKeys: bulkKeys.slice(0, 2), transitionId: String(start!.transitionId) }] });
    const moveTask = await jira.issueBulkOperations.getBulkOperationProgress({ taskId: moved.taskId! });
    const inProgress = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: `key in (${bulkKeys.join(',')}) AND status = "In Progress"`, fields: ['status'] });
    t.checkEffect(moveTask.processedAccessibleIssues?.length === 2 && inProgress.issues?.length === 2, 'submitBulkTransition moved two issues', { moveTask, inProgress });

    const deleted = await jira.issueBulkOperations.submitBulkDelete({ selectedIssueIdsOrKeys: bulkKeys });
    const deleteTask = await jira.issueBulkOperations.getBulkOperationProgress({ taskId: deleted.taskId! });
    t.check(deleteTask.processedAccessibleIssues?.length === 3 && Object.keys(deleteTask.failedAccessibleIssues ?? {}).length === 0, 'the delete task processed every issue', deleteTask);
    await t.expectError(() => jira.issues.getIssue({ issueIdOrKey: bulkKeys[0]! }), (e) => e.status === 404, 'bulk-deleted issues are gone', { effect: true });
    await t.expectError(() => jira.issueBulkOperations.getBulkOperationProgress({ taskId: '999999' }), (e) => e.status === 404, 'an unknown task is not found');

    // A project from a template: the details are checked like createProject's. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-templates/
    await t.expectError(() => jira.projectTemplates.createProjectWithCustomTemplate({ details: { key: 'lowercase', name: '', leadAccountId: '' } }), (e) => e.status === 400, 'bad project details are refused');
    await jira.projectTemplates.createProjectWithCustomTemplate({ details: { key: 'TPL', name: 'From a template', leadAccountId: me } });
    const fromTemplate = await jira.projects.getProject({ projectIdOrKey: 'TPL' });
    t.checkEffect(fromTemplate.name === 'From a template' && fromTemplate.lead?.accountId === me, 'createProjectWithCustomTemplate created the project', fromTemplate);
  },
);
