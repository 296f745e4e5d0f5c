// jira.js compat: an admin organises projects — categories (and searching by them), a project's sender email, its features and its issue type hierarchy.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'project settings: categories, sender email, features, issue type hierarchy' },
  async (jira, ctx, t) => {
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-categories/
    const cat = await jira.projectCategories.createProjectCategory({ name: 'Platform', description: 'Shared services' });
    t.check(cat.name === 'Platform' && cat.self?.endsWith(`/projectCategory/${cat.id}`), 'createProjectCategory answers the category with self', cat);
    await t.expectError(() => jira.projectCategories.createProjectCategory({ name: 'platform' }), (e) => e.status === 400 && !!e.response?.data?.errors?.name, 'category names are unique');
    const updated = await jira.projectCategories.updateProjectCategory({ id: Number(cat.id), name: 'Platform teams', description: 'Shared services and tools' });
    t.check(updated.name === 'Platform teams' && updated.id === cat.id, 'updateProjectCategory answers the renamed category', updated);
    const one = await jira.projectCategories.getProjectCategoryById({ id: Number(cat.id) });
    t.check(one.description === 'Shared services and tools', 'getProjectCategoryById reads it back', one);
    const project = await jira.projects.createProject({ key: 'PLAT', name: 'Platform tools', projectTypeKey: 'software', leadAccountId: ctx.credentials.accountId, categoryId: Number(cat.id) });
    const inCat = await jira.projects.getProject({ projectIdOrKey: 'PLAT' });
    t.checkEffect(inCat.projectCategory?.id === cat.id && inCat.projectCategory?.name === 'Platform teams', 'a project created in the category carries it', inCat.projectCategory);
    const search = await jira.projects.searchProjects({ categoryId: Number(cat.id) });
    t.check(search.values?.map((p) => p.key).join() === 'PLAT', 'project search filters by category', search);
    const all = await jira.projectCategories.getAllProjectCategories();
    t.check(all.some((c) => c.id === cat.id), 'the category is listed', all);
    await jira.projectCategories.removeProjectCategory({ id: Number(cat.id) });
    const without = await jira.projects.getProject({ projectIdOrKey: 'PLAT' });
    t.checkEffect(without.projectCategory === undefined, 'removing the category leaves its projects without one', without);
    await t.expectError(() => jira.projectCategories.getProjectCategoryById({ id: Number(cat.id) }), (e) => e.status === 404, 'a removed category is gone');

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-email/
    const sender = await jira.projectEmail.getProjectEmail({ projectId: Number(project.id) });
    t.check(/^jira@/.test(sender.emailAddress ?? ''), 'a project sends from the site default', sender);
    await jira.projectEmail.updateProjectEmail({ projectId: Number(project.id), emailAddress: 'platform@example.com' });
    const own = await jira.projectEmail.getProjectEmail({ projectId: Number(project.id) });
    t.checkEffect(own.emailAddress === 'platform@example.com', 'updateProjectEmail sets its own sender', own);
    await t.expectError(() => jira.projectEmail.updateProjectEmail({ projectId: Number(project.id), emailAddress: 'not-an-address' }), (e) => e.status === 400, 'an invalid address is refused');

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-features/
    const features = await jira.projectFeatures.getFeaturesForProject({ projectIdOrKey: 'PLAT' });
    t.check(features.features?.some((f) => f.feature === 'jsw.classic.roadmap' && f.state === 'ENABLED'), 'a software project has the timeline on', features);
    const toggled = await jira.projectFeatures.toggleFeatureForProject({ projectIdOrKey: 'PLAT', featureKey: 'jsw.classic.roadmap', state: 'DISABLED' });
    t.check(toggled.features?.find((f) => f.feature === 'jsw.classic.roadmap')?.state === 'DISABLED', 'toggleFeatureForProject answers the new states', toggled);

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectid-hierarchy-get
    const hierarchy = await jira.projects.getHierarchy({ projectId: Number(project.id) });
    const levels = hierarchy.hierarchy?.map((h) => h.level);
    t.check(hierarchy.projectId === Number(project.id) && levels?.join() === '1,0,-1' && hierarchy.hierarchy?.[0]?.issueTypes?.[0]?.name === 'Epic', 'epics above standard types above sub-tasks', hierarchy);
  },
);
