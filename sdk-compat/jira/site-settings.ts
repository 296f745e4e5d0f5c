// jira.js compat: a site admin tunes the site — banner, time tracking, navigator and user columns, advanced settings, and reads the audit log, labels, licences and application roles.
import type { Scenario } from '../types.js';
import { overBothClients, teammate } from './clients.js';

export const scenarios: Scenario[] = overBothClients(
  { name: 'site settings: banner, time tracking, columns, advanced settings, audit log, labels, licences' },
  async (jira, ctx, t) => {
    const mate = teammate(ctx);
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-announcement-banner/
    const off = await jira.announcementBanner.getBanner();
    t.check(off.isEnabled === false && off.message === '', 'a new site shows no banner', off);
    await jira.announcementBanner.setBanner({ isEnabled: true, message: 'Maintenance on Sunday', visibility: 'public', isDismissible: true });
    const on = await jira.announcementBanner.getBanner();
    t.checkEffect(on.isEnabled === true && on.message === 'Maintenance on Sunday' && on.visibility === 'PUBLIC' && !!on.hashId, 'setBanner turns it on with a hash', on);
    await jira.announcementBanner.setBanner({ message: 'Maintenance moved to Monday' });
    const moved = await jira.announcementBanner.getBanner();
    t.checkEffect(moved.hashId !== on.hashId && moved.isEnabled === true, 'a new message gets a new hash, so dismissals reset', moved);
    await t.expectError(() => jira.announcementBanner.setBanner({ visibility: 'everyone' }), (e) => e.status === 400, 'visibility is public or private');

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-time-tracking/
    const providers = await jira.timeTracking.getAvailableTimeTrackingImplementations();
    t.check(providers.map((p) => p.key).join() === 'JIRA', "Jira's own time tracking is the one provider", providers);
    const selected = await jira.timeTracking.getSelectedTimeTrackingImplementation();
    t.check((selected as unknown as { key?: string }).key === 'JIRA', 'and it is selected', selected);
    await jira.timeTracking.selectTimeTrackingImplementation({ key: 'JIRA' });
    await t.expectError(() => jira.timeTracking.selectTimeTrackingImplementation({ key: 'Tempo' }), (e) => e.status === 400, 'an absent provider cannot be selected', { effect: true });
    const options = await jira.timeTracking.getSharedTimeTrackingConfiguration();
    t.check(options.workingHoursPerDay === 8 && options.workingDaysPerWeek === 5 && options.timeFormat === 'pretty', 'the default working week', options);
    const changed = await jira.timeTracking.setSharedTimeTrackingConfiguration({ workingHoursPerDay: 7.5, workingDaysPerWeek: 4, timeFormat: 'hours', defaultUnit: 'hour' });
    t.check(changed.workingHoursPerDay === 7.5 && changed.defaultUnit === 'hour', 'setSharedTimeTrackingConfiguration answers the new options', changed);
    const global = await jira.jiraSettings.getConfiguration();
    t.checkEffect(global.timeTrackingConfiguration?.workingDaysPerWeek === 4, 'the global configuration reports the same options', global);
    await t.expectError(() => jira.timeTracking.setSharedTimeTrackingConfiguration({ workingHoursPerDay: 30, workingDaysPerWeek: 5, timeFormat: 'pretty', defaultUnit: 'minute' }), (e) => e.status === 400 && !!e.response?.data?.errors?.workingHoursPerDay, 'a day has at most 24 hours');

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-navigator-settings/
    const nav = await jira.issueNavigatorSettings.getIssueNavigatorDefaultColumns();
    t.check(nav.map((c) => c.value).slice(0, 3).join() === 'issuetype,issuekey,summary', 'the navigator default columns', nav);
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-columns-get
    const mine = await jira.users.getUserDefaultColumns({});
    t.check(mine.map((c) => c.value).join() === nav.map((c) => c.value).join(), "a user's columns start as the site defaults", mine);
    await jira.users.setUserColumns({ accountId: mate.accountId, columns: ['issuekey', 'summary', 'status'] });
    const theirs = await jira.users.getUserDefaultColumns({ accountId: mate.accountId });
    t.checkEffect(theirs.map((c) => c.value).join() === 'issuekey,summary,status', "an admin sets a teammate's columns", theirs);
    await jira.users.resetUserColumns({ accountId: mate.accountId });
    const reset = await jira.users.getUserDefaultColumns({ accountId: mate.accountId });
    t.checkEffect(reset.length === nav.length, 'reset columns fall back to the defaults', reset);

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jira-settings/
    const advanced = await jira.jiraSettings.getAdvancedSettings();
    t.check(advanced.some((p) => p.id === 'jira.clone.prefix' && p.value === 'CLONE -'), 'advanced settings with their defaults', advanced.map((p) => p.id));
    const set = await jira.jiraSettings.setApplicationProperty({ id: 'jira.clone.prefix', body: { id: 'jira.clone.prefix', value: 'COPY -' } } as any);
    t.check(set.value === 'COPY -', 'setApplicationProperty answers the new value', set);
    // Asked for by key, Jira answers the property object, not the list jira.js 5.4.0 declares.
    const prop = (await jira.jiraSettings.getApplicationProperty({ key: 'jira.clone.prefix' })) as unknown as { value?: string; defaultValue?: string };
    t.checkEffect(prop.value === 'COPY -' && prop.defaultValue === 'CLONE -', 'getApplicationProperty reads it back beside the default', prop);
    await t.expectError(() => jira.jiraSettings.getApplicationProperty({ key: 'no.such.setting' }), (e) => e.status === 404, 'an unknown property is a 404');

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-audit-records/
    const log = await jira.auditRecords.getAuditRecords({ filter: 'clone' });
    // `total` is the unfiltered count on Cloud (jira.js live suite, auditRecords); the filtered page holds the one record.
    t.check(log.records?.length === 1 && log.records?.[0]?.changedValues?.[0]?.changedTo === 'COPY -' && log.records[0].objectItem?.id === 'jira.clone.prefix', 'the audit log recorded the setting change', log);
    const all = await jira.auditRecords.getAuditRecords({ limit: 1 });
    t.check(all.limit === 1 && (all.total ?? 0) >= 2 && all.records?.length === 1 && all.records[0].summary === 'Advanced setting changed', 'newest first, one page at a time', all);

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-labels/
    await jira.issues.createIssue({ fields: { project: { key: 'ENG' }, issuetype: { name: 'Task' }, summary: 'Labelled', labels: ['zzz-settings'] } });
    const labels = await jira.labels.getAllLabels({});
    t.checkEffect(labels.values?.includes('zzz-settings') && labels.values[labels.values.length - 1] === 'zzz-settings', 'labels in use, sorted', labels);

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-license-metrics/
    const licence = await jira.licenseMetrics.getLicense();
    t.check(licence.applications?.some((a) => a.id === 'jira-software'), 'the site licence lists Jira Software', licence);
    const users = (ctx.credentials.users as Array<{ active: boolean }>).filter((u) => u.active).length;
    const approx = await jira.licenseMetrics.getApproximateLicenseCount();
    t.check(approx.key === 'jira' && Number(approx.value) > 0 && Number(approx.value) <= users, 'the approximate licence count is the active users', approx);
    const product = await jira.licenseMetrics.getApproximateApplicationLicenseCount('jira-software');
    t.check(product.value === approx.value, 'per product too', product);
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-application-roles/
    const roles = await jira.applicationRoles.getAllApplicationRoles();
    t.check(roles.length === 1 && roles[0].key === 'jira-software' && roles[0].userCount === Number(approx.value), 'application roles', roles);
    const role = await jira.applicationRoles.getApplicationRole({ key: 'jira-software' });
    t.check(role.name === 'Jira Software', 'one application role', role);
  },
);
