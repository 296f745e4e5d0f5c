// Fills a new Jira site: the fixed site configuration (statuses, priorities, issue types, workflows), then the fixture's users, projects, issues and comments.
import type { Tenant } from '../../src/core/tenant.js';
import { adfParagraphs } from './platform/model/adf.js';
import {
  apps, comments, credentials, recordHistory, issueLinkTypes, issues, issueTypes, newAccessToken, newAccountId, newApiToken, nextId,
  filters, priorities, projects, resolutions, sprints, statuses, users, workflows,
  type ChangeGroup, type FilterDoc, type IssueDoc, type ProjectDoc, type UserDoc,
} from './store.js';
import { moveToStatus } from './platform/model/workflow.js';
import { ensureGroup } from './platform/model/groups.js';
import { initProjectRoles, seedRoles } from './platform/model/roles.js';
import { seedPermissionScheme } from './platform/model/permissions.js';
import { createBoard } from './agile/model/agile.js';
import { rankLast } from './platform/model/rank.js';
import { audit } from './platform/model/site-settings.js';

/** The fixture's shape (`fixtures/jira/*.json`). Users are referred to by `ref`. */
export interface JiraFixture {
  users?: Array<{ ref: string; displayName: string; email: string; groups?: string[]; classicId?: boolean; timeZone?: string; active?: boolean }>;
  projects?: Array<{ key: string; name: string; type?: 'software' | 'business'; lead: string; description?: string }>;
  issues?: Array<{
    project: string;
    type: string;
    summary: string;
    description?: string;
    status?: string;
    assignee?: string;
    reporter?: string;
    priority?: string;
    labels?: string[];
    parent?: string;
    dueDate?: string;
    createdDaysAgo?: number;
    comments?: Array<{ author: string; body: string; daysAgo?: number }>;
  }>;
  /** Agile boards on `project = KEY ORDER BY Rank` filters, with sprints holding issues by key. */
  boards?: Array<{
    project: string;
    name: string;
    type: 'scrum' | 'kanban';
    sprints?: Array<{ name: string; state: 'future' | 'active' | 'closed'; startedDaysAgo?: number; lengthDays?: number; goal?: string; issues?: string[] }>;
  }>;
}

const DAY = 86_400_000;

/** OAuth scopes granted to seeded access tokens: the classic scopes an integration usually asks for. */
export const SEEDED_SCOPES = ['read:jira-user', 'read:jira-work', 'write:jira-work', 'manage:jira-project', 'manage:jira-configuration', 'manage:jira-webhook'];

