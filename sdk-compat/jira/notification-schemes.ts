// jira.js compat: notification schemes — who hears of each issue event, events only when expanded, notifications added and removed, and the projects using a scheme.
import type { Scenario } from '../types.js';
import { overBothClients, teammate } from './clients.js';

// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-notification-schemes/
export const scenarios: Scenario[] = overBothClients(
  { name: 'notification schemes: events and recipients, expansion, projects' },
  async (jira, ctx, t) => {
    const mate = teammate(ctx);
    const made = await jira.issueNotificationSchemes.createNotificationScheme({
      name: 'Quiet', description: 'Only the assignee hears of new issues',
      notificationSchemeEvents: [{ event: { id: '1' }, notifications: [{ notificationType: 'CurrentAssignee' }] }],
    });
    t.check(Number(made.id) > 0, 'createNotificationScheme answers the id', made);
    const plain = await jira.issueNotificationSchemes.getNotificationScheme({ id: Number(made.id) });
    t.check(plain.name === 'Quiet' && plain.id === Number(made.id) && plain.notificationSchemeEvents === undefined, 'getNotificationScheme leaves events out unless expanded', plain);
    await jira.issueNotificationSchemes.updateNotificationScheme({ id: made.id, name: 'Quieter', description: 'Assignee, and a colleague on comments' });
    await jira.issueNotificationSchemes.addNotifications({ id: made.id, notificationSchemeEvents: [{ event: { id: '6' }, notifications: [{ notificationType: 'User', parameter: mate.accountId }, { notificationType: 'Reporter' }] }] });
    const full = await jira.issueNotificationSchemes.getNotificationScheme({ id: Number(made.id), expand: 'all' });
    const commented = full.notificationSchemeEvents?.find((e) => e.event?.id === 6);
    const toMate = commented?.notifications?.find((n) => n.notificationType === 'User');
    t.checkEffect(full.name === 'Quieter' && full.notificationSchemeEvents?.length === 2 && toMate?.parameter === mate.accountId && commented?.notifications?.length === 2, 'updateNotificationScheme renames; addNotifications adds the comment recipients', full);
    await t.expectError(() => jira.issueNotificationSchemes.addNotifications({ id: made.id, notificationSchemeEvents: [{ event: { id: '6' }, notifications: [{ notificationType: 'Reporter' }] }] }), (e) => e.status === 400, 'a recipient is added to an event once');
    await t.expectError(() => jira.issueNotificationSchemes.getNotificationScheme({ id: 99999999 }), (e) => e.status === 404, 'an unknown scheme is 404');

    await jira.issueNotificationSchemes.removeNotificationFromNotificationScheme({ notificationSchemeId: made.id, notificationId: String(toMate!.id) });
    const fewer = await jira.issueNotificationSchemes.getNotificationScheme({ id: Number(made.id), expand: 'notificationSchemeEvents' });
    t.checkEffect(fewer.notificationSchemeEvents?.find((e) => e.event?.id === 6)?.notifications?.map((n) => n.notificationType).join() === 'Reporter', 'removeNotificationFromNotificationScheme removes one recipient', fewer);

    const me = await jira.myself.getCurrentUser();
    const project = await jira.projects.createProject({ key: 'NTF', name: 'Notified', projectTypeKey: 'business', leadAccountId: me.accountId!, notificationScheme: Number(made.id) });
    t.check(project.key === 'NTF', 'a project created on the scheme', project);
    const ofProject = await jira.projects.getNotificationSchemeForProject({ projectKeyOrId: 'NTF' });
    t.check(String(ofProject.id) === String(made.id) && ofProject.name === 'Quieter', "getNotificationSchemeForProject answers the project's scheme", ofProject);
    const mapped = await jira.issueNotificationSchemes.getNotificationSchemeToProjectMappings({ notificationSchemeId: [made.id] });
    t.check(mapped.values?.map((m) => `${m.notificationSchemeId}:${m.projectId}`).join() === `${made.id}:${project.id}`, 'getNotificationSchemeToProjectMappings pairs it with the project', mapped);
    const listed = await jira.issueNotificationSchemes.getNotificationSchemes({ projectId: [String(project.id)] } as never);
    t.check(listed.values?.map((s) => s.id).join() === made.id, 'getNotificationSchemes filters by project', listed);
    const defaults = await jira.issueNotificationSchemes.getNotificationSchemes({ onlyDefault: true, expand: 'all' } as never);
    t.check(defaults.values?.length === 1 && defaults.values[0].notificationSchemeEvents?.some((e) => e.event?.name === 'Issue Created' && e.notifications?.some((n) => n.notificationType === 'AllWatchers')), 'the default scheme notifies watchers of new issues', defaults);
    await t.expectError(() => jira.issueNotificationSchemes.deleteNotificationScheme({ notificationSchemeId: made.id }), (e) => e.status === 400, 'a scheme a project uses cannot be deleted');
    // UpdateProjectDetails takes notificationScheme (Atlassian's reference); jira.js 5.4.0's UpdateProject type lacks it.
    await jira.projects.updateProject({ projectIdOrKey: 'NTF', notificationScheme: Number(defaults.values![0].id) } as never);
    await jira.issueNotificationSchemes.deleteNotificationScheme({ notificationSchemeId: made.id });
    await t.expectError(() => jira.issueNotificationSchemes.getNotificationScheme({ id: Number(made.id) }), (e) => e.status === 404, 'off its project, the scheme can be deleted', { effect: true });
  },
);
