// jira.js compat: a site admin curates priorities, resolutions and issue types — create, rename, reorder, set defaults, delete with a replacement.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'site admin: priorities, resolutions and issue types — create, update, reorder, default, delete' },
  async (jira, ctx, t) => {
    // Priorities: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/
    const blocker = await jira.issuePriorities.createPriority({ name: 'Blocker', statusColor: '#ff0000', description: 'Stops the line' });
    t.check(Number(blocker.id) > 0, 'createPriority answers the new id', blocker);
    await t.expectError(() => jira.issuePriorities.createPriority({ name: 'blocker', statusColor: '#ff0000' }), (e) => e.status === 400 && !!e.response?.data?.errors?.name, 'priority names are unique, ignoring case');
    await jira.issuePriorities.updatePriority({ id: blocker.id!, description: 'Stops the release train', statusColor: '#cc0000' });
    const readBack = await jira.issuePriorities.getPriority({ id: blocker.id! });
    t.checkEffect(readBack.description === 'Stops the release train' && readBack.statusColor === '#cc0000' && readBack.name === 'Blocker', 'updatePriority changes description and colour', readBack);
    await jira.issuePriorities.movePriorities({ ids: [blocker.id!], position: 'First' });
    const ordered = await jira.issuePriorities.getPriorities();
    t.checkEffect(ordered[0]?.name === 'Blocker' && ordered.length === 6, 'movePriorities puts it first', ordered.map((p) => p.name));
    await jira.issuePriorities.setDefaultPriority({ id: blocker.id! });
    const defaults = await jira.issuePriorities.searchPriorities({ onlyDefault: true });
    t.checkEffect(defaults.values?.map((p) => p.name).join() === 'Blocker', 'one default priority', defaults);
    const bug = await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Bug' }, summary: 'Takes the default priority' } });
    const withDefault = await jira.issues.getIssue({ issueIdOrKey: bug.key!, fields: ['priority'] });
    t.checkEffect(withDefault.fields.priority?.name === 'Blocker', 'a new issue takes the default priority', withDefault.fields.priority);
    await jira.issuePriorities.setDefaultPriority({ id: ordered.find((p) => p.name === 'Medium')!.id! });
    await jira.issuePriorities.deletePriority({ id: blocker.id! });
    await t.expectError(() => jira.issuePriorities.getPriority({ id: blocker.id! }), (e) => e.status === 404, 'a deleted priority is gone', { effect: true });
    const moved = await jira.issues.getIssue({ issueIdOrKey: bug.key!, fields: ['priority'] });
    t.check(moved.fields.priority?.name === 'Medium', "the deleted priority's issues fall back to the default", moved.fields.priority);

    // Resolutions: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-resolutions/
    const dup = await jira.issueResolutions.createResolution({ name: 'Known issue', description: 'Reported before' });
    t.check(Number(dup.id) > 0, 'createResolution answers the new id', dup);
    await jira.issueResolutions.updateResolution({ id: dup.id!, name: 'Known problem', description: 'Reported before' });
    const dupRead = await jira.issueResolutions.getResolution({ id: dup.id! });
    t.checkEffect(dupRead.name === 'Known problem', 'updateResolution renames it', dupRead);
    await jira.issueResolutions.moveResolutions({ ids: [dup.id!], position: 'First' });
    const resList = await jira.issueResolutions.getResolutions();
    t.checkEffect(resList[0]?.id === dup.id, 'moveResolutions puts it first', resList.map((r) => r.name));
    await jira.issueResolutions.setDefaultResolution({ id: dup.id! });
    const resDefault = await jira.issueResolutions.searchResolutions({ onlyDefault: true });
    t.checkEffect(resDefault.values?.map((r) => r.id).join() === dup.id, 'the new default resolution', resDefault);
    const done = resList.find((r) => r.name === 'Done')!;
    await jira.issueResolutions.setDefaultResolution({ id: done.id! });
    await t.expectError(() => jira.issueResolutions.deleteResolution({ id: 'nope', replaceWith: done.id! }), (e) => e.status === 404, 'an unknown resolution cannot be deleted');
    await jira.issueResolutions.deleteResolution({ id: dup.id!, replaceWith: done.id! });
    await t.expectError(() => jira.issueResolutions.getResolution({ id: dup.id! }), (e) => e.status === 404, 'a deleted resolution is gone', { effect: true });

    // Issue types: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-types/
    const spike = await jira.issueTypes.createIssueType({ name: 'Spike', description: 'Time-boxed research', hierarchyLevel: 0 });
    t.check(spike.name === 'Spike' && spike.subtask === false && spike.hierarchyLevel === 0 && spike.self?.endsWith(`/issuetype/${spike.id}`), 'createIssueType answers the standard type', spike);
    const sub = await jira.issueTypes.createIssueType({ name: 'Checklist item', hierarchyLevel: -1 });
    t.check(sub.subtask === true && sub.hierarchyLevel === -1, 'a sub-task type', sub);
    const renamed = await jira.issueTypes.updateIssueType({ id: spike.id!, name: 'Research spike' });
    t.check(renamed.name === 'Research spike' && renamed.description === 'Time-boxed research', 'updateIssueType answers the renamed type', renamed);
    const alternatives = await jira.issueTypes.getAlternativeIssueTypes({ id: spike.id! });
    t.check(alternatives.length > 0 && alternatives.every((x) => x.hierarchyLevel === 0 && x.id !== spike.id), 'alternatives are the other standard types', alternatives.map((x) => x.name));
    await jira.issueTypes.deleteIssueType({ id: sub.id! });
    await t.expectError(() => jira.issueTypes.getIssueType({ id: sub.id! }), (e) => e.status === 404, 'an unused issue type is deleted', { effect: true });
    const all = await jira.issueTypes.getIssueAllTypes();
    t.check(all.some((x) => x.id === spike.id) && !all.some((x) => x.id === sub.id), 'the site lists the new type, not the deleted one', all.map((x) => x.name));
  },
);