/** Site configuration every Jira Cloud site starts with, at Jira's usual ids. */
function seedConfiguration(t: Tenant): void {
  for (const [id, name, category, description] of [
    ['10000', 'To Do', 'new', ''],
    ['3', 'In Progress', 'indeterminate', 'This work item is being actively worked on at the moment by the assignee.'],
    ['10001', 'Done', 'done', ''],
  ] as const) statuses(t).put({ id, name, category, description });
  for (const [id, name, statusColor, description] of [
    ['1', 'Highest', '#d04437', 'This problem will block progress.'],
    ['2', 'High', '#f15C75', 'Serious problem that could block progress.'],
    ['3', 'Medium', '#f79232', 'Has the potential to affect progress.'],
    ['4', 'Low', '#707070', 'Minor problem or easily worked around.'],
    ['5', 'Lowest', '#999999', 'Trivial problem with little or no impact on progress.'],
  ] as const) priorities(t).put({ id, name, statusColor, description, isDefault: id === '3' });
  for (const [id, name, description] of [
    ['10000', 'Done', 'Work has been completed on this work item.'],
    ['10001', "Won't Do", 'This work item won\'t be actioned.'],
    ['10002', 'Duplicate', 'The problem is a duplicate of an existing work item.'],
    ['10003', 'Cannot Reproduce', 'All attempts at reproducing this work item failed.'],
  ] as const) resolutions(t).put({ id, name, description, isDefault: id === '10000' });
  for (const [id, name, subtask, hierarchyLevel, avatarId, description] of [
    ['10000', 'Epic', false, 1, 10307, 'Epics track collections of related bugs, stories, and tasks.'],
    ['10001', 'Story', false, 0, 10315, 'Stories track functionality or features expressed as user goals.'],
    ['10002', 'Task', false, 0, 10318, 'Tasks track small, distinct pieces of work.'],
    ['10003', 'Bug', false, 0, 10303, 'Bugs track problems or errors.'],
    ['10004', 'Subtask', true, -1, 10316, 'Subtasks track small pieces of work that are part of a larger task.'],
  ] as const) issueTypes(t).put({ id, name, subtask, hierarchyLevel, avatarId, description });
  for (const [id, name, inward, outward] of [
    ['10000', 'Blocks', 'is blocked by', 'blocks'],
    ['10001', 'Cloners', 'is cloned by', 'clones'],
    ['10002', 'Duplicate', 'is duplicated by', 'duplicates'],
    ['10003', 'Relates', 'relates to', 'relates to'],
  ] as const) issueLinkTypes(t).put({ id, name, inward, outward });
  for (const name of ['site-admins', 'jira-admins', 'jira-software-users', 'jira-users', 'atlassian-addons-admin']) ensureGroup(t, name);
  seedRoles(t);
  seedPermissionScheme(t);
  // Software projects: every status reachable from every other (simplified workflow, global transitions).
  workflows(t).put({
    id: 'software-simplified-workflow',
    name: 'Software Simplified Workflow',
    description: 'Generated by Jira Software version 1001.0.0-SNAPSHOT. This workflow is managed internally by Jira Software. Do not manually modify this workflow.',
    resolveOnDone: true,
    initialStatusId: '10000',
    statusIds: ['10000', '3', '10001'],
    transitions: [
      { id: '11', name: 'To Do', from: [], to: '10000' },
      { id: '21', name: 'In Progress', from: [], to: '3' },
      { id: '31', name: 'Done', from: [], to: '10001' },
    ],
  });
  // Business projects: a directed workflow, so some transitions are unavailable from some statuses.
  workflows(t).put({
    id: 'business-workflow',
    name: 'Business Workflow',
    description: 'A directed workflow for business projects.',
    resolveOnDone: true,
    initialStatusId: '10000',
    statusIds: ['10000', '3', '10001'],
    transitions: [
      { id: '11', name: 'Start progress', from: ['10000'], to: '3' },
      { id: '21', name: 'Done', from: ['3'], to: '10001' },
      { id: '31', name: 'Stop progress', from: ['3'], to: '10000' },
      { id: '41', name: 'Reopen', from: ['10001'], to: '10000' },
    ],
  });
}

export function addUser(t: Tenant, spec: { displayName: string; email: string; groups?: string[]; classicId?: boolean; timeZone?: string; active?: boolean }): UserDoc {
  const accountId = newAccountId(t, spec.classicId ?? false);
  const user = users(t).put({
    id: accountId,
    accountId,
    accountType: 'atlassian',
    emailAddress: spec.email,
    displayName: spec.displayName,
    active: spec.active ?? true,
    timeZone: spec.timeZone ?? 'Etc/UTC',
    locale: 'en_US',
    groups: spec.groups ?? ['jira-software-users'],
  });
  for (const g of user.groups) ensureGroup(t, g);
  credentials(t).put({ id: newApiToken(t), kind: 'api_token', accountId, label: 'dtu' });
  credentials(t).put({ id: newAccessToken(t), kind: 'oauth_access_token', accountId, label: 'dtu', scopes: SEEDED_SCOPES });
  return user;
}

