// jira.js compat: priority schemes — a project's scheme limits the priorities its issues may take and gives new issues its default; priorities in use are mapped when they leave.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-priority-schemes/
export const scenarios: Scenario[] = overBothClients(
  { name: 'priority schemes: allowed priorities, default priority, projects, mappings of priorities in use' },
  async (jira, _ctx, t) => {
    // jira.js 5.4.0 types the scheme's priority and project pages as void; they answer pages.
    const schemes = jira.prioritySchemes as unknown as Record<string, (p: unknown) => Promise<{ values?: Array<{ id?: string; key?: string }> }>>;
    const me = await jira.myself.getCurrentUser();
    const project = await jira.projects.createProject({ key: 'PRS', name: 'Prioritised', projectTypeKey: 'software', leadAccountId: me.accountId! });
    t.check(project.key === 'PRS', 'a project to give a scheme', project);
    const all = await jira.issuePriorities.getPriorities();
    const byName = (n: string) => all.find((p) => p.name === n)!;
    t.check(['Highest', 'High', 'Medium', 'Low'].every((n) => byName(n)?.id), 'the site has the standard priorities', all);
    const [highest, high, medium, low] = ['Highest', 'High', 'Medium', 'Low'].map((n) => byName(n).id!);
    const before = await jira.issues.createIssue({ fields: { project: { key: 'PRS' }, issuetype: { name: 'Task' }, summary: 'Urgent before the scheme', priority: { id: highest } } });
    t.check(!!before.key, 'an issue at Highest under the default scheme', before);

    await t.expectError(() => jira.prioritySchemes.createPriorityScheme({ name: 'Calm', defaultPriorityId: Number(medium), priorityIds: [Number(high), Number(medium), Number(low)], projectIds: [Number(project.id)] }), (e) => e.status === 400, 'moving a project whose issues use a priority the scheme lacks needs a mapping');
    const made = await jira.prioritySchemes.createPriorityScheme({ name: 'Calm', description: 'No emergencies', defaultPriorityId: Number(low), priorityIds: [Number(high), Number(medium), Number(low)], projectIds: [Number(project.id)], mappings: { in: { [highest]: Number(high) } } });
    t.check(Number(made.id) > 0, 'createPriorityScheme answers the id', made);
    const moved = await jira.issues.getIssue({ issueIdOrKey: before.key, fields: ['priority'] });
    t.checkEffect(moved.fields.priority?.id === high, 'the `in` mapping moved the issue from Highest to High', moved.fields);
    const fresh = await jira.issues.createIssue({ fields: { project: { key: 'PRS' }, issuetype: { name: 'Task' }, summary: 'No priority given' } });
    const freshIssue = await jira.issues.getIssue({ issueIdOrKey: fresh.key, fields: ['priority'] });
    t.check(freshIssue.fields.priority?.id === low, "a new issue gets the scheme's default priority", freshIssue.fields);
    await t.expectError(() => jira.issues.createIssue({ fields: { project: { key: 'PRS' }, issuetype: { name: 'Task' }, summary: 'Too urgent', priority: { id: highest } } }), (e) => e.status === 400 && !!e.response?.data?.errors?.priority, "a priority outside the project's scheme is refused");

    const listed = await jira.prioritySchemes.getPrioritySchemes({ schemeId: [Number(made.id)], expand: 'priorities,projects' });
    const got = listed.values?.[0] as { name?: string; defaultPriorityId?: string; isDefault?: boolean; priorities?: { values?: Array<{ id?: string }> }; projects?: { values?: Array<{ key?: string }> } } | undefined;
    t.check(got?.name === 'Calm' && got.defaultPriorityId === low && got.isDefault === false && got.priorities?.values?.map((p) => p.id).join() === [high, medium, low].join() && got.projects?.values?.map((p) => p.key).join() === 'PRS', 'getPrioritySchemes expands priorities and projects', listed);
    const prios = await schemes.getPrioritiesByPriorityScheme({ schemeId: made.id });
    t.check(prios.values?.map((p) => p.id).join() === [high, medium, low].join(), 'getPrioritiesByPriorityScheme lists them in order', prios);
    const projects = await schemes.getProjectsByPriorityScheme({ schemeId: made.id });
    t.check(projects.values?.map((p) => p.key).join() === 'PRS', 'getProjectsByPriorityScheme lists the project', projects);
    const available = await schemes.getAvailablePrioritiesByPriorityScheme({ schemeId: made.id });
    t.check(available.values?.some((p) => p.id === highest) && !available.values.some((p) => p.id === medium), 'getAvailablePrioritiesByPriorityScheme offers what the scheme lacks', available);
    const suggested = await jira.prioritySchemes.suggestedPrioritiesForMappings({ schemeId: Number(made.id), priorities: { remove: [Number(high)] } });
    t.check(suggested.values?.map((p) => p.id).join() === high, 'suggestedPrioritiesForMappings names the removed priority an issue still uses', suggested);

    const updated = await jira.prioritySchemes.updatePriorityScheme({ schemeId: Number(made.id), name: 'Calmer', defaultPriorityId: Number(medium), priorities: { remove: { ids: [Number(high)] } }, mappings: { out: { [high]: Number(medium) } } } as never);
    const upd = (updated as { priorityScheme?: { name?: string; defaultPriorityId?: string } }).priorityScheme;
    t.check(upd?.name === 'Calmer' && upd.defaultPriorityId === medium, 'updatePriorityScheme answers the updated scheme', updated);
    const remapped = await jira.issues.getIssue({ issueIdOrKey: before.key, fields: ['priority'] });
    t.checkEffect(remapped.fields.priority?.id === medium, 'the `out` mapping moved the issue off the removed priority', remapped.fields);
    await t.expectError(() => jira.prioritySchemes.deletePriorityScheme({ schemeId: Number(made.id) }), (e) => e.status === 400, 'a scheme projects use cannot be deleted');
    await jira.prioritySchemes.updatePriorityScheme({ schemeId: Number(made.id), projects: { remove: { ids: [Number(project.id)] } } } as never);
    const urgent = await jira.issues.createIssue({ fields: { project: { key: 'PRS' }, issuetype: { name: 'Task' }, summary: 'Urgent again', priority: { id: highest } } });
    t.checkEffect(!!urgent.key, 'off the scheme, the project takes every priority again', urgent);
    await jira.prioritySchemes.deletePriorityScheme({ schemeId: Number(made.id) });
    const gone = await jira.prioritySchemes.getPrioritySchemes({ schemeId: [Number(made.id)] });
    t.checkEffect(gone.total === 0, 'deletePriorityScheme removes it', gone);
  },
);
