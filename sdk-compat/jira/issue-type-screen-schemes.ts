// jira.js compat: issue type screen schemes — which screen scheme each issue type uses, the default mapping, and the projects that use a scheme.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-type-screen-schemes/
export const scenarios: Scenario[] = overBothClients(
  { name: 'issue type screen schemes: mappings, default screen scheme, projects' },
  async (jira, _ctx, t) => {
    const me = await jira.myself.getCurrentUser();
    const project = await jira.projects.createProject({ key: 'ITS', name: 'Typed screens', projectTypeKey: 'software', leadAccountId: me.accountId! });
    t.check(project.key === 'ITS', 'a project to lay out', project);
    const types = await jira.issueTypes.getIssueAllTypes();
    const bug = types.find((x) => x.name === 'Bug')!;
    const task = types.find((x) => x.name === 'Task')!;
    t.check(!!bug?.id && !!task?.id, 'the site has Bug and Task types', types);
    const bugScreens = await jira.screenSchemes.createScreenScheme({ name: 'Bug screens', screens: { default: 1 } });
    const otherScreens = await jira.screenSchemes.createScreenScheme({ name: 'Other screens', screens: { default: 1 } });
    t.check(Number(bugScreens.id) > 0 && Number(otherScreens.id) > 0, 'two screen schemes to map', [bugScreens, otherScreens]);

    await t.expectError(() => jira.issueTypeScreenSchemes.createIssueTypeScreenScheme({ name: 'No default', issueTypeMappings: [{ issueTypeId: bug.id!, screenSchemeId: String(bugScreens.id) }] }), (e) => e.status === 400, 'a scheme needs a default mapping');
    const made = await jira.issueTypeScreenSchemes.createIssueTypeScreenScheme({ name: 'Typed', description: 'Bugs apart', issueTypeMappings: [{ issueTypeId: 'default', screenSchemeId: '1' }, { issueTypeId: bug.id!, screenSchemeId: String(bugScreens.id) }] });
    t.check(Number(made.id) > 0, 'createIssueTypeScreenScheme answers the id', made);
    const listed = await jira.issueTypeScreenSchemes.getIssueTypeScreenSchemes({ queryString: 'typed' });
    t.check(listed.values?.map((s) => s.id).join() === made.id && listed.values[0].name === 'Typed', 'getIssueTypeScreenSchemes finds it by name', listed);
    await jira.issueTypeScreenSchemes.updateIssueTypeScreenScheme({ issueTypeScreenSchemeId: made.id, name: 'Typed screens', description: 'Bugs apart' });
    const renamed = await jira.issueTypeScreenSchemes.getIssueTypeScreenSchemes({ id: [Number(made.id)] });
    t.checkEffect(renamed.values?.[0]?.name === 'Typed screens', 'updateIssueTypeScreenScheme renames it', renamed);

    await jira.issueTypeScreenSchemes.appendMappingsForIssueTypeScreenScheme({ issueTypeScreenSchemeId: made.id, issueTypeMappings: [{ issueTypeId: task.id!, screenSchemeId: String(otherScreens.id) }] });
    await jira.issueTypeScreenSchemes.updateDefaultScreenScheme({ issueTypeScreenSchemeId: made.id, screenSchemeId: String(otherScreens.id) });
    const mappings = await jira.issueTypeScreenSchemes.getIssueTypeScreenSchemeMappings({ issueTypeScreenSchemeId: [Number(made.id)] });
    const byType = Object.fromEntries((mappings.values ?? []).map((m) => [m.issueTypeId, m.screenSchemeId]));
    t.checkEffect(byType[bug.id!] === String(bugScreens.id) && byType[task.id!] === String(otherScreens.id) && byType.default === String(otherScreens.id) && mappings.values?.length === 3, 'appendMappings adds Task; updateDefaultScreenScheme changes the default', mappings);
    await t.expectError(() => jira.issueTypeScreenSchemes.appendMappingsForIssueTypeScreenScheme({ issueTypeScreenSchemeId: made.id, issueTypeMappings: [{ issueTypeId: bug.id!, screenSchemeId: '1' }] }), (e) => e.status === 400, 'an issue type is mapped once');
    await jira.issueTypeScreenSchemes.removeMappingsFromIssueTypeScreenScheme({ issueTypeScreenSchemeId: made.id, issueTypeIds: [task.id!] });
    const fewer = await jira.issueTypeScreenSchemes.getIssueTypeScreenSchemeMappings({ issueTypeScreenSchemeId: [Number(made.id)] });
    t.checkEffect(fewer.values?.length === 2 && !fewer.values.some((m) => m.issueTypeId === task.id), 'removeMappings drops the Task mapping', fewer);
    await t.expectError(() => jira.issueTypeScreenSchemes.removeMappingsFromIssueTypeScreenScheme({ issueTypeScreenSchemeId: made.id, issueTypeIds: ['default'] }), (e) => e.status === 400, 'the default mapping stays');

    const before = await jira.issueTypeScreenSchemes.getIssueTypeScreenSchemeProjectAssociations({ projectId: [Number(project.id)] });
    t.check(before.values?.[0]?.issueTypeScreenScheme?.name === 'Default Issue Type Screen Scheme', 'a new project uses the default scheme', before);
    await jira.issueTypeScreenSchemes.assignIssueTypeScreenSchemeToProject({ issueTypeScreenSchemeId: made.id, projectId: String(project.id) });
    const after = await jira.issueTypeScreenSchemes.getIssueTypeScreenSchemeProjectAssociations({ projectId: [Number(project.id)] });
    t.checkEffect(after.values?.[0]?.issueTypeScreenScheme?.id === made.id && after.values[0].projectIds?.includes(String(project.id)), 'assignIssueTypeScreenSchemeToProject: the project uses it', after);
    const users = await jira.issueTypeScreenSchemes.getProjectsForIssueTypeScreenScheme({ issueTypeScreenSchemeId: Number(made.id) });
    t.check(users.values?.map((p) => p.key).join() === 'ITS', 'getProjectsForIssueTypeScreenScheme lists the project', users);
    await t.expectError(() => jira.issueTypeScreenSchemes.deleteIssueTypeScreenScheme({ issueTypeScreenSchemeId: made.id }), (e) => e.status === 400, 'a scheme in use cannot be deleted');

    await jira.issueTypeScreenSchemes.assignIssueTypeScreenSchemeToProject({ issueTypeScreenSchemeId: '1', projectId: String(project.id) });
    await jira.issueTypeScreenSchemes.deleteIssueTypeScreenScheme({ issueTypeScreenSchemeId: made.id });
    const gone = await jira.issueTypeScreenSchemes.getIssueTypeScreenSchemes({ id: [Number(made.id)] });
    t.checkEffect(gone.total === 0, 'back on the default, the scheme can be deleted', gone);
  },
);
