// The system fields Jira exposes (ids, names, schemas, JQL clause names) and how a `fields=` list selects among them.

export interface FieldSchema {
  type: string;
  system?: string;
  items?: string;
}

export interface FieldDef {
  id: string;
  name: string;
  schema?: FieldSchema;
  navigable: boolean;
  orderable: boolean;
  searchable: boolean;
  clauseNames: string[];
}

const f = (id: string, name: string, schema: FieldSchema | undefined, clauseNames: string[], opts: Partial<FieldDef> = {}): FieldDef => ({
  id, name, schema, clauseNames, navigable: true, orderable: true, searchable: true, ...opts,
});

/** Mirrors `GET /rest/api/3/field` for the system fields the twin models. */
export const SYSTEM_FIELDS: FieldDef[] = [
  f('issuekey', 'Key', undefined, ['id', 'issue', 'issuekey', 'key'], { orderable: false }),
  f('summary', 'Summary', { type: 'string', system: 'summary' }, ['summary']),
  f('issuetype', 'Issue Type', { type: 'issuetype', system: 'issuetype' }, ['issuetype', 'type']),
  f('project', 'Project', { type: 'project', system: 'project' }, ['project']),
  f('description', 'Description', { type: 'string', system: 'description' }, ['description']),
  f('environment', 'Environment', { type: 'string', system: 'environment' }, ['environment']),
  f('labels', 'Labels', { type: 'array', items: 'string', system: 'labels' }, ['labels']),
  f('assignee', 'Assignee', { type: 'user', system: 'assignee' }, ['assignee']),
  f('reporter', 'Reporter', { type: 'user', system: 'reporter' }, ['reporter']),
  f('creator', 'Creator', { type: 'user', system: 'creator' }, ['creator'], { orderable: false }),
  f('priority', 'Priority', { type: 'priority', system: 'priority' }, ['priority']),
  f('status', 'Status', { type: 'status', system: 'status' }, ['status'], { orderable: false }),
  f('statusCategory', 'Status Category', undefined, ['statusCategory'], { orderable: false, navigable: false }),
  f('resolution', 'Resolution', { type: 'resolution', system: 'resolution' }, ['resolution']),
  f('resolutiondate', 'Resolved', { type: 'datetime', system: 'resolutiondate' }, ['resolutiondate', 'resolved'], { orderable: false }),
  f('created', 'Created', { type: 'datetime', system: 'created' }, ['created', 'createdDate'], { orderable: false }),
  f('updated', 'Updated', { type: 'datetime', system: 'updated' }, ['updated', 'updatedDate'], { orderable: false }),
  f('statuscategorychangedate', 'Status Category Changed', { type: 'datetime', system: 'statuscategorychangedate' }, ['statusCategoryChangedDate'], { orderable: false }),
  f('duedate', 'Due date', { type: 'date', system: 'duedate' }, ['due', 'duedate']),
  f('parent', 'Parent', { type: 'issuelink', system: 'parent' }, ['parent']),
  f('subtasks', 'Sub-tasks', { type: 'array', items: 'issuelinks', system: 'subtasks' }, ['subtasks'], { orderable: false }),
  f('issuelinks', 'Linked Issues', { type: 'array', items: 'issuelinks', system: 'issuelinks' }, ['issueLink']),
  f('comment', 'Comment', { type: 'comments-page', system: 'comment' }, ['comment'], { navigable: false }),
  f('worklog', 'Log Work', { type: 'array', items: 'worklog', system: 'worklog' }, ['worklogAuthor', 'worklogComment', 'worklogDate'], { navigable: false }),
  f('watches', 'Watchers', { type: 'watches', system: 'watches' }, ['watchers'], { orderable: false }),
  f('votes', 'Votes', { type: 'votes', system: 'votes' }, ['votes'], { orderable: false }),
  f('attachment', 'Attachment', { type: 'array', items: 'attachment', system: 'attachment' }, ['attachments'], { navigable: false }),
  f('components', 'Components', { type: 'array', items: 'component', system: 'components' }, ['component']),
  f('fixVersions', 'Fix versions', { type: 'array', items: 'version', system: 'fixVersions' }, ['fixVersion']),
  f('versions', 'Affects versions', { type: 'array', items: 'version', system: 'versions' }, ['affectedVersion']),
  f('security', 'Security Level', { type: 'securitylevel', system: 'security' }, ['level']),
  f('timetracking', 'Time tracking', { type: 'timetracking', system: 'timetracking' }, [], { navigable: false, searchable: false }),
  f('timespent', 'Time Spent', { type: 'number', system: 'timespent' }, ['timespent'], { orderable: false }),
  f('lastViewed', 'Last Viewed', { type: 'datetime', system: 'lastViewed' }, ['lastViewed'], { orderable: false }),
];

export const FIELD_BY_ID = new Map(SYSTEM_FIELDS.map((d) => [d.id, d]));

/** Fields an issue body may set on create/edit (everything else is read-only or unmodelled). */
export const SETTABLE = new Set(['summary', 'issuetype', 'project', 'description', 'environment', 'labels', 'assignee', 'reporter', 'priority', 'duedate', 'parent', 'resolution', 'security']);

/** The field list of the `GET /field` answer. */
export function fieldJson(d: FieldDef) {
  const out: Record<string, unknown> = {
    id: d.id,
    key: d.id,
    name: d.name,
    custom: false,
    orderable: d.orderable,
    navigable: d.navigable,
    searchable: d.searchable,
    clauseNames: d.clauseNames,
  };
  if (d.schema) out.schema = d.schema;
  return out;
}

/**
 * A `fields` parameter as Jira reads it: comma-separated (and repeatable)
 * names, `*all`, `*navigable`, and `-name` to exclude. Unknown names are
 * ignored, as Jira does.
 */
export function fieldSelector(raw: unknown, dflt: '*all' | '*navigable' | 'id'): (id: string) => boolean {
  const tokens = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw])
    .flatMap((x) => String(x).split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const include = new Set<string>();
  const exclude = new Set<string>();
  let all = false;
  let navigable = false;
  const positives = tokens.filter((t) => !t.startsWith('-'));
  for (const t of positives.length ? positives : [dflt]) {
    if (t === '*all') all = true;
    else if (t === '*navigable') navigable = true;
    else include.add(t);
  }
  for (const t of tokens) if (t.startsWith('-')) exclude.add(t.slice(1));
  return (id) => {
    if (exclude.has(id)) return false;
    if (all || include.has(id)) return true;
    return navigable && (FIELD_BY_ID.get(id)?.navigable ?? true);
  };
}

/** A comma-separated (or repeated) expand parameter as a set. */
export function expandSet(raw: unknown): Set<string> {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
  return new Set(list.flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean));
}
