// jira.js compat: an integration discovers the site — server info, fields, issue types, priorities, resolutions, statuses (strictly parsed), link types and people.
import type { Scenario } from '../types.js';
import { overBothClients } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'site discovery: configuration, statuses through strict schemas, users' },
  async (jira, ctx, t, api) => {
    const { email, accountId } = ctx.credentials;

    const info = await jira.serverInfo.getServerInfo();
    t.check(info.deploymentType === 'Cloud' && info.baseUrl === ctx.baseUrl, 'server info names a Cloud site at the twin URL', info);

    const fields = await jira.issueFields.getFields();
    t.check(['summary', 'status', 'assignee', 'labels'].every((id) => fields.some((f) => f.id === id)), 'system fields are listed', fields.length);

    const types = await jira.issueTypes.getIssueAllTypes();
    const subtask = types.find((it) => it.subtask);
    t.check(types.length >= 4 && subtask?.hierarchyLevel === -1, 'issue types include a sub-task type at level -1', types);
    const one = await jira.issueTypes.getIssueType({ id: types[0].id! });
    t.check(one.name === types[0].name, 'an issue type reads back by id', one);
    const project = await jira.projects.getProject({ projectIdOrKey: 'ENG' });
    const forProject = await jira.issueTypes.getIssueTypesForProject({ projectId: Number(project.id) });
    t.check(forProject.length === project.issueTypes?.length, 'issue types per project match the project', forProject);

    const priorities = await jira.issuePriorities.getPriorities();
    t.check(priorities.map((p) => p.name).join() === 'Highest,High,Medium,Low,Lowest', 'five priorities, highest first', priorities);
    const page = await jira.issuePriorities.searchPriorities({ onlyDefault: true });
    t.check(priorities.length === 5 && page.values?.[0]?.name === 'Medium', 'Medium is the default of five priorities', page);
    const high = await jira.issuePriorities.getPriority({ id: priorities[1].id! });
    t.check(high.name === 'High', 'a priority reads back by id', high);

    const resolutions = await jira.issueResolutions.getResolutions();
    t.check(resolutions.every((r) => r.self?.includes(`/rest/api/${api}/resolution/`)), 'resolutions link to this API version', resolutions);
    const defaults = await jira.issueResolutions.searchResolutions({ onlyDefault: true });
    t.check(resolutions.some((r) => r.name === 'Done') && defaults.values?.[0]?.name === 'Done', 'Done is the default resolution', defaults);
    const res = await jira.issueResolutions.getResolution({ id: resolutions[0].id! });
    t.check(res.id === resolutions[0].id, 'a resolution reads back by id', res);

    const statusPage = await jira.status.search({ searchString: 'progress' });
    t.check(statusPage.values.length === 1 && statusPage.values[0].statusCategory === 'IN_PROGRESS', 'status.search filters by name (strict schema parsed)', statusPage);
    const byName = await jira.status.getStatusesByName({ name: ['Done'] });
    t.check(byName.length === 1 && byName[0].scope.type === 'GLOBAL', 'getStatusesByName (strict schema parsed)', byName);
    const byId = await jira.status.getStatusesById({ id: [byName[0].id] });
    t.check(byId[0]?.name === 'Done', 'getStatusesById', byId);
    const legacy = await jira.workflowStatuses.getStatuses();
    t.check(legacy.map((s) => s.name).sort().join() === 'Done,In Progress,To Do', 'classic status beans', legacy);
    const todo = await jira.workflowStatuses.getStatus({ idOrName: 'To Do' });
    t.check(todo.statusCategory?.key === 'new', 'a status by name', todo);
    const categories = await jira.workflowStatusCategories.getStatusCategories();
    t.check(categories.map((c) => c.key).sort().join() === 'done,indeterminate,new,undefined', 'four status categories', categories);
    const done = await jira.workflowStatusCategories.getStatusCategory({ idOrKey: 'done' });
    t.check(done.colorName === 'green', 'status categories', done);

    const linkTypes = await jira.issueLinkTypes.getIssueLinkTypes();
    t.check(linkTypes.issueLinkTypes?.some((lt) => lt.name === 'Blocks'), 'link types include Blocks', linkTypes);
    const custom = await jira.issueLinkTypes.createIssueLinkType({ name: 'Depends', inward: 'is depended on by', outward: 'depends on' });
    t.check(custom.name === 'Depends' && custom.inward === 'is depended on by' && custom.self?.endsWith(`/issueLinkType/${custom.id}`), 'a link type is created', custom);
    const renamed = await jira.issueLinkTypes.updateIssueLinkType({ issueLinkTypeId: custom.id!, name: 'Depends', inward: 'is needed by', outward: 'needs' });
    t.check(renamed.inward === 'is needed by', 'updateIssueLinkType answers the changed type', renamed);
    const read = await jira.issueLinkTypes.getIssueLinkType({ issueLinkTypeId: custom.id! });
    t.check(read.outward === 'needs', 'a link type can be created and changed', read);
    await jira.issueLinkTypes.deleteIssueLinkType({ issueLinkTypeId: custom.id! });
    await t.expectError(() => jira.issueLinkTypes.getIssueLinkType({ issueLinkTypeId: custom.id! }), (e) => e.status === 404, 'a deleted link type is gone', { effect: true });

    const people = await jira.users.getAllUsers({});
    t.check(people.some((u) => u.accountId === accountId && u.accountType === 'atlassian'), 'users/search lists the site users', people.length);
    const me = await jira.users.getUser({ accountId, expand: 'groups' });
    t.check(people.some((u) => u.accountId === accountId) && (me.groups?.size ?? 0) > 0, 'users list and user details with groups', me);
    const groups = await jira.users.getUserGroups({ accountId });
    t.check(groups.length === me.groups?.size, 'group membership is consistent', groups);
    // One id only: jira.js joins several into a single double-encoded `accountId` value, which matches no account.
    const bulk = await jira.users.bulkGetUsers({ accountId: [people[1].accountId!] });
    t.check(bulk.values?.map((u) => u.accountId).join() === people[1].accountId, 'bulk user lookup', bulk);
    const found = await jira.userSearch.findUsers({ query: people[1].displayName!.split(' ')[0] });
    t.check(found.some((u) => u.accountId === people[1].accountId), 'user search by first name', found);
    const assignable = await jira.userSearch.findAssignableUsers({ project: 'ENG' });
    t.check(assignable.every((u) => u.active), 'only active users are assignable', assignable);
    const byQuery = await jira.userSearch.findUsersByQuery({ query: email });
    t.check(byQuery.values?.map((u) => u.accountId).join() === accountId, 'findUsersByQuery matches the email address', byQuery);
  },
);
