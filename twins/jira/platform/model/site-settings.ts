// Site-wide settings kept as tenant state: announcement banner, time tracking, navigator columns, advanced application properties, and the audit log of admin changes.
import type { Tenant } from '../../../../src/core/tenant.js';
import { jiraTime } from '../../store.js';

export interface Banner { isDismissible: boolean; isEnabled: boolean; message: string; visibility: 'public' | 'private'; hashId: string }
export interface TimeTracking { provider: string; workingHoursPerDay: number; workingDaysPerWeek: number; timeFormat: 'pretty' | 'days' | 'hours'; defaultUnit: 'minute' | 'hour' | 'day' | 'week' }

/** Jira's built-in time tracking provider, the only one a site without apps offers. */
export const TIME_PROVIDERS = [{ key: 'JIRA', name: 'JIRA provided time tracking', url: '/secure/admin/TimeTrackingAdmin!default.jspa' }];

/** The issue navigator's default columns on a new site. */
export const DEFAULT_COLUMNS = ['issuetype', 'issuekey', 'summary', 'assignee', 'reporter', 'priority', 'status', 'resolution', 'created', 'updated', 'duedate'];

/**
 * Advanced settings (Jira administration → System → Advanced settings) with their defaults.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jira-settings/#api-rest-api-3-application-properties-advanced-settings-get
 */
export const ADVANCED: Array<{ id: string; name: string; desc: string; type: 'string' | 'number' | 'boolean'; defaultValue: string }> = [
  { id: 'jira.clone.prefix', name: 'The prefix added to the Summary field of cloned issues', desc: '', type: 'string', defaultValue: 'CLONE -' },
  { id: 'jira.date.picker.java.format', name: 'Date picker format', desc: 'This part is only used for the date picker', type: 'string', defaultValue: 'd/MMM/yy' },
  { id: 'jira.date.time.picker.java.format', name: 'Date time picker format', desc: 'This part is only used for the date time picker', type: 'string', defaultValue: 'dd/MMM/yy h:mm a' },
  { id: 'jira.issue.actions.order', name: 'Default order of issue actions', desc: 'asc or desc', type: 'string', defaultValue: 'asc' },
  { id: 'jira.table.cols.subtasks', name: 'The columns to show when viewing sub-task issues in a table', desc: '', type: 'string', defaultValue: 'issuetype, status, assignee, progress' },
  { id: 'jira.view.issue.links.sort.order', name: 'Sort order of issue links', desc: '', type: 'string', defaultValue: 'type, status, priority' },
  { id: 'jira.comment.collapsing.minimum.hidden', name: 'The minimum number of comments to hide when collapsing', desc: '', type: 'number', defaultValue: '4' },
  { id: 'jira.newsletter.tip.delay.days', name: 'Days before the newsletter sign-up tip shows', desc: '', type: 'number', defaultValue: '7' },
  { id: 'jira.projectkey.pattern', name: 'Project key pattern', desc: 'A regular expression project keys must match', type: 'string', defaultValue: '([A-Z][A-Z]+)' },
  { id: 'jira.title', name: 'Jira title', desc: 'The name of this site', type: 'string', defaultValue: 'Jira' },
];

interface Settings {
  banner: Banner;
  time: TimeTracking;
  columns: string[];
  properties: Record<string, string>;
}

const init = (): Settings => ({
  banner: { isDismissible: true, isEnabled: false, message: '', visibility: 'private', hashId: '' },
  time: { provider: 'JIRA', workingHoursPerDay: 8, workingDaysPerWeek: 5, timeFormat: 'pretty', defaultUnit: 'minute' },
  columns: [...DEFAULT_COLUMNS],
  properties: {},
});

export const siteSettings = (t: Tenant): Settings => t.meta<Settings>('jira:settings', init);

export function changeSettings(t: Tenant, change: (s: Settings) => void): Settings {
  const s = siteSettings(t);
  change(s);
  t.metaChanged();
  return s;
}

export const propertyValue = (t: Tenant, id: string): string | undefined => siteSettings(t).properties[id] ?? ADVANCED.find((p) => p.id === id)?.defaultValue;

export interface AuditRecord {
  id: number;
  summary: string;
  category: string;
  created: string;
  authorAccountId: string;
  objectItem: { id: string; name: string; typeName: string };
  changedValues: Array<{ fieldName: string; changedFrom?: string; changedTo?: string }>;
}

/** Appends an audit record: Jira logs admin changes (schemes, fields, issue types, settings) to the audit log. */
export function audit(t: Tenant, who: string, at: Date, record: Omit<AuditRecord, 'id' | 'created' | 'authorAccountId'>): void {
  const log = t.meta<AuditRecord[]>('jira:audit', () => []);
  log.push({ ...record, id: log.length + 10000, created: jiraTime(at), authorAccountId: who });
  t.metaChanged();
}

export const auditLog = (t: Tenant): AuditRecord[] => t.meta<AuditRecord[]>('jira:audit', () => []);
