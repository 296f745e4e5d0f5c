// jira.js compat: filters (sharing, favourites, columns), entity properties, permissions from schemes, JQL parse/match, Jira expressions, remote links, preferences.
import { Version3Client } from 'jira.js';
import type { Scenario } from '../types.js';

const scenario: Scenario = {
  vendor: 'jira',
  sdk: 'jira.js',
  name: 'site behaviour: filters, properties, permissions, JQL tooling, expressions, remote links',
  async run(ctx, t) {
    const { email, apiToken } = ctx.credentials;
    const jira = t.track(new Version3Client({ host: ctx.baseUrl, authentication: { basic: { email, apiToken } } }), '');
    const me = await jira.myself.getCurrentUser();
    await jira.projects.createProject({ key: 'SITE', name: 'Site behaviour', projectTypeKey: 'software', leadAccountId: me.accountId! });
    const issue = await jira.issues.createIssue({ fields: { project: { key: 'SITE' }, issuetype: { name: 'Task' }, summary: 'Behaviour subject', labels: ['compat'] } });

    const filter = await jira.filters.createFilter({ name: 'Compat tasks', jql: 'project = SITE AND labels = compat' });
    t.check(filter.owner?.accountId === me.accountId && filter.jql === 'project = SITE AND labels = compat', 'createFilter records owner and JQL', filter);
    await t.expectError(() => jira.filters.createFilter({ name: 'Compat tasks', jql: 'project = SITE' }), (e) => e.status === 400, 'filter names are unique per owner');
    await t.expectError(() => jira.filters.createFilter({ name: 'Broken', jql: 'nosuchfield = 1' }), (e) => e.status === 400, 'a filter with bad JQL is refused');
    const updated = await jira.filters.updateFilter({ id: Number(filter.id), name: 'Compat tasks', jql: 'project = SITE' });
    t.check(updated.jql === 'project = SITE', 'updateFilter replaces the JQL', updated);
    await jira.filters.setFavouriteForFilter({ id: Number(filter.id) });
    const favourites = await jira.filters.getFavouriteFilters();
    t.check(favourites.some((f) => f.id === filter.id), 'favourites list the filter', favourites);
    await jira.filters.deleteFavouriteForFilter({ id: Number(filter.id) });
    const mine = await jira.filters.getMyFilters();
    t.check(mine.some((f) => f.id === filter.id && f.favourite === false), 'getMyFilters lists it, no longer a favourite', mine);
    const page = await jira.filters.getFiltersPaginated({ filterName: 'compat' });
    t.check(page.values?.map((f) => f.id).join() === filter.id, 'filter search finds it by name', page);
    await jira.filterSharing.addSharePermission({ id: Number(filter.id), type: 'group', groupname: 'jira-software-users' });
    const shares = await jira.filterSharing.getSharePermissions({ id: Number(filter.id) });
    t.check(shares.length === 1 && shares[0]?.type === 'group', 'share permissions are stored', shares);
    const share = await jira.filterSharing.getSharePermission({ id: Number(filter.id), permissionId: shares[0]!.id! });
    t.check(share.id === shares[0]!.id, 'one share permission reads back', share);
    await jira.filterSharing.deleteSharePermission({ id: Number(filter.id), permissionId: shares[0]!.id! });
    await jira.filterSharing.setDefaultShareScope({ scope: 'AUTHENTICATED' });
    const scope = await jira.filterSharing.getDefaultShareScope();
    t.check(scope.scope === 'AUTHENTICATED', 'the default share scope is per user and kept', scope);
    await jira.filters.resetColumns({ id: Number(filter.id) });
    await jira.filters.deleteFilter({ id: Number(filter.id) });
    await t.expectError(() => jira.filters.getFilter({ id: Number(filter.id) }), (e) => e.status === 400, 'a deleted filter is not available');

    await jira.issueProperties.setIssueProperty({ issueIdOrKey: issue.key!, propertyKey: 'compat', propertyValue: { nested: [1, { ok: true }] } });
    const prop = await jira.issueProperties.getIssueProperty({ issueIdOrKey: issue.key!, propertyKey: 'compat' });
    t.check(JSON.stringify(prop.value) === '{"nested":[1,{"ok":true}]}', 'issue properties round-trip verbatim', prop);
    const propKeys = await jira.issueProperties.getIssuePropertyKeys({ issueIdOrKey: issue.key! });
    t.check(propKeys.keys?.map((k) => k.key).join() === 'compat', 'issue property keys list it', propKeys);
    await jira.issueProperties.deleteIssueProperty({ issueIdOrKey: issue.key!, propertyKey: 'compat' });
    await t.expectError(() => jira.issueProperties.getIssueProperty({ issueIdOrKey: issue.key!, propertyKey: 'compat' }), (e) => e.status === 404, 'a deleted property is gone');
    await jira.projectProperties.setProjectProperty({ projectIdOrKey: 'SITE', propertyKey: 'compat', propertyValue: { on: 'project' } });
    const pp = await jira.projectProperties.getProjectProperty({ projectIdOrKey: 'SITE', propertyKey: 'compat' });
    t.check((pp.value as { on?: string }).on === 'project', 'project properties round-trip', pp);
    const ppk = await jira.projectProperties.getProjectPropertyKeys({ projectIdOrKey: 'SITE' });
    t.check(ppk.keys?.length === 1, 'project property keys list it', ppk);
    await jira.projectProperties.deleteProjectProperty({ projectIdOrKey: 'SITE', propertyKey: 'compat' });
    await jira.userProperties.setUserProperty({ accountId: me.accountId!, propertyKey: 'compat', propertyValue: { on: 'user' } });
    const up = await jira.userProperties.getUserProperty({ accountId: me.accountId!, propertyKey: 'compat' });
    t.check((up.value as { on?: string }).on === 'user', 'user properties round-trip', up);
    const upk = await jira.userProperties.getUserPropertyKeys({ accountId: me.accountId! });
    t.check(upk.keys?.some((k) => k.key === 'compat') === true, 'user property keys list it', upk);
    await jira.userProperties.deleteUserProperty({ accountId: me.accountId!, propertyKey: 'compat' });

    const mineNow = await jira.permissions.getMyPermissions({ projectKey: 'SITE', permissions: 'ADMINISTER_PROJECTS,DELETE_ISSUES' });
    const held = mineNow.permissions as Record<string, { havePermission?: boolean }>;
    t.check(held.ADMINISTER_PROJECTS?.havePermission === true && held.DELETE_ISSUES?.havePermission === true, 'the project lead holds Administrators, so administers', mineNow);
    const permitted = await jira.permissions.getPermittedProjects({ permissions: ['ADMINISTER_PROJECTS'] });
    t.check(permitted.projects?.some((p) => p.key === 'SITE') === true, 'getPermittedProjects includes it', permitted);
    const schemes = await jira.permissionSchemes.getAllPermissionSchemes();
    const assigned = await jira.projectPermissionSchemes.getAssignedPermissionScheme({ projectKeyOrId: 'SITE' });
    t.check(schemes.permissionSchemes?.some((s) => s.id === assigned.id) === true, 'the assigned scheme is among the site schemes', { schemes, assigned });
    const grants = await jira.permissionSchemes.getPermissionSchemeGrants({ schemeId: assigned.id! });
    t.check((grants.permissions?.length ?? 0) > 20, 'the default scheme has its grants', grants.permissions?.length);
    const catalogue = await jira.permissions.getAllPermissions();
    t.check(Object.keys(catalogue.permissions ?? {}).includes('BROWSE_PROJECTS'), 'the permission catalogue lists project permissions', Object.keys(catalogue.permissions ?? {}).length);

    const parsed = await jira.jql.parseJqlQueries({ validation: 'strict', queries: ['project = SITE ORDER BY created DESC', 'project = "oops'] });
    t.check(!!parsed.queries?.[0]?.structure?.where && (parsed.queries?.[1]?.errors?.length ?? 0) > 0, 'jql/parse structures the valid query and reports the broken one', parsed);
    const auto = await jira.jql.getAutoComplete();
    t.check(auto.visibleFieldNames?.some((f) => f.value === 'project') === true, 'autocomplete data lists fields', auto.visibleFieldNames?.length);
    const match = await jira.issueSearch.matchIssues({ issueIds: [Number(issue.id)], jqls: ['labels = compat', 'labels = other'] });
    t.check(match.matches?.[0]?.matchedIssues?.[0] === Number(issue.id) && match.matches?.[1]?.matchedIssues?.length === 0, 'jql/match tests issues against queries', match);

    const value = await jira.jiraExpressions.evaluateJiraExpression({ expression: 'issue.labels.includes("compat") ? issue.key : null', context: { issue: { key: issue.key } } });
    t.check(value.value === issue.key, 'expressions evaluate over the issue in context', value);
    const analysed = await jira.jiraExpressions.analyseExpression({ check: 'syntax', expressions: ['user.accountId', '1 +'] });
    t.check(analysed.results?.map((r) => r.valid).join() === 'true,false', 'analyse tells valid from malformed', analysed);

    const link = await jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({ issueIdOrKey: issue.key!, globalId: 'compat', object: { url: 'https://example.com/doc', title: 'Doc' } });
    await jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({ issueIdOrKey: issue.key!, globalId: 'compat', object: { url: 'https://example.com/doc2', title: 'Doc 2' } });
    const links = await jira.issueRemoteLinks.getRemoteIssueLinks({ issueIdOrKey: issue.key! });
    t.check(Array.isArray(links) && links.length === 1 && links[0]?.object?.title === 'Doc 2', 'a known globalId updates the link in place', links);
    const one = await jira.issueRemoteLinks.getRemoteIssueLinkById({ issueIdOrKey: issue.key!, linkId: String(link.id) });
    t.check(one.globalId === 'compat', 'the link reads back by id', one);
    await jira.issueRemoteLinks.deleteRemoteIssueLinkById({ issueIdOrKey: issue.key!, linkId: String(link.id) });

    const locale = await jira.myself.getLocale();
    t.check(locale.locale === 'en_US', 'getLocale answers the user locale', locale);
    const types = await jira.projectTypes.getAllProjectTypes();
    t.check(types.some((x) => x.key === 'software'), 'project types are listed', types);
    const key = await jira.projectKeyAndNameValidation.getValidProjectKey({ key: 'SITE' });
    t.check(key === 'SITE1', 'a taken key is suggested with a counter', key);
  },
};

export const scenarios: Scenario[] = [scenario];
