// The IssueBean: an issue's fields (selected by `fields=`), and the expansions renderedFields, names, schema, changelog, transitions, editmeta.
import { adfHtml, isAdfDoc } from '../model/adf.js';
import { customField, customSchema } from '../model/custom-fields.js';
import { customMeta, renderCustom } from './custom-fields.js';
import { FIELD_BY_ID, SETTABLE, SYSTEM_FIELDS } from '../model/fields.js';
import { componentRef, versionRef } from './releases.js';
import { projectComponents, projectVersions } from '../model/releases.js';
import {
  attachments, components, comments, historyOf, liveCustomFields, issueLinks, issueLinkTypes, issues, jiraTime, projects, subtasksOf, users, versions, worklogs,
  type ChangeGroup, type IssueDoc,
} from '../../store.js';
import {
  attachmentJson, commentJson, formatDuration, issueTypeRef, priorityRef, projectRef, resolutionRef, statusCategory, statusRef,
  userRef, worklogJson, type View,
} from './site.js';
import { availableTransitions } from '../model/workflow.js';
import { securityLevels } from '../model/permissions.js';
import { transitionJson } from './transitions.js';

export interface RenderOpts {
  select: (fieldId: string) => boolean;
  expand: Set<string>;
  /** The enhanced search's default: only the issue id. */
  idOnly?: boolean;
}

const EXPANDABLE = 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations';
const api = (v: View, path: string) => `${v.base}/rest/api/3${path}`;

/** The short form of an issue inside another issue's fields (parent, sub-tasks, links). */
export function issueRefJson(v: View, i: IssueDoc) {
  return {
    id: i.id,
    key: i.key,
    self: api(v, `/issue/${i.id}`),
    fields: {
      summary: i.summary,
      status: statusRef(v, i.statusId),
      priority: priorityRef(v, i.priorityId),
      issuetype: issueTypeRef(v, i.issueTypeId),
    },
  };
}

export function changeGroupJson(v: View, g: ChangeGroup) {
  return { id: g.id, author: userRef(v, g.authorId), created: jiraTime(g.created), items: g.items };
}

function linksJson(v: View, i: IssueDoc) {
  const out: unknown[] = [];
  for (const l of issueLinks(v.t).filter((x) => x.inwardIssueId === i.id || x.outwardIssueId === i.id)) {
    const type = issueLinkTypes(v.t).get(l.typeId);
    const otherId = l.outwardIssueId === i.id ? l.inwardIssueId : l.outwardIssueId;
    const other = issues(v.t).get(otherId);
    if (!type || !other) continue;
    const side = l.outwardIssueId === i.id ? 'inwardIssue' : 'outwardIssue';
    out.push({
      id: l.id,
      self: api(v, `/issueLink/${l.id}`),
      type: { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: api(v, `/issueLinkType/${type.id}`) },
      [side]: issueRefJson(v, other),
    });
  }
  return out;
}

/** Every field value of an issue, computed lazily so unselected fields cost nothing. */
function fieldValues(v: View, i: IssueDoc): Record<string, () => unknown> {
  const project = projects(v.t).get(i.projectId)!;
  const commentDocs = () => comments(v.t, i.id).values().sort((a, b) => a.created.localeCompare(b.created) || Number(a.id) - Number(b.id));
  const worklogDocs = () => worklogs(v.t, i.id).values();
  const spent = () => worklogDocs().reduce((n, w) => n + w.timeSpentSeconds, 0);
  return {
    summary: () => i.summary,
    issuetype: () => issueTypeRef(v, i.issueTypeId),
    project: () => projectRef(v, project),
    description: () => i.description ?? null,
    environment: () => i.environment ?? null,
    labels: () => [...i.labels],
    assignee: () => userRef(v, i.assigneeId),
    reporter: () => userRef(v, i.reporterId),
    creator: () => userRef(v, i.creatorId),
    priority: () => priorityRef(v, i.priorityId),
    status: () => statusRef(v, i.statusId),
    statusCategory: () => {
      const s = statusRef(v, i.statusId);
      return s ? s.statusCategory : statusCategory(v, 'new');
    },
    resolution: () => resolutionRef(v, i.resolutionId),
    resolutiondate: () => (i.resolutionDate ? jiraTime(i.resolutionDate) : null),
    created: () => jiraTime(i.created),
    updated: () => jiraTime(i.updated),
    statuscategorychangedate: () => jiraTime(i.statusCategoryChangeDate),
    duedate: () => i.dueDate,
    security: () => {
      const l = i.securityLevelId ? securityLevels(v.t).get(i.securityLevelId) : undefined;
      return l ? { self: `${v.base}/rest/api/3/securitylevel/${l.id}`, id: l.id, description: l.description, name: l.name } : undefined;
    },
    parent: () => {
      const p = i.parentId ? issues(v.t).get(i.parentId) : undefined;
      return p ? issueRefJson(v, p) : undefined;
    },
    subtasks: () => subtasksOf(v.t, i.id).map((s) => issueRefJson(v, s)),
    issuelinks: () => linksJson(v, i),
    comment: () => {
      const list = commentDocs();
      return { comments: list.map((c) => commentJson(v, c, new Set())), self: api(v, `/issue/${i.id}/comment`), maxResults: list.length, total: list.length, startAt: 0 };
    },
    worklog: () => {
      const list = worklogDocs();
      return { startAt: 0, maxResults: 20, total: list.length, worklogs: list.slice(0, 20).map((w) => worklogJson(v, w)) };
    },
    watches: () => ({ self: api(v, `/issue/${i.key}/watchers`), watchCount: i.watchers.length, isWatching: i.watchers.includes(v.me) }),
    votes: () => ({ self: api(v, `/issue/${i.key}/votes`), votes: i.voters.length, hasVoted: i.voters.includes(v.me) }),
    attachment: () => attachments(v.t).filter((a) => a.issueId === i.id).sort((a, b) => Number(a.id) - Number(b.id)).map((a) => attachmentJson(v, a)),
    components: () => (i.componentIds ?? []).map((id) => components(v.t).get(id)).filter((c) => !!c).map((c) => componentRef(v, c!)),
    fixVersions: () => (i.fixVersionIds ?? []).map((id) => versions(v.t).get(id)).filter((x) => !!x).map((x) => versionRef(v, x!)),
    versions: () => (i.affectedVersionIds ?? []).map((id) => versions(v.t).get(id)).filter((x) => !!x).map((x) => versionRef(v, x!)),
    timetracking: () => (spent() ? { timeSpent: formatDuration(spent()), timeSpentSeconds: spent() } : {}),
    timespent: () => spent() || null,
    lastViewed: () => null,
  };
}

