// jira.js compat: an admin gives a project its own issue type scheme — create, add, reorder and remove types, assign (refused while issues would be stranded), delete.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'issue type schemes: create, types and their order, assign to a project, delete' },
  async (jira, ctx, t) => {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-type-schemes/
    const types = await jira.issueTypes.getIssueAllTypes();
    t.check(types.length >= 4, 'the site issue types', types.map((x) => x.name));
    const id = (name: string) => types.find((x) => x.name === name)!.id!;
    const project = await jira.projects.createProject({ key: 'ITS', name: 'Scheme demo', projectTypeKey: 'software', leadAccountId: ctx.credentials.accountId });
    t.check(project.key === 'ITS', 'a project to give a scheme', project);

    const made = await jira.issueTypeSchemes.createIssueTypeScheme({ name: 'Lean', description: 'Tasks and bugs', issueTypeIds: [id('Task'), id('Bug')], defaultIssueTypeId: id('Task') });
    t.check(Number(made.issueTypeSchemeId) > 0, 'createIssueTypeScheme answers the new id', made);
    const schemeId = made.issueTypeSchemeId!;
    await t.expectError(() => jira.issueTypeSchemes.createIssueTypeScheme({ name: 'lean', issueTypeIds: [id('Task')] }), (e) => e.status === 409, 'scheme names are unique');
    const page = await jira.issueTypeSchemes.getAllIssueTypeSchemes({ queryString: 'lean' });
    t.check(page.values?.[0]?.defaultIssueTypeId === id('Task') && page.values[0].isDefault === false, 'the scheme is listed with its default type', page);
    await jira.issueTypeSchemes.updateIssueTypeScheme({ issueTypeSchemeId: Number(schemeId), name: 'Lean delivery', defaultIssueTypeId: id('Bug') });
    const renamed = await jira.issueTypeSchemes.getAllIssueTypeSchemes({ id: [Number(schemeId)] });
    t.checkEffect(renamed.values?.[0]?.name === 'Lean delivery' && renamed.values[0].defaultIssueTypeId === id('Bug'), 'updateIssueTypeScheme renames it and moves the default', renamed);

    await jira.issueTypeSchemes.addIssueTypesToIssueTypeScheme({ issueTypeSchemeId: Number(schemeId), issueTypeIds: [id('Story')] });
    await jira.issueTypeSchemes.reorderIssueTypesInIssueTypeScheme({ issueTypeSchemeId: Number(schemeId), issueTypeIds: [id('Story')], position: 'First' });
    const mapping = await jira.issueTypeSchemes.getIssueTypeSchemesMapping({ issueTypeSchemeId: [Number(schemeId)] });
    t.checkEffect(mapping.values?.map((m) => m.issueTypeId).join() === [id('Story'), id('Task'), id('Bug')].join(), 'added Story, then moved it first', mapping);
    await jira.issueTypeSchemes.removeIssueTypeFromIssueTypeScheme({ issueTypeSchemeId: Number(schemeId), issueTypeId: Number(id('Bug')) });
    const fewer = await jira.issueTypeSchemes.getIssueTypeSchemesMapping({ issueTypeSchemeId: [Number(schemeId)] });
    t.checkEffect(fewer.values?.map((m) => m.issueTypeId).join() === [id('Story'), id('Task')].join(), 'removeIssueTypeFromIssueTypeScheme drops Bug', fewer);

    const before = await jira.issueTypeSchemes.getIssueTypeSchemeForProjects({ projectId: [Number(project.id)] });
    t.check(before.values?.[0]?.issueTypeScheme?.isDefault === true, 'a new project starts on the default scheme', before);
    const bug = await jira.issues.createIssue({ fields: { project: { key: 'ITS' }, issuetype: { name: 'Bug' }, summary: 'A bug the lean scheme lacks' } });
    t.check(bug.key === 'ITS-1', 'a bug in the project', bug);
    await t.expectError(() => jira.issueTypeSchemes.assignIssueTypeSchemeToProject({ issueTypeSchemeId: schemeId, projectId: String(project.id) }), (e) => e.status === 400, 'a scheme that would strand existing issues is refused');
    await jira.issues.deleteIssue({ issueIdOrKey: bug.key! });
    await jira.issueTypeSchemes.assignIssueTypeSchemeToProject({ issueTypeSchemeId: schemeId, projectId: String(project.id) });
    const after = await jira.issueTypeSchemes.getIssueTypeSchemeForProjects({ projectId: [Number(project.id)] });
    t.checkEffect(after.values?.[0]?.issueTypeScheme?.id === schemeId && after.values[0].projectIds?.join() === String(project.id), 'the project now uses the scheme', after);
    const offered = await jira.projects.getProject({ projectIdOrKey: 'ITS' });
    t.check(offered.issueTypes?.map((x) => x.name).join() === 'Story,Task', "the project offers the scheme's types in its order", offered.issueTypes?.map((x) => x.name));
    await t.expectError(() => jira.issues.createIssue({ fields: { project: { key: 'ITS' }, issuetype: { name: 'Bug' }, summary: 'No longer allowed' } }), (e) => e.status === 400, 'a type outside the scheme cannot be created');

    await jira.issueTypeSchemes.deleteIssueTypeScheme({ issueTypeSchemeId: Number(schemeId) });
    const fallback = await jira.issueTypeSchemes.getIssueTypeSchemeForProjects({ projectId: [Number(project.id)] });
    t.checkEffect(fallback.values?.[0]?.issueTypeScheme?.isDefault === true, 'deleting the scheme returns its projects to the default', fallback);
  },
);