export function newProject(t: Tenant, spec: { key: string; name: string; type: 'software' | 'business'; leadAccountId: string; description?: string; url?: string }, nowIso: string): ProjectDoc {
  const software = spec.type === 'software';
  const p = projects(t).put({
    id: nextId(t, 'project'),
    key: spec.key,
    name: spec.name,
    description: spec.description ?? '',
    leadAccountId: spec.leadAccountId,
    projectTypeKey: spec.type,
    assigneeType: 'UNASSIGNED',
    issueTypeIds: software ? ['10000', '10001', '10002', '10003', '10004'] : ['10002', '10004'],
    workflowId: software ? 'software-simplified-workflow' : 'business-workflow',
    url: spec.url,
    created: nowIso,
    issueCounter: 0,
  });
  initProjectRoles(t, p);
  return p;
}

export function populate(t: Tenant, fixture: unknown): void {
  seedConfiguration(t);
  const fx = (fixture && typeof fixture === 'object' ? fixture : {}) as JiraFixture;
  const now = t.now().getTime();
  const refs = new Map<string, UserDoc>();
  const userSpecs = fx.users?.length ? fx.users : [{ ref: 'admin', displayName: 'Site Admin', email: 'admin@example.com', groups: ['site-admins', 'jira-admins', 'jira-software-users'], classicId: true }];
  for (const u of userSpecs) refs.set(u.ref, addUser(t, u));
  const admin = [...refs.values()][0];
  const who = (ref: string | undefined) => (ref ? refs.get(ref)?.accountId ?? null : null);

  for (const p of fx.projects ?? []) {
    const made = newProject(t, { key: p.key, name: p.name, type: p.type ?? 'software', leadAccountId: who(p.lead) ?? admin.accountId, description: p.description }, new Date(now - 90 * DAY).toISOString());
    // The site's history: the admin created each project, which the audit log shows.
    audit(t, admin.accountId, new Date(now - 90 * DAY), { summary: 'Project created', category: 'projects', objectItem: { id: made.id, name: made.name, typeName: 'PROJECT' }, changedValues: [{ fieldName: 'Key', changedTo: made.key }] });
  }

  const byRef = new Map<string, IssueDoc>();
  for (const [n, spec] of (fx.issues ?? []).entries()) {
    const project = projects(t).find((p) => p.key === spec.project);
    const type = issueTypes(t).find((x) => x.name === spec.type);
    if (!project || !type) throw new Error(`jira fixture: issue ${n} names unknown project ${spec.project} or type ${spec.type}`);
    const created = new Date(now - (spec.createdDaysAgo ?? 1) * DAY + n * 60_000).toISOString();
    const reporter = who(spec.reporter) ?? admin.accountId;
    project.issueCounter += 1;
    const issue = issues(t).put({
      id: nextId(t, 'issue'),
      key: `${project.key}-${project.issueCounter}`,
      projectId: project.id,
      issueTypeId: type.id,
      summary: spec.summary,
      description: spec.description ? adfParagraphs(...spec.description.split('\n\n')) : null,
      environment: null,
      labels: spec.labels ?? [],
      assigneeId: who(spec.assignee),
      reporterId: reporter,
      creatorId: reporter,
      priorityId: priorities(t).find((p) => p.name === (spec.priority ?? 'Medium'))?.id ?? '3',
      statusId: '10000',
      resolutionId: null,
      resolutionDate: null,
      dueDate: spec.dueDate ?? null,
      parentId: spec.parent ? (byRef.get(spec.parent)?.id ?? null) : null,
      created,
      updated: created,
      statusCategoryChangeDate: created,
      watchers: [reporter],
      voters: [],
      extra: {},
      // Ranked as it is written, so the next issue ranks after it (new issues rank last).
      rank: rankLast(t),
    });
    byRef.set(issue.key, issue);
    const target = spec.status ? statuses(t).find((s) => s.name === spec.status) : undefined;
    if (target && target.id !== issue.statusId) {
      const at = new Date(Date.parse(created) + 3_600_000).toISOString();
      const items = moveToStatus(t, issue, target.id, undefined, at);
      const group: ChangeGroup = { id: nextId(t, 'changegroup'), authorId: issue.assigneeId ?? reporter, created: at, items };
      recordHistory(t, issue.id, group);
      issue.updated = at;
    }
    for (const c of spec.comments ?? []) {
      const at = new Date(now - (c.daysAgo ?? 0) * DAY).toISOString();
      const author = who(c.author) ?? admin.accountId;
      const id = nextId(t, 'comment');
      comments(t, issue.id).put({ id, issueId: issue.id, authorId: author, updateAuthorId: author, body: adfParagraphs(c.body), created: at, updated: at });
      if (at > issue.updated) issue.updated = at;
    }
  }
  for (const b of fx.boards ?? []) seedBoard(t, b, admin.accountId, now);
  installApps(t);
}

