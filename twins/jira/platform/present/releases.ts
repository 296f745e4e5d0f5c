// JSON of project components and versions (full beans and the short forms inside issues), with Jira's derived assignee and date fields.
import type { Tenant } from '../../../../src/core/tenant.js';
import { issuesWithFixVersion, realAssignee } from '../model/releases.js';
import { userRef, type View } from './site.js';
import { components, issues, projects, statuses, versions, type ComponentDoc, type IssueDoc, type ProjectDoc, type VersionDoc } from '../../store.js';

const api = (v: View, path: string) => `${v.base}/rest/api/3${path}`;

/** The ProjectComponent bean. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-components/ */
export function componentJson(v: View, c: ComponentDoc) {
  const p = projects(v.t).get(c.projectId)!;
  const real = realAssignee(v.t, c, p);
  const assignee = c.assigneeType === 'COMPONENT_LEAD' ? c.leadAccountId : c.assigneeType === 'UNASSIGNED' ? null : real.accountId;
  const out: Record<string, unknown> = { self: api(v, `/component/${c.id}`), id: c.id, name: c.name };
  if (c.description) out.description = c.description;
  const lead = userRef(v, c.leadAccountId);
  if (lead) out.lead = lead;
  out.assigneeType = c.assigneeType;
  const a = userRef(v, assignee);
  if (a) out.assignee = a;
  out.realAssigneeType = real.type;
  const ra = userRef(v, real.accountId);
  if (ra) out.realAssignee = ra;
  out.isAssigneeTypeValid = real.valid;
  out.project = p.key;
  out.projectId = Number(p.id);
  return out;
}

/** A component inside an issue's `components`. */
export function componentRef(v: View, c: ComponentDoc) {
  return { self: api(v, `/component/${c.id}`), id: c.id, name: c.name, ...(c.description ? { description: c.description } : {}) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `2010-07-06` → `6/Jul/2010`, the site's display format. */
const userDate = (d: string) => `${Number(d.slice(8, 10))}/${MONTHS[Number(d.slice(5, 7)) - 1]}/${d.slice(0, 4)}`;

/** The Version bean. `overdue` is set for unreleased versions whose release date has passed. */
export function versionJson(v: View, x: VersionDoc, now: Date, expand: Set<string> = new Set()) {
  const out: Record<string, unknown> = { self: api(v, `/version/${x.id}`), id: x.id };
  if (x.description) out.description = x.description;
  out.name = x.name;
  out.archived = x.archived;
  out.released = x.released;
  if (x.startDate) {
    out.startDate = x.startDate;
    out.userStartDate = userDate(x.startDate);
  }
  if (x.releaseDate) {
    out.releaseDate = x.releaseDate;
    out.userReleaseDate = userDate(x.releaseDate);
    out.overdue = !x.released && x.releaseDate < now.toISOString().slice(0, 10);
  }
  out.projectId = Number(x.projectId);
  if (expand.has('issuesstatus')) out.issuesStatusForFixVersion = issuesStatus(v.t, x);
  return out;
}

/** A version inside an issue's `fixVersions`/`versions`. */
export function versionRef(v: View, x: VersionDoc) {
  return {
    self: api(v, `/version/${x.id}`),
    id: x.id,
    ...(x.description ? { description: x.description } : {}),
    name: x.name,
    archived: x.archived,
    released: x.released,
    ...(x.releaseDate ? { releaseDate: x.releaseDate } : {}),
  };
}

/** Counts of the version's fix-version issues by status category (`expand=issuesstatus`). */
function issuesStatus(t: Tenant, x: VersionDoc) {
  const counts = { unmapped: 0, toDo: 0, inProgress: 0, done: 0 };
  for (const i of issuesWithFixVersion(t, x.id)) {
    const cat = statuses(t).get(i.statusId)?.category;
    if (cat === 'new') counts.toDo++;
    else if (cat === 'indeterminate') counts.inProgress++;
    else if (cat === 'done') counts.done++;
    else counts.unmapped++;
  }
  return counts;
}
