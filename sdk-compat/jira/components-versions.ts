// jira.js compat: release planning — components with leads, versions released and reordered, issues tagged with both, JQL over them, merges and deletes that move issues.
import type { Scenario } from '../types.js';
import { overBothClients, teammate } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'components and versions: plan a release, tag issues, search, merge and clean up' },
  async (jira, ctx, t) => {
    const mate = teammate(ctx);
    const project = await jira.projects.createProject({ key: 'REL', name: 'Release Train', projectTypeKey: 'software', leadAccountId: ctx.credentials.accountId });
    const projectId = Number(project.id);

    const backend = await jira.projectComponents.createComponent({ project: 'REL', name: 'Backend', leadAccountId: mate.accountId, assigneeType: 'COMPONENT_LEAD' });
    t.check(backend.lead?.accountId === mate.accountId && backend.assigneeType === 'COMPONENT_LEAD' && backend.projectId === projectId, 'a component is created with its lead', backend);
    const web = await jira.projectComponents.createComponent({ project: 'REL', name: 'Web' });
    t.check(web.name === 'Web' && web.project === 'REL', 'a second component', web);
    const changed = await jira.projectComponents.updateComponent({ id: web.id!, description: 'The web client' });
    t.check(changed.description === 'The web client' && changed.name === 'Web', 'updateComponent answers the changed component', changed);
    const gotWeb = await jira.projectComponents.getComponent({ id: web.id! });
    t.check(gotWeb.description === 'The web client' && gotWeb.project === 'REL', 'component update reads back', gotWeb);
    await t.expectError(() => jira.projectComponents.createComponent({ project: 'REL', name: 'Web' }), (e) => e.status === 400 && e.response?.data?.errors?.name === 'A component with the name Web already exists in this project.', 'duplicate component name');

    const v1 = await jira.projectVersions.createVersion({ projectId, name: '1.0', releaseDate: '2030-01-31' });
    t.check(v1.projectId === projectId && v1.released === false && v1.releaseDate === '2030-01-31', 'a version is created unreleased', v1);
    const v11 = await jira.projectVersions.createVersion({ projectId, name: '1.1' });
    const hotfix = await jira.projectVersions.createVersion({ projectId, name: '1.0.1' });
    const moved = await jira.projectVersions.moveVersion({ id: hotfix.id!, after: v1.self! });
    t.check(moved.id === hotfix.id, 'moveVersion answers the moved version', moved);
    const ordered = await jira.projectVersions.getProjectVersions({ projectIdOrKey: 'REL' });
    t.check(ordered.map((v) => v.name).join() === '1.0,1.0.1,1.1', 'versions keep their order', ordered);
    await t.expectError(() => jira.projectVersions.createVersion({ projectId, name: '1.1' }), (e) => e.status === 400 && e.response?.data?.errors?.name === 'A version with this name already exists in this project.', 'duplicate version name');

    const a = await jira.issues.createIssue({ fields: { project: { key: 'REL' }, issuetype: { name: 'Story' }, summary: 'Login API', components: [{ name: 'Backend' }], fixVersions: [{ name: '1.0' }] } });
    const b = await jira.issues.createIssue({ fields: { project: { key: 'REL' }, issuetype: { name: 'Bug' }, summary: 'Login page', components: [{ id: web.id! }], fixVersions: [{ id: hotfix.id! }], versions: [{ id: v1.id! }] } });
    const gotA = await jira.issues.getIssue({ issueIdOrKey: a.key!, fields: ['assignee', 'components'] });
    t.check(gotA.fields.assignee?.accountId === mate.accountId, 'the component lead becomes the assignee', gotA.fields);
    await t.expectError(() => jira.issues.createIssue({ fields: { project: { key: 'REL' }, issuetype: { name: 'Task' }, summary: 'x', components: [{ name: 'Mobile' }] } }), (e) => e.status === 400 && e.response?.data?.errors?.components === "Component name 'Mobile' is not valid", 'unknown component on an issue');

    const release = await jira.projectVersions.updateVersion({ id: v1.id!, released: true, releaseDate: '2030-01-30' });
    t.check(release.released === true, 'updateVersion answers the released version', release);
    const released = await jira.projectVersions.getVersion({ id: v1.id! });
    t.check(released.released === true && released.releaseDate === '2030-01-30', 'version released', released);
    const search = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'project = REL AND (component = Backend OR affectedVersion in releasedVersions(REL)) ORDER BY key', fields: ['summary'] });
    t.check(search.issues?.map((i) => i.key).join() === `${a.key},${b.key}`, 'JQL over components and released versions', search);
    const unresolved = await jira.projectVersions.getVersionUnresolvedIssues({ id: v1.id! });
    t.check(unresolved.issuesUnresolvedCount === 1 && unresolved.issuesCount === 1, 'unresolved issue count of a version', unresolved);
    const related = await jira.projectVersions.getVersionRelatedIssues({ id: v1.id! });
    t.check(related.issuesAffectedCount === 1 && related.issuesFixedCount === 1, 'version issue counts', related);
    const page = await jira.projectVersions.getProjectVersionsPaginated({ projectIdOrKey: 'REL', status: 'unreleased', orderBy: 'name' });
    t.check(page.values?.map((v) => v.name).join() === '1.0.1,1.1', 'unreleased versions, paged', page);

    const counts = await jira.projectComponents.getComponentRelatedIssues({ id: backend.id! });
    t.check(counts.issueCount === 1, 'one issue is in Backend', counts);
    const paged = await jira.projectComponents.getProjectComponentsPaginated({ projectIdOrKey: 'REL', orderBy: 'name' });
    t.check(paged.values?.map((c) => c.name).join() === 'Backend,Web' && paged.total === 2, 'components paged by name', paged);
    const all = await jira.projectComponents.findComponentsForProjects({ projectIdsOrKeys: ['REL'] });
    t.check(all.values?.length === 2, 'component counts and lists', all);

    await jira.projectVersions.mergeVersions({ id: hotfix.id!, moveIssuesTo: v11.id! });
    const afterMerge = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({ jql: 'fixVersion = "1.1"', fields: ['summary'] });
    t.checkEffect(afterMerge.issues?.map((i) => i.key).join() === b.key, 'merged version moved its issues', afterMerge);
    await jira.projectVersions.deleteAndReplaceVersion({ id: v1.id!, moveFixIssuesTo: Number(v11.id) });
    await jira.projectComponents.deleteComponent({ id: backend.id!, moveIssuesTo: web.id! });
    const final = await jira.issues.getIssue({ issueIdOrKey: a.key!, fields: ['components', 'fixVersions'] });
    t.checkEffect(final.fields.components?.map((c) => c.name).join() === 'Web' && final.fields.fixVersions?.map((v) => v.name).join() === '1.1', 'deletes moved the issue to the replacements', final.fields);
    const comps = await jira.projectComponents.getProjectComponents({ projectIdOrKey: 'REL' });
    t.check(comps.map((c) => c.name).join() === 'Web', 'the project keeps one component', comps);
    const full = await jira.projects.getProject({ projectIdOrKey: 'REL' });
    t.check(full.versions?.map((v) => v.name).join() === '1.1', 'and one version', full);
  },
);
