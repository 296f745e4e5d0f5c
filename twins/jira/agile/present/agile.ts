// Agile objects as /rest/agile/1.0 shows them: boards (and their configuration), sprints, epics, and issues with their sprint and epic fields.
import { fieldSelector } from '../../platform/model/fields.js';
import { issueJson } from '../../platform/present/issue.js';
import { projectAvatar, type View } from '../../platform/present/site.js';
import { projects, sprints, statuses, type BoardDoc, type IssueDoc, type SprintDoc } from '../../store.js';
import { closedSprintsOf, epicOf, isDone, openSprintOf } from '../model/agile.js';

const agile = (v: View, path: string) => `${v.base}/rest/agile/1.0${path}`;

export function boardJson(v: View, b: BoardDoc) {
  const p = projects(v.t).get(b.projectId);
  return {
    id: Number(b.id),
    self: agile(v, `/board/${b.id}`),
    name: b.name,
    type: b.type,
    ...(p
      ? {
          location: {
            projectId: Number(p.id),
            displayName: `${p.name} (${p.key})`,
            projectName: p.name,
            projectKey: p.key,
            projectTypeKey: p.projectTypeKey,
            avatarURI: `/rest/api/2/universal_avatar/view/type/project/avatar/${projectAvatar(p)}?size=small`,
            name: `${p.name} (${p.key})`,
          },
        }
      : {}),
    isPrivate: false,
  };
}

/** Columns follow the status categories, each holding the site's statuses of that category. */
export function boardConfigurationJson(v: View, b: BoardDoc) {
  const p = projects(v.t).get(b.projectId);
  const column = (name: string, cat: string) => ({
    name,
    statuses: statuses(v.t).filter((s) => s.category === cat).map((s) => ({ id: s.id, self: `${v.base}/rest/api/3/status/${s.id}` })),
  });
  const columns = b.type === 'kanban'
    ? [column('Backlog', 'new'), column('In Progress', 'indeterminate'), column('Done', 'done')]
    : [column('To Do', 'new'), column('In Progress', 'indeterminate'), column('Done', 'done')];
  return {
    id: Number(b.id),
    name: b.name,
    type: b.type,
    self: agile(v, `/board/${b.id}/configuration`),
    ...(p ? { location: { type: 'project', key: p.key, id: p.id, self: `${v.base}/rest/api/3/project/${p.id}`, name: p.name } } : {}),
    filter: { id: b.filterId, self: `${v.base}/rest/api/3/filter/${b.filterId}` },
    ...(b.type === 'kanban' ? { subQuery: { query: 'fixVersion in unreleasedVersions() OR fixVersion is EMPTY' } } : {}),
    columnConfig: { columns, constraintType: 'issueCount' },
    ...(b.type === 'scrum' ? { estimation: { type: 'field', field: { fieldId: 'customfield_10016', displayName: 'Story point estimate' } } } : {}),
    ranking: { rankCustomFieldId: 10019 },
  };
}

/** Agile writes dates as ISO-8601 with milliseconds and `Z`. */
const iso = (s: string) => new Date(s).toISOString();

export function sprintJson(v: View, s: SprintDoc) {
  return {
    id: Number(s.id),
    self: agile(v, `/sprint/${s.id}`),
    state: s.state,
    name: s.name,
    ...(s.startDate ? { startDate: iso(s.startDate) } : {}),
    ...(s.endDate ? { endDate: iso(s.endDate) } : {}),
    ...(s.completeDate ? { completeDate: iso(s.completeDate) } : {}),
    createdDate: iso(s.createdDate),
    originBoardId: Number(s.originBoardId),
    goal: s.goal,
  };
}

export function epicJson(v: View, e: IssueDoc) {
  return {
    id: Number(e.id),
    key: e.key,
    self: agile(v, `/epic/${e.id}`),
    name: e.summary,
    summary: e.summary,
    color: { key: `color_${(Number(e.id) % 14) + 1}` },
    done: isDone(v.t, e),
  };
}

/** The platform issue bean plus Agile's fields: sprint, closedSprints, epic, flagged. */
export function agileIssueJson(v: View, i: IssueDoc, fields?: unknown, expand: Set<string> = new Set()) {
  const select = fieldSelector(fields, '*navigable');
  const out = issueJson(v, i, { select, expand });
  const f = (out.fields ?? {}) as Record<string, unknown>;
  const open = openSprintOf(v.t, i);
  if (select('sprint')) f.sprint = open ? sprintJson(v, open) : null;
  if (select('closedSprints')) f.closedSprints = closedSprintsOf(v.t, i).map((s) => sprintJson(v, s));
  const epic = epicOf(v.t, i);
  if (select('epic')) f.epic = epic ? epicJson(v, epic) : null;
  if (select('flagged')) f.flagged = false;
  // Jira Software's own custom fields: Rank, Sprint and Story point estimate (ids as on Cloud sites).
  if (select('customfield_10019')) f.customfield_10019 = i.rank ?? null;
  if (select('customfield_10020')) f.customfield_10020 = i.sprintIds?.length ? i.sprintIds.map((id) => sprints(v.t).get(id)).filter((s): s is SprintDoc => !!s).map((s) => ({ id: Number(s.id), name: s.name, state: s.state, boardId: Number(s.originBoardId), goal: s.goal })) : null;
  if (select('customfield_10016')) f.customfield_10016 = typeof i.extra?.customfield_10016 === 'number' ? i.extra.customfield_10016 : null;
  out.fields = f;
  return out;
}
