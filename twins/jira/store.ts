// The Jira site's state model: document types, collection keys shared with the inferred layer, and id/key/time sources.
import type { Collection, Doc, Tenant, TenantData } from '../../src/core/tenant.js';
import { checkingIndexes, matching, select, termIndex } from '../../src/core/lookup.js';

/**
 * Collection keys. Resources the spec addresses by a plain collection path use
 * that path, so inferred operations on the same path see the same documents.
 * Issue sub-resources are keyed by the issue's numeric id (never its key),
 * because an issue keeps its id when its key changes on a move.
 */
export const K = {
  users: '/rest/api/3/user',
  projects: '/rest/api/3/project',
  issueTypes: '/rest/api/3/issuetype',
  priorities: '/rest/api/3/priority',
  statuses: '/rest/api/3/status',
  resolutions: '/rest/api/3/resolution',
  issues: '/rest/api/3/issue',
  issueLinks: '/rest/api/3/issueLink',
  issueLinkTypes: '/rest/api/3/issueLinkType',
  components: '/rest/api/3/component',
  versions: '/rest/api/3/version',
  attachments: '/rest/api/3/attachment',
  /** Custom field definitions; system fields are static (fields.ts). */
  customFields: '/rest/api/3/field',
  comments: (issueId: string) => `/rest/api/3/issue/${issueId}/comment`,
  worklogs: (issueId: string) => `/rest/api/3/issue/${issueId}/worklog`,
  /**
   * Not a REST path: every issue's change groups, one document each, in the order they were recorded. Kept
   * apart from the issues so a logged write appends the group it adds, not the issue's whole history.
   */
  changelog: 'jira:changelog',
  /** Not a REST path: credentials are not a resource anyone can list. */
  credentials: 'jira:credentials',
  /** Not a REST path: the apps installed on the site (Connect and Forge), with their shared secrets. */
  apps: 'jira:apps',
  tasks: '/rest/api/3/task',
  workflows: 'jira:workflows',
  roles: '/rest/api/3/role',
  filters: '/rest/api/3/filter',
  boards: '/rest/agile/1.0/board',
  sprints: '/rest/agile/1.0/sprint',
  groups: '/rest/api/3/group',
} as const;

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface UserDoc extends Doc {
  accountId: string;
  accountType: 'atlassian' | 'app' | 'customer';
  emailAddress: string;
  displayName: string;
  active: boolean;
  timeZone: string;
  locale: string;
  groups: string[];
}

export interface CredentialDoc extends Doc {
  /** `forge_app_token`: the bearer token a Forge app's `asApp()` calls carry (acts as the app's own account). */
  kind: 'api_token' | 'oauth_access_token' | 'forge_app_token';
  accountId: string;
  label: string;
  /** OAuth 2.0 (3LO) scopes; API tokens act with the user's full permissions. */
  scopes?: string[];
  /** OAuth 2.0: the app client the grant belongs to (dynamic webhooks are the app's own). */
  clientId?: string;
}

export interface ProjectDoc extends Doc {
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  projectTypeKey: 'software' | 'business' | 'service_desk';
  assigneeType: 'PROJECT_LEAD' | 'UNASSIGNED';
  issueTypeIds: string[];
  workflowId: string;
  url?: string;
  created: string;
  /** Next issue number; keys are never reused, even after deletes. */
  issueCounter: number;
  /** Keys the project had before; issue keys under them still resolve. */
  previousKeys?: string[];
  /** Set when the project was deleted: Jira Cloud moves it to the trash. */
  trashedAt?: string;
  /** Set while the project is archived: read-only and left out of project search. */
  archivedAt?: string;
  archivedBy?: string;
  /** Who holds each project role here, by role id (filled from the role's default actors when the project is made). */
  roleActors?: Record<string, RoleActor[]>;
  /** The permission scheme the project uses (the default scheme when unset). */
  permissionSchemeId?: string;
  /** The project category, if any. */
  categoryId?: string;
  /** The avatar chosen with PUT /project/{key}/avatar (system or the project's own upload); the type's default when unset. */
  avatarId?: number;
  /** The workflow scheme the project uses; without one, `workflowId` applies to every issue type. */
  workflowSchemeId?: string;
  /** The issue security scheme whose levels its issues may be set to. */
  securitySchemeId?: string;
}

