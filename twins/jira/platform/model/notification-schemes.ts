// Notification schemes: for each issue event, who is notified; every project without another scheme uses the site's default scheme.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { jiraError } from '../../errors.js';
import { nextId, projects } from '../../store.js';

export interface NotificationDoc {
  id: string;
  notificationType: string;
  parameter?: string;
}

export interface NotificationSchemeDoc extends Doc {
  name: string;
  description: string;
  /** Notifications by event type id. */
  events: Record<string, NotificationDoc[]>;
}

interface ProjectUse extends Doc {
  schemeId: string;
}

/**
 * Jira's system issue events. https://support.atlassian.com/jira-cloud-administration/docs/configure-notification-schemes/
 * (event ids as `GET /rest/api/3/events` lists them).
 */
export const ISSUE_EVENTS: Array<{ id: string; name: string; description: string }> = [
  ['1', 'Issue Created', 'This is the issue created event.'],
  ['2', 'Issue Updated', 'This is the issue updated event.'],
  ['3', 'Issue Assigned', 'This is the issue assigned event.'],
  ['4', 'Issue Resolved', 'This is the issue resolved event.'],
  ['5', 'Issue Closed', 'This is the issue closed event.'],
  ['6', 'Issue Commented', 'This is the issue commented event.'],
  ['7', 'Issue Reopened', 'This is the issue reopened event.'],
  ['8', 'Issue Deleted', 'This is the issue deleted event.'],
  ['9', 'Issue Moved', 'This is the issue moved event.'],
  ['10', 'Work Logged On Issue', 'This is the issue worklogged event.'],
  ['13', 'Generic Event', 'This is the generic event.'],
  ['14', 'Issue Comment Edited', 'This is the issue comment edited event.'],
  ['15', 'Issue Worklog Updated', 'This is the issue worklog updated event.'],
  ['16', 'Issue Worklog Deleted', 'This is the issue worklog deleted event.'],
  ['17', 'Issue Comment Deleted', 'This is the issue comment deleted event.'],
].map(([id, name, description]) => ({ id, name, description }));

/** Who Jira's default scheme notifies of every event. */
const DEFAULT_RECIPIENTS = ['CurrentAssignee', 'Reporter', 'AllWatchers'];

export const NOTIFICATION_TYPES = new Set(['CurrentAssignee', 'Reporter', 'CurrentUser', 'ProjectLead', 'ComponentLead', 'User', 'Group', 'ProjectRole', 'EmailAddress', 'AllWatchers', 'UserCustomField', 'GroupCustomField']);

export const DEFAULT_NOTIFICATION_SCHEME = '10000';

export function notificationSchemes(t: Tenant) {
  const c = t.collection<NotificationSchemeDoc>('/rest/api/3/notificationscheme');
  if (!c.get(DEFAULT_NOTIFICATION_SCHEME)) {
    const events = Object.fromEntries(ISSUE_EVENTS.map((e) => [e.id, DEFAULT_RECIPIENTS.map((notificationType) => ({ id: nextId(t, 'notification'), notificationType }))]));
    c.put({ id: DEFAULT_NOTIFICATION_SCHEME, name: 'Default Notification Scheme', description: '', events });
  }
  return c;
}
const uses = (t: Tenant) => t.collection<ProjectUse>('jira:notificationscheme-projects');

export function notificationSchemeOr404(t: Tenant, id: unknown): NotificationSchemeDoc {
  const s = notificationSchemes(t).get(String(id));
  if (!s) throw jiraError(404, [`The notification scheme with id ${String(id)} does not exist.`]);
  return s;
}

export const notificationSchemeOfProject = (t: Tenant, projectId: string): string => uses(t).get(projectId)?.schemeId ?? DEFAULT_NOTIFICATION_SCHEME;

export function useNotificationScheme(t: Tenant, projectId: string, schemeId: string): void {
  if (schemeId === DEFAULT_NOTIFICATION_SCHEME) uses(t).delete(projectId);
  else uses(t).put({ id: projectId, schemeId });
}

export const projectsUsingNotificationScheme = (t: Tenant, schemeId: string) => projects(t).filter((p) => !p.trashedAt && notificationSchemeOfProject(t, p.id) === schemeId);
