// Dashboards: owned, shared and favourited boards of gadgets; who sees and edits them, copies, ownership changes, and the gadget grid.
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { jiraError } from '../../errors.js';
import { isSiteAdmin, nextId, type UserDoc } from '../../store.js';

export interface Share { id: string; type: string; projectId?: string; groupname?: string; accountId?: string }

export interface GadgetDoc { id: string; moduleKey?: string; uri?: string; title: string; color: string; row: number; column: number }

export interface DashboardDoc extends Doc {
  name: string;
  description: string;
  ownerId: string;
  sharePermissions: Share[];
  editPermissions: Share[];
  favouritedBy: string[];
  gadgets: GadgetDoc[];
}

export const dashboards = (t: Tenant) => t.collection<DashboardDoc>('/rest/api/3/dashboard');

/** Gadget colours Jira offers. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-dashboards/#api-rest-api-3-dashboard-dashboardid-gadget-post */
export const COLORS = ['blue', 'red', 'yellow', 'green', 'cyan', 'purple', 'gray', 'white'];

/** The built-in gadgets a site without apps can add. */
export const GADGETS = [
  { moduleKey: 'com.atlassian.jira.gadgets:assigned-to-me-gadget', title: 'Assigned to Me' },
  { moduleKey: 'com.atlassian.jira.gadgets:filter-results-gadget', title: 'Filter Results' },
  { moduleKey: 'com.atlassian.jira.gadgets:pie-chart-gadget', title: 'Pie Chart' },
  { moduleKey: 'com.atlassian.jira.gadgets:created-vs-resolved-issues-chart-gadget', title: 'Created vs. Resolved Chart' },
  { moduleKey: 'com.atlassian.jira.gadgets:activity-stream-gadget', title: 'Activity Stream' },
];

const shared = (user: UserDoc, shares: Share[]) =>
  shares.some((s) => s.type === 'global' || s.type === 'loggedin' || s.type === 'authenticated' || s.type === 'project' || (s.type === 'group' && !!s.groupname && user.groups.includes(s.groupname)) || (s.type === 'user' && s.accountId === user.accountId));

export const canView = (d: DashboardDoc, user: UserDoc) => d.ownerId === user.accountId || isSiteAdmin(user) || shared(user, d.sharePermissions) || shared(user, d.editPermissions);
export const canEdit = (d: DashboardDoc, user: UserDoc) => d.ownerId === user.accountId || isSiteAdmin(user) || shared(user, d.editPermissions);

/** A dashboard the caller can see, else Jira's 404 (a dashboard nobody shared with you does not exist for you). */
export function visibleDashboard(t: Tenant, id: unknown, user: UserDoc): DashboardDoc {
  const d = dashboards(t).get(String(id));
  if (!d || !canView(d, user)) throw jiraError(404, [`The dashboard with id '${String(id)}' does not exist.`]);
  return d;
}

export function editableDashboard(t: Tenant, id: unknown, user: UserDoc): DashboardDoc {
  const d = visibleDashboard(t, id, user);
  if (!canEdit(d, user)) throw jiraError(403, ['You do not have permission to edit this dashboard.']);
  return d;
}

/** The next free slot: the first row after the column's last gadget. */
export function nextRow(d: DashboardDoc, column: number): number {
  return d.gadgets.filter((g) => g.column === column).reduce((m, g) => Math.max(m, g.row + 1), 0);
}

export function copyOf(t: Tenant, from: DashboardDoc, ownerId: string, name: string, fields: Partial<DashboardDoc>): DashboardDoc {
  return dashboards(t).put({
    id: nextId(t, 'dashboard', 10001),
    name,
    description: fields.description ?? from.description,
    ownerId,
    sharePermissions: fields.sharePermissions ?? from.sharePermissions.map((s) => ({ ...s, id: nextId(t, 'sharepermission') })),
    editPermissions: fields.editPermissions ?? from.editPermissions.map((s) => ({ ...s, id: nextId(t, 'sharepermission') })),
    favouritedBy: [],
    gadgets: from.gadgets.map((g) => ({ ...g, id: nextId(t, 'gadget') })),
  });
}