export interface ProjectCategoryDoc extends Doc {
  name: string;
  description: string;
}

/** A project role's holder: a user by account id, or a group by its id. */
export type RoleActor = ({ type: 'user'; accountId: string } | { type: 'group'; groupId: string }) & { /** Numeric actor id, assigned when the actor is added. */ id?: string };

/** A site-wide project role (Administrators, Member, …); projects say who holds it. */
export interface RoleDoc extends Doc {
  name: string;
  description: string;
  /** The actors a new project starts with in this role. */
  defaultActors: RoleActor[];
}

/** A site group; members are recorded on the users (`UserDoc.groups` holds group names). */
export interface GroupDoc extends Doc {
  /** The group id (a UUID), as Jira's `groupId`. */
  name: string;
}

export interface IssueTypeDoc extends Doc {
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
  avatarId: number;
}

export interface StatusDoc extends Doc {
  name: string;
  description: string;
  category: StatusCategoryKey;
}

export interface PriorityDoc extends Doc {
  name: string;
  description: string;
  statusColor: string;
  isDefault: boolean;
}

export interface ResolutionDoc extends Doc {
  name: string;
  description: string;
  isDefault: boolean;
}

/** A workflow rule as Jira's workflow API writes it: `system:check-permission`, `system:update-field`, … with string parameters. */
export interface RuleDoc {
  id?: string;
  ruleKey: string;
  parameters: Record<string, string>;
}

export interface TransitionDef {
  id: string;
  name: string;
  description?: string;
  /** Status ids the transition starts from; empty means a global transition (from any status). */
  from: string[];
  to: string;
  /** Who may take it (all must hold, or any when `conditionOperation` is ANY). */
  conditions?: RuleDoc[];
  conditionOperation?: 'ALL' | 'ANY';
  /** Checked against the issue as the transition would leave it. */
  validators?: RuleDoc[];
  /** Post functions: what the transition does beyond moving the status. */
  actions?: RuleDoc[];
  /** Transition properties (`jira.i18n.title`, app keys…), key → value. */
  properties?: Record<string, string>;
}

export interface WorkflowDoc extends Doc {
  name: string;
  description?: string;
  initialStatusId: string;
  statusIds: string[];
  transitions: TransitionDef[];
  /**
   * Entering a done status sets the default resolution and leaving done clears it, as the built-in
   * simplified workflows do. Workflows made through the API resolve only through their post functions.
   */
  resolveOnDone?: boolean;
  versionNumber?: number;
  created?: string;
  updated?: string;
}

/** A replaced version of a workflow, as it was, with when it was written and by whom. */
export interface WorkflowVersionDoc extends WorkflowDoc {
  workflowId: string;
  writtenAt: string;
  authorId: string;
}

/** Which workflow each issue type of a project follows (by workflow name, as the classic API names them). */
export interface WorkflowSchemeDoc extends Doc {
  name: string;
  description: string;
  defaultWorkflow: string;
  issueTypeMappings: Record<string, string>;
  updated?: string;
  /** Bumped on every change of mappings (the new-style scheme API updates at a named version). */
  versionNumber?: number;
  /** The pending edit of an active scheme (Jira edits active schemes through a draft and publishes it). */
  draft?: WorkflowSchemeDraft;
}

