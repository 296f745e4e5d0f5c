// Permissions: Jira's catalogue (global and project), permission schemes with grants to roles, groups, users and the application role, and who holds what.
import type { Tenant } from '../../../../src/core/tenant.js';
import type { Doc } from '../../../../src/core/tenant.js';
import { isSiteAdmin, nextId, projects, type ProjectDoc, type UserDoc } from '../../store.js';
import { findGroup, isMember } from './groups.js';
import { holdsRole } from './roles.js';

export interface PermissionDef {
  key: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const P = (key: string, name: string, description: string): PermissionDef => ({ key, name, type: 'PROJECT', description });
const G = (key: string, name: string, description: string): PermissionDef => ({ key, name, type: 'GLOBAL', description });

/** Jira Cloud's built-in permissions. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-get */
export const PERMISSIONS: PermissionDef[] = [
  G('ADMINISTER', 'Administer Jira', 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.'),
  G('SYSTEM_ADMIN', 'Jira System Administrators', 'Ability to perform all administration functions.'),
  G('USER_PICKER', 'Browse users and groups', 'View and select users or groups from the user picker, and share issues.'),
  G('CREATE_SHARED_OBJECTS', 'Share dashboards and filters', 'Share dashboards and filters with other users.'),
  G('MANAGE_GROUP_FILTER_SUBSCRIPTIONS', 'Manage group filter subscriptions', 'Create and delete group filter subscriptions.'),
  G('BULK_CHANGE', 'Make bulk changes', 'Modify collections of issues at once.'),
  P('ADMINISTER_PROJECTS', 'Administer Projects', 'Ability to administer a project in Jira.'),
  P('BROWSE_PROJECTS', 'Browse Projects', 'Ability to browse projects and the issues within them.'),
  P('VIEW_DEV_TOOLS', 'View Development Tools', 'Allows users to view development-related information on the issue.'),
  P('VIEW_READONLY_WORKFLOW', 'View Read-Only Workflow', 'Users with this permission may view a read-only version of a workflow.'),
  P('CREATE_ISSUES', 'Create Issues', 'Ability to create issues.'),
  P('EDIT_ISSUES', 'Edit Issues', 'Ability to edit issues.'),
  P('TRANSITION_ISSUES', 'Transition Issues', 'Ability to transition issues.'),
  P('SCHEDULE_ISSUES', 'Schedule Issues', 'Ability to set or edit an issue\'s due date.'),
  P('MOVE_ISSUES', 'Move Issues', 'Ability to move issues between projects or between workflows of the same project.'),
  P('ASSIGN_ISSUES', 'Assign Issues', 'Ability to assign issues to other people.'),
  P('ASSIGNABLE_USER', 'Assignable User', 'Users with this permission may be assigned to issues.'),
  P('RESOLVE_ISSUES', 'Resolve Issues', 'Ability to resolve and reopen issues.'),
  P('CLOSE_ISSUES', 'Close Issues', 'Ability to close issues.'),
  P('MODIFY_REPORTER', 'Modify Reporter', 'Ability to modify the reporter when creating or editing an issue.'),
  P('DELETE_ISSUES', 'Delete Issues', 'Ability to delete issues.'),
  P('LINK_ISSUES', 'Link Issues', 'Ability to link issues together and create linked issues.'),
  P('SET_ISSUE_SECURITY', 'Set Issue Security', 'Ability to set the level of security on an issue.'),
  P('VIEW_VOTERS_AND_WATCHERS', 'View Voters and Watchers', 'Ability to view the voters and watchers of an issue.'),
  P('MANAGE_WATCHERS', 'Manage Watchers', 'Ability to manage the watchers of an issue.'),
  P('ADD_COMMENTS', 'Add Comments', 'Ability to comment on issues.'),
  P('EDIT_ALL_COMMENTS', 'Edit All Comments', 'Ability to edit all comments made on issues.'),
  P('EDIT_OWN_COMMENTS', 'Edit Own Comments', 'Ability to edit own comments made on issues.'),
  P('DELETE_ALL_COMMENTS', 'Delete All Comments', 'Ability to delete all comments made on issues.'),
  P('DELETE_OWN_COMMENTS', 'Delete Own Comments', 'Ability to delete own comments made on issues.'),
  P('CREATE_ATTACHMENTS', 'Create Attachments', 'Users with this permission may create attachments.'),
  P('DELETE_ALL_ATTACHMENTS', 'Delete All Attachments', 'Users with this permission may delete all attachments.'),
  P('DELETE_OWN_ATTACHMENTS', 'Delete Own Attachments', 'Users with this permission may delete own attachments.'),
  P('WORK_ON_ISSUES', 'Work On Issues', 'Ability to log work done against an issue.'),
  P('EDIT_OWN_WORKLOGS', 'Edit Own Worklogs', 'Ability to edit own worklogs made on issues.'),
  P('EDIT_ALL_WORKLOGS', 'Edit All Worklogs', 'Ability to edit all worklogs made on issues.'),
  P('DELETE_OWN_WORKLOGS', 'Delete Own Worklogs', 'Ability to delete own worklogs made on issues.'),
  P('DELETE_ALL_WORKLOGS', 'Delete All Worklogs', 'Ability to delete all worklogs made on issues.'),
  P('MANAGE_SPRINTS_PERMISSION', 'Manage sprints', 'Ability to manage sprints.'),
];
export const PERMISSION_BY_KEY = new Map(PERMISSIONS.map((p) => [p.key, p]));

/** A grant's holder, as Jira's PermissionHolder: `applicationRole` (anyone with product access), `projectRole`, `group`, `user`, `projectLead`, `anyone`. */
export interface Holder {
  type: string;
  parameter?: string;
}

export interface GrantDoc {
  id: string;
  permission: string;
  holder: Holder;
}

export interface PermissionSchemeDoc extends Doc {
  name: string;
  description: string;
  permissions: GrantDoc[];
}

export const schemes = (t: Tenant) => t.collection<PermissionSchemeDoc>('/rest/api/3/permissionscheme');
/** Cloud sites number the default permission scheme like other schemes (the live suite sees an id above 0). */
export const DEFAULT_SCHEME = '10000';

/** Admin-only permissions go to the Administrators role; the rest to everyone with Jira access, as Cloud's default scheme does. */
export function seedPermissionScheme(t: Tenant): void {
  const ADMIN_ONLY = new Set(['ADMINISTER_PROJECTS', 'DELETE_ALL_COMMENTS', 'DELETE_ALL_ATTACHMENTS', 'EDIT_ALL_COMMENTS', 'EDIT_ALL_WORKLOGS', 'DELETE_ALL_WORKLOGS', 'SET_ISSUE_SECURITY']);
  let n = 10000;
  const permissions: GrantDoc[] = [];
  for (const p of PERMISSIONS.filter((x) => x.type === 'PROJECT')) {
    permissions.push({ id: String(n++), permission: p.key, holder: { type: 'projectRole', parameter: '10002' } });
    if (!ADMIN_ONLY.has(p.key)) permissions.push({ id: String(n++), permission: p.key, holder: { type: 'applicationRole' } });
  }
  // Drawn from the scheme counter, so schemes created later never take its id.
  schemes(t).put({ id: nextId(t, 'permissionscheme'), name: 'Default Permission Scheme', description: 'This is the default Permission Scheme. Any new projects that are created will be assigned this scheme.', permissions });
}

export const schemeOf = (t: Tenant, p: ProjectDoc): PermissionSchemeDoc | undefined =>
  schemes(t).get(p.permissionSchemeId ?? DEFAULT_SCHEME) ?? schemes(t).get(DEFAULT_SCHEME);

function holderMatches(t: Tenant, h: Holder, u: UserDoc, p: ProjectDoc): boolean {
  switch (h.type) {
    case 'anyone': return true;
    // Product access (a licensed Jira user): app and customer accounts hold no Jira licence.
    case 'applicationRole': return u.active && u.accountType === 'atlassian';
    case 'projectLead': return p.leadAccountId === u.accountId;
    case 'user': return h.parameter === u.accountId;
    case 'group': {
      const g = findGroup(t, { groupId: h.parameter }) ?? findGroup(t, { groupname: h.parameter });
      return !!g && isMember(u, g);
    }
    case 'projectRole': return !!h.parameter && holdsRole(t, p, h.parameter, u);
    default: return false;
  }
}

/**
 * Whether the user may see an issue: Browse Projects in its project, and, when the issue has a security
 * level, being one of that level's members (an issue hidden either way does not exist for the user).
 */
export function canSeeIssue(t: Tenant, u: UserDoc, issue: { projectId: string; securityLevelId?: string | null; reporterId?: string | null; assigneeId?: string | null }): boolean {
  const p = projects(t).get(issue.projectId);
  if (!p || !hasPermission(t, u, 'BROWSE_PROJECTS', p)) return false;
  return !issue.securityLevelId || levelAdmits(t, issue.securityLevelId, u, p, issue);
}

/** Membership of an issue security level, by the holder types grants use plus the issue's reporter and assignee. */
export function levelAdmits(t: Tenant, levelId: string, u: UserDoc, p: ProjectDoc, issue?: { reporterId?: string | null; assigneeId?: string | null }): boolean {
  const level = securityLevels(t).get(levelId);
  if (!level) return true;
  return level.members.some((m) =>
    m.holder.type === 'reporter' ? issue?.reporterId === u.accountId : m.holder.type === 'assignee' ? issue?.assigneeId === u.accountId : holderMatches(t, m.holder, u, p));
}

/** An issue security level and who may see issues at it. */
export interface SecurityLevelDoc extends Doc {
  schemeId: string;
  name: string;
  description: string;
  isDefault: boolean;
  members: Array<{ id: string; holder: Holder }>;
}

/** An issue security scheme: levels live in their own collection, keyed by scheme. */
export interface SecuritySchemeDoc extends Doc {
  name: string;
  description: string;
}

export const securitySchemes = (t: Tenant) => t.collection<SecuritySchemeDoc>('/rest/api/3/issuesecurityschemes');
export const securityLevels = (t: Tenant) => t.collection<SecurityLevelDoc>('jira:security-levels');

/** Whether the user holds a permission: globally (site admins and product access), or in a project through its scheme. */
export function hasPermission(t: Tenant, u: UserDoc, key: string, p?: ProjectDoc): boolean {
  const def = PERMISSION_BY_KEY.get(key);
  if (!def || !u.active) return false;
  if (def.type === 'GLOBAL') return key === 'ADMINISTER' || key === 'SYSTEM_ADMIN' || key === 'MANAGE_GROUP_FILTER_SUBSCRIPTIONS' ? isSiteAdmin(u) : true;
  if (!p) return projects(t).values().some((x) => !x.trashedAt && hasPermission(t, u, key, x));
  return (schemeOf(t, p)?.permissions ?? []).some((g) => g.permission === key && holderMatches(t, g.holder, u, p));
}