export function issueJson(v: View, i: IssueDoc, opts: RenderOpts): Record<string, unknown> {
  if (opts.idOnly) return { id: i.id };
  const values = fieldValues(v, i);
  const fields: Record<string, unknown> = {};
  for (const [id, get] of Object.entries(values)) {
    if (!opts.select(id)) continue;
    const value = get();
    if (value !== undefined) fields[id] = value;
  }
  // Every custom field of the site appears (null when unset), as on a site where all have a global context.
  for (const d of liveCustomFields(v.t)) if (opts.select(d.id)) fields[d.id] = renderCustom(v, d, i.extra?.[d.id]);
  const out: Record<string, unknown> = { expand: EXPANDABLE, id: i.id, self: api(v, `/issue/${i.id}`), key: i.key };
  const ex = opts.expand;
  if (ex.has('renderedFields')) {
    const rendered: Record<string, unknown> = {};
    for (const id of Object.keys(fields)) rendered[id] = null;
    if ('description' in fields) rendered.description = i.description ? adfHtml(i.description) : null;
    if ('environment' in fields) rendered.environment = i.environment ? adfHtml(i.environment) : null;
    for (const d of liveCustomFields(v.t)) if (d.id in fields && isAdfDoc(i.extra?.[d.id])) rendered[d.id] = adfHtml(i.extra[d.id]);
    if ('comment' in fields) {
      const c = fields.comment as { comments: Array<Record<string, unknown>> };
      rendered.comment = { ...c, comments: c.comments.map((x) => ({ ...x, body: adfHtml(x.body) })) };
    }
    out.renderedFields = rendered;
  }
  if (ex.has('names')) out.names = fieldNames(v, Object.keys(fields));
  if (ex.has('schema')) out.schema = fieldSchemas(v, Object.keys(fields));
  if (ex.has('transitions')) out.transitions = availableTransitions(v.t, i, users(v.t).get(v.me)).map((tr) => transitionJson(v, tr, ex.has('transitions.fields')));
  if (ex.has('operations')) out.operations = { linkGroups: [] };
  if (ex.has('editmeta')) out.editmeta = editMeta(v, i.projectId);
  if (ex.has('changelog')) {
    const histories = historyOf(v.t, i.id).reverse().map((g) => changeGroupJson(v, g));
    out.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }
  out.fields = fields;
  return out;
}

/** `names` of a result: field id → display name, custom fields included. */
export function fieldNames(v: View, ids: string[]): Record<string, string> {
  return Object.fromEntries(ids.map((id) => [id, FIELD_BY_ID.get(id)?.name ?? customField(v.t, id)?.name ?? id]));
}

/** `schema` of a result: field id → schema, for fields that have one. */
export function fieldSchemas(v: View, ids: string[]): Record<string, unknown> {
  return Object.fromEntries(ids.flatMap((id) => {
    const custom = customField(v.t, id);
    const schema = custom ? customSchema(custom) : FIELD_BY_ID.get(id)?.schema;
    return schema ? [[id, schema]] : [];
  }));
}

/** Edit metadata: which fields the edit (or create) screen offers, with allowed values for the project's components and versions. */
export function editMeta(v: View, projectId: string) {
  const fields: Record<string, unknown> = {};
  for (const d of SYSTEM_FIELDS) {
    if (!SETTABLE.has(d.id) || d.id === 'project' || d.id === 'resolution' || !d.schema) continue;
    fields[d.id] = {
      required: d.id === 'summary' || d.id === 'issuetype',
      schema: d.schema,
      name: d.name,
      key: d.id,
      operations: d.id === 'labels' ? ['add', 'set', 'remove'] : ['set'],
    };
  }
  const list = (id: string, allowedValues: unknown[]) => {
    const d = FIELD_BY_ID.get(id)!;
    fields[id] = { required: false, schema: d.schema, name: d.name, key: id, operations: ['set', 'add', 'remove'], allowedValues };
  };
  list('components', projectComponents(v.t, projectId).map((c) => componentRef(v, c)));
  const open = projectVersions(v.t, projectId).filter((x) => !x.archived).map((x) => versionRef(v, x));
  list('fixVersions', open);
  list('versions', open);
  for (const d of liveCustomFields(v.t)) fields[d.id] = customMeta(v, d);
  return { fields };
}