/** A draft's own mappings and who last changed it. */
export interface WorkflowSchemeDraft {
  defaultWorkflow: string;
  issueTypeMappings: Record<string, string>;
  lastModified: string;
  lastModifiedBy: string;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangeGroup {
  id: string;
  authorId: string;
  created: string;
  items: ChangeItem[];
}

/** A change group as stored: one document of the site's changelog, filed under the issue it changed. */
export interface ChangeGroupDoc extends Doc, ChangeGroup {
  issueId: string;
}

export interface IssueDoc extends Doc {
  key: string;
  /** Set while the issue is archived: read-only and left out of JQL results until unarchived. */
  archivedAt?: string;
  archivedBy?: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: unknown;
  environment: unknown;
  labels: string[];
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string;
  priorityId: string | null;
  statusId: string;
  resolutionId: string | null;
  resolutionDate: string | null;
  dueDate: string | null;
  parentId: string | null;
  created: string;
  updated: string;
  statusCategoryChangeDate: string;
  watchers: string[];
  voters: string[];
  /** Custom field values by field id, in their stored form (see custom-fields.ts). */
  extra: Record<string, unknown>;
  /** Optional so sites persisted before components and versions existed still load. */
  componentIds?: string[];
  fixVersionIds?: string[];
  affectedVersionIds?: string[];
  /** Sprints the issue has been in, the open one last (Agile); optional so older sites still load. */
  sprintIds?: string[];
  /** Position in the site-wide rank order (Agile's Rank field): a fixed-width sortable string. */
  rank?: string;
  /** The issue security level; only its members see the issue. */
  securityLevelId?: string | null;
}

/** A saved JQL filter: owned, shared, favourited per user, with optional own columns. */
export interface FilterDoc extends Doc {
  name: string;
  description: string;
  jql: string;
  ownerId: string;
  favouritedBy: string[];
  sharePermissions: Array<{ id: string; type: string; projectId?: string; groupId?: string; roleId?: string; accountId?: string }>;
  editPermissions: Array<{ id: string; type: string; projectId?: string; groupId?: string; roleId?: string; accountId?: string }>;
  columns?: string[];
}

/** An Agile board: a saved filter shown as columns, placed in a project. */
export interface BoardDoc extends Doc {
  name: string;
  type: 'scrum' | 'kanban' | 'simple';
  filterId: string;
  projectId: string;
}

export interface SprintDoc extends Doc {
  name: string;
  state: 'future' | 'active' | 'closed';
  originBoardId: string;
  goal: string;
  createdDate: string;
  startDate?: string;
  endDate?: string;
  completeDate?: string;
}

export interface ComponentDoc extends Doc {
  projectId: string;
  name: string;
  description: string;
  leadAccountId: string | null;
  assigneeType: 'PROJECT_DEFAULT' | 'COMPONENT_LEAD' | 'PROJECT_LEAD' | 'UNASSIGNED';
}

export interface VersionDoc extends Doc {
  projectId: string;
  name: string;
  description: string;
  archived: boolean;
  released: boolean;
  /** `yyyy-MM-dd` or null. */
  releaseDate: string | null;
  startDate: string | null;
  /** Position in the project's version list (Jira orders versions by sequence). */
  sequence: number;
}

export interface AttachmentDoc extends Doc {
  issueId: string;
  filename: string;
  mimeType: string;
  size: number;
  authorId: string;
  created: string;
  /** The bytes, base64-encoded so persisted sites stay plain JSON. */
  data: string;
}

/** Keyed by `customfield_<n>`, where `n` is the field's numeric id. */
/** A custom field context: where (projects × issue types) the field's options and default value apply. Empty lists mean global / any issue type. */
export interface FieldContext {
  id: string;
  name: string;
  description: string;
  projectIds: string[];
  issueTypeIds: string[];
  /** The CustomFieldContextDefaultValue bean without its contextId (`type` plus that type's fields). */
  defaultValue?: Record<string, unknown>;
}

export interface CustomFieldDoc extends Doc {
  name: string;
  description: string;
  /** Full type key, e.g. `com.atlassian.jira.plugin.system.customfieldtypes:textfield`. */
  type: string;
  searcherKey: string | null;
  /** Options of select-like fields: id → value, in display order; each belongs to one context (the global one when unset). */
  options: Array<{ id: string; value: string; disabled: boolean; contextId?: string }>;
  /** The id of the global context Jira creates with the field. */
  contextId: string;
  /** Every context once one was created, changed or deleted; until then only the generated global one exists. */
  contexts?: FieldContext[];
  /** Set while the field is in the trash: hidden everywhere, values kept until it is deleted. */
  trashedAt?: string;
  trashedBy?: string;
}

export interface CommentDoc extends Doc {
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: unknown;
  created: string;
  updated: string;
  visibility?: { type: string; value?: string; identifier?: string };
}

export interface WorklogDoc extends Doc {
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  comment?: unknown;
  started: string;
  timeSpentSeconds: number;
  created: string;
  updated: string;
}

export interface IssueLinkDoc extends Doc {
  typeId: string;
  inwardIssueId: string;
  outwardIssueId: string;
}

export interface IssueLinkTypeDoc extends Doc {
  name: string;
  inward: string;
  outward: string;
}

export const users = (t: Tenant) => t.collection<UserDoc>(K.users);
export const credentials = (t: Tenant) => t.collection<CredentialDoc>(K.credentials);

/**
 * An app installed on the site. Connect apps sign each request with a JWT (HS256 over the shared secret handed
 * over at installation, `iss` = the app key); Forge apps call as the app with a bearer token. Either acts as the
 * app's own account (accountType `app`). https://developer.atlassian.com/cloud/jira/platform/understanding-jwt-for-connect-apps/
 */
export interface AppDoc extends Doc {
  kind: 'connect' | 'forge';
  /** Connect: the app key (the JWT's `iss`); Forge: the app id (`ari:cloud:ecosystem::app/…`). */
  key: string;
  name: string;
  accountId: string;
  clientKey?: string;
  sharedSecret?: string;
}
export const apps = (t: Tenant) => t.collection<AppDoc>(K.apps);
export const projects = (t: Tenant) => t.collection<ProjectDoc>(K.projects);
export const issueTypes = (t: Tenant) => t.collection<IssueTypeDoc>(K.issueTypes);
export const priorities = (t: Tenant) => t.collection<PriorityDoc>(K.priorities);
export const statuses = (t: Tenant) => t.collection<StatusDoc>(K.statuses);
export const resolutions = (t: Tenant) => t.collection<ResolutionDoc>(K.resolutions);
export const workflows = (t: Tenant) => t.collection<WorkflowDoc>(K.workflows);
/** Versions a workflow update replaced, keyed `{workflowId}@{versionNumber}`. */
export const workflowVersions = (t: Tenant) => t.collection<WorkflowVersionDoc>('jira:workflow-versions');
export const roles = (t: Tenant) => t.collection<RoleDoc>(K.roles);
export const groups = (t: Tenant) => t.collection<GroupDoc>(K.groups);
export const filters = (t: Tenant) => t.collection<FilterDoc>(K.filters);
export const boards = (t: Tenant) => t.collection<BoardDoc>(K.boards);
export const sprints = (t: Tenant) => t.collection<SprintDoc>(K.sprints);
export const issues = (t: Tenant) => t.collection<IssueDoc>(K.issues);
export const issueLinks = (t: Tenant) => t.collection<IssueLinkDoc>(K.issueLinks);
export const issueLinkTypes = (t: Tenant) => t.collection<IssueLinkTypeDoc>(K.issueLinkTypes);
export const components = (t: Tenant) => t.collection<ComponentDoc>(K.components);
export const versions = (t: Tenant) => t.collection<VersionDoc>(K.versions);
export const attachments = (t: Tenant) => t.collection<AttachmentDoc>(K.attachments);
export const customFields = (t: Tenant) => t.collection<CustomFieldDoc>(K.customFields);
/** Long-running tasks (TaskProgressBean documents, already shaped for the API). */
export const projectCategories = (t: Tenant) => t.collection<ProjectCategoryDoc>('/rest/api/3/projectCategory');
export const tasks = (t: Tenant) => t.collection<Doc & Record<string, unknown>>(K.tasks);
/** Custom fields not in the trash. */
export const liveCustomFields = (t: Tenant) => customFields(t).filter((d) => !d.trashedAt);
export const changelog = (t: Tenant) => t.collection<ChangeGroupDoc>(K.changelog);
/** Change groups by the issue they changed, so an issue's history costs its own groups. */
const historyIndex = (t: Tenant) => termIndex(changelog(t), 'issue', (g) => [g.issueId]);

/** An issue's change groups, oldest first (a new array the caller may reorder). */
export function historyOf(t: Tenant, issueId: string): ChangeGroupDoc[] {
  const index = historyIndex(t);
  const ids = index.ids(issueId);
  // Most issues have none (a JQL `CHANGED` asks every issue); DTU_CHECK_INDEXES still compares with a scan.
  if (!ids.size && !checkingIndexes) return [];
  return select(changelog(t), index, ids, (g) => g.issueId === issueId);
}

/** An issue's change groups in no particular order, for a question any of them answers (JQL `CHANGED`/`WAS`, a workflow condition). */
export function historyUnordered(t: Tenant, issueId: string): ChangeGroupDoc[] {
  const ids = historyIndex(t).ids(issueId);
  if (!ids.size && !checkingIndexes) return [];
  return matching(changelog(t), ids, (g) => g.issueId === issueId);
}

/** Appends a change group to an issue's history. */
export function recordHistory(t: Tenant, issueId: string, group: ChangeGroup): ChangeGroupDoc {
  return changelog(t).put({ id: group.id, issueId, authorId: group.authorId, created: group.created, items: group.items });
}

/**
 * Deletes a per-issue collection's documents one by one, so a logged write carries just those deletions
 * (`clear()` cannot say which documents went, so it makes the next write the whole site).
 */
export function deleteEach(col: Collection): void {
  for (const id of [...col.iterate()].map((d) => d.id)) col.delete(id);
}

/** Forgets a deleted issue's history. */
export function dropHistory(t: Tenant, issueId: string): void {
  for (const g of historyOf(t, issueId)) changelog(t).delete(g.id);
}

/**
 * Brings a site persisted before the changelog had its own collection (each issue carried its groups in
 * `changelog`) to the current shape, in place: the groups move to the changelog collection, issue by issue
 * in site order, ahead of any already there (those were recorded later). Returns whether anything moved.
 */
export function upgradeSite(data: TenantData): boolean {
  const stored = data.collections[K.issues] as Array<Doc & { changelog?: ChangeGroup[] }> | undefined;
  if (!stored?.some((i) => 'changelog' in i)) return false;
  const moved: ChangeGroupDoc[] = [];
  for (const [n, issue] of stored.entries()) {
    if (!('changelog' in issue)) continue;
    // A copy without the field rather than `delete`, which would leave V8 a slower object for every later read.
    const { changelog: groups, ...rest } = issue;
    for (const g of Array.isArray(groups) ? groups : []) moved.push({ id: g.id, issueId: issue.id, authorId: g.authorId, created: g.created, items: g.items });
    stored[n] = rest;
  }
  const ids = new Set(moved.map((g) => g.id));
  const later = (data.collections[K.changelog] ?? []).filter((g) => !ids.has(g.id));
  if (moved.length || later.length) data.collections[K.changelog] = [...moved, ...later];
  return true;
}

export const comments = (t: Tenant, issueId: string): Collection<CommentDoc> => t.collection<CommentDoc>(K.comments(issueId));
export const worklogs = (t: Tenant, issueId: string): Collection<WorklogDoc> => t.collection<WorklogDoc>(K.worklogs(issueId));

/**
 * Jira's numeric ids are site-wide sequences per entity kind (projects start at
 * 10000, issues at 10000, comments at 10000, …). Counters live in tenant meta so
 * snapshots and resets replay them.
 */
export function nextId(t: Tenant, kind: string, start = 10000): string {
  const counters = t.meta<Record<string, number>>('jira:counters', () => ({}));
  const n = (counters[kind] ?? start - 1) + 1;
  counters[kind] = n;
  t.metaChanged();
  return String(n);
}

/** Classic Atlassian account ids are 24 hex characters; newer ones are `712020:<uuid>`. */
export function newAccountId(t: Tenant, classic: boolean): string {
  return classic ? t.random.hex(24) : `712020:${t.random.uuid()}`;
}

/** API tokens look like Atlassian's: a fixed prefix, a long random body, `=` and an 8-hex checksum. */
export function newApiToken(t: Tenant): string {
  return `ATATT3xFfGF0${t.random.chars(140, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')}=${t.random.hex(8).toUpperCase()}`;
}

export function newAccessToken(t: Tenant): string {
  const part = (n: number) => t.random.chars(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');
  return `eyJ${part(33)}.eyJ${part(220)}.${part(86)}`;
}

/** A table lookup that ignores inherited keys, for keys that come from callers (`constructor`, `__proto__`). */
export function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** An error map that accepts any field name as a plain key. */
export const errorMap = (): Record<string, string> => Object.create(null) as Record<string, string>;

/** Jira's timestamp format: milliseconds and a `+0000` offset (`2024-01-02T03:04:05.678+0000`). */
export function jiraTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toISOString().replace('Z', '+0000');
}

/** Jira dates (due dates) are `yyyy-MM-dd`. */
export function isJiraDate(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
}

export function findUser(t: Tenant, accountId: unknown): UserDoc | undefined {
  return typeof accountId === 'string' ? users(t).get(accountId) : undefined;
}

/** A live (not trashed) project by id or key; keys match case-insensitively, as Jira's do. */
export function findProject(t: Tenant, idOrKey: unknown): ProjectDoc | undefined {
  if (typeof idOrKey !== 'string' && typeof idOrKey !== 'number') return undefined;
  const s = String(idOrKey);
  const upper = s.toUpperCase();
  const p = projects(t).get(s) ?? projects(t).find((x) => x.key.toUpperCase() === upper);
  return p && !p.trashedAt ? p : undefined;
}

/** Issues by upper-cased key, so naming an issue by its key does not read every issue of the site. */
const keyIndex = (t: Tenant) => termIndex(issues(t), 'key', (i) => [i.key.toUpperCase()]);

/** The first issue (in site order) whose upper-cased key is `upper` and that `pred` accepts. */
function withKey(t: Tenant, upper: string, pred: (i: IssueDoc) => boolean): IssueDoc | undefined {
  const index = keyIndex(t);
  return select(issues(t), index, index.ids(upper), (i) => i.key.toUpperCase() === upper && pred(i))[0];
}

/** An issue by id or key (keys case-insensitive), skipping issues of trashed projects. */
export function findIssue(t: Tenant, idOrKey: unknown): IssueDoc | undefined {
  if (typeof idOrKey !== 'string' && typeof idOrKey !== 'number') return undefined;
  const s = String(idOrKey).toUpperCase();
  let issue = issues(t).get(s) ?? withKey(t, s, () => true);
  if (!issue) {
    // After a project key change, the old issue keys keep working.
    const [prefix, num] = s.split('-');
    const moved = num ? projects(t).find((p) => !!p.previousKeys?.includes(prefix)) : undefined;
    if (moved) issue = withKey(t, `${moved.key}-${num}`.toUpperCase(), (i) => i.projectId === moved.id && i.key === `${moved.key}-${num}`);
  }
  if (!issue) return undefined;
  return projects(t).get(issue.projectId)?.trashedAt ? undefined : issue;
}

export const workflowSchemes = (t: Tenant) => t.collection<WorkflowSchemeDoc>('/rest/api/3/workflowscheme');

/** The workflow an issue type follows in a project: its scheme's mapping, else the scheme's default, else the project's own. */
export function workflowOf(t: Tenant, project: ProjectDoc, issueTypeId?: string): WorkflowDoc {
  const scheme = project.workflowSchemeId ? workflowSchemes(t).get(project.workflowSchemeId) : undefined;
  if (scheme) {
    const name = (issueTypeId && scheme.issueTypeMappings[issueTypeId]) || scheme.defaultWorkflow;
    const mapped = workflows(t).find((w) => w.name === name);
    if (mapped) return mapped;
  }
  const wf = workflows(t).get(project.workflowId);
  if (!wf) throw new Error(`project ${project.key} has no workflow ${project.workflowId}`);
  return wf;
}

export function subtasksOf(t: Tenant, issueId: string): IssueDoc[] {
  return issues(t).filter((i) => i.parentId === issueId);
}

export function isSiteAdmin(user: UserDoc | undefined): boolean {
  return !!user?.groups.some((g) => g === 'site-admins' || g.startsWith('jira-admins'));
}