/**
 * One Connect app and one Forge app installed on the site, each with its own `app` account in atlassian-addons-admin
 * (where Jira puts app users). Drawn last from the random source, so the rest of the site does not move.
 */
function installApps(t: Tenant): void {
  const account = (displayName: string) => {
    const accountId = newAccountId(t, false);
    users(t).put({ id: accountId, accountId, accountType: 'app', emailAddress: '', displayName, active: true, timeZone: 'Etc/UTC', locale: 'en_US', groups: ['atlassian-addons-admin'] });
    return accountId;
  };
  const connect = account('DTU Connect App');
  apps(t).put({ id: 'dtu-connect-app', kind: 'connect', key: 'dtu-connect-app', name: 'DTU Connect App', accountId: connect, clientKey: t.random.uuid(), sharedSecret: t.random.chars(64) });
  const forge = account('DTU Forge App');
  const appId = `ari:cloud:ecosystem::app/${t.random.uuid()}`;
  apps(t).put({ id: appId, kind: 'forge', key: appId, name: 'DTU Forge App', accountId: forge });
  credentials(t).put({ id: newAccessToken(t), kind: 'forge_app_token', accountId: forge, label: appId });
}

/** A board, its filter and its sprints; closed sprints are dated in the past, the active one spans today. */
function seedBoard(t: Tenant, spec: NonNullable<JiraFixture['boards']>[number], ownerId: string, now: number): void {
  const project = projects(t).find((p) => p.key === spec.project);
  if (!project) throw new Error(`jira fixture: board ${spec.name} names unknown project ${spec.project}`);
  const filter = newBoardFilter(t, project, project.leadAccountId ?? ownerId);
  const board = createBoard(t, { name: spec.name, type: spec.type, filterId: filter.id, projectId: project.id });
  for (const s of spec.sprints ?? []) {
    const start = s.startedDaysAgo !== undefined ? new Date(now - s.startedDaysAgo * DAY).toISOString() : undefined;
    const end = start ? new Date(Date.parse(start) + (s.lengthDays ?? 14) * DAY).toISOString() : undefined;
    const sprint = sprints(t).put({
      id: nextId(t, 'sprint', 1),
      name: s.name,
      state: s.state,
      originBoardId: board.id,
      goal: s.goal ?? '',
      createdDate: new Date(now - ((s.startedDaysAgo ?? 0) + 2) * DAY).toISOString(),
      ...(start ? { startDate: start, endDate: end } : {}),
      ...(s.state === 'closed' && end ? { completeDate: end } : {}),
    });
    const list = (s.issues ?? []).map((key) => issues(t).find((i) => i.key === key)).filter((i): i is IssueDoc => !!i);
    for (const i of list) i.sprintIds = [...(i.sprintIds ?? []), sprint.id];
  }
}

/** The filter Jira makes for a new board: the project's issues in rank order, owned by the project lead. */
export function newBoardFilter(t: Tenant, project: ProjectDoc, ownerId: string): FilterDoc {
  return filters(t).put({
    id: nextId(t, 'filter'),
    name: `Filter for ${project.key} board`,
    description: '',
    jql: `project = ${project.key} ORDER BY Rank ASC`,
    ownerId,
    favouritedBy: [],
    sharePermissions: [{ id: nextId(t, 'sharepermission'), type: 'project', projectId: project.id }],
    editPermissions: [],
  });
}
