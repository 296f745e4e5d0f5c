// JSON shapes of Jira resources as the REST API returns them (users, projects, statuses, priorities, issue types, comments, worklogs).
import { CATEGORY } from '../model/status-categories.js';
import { groupIdOf } from '../model/groups.js';
import { projectRoleLinks } from './roles.js';
import type { OpContext } from '../../../../src/core/handler.js';
import type { Tenant } from '../../../../src/core/tenant.js';
import { adfHtml } from '../model/adf.js';
import {
  issueTypes, jiraTime, priorities, projectCategories, projects, statuses, resolutions, users,
  type AttachmentDoc, type CommentDoc, type IssueTypeDoc, type PriorityDoc, type ProjectCategoryDoc, type ProjectDoc, type ResolutionDoc,
  type StatusCategoryKey, type StatusDoc, type UserDoc, type WorklogDoc,
} from '../../store.js';

/** What every presenter needs: the site's state and the URL callers address it by. */
export interface View {
  t: Tenant;
  base: string;
  /** The caller's account id (for `isWatching`, `hasVoted`). */
  me: string;
}

export const viewOf = (ctx: OpContext): View => ({ t: ctx.tenant, base: ctx.baseUrl, me: String(ctx.principal.subject ?? '') });

const api = (v: View, path: string) => `${v.base}/rest/api/3${path}`;

/** Avatar URLs point back at the twin, so nothing an SDK follows leaves it. */
function avatars(v: View, kind: 'user' | 'project', id: string | number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [size, px] of [['48x48', 'large'], ['24x24', 'small'], ['16x16', 'xsmall'], ['32x32', 'medium']] as const) {
    out[size] = kind === 'user'
      ? `${v.base}/secure/useravatar?size=${px}&ownerId=${encodeURIComponent(String(id))}`
      : `${v.base}/rest/api/3/universal_avatar/view/type/project/avatar/${id}?size=${px}`;
  }
  return out;
}

export function userDetails(v: View, u: UserDoc) {
  return {
    self: api(v, `/user?accountId=${encodeURIComponent(u.accountId)}`),
    accountId: u.accountId,
    accountType: u.accountType,
    emailAddress: u.emailAddress,
    avatarUrls: avatars(v, 'user', u.accountId),
    displayName: u.displayName,
    active: u.active,
    timeZone: u.timeZone,
  };
}

/** A user by id as an embedded value; null when unset or the account no longer exists. */
export function userRef(v: View, accountId: string | null | undefined) {
  const u = accountId ? users(v.t).get(accountId) : undefined;
  return u ? userDetails(v, u) : null;
}

/** The full User bean (`GET /user`, `GET /myself`). */
export function userFull(v: View, u: UserDoc, expand: Set<string>) {
  return {
    ...userDetails(v, u),
    locale: u.locale,
    groups: { size: u.groups.length, items: expand.has('groups') ? u.groups.map((name) => ({ name, groupId: groupIdOf(name), self: api(v, `/group?groupId=${groupIdOf(name)}`) })) : [] },
    applicationRoles: { size: 1, items: expand.has('applicationRoles') ? [{ key: 'jira-software', name: 'Jira' }] : [] },
    expand: 'groups,applicationRoles',
  };
}

export function statusCategory(v: View, key: StatusCategoryKey) {
  const c = CATEGORY[key];
  return { self: api(v, `/statuscategory/${c.id}`), id: c.id, key, colorName: c.colorName, name: c.name };
}

export function statusDetails(v: View, s: StatusDoc) {
  return {
    self: api(v, `/status/${s.id}`),
    description: s.description,
    iconUrl: `${v.base}/`,
    name: s.name,
    untranslatedName: s.name,
    id: s.id,
    statusCategory: statusCategory(v, s.category),
  };
}

/**
 * The `JiraStatus` bean of `/statuses*`. jira.js parses it with a strict
 * schema, so exactly these keys: id, name, description, scope, statusCategory.
 */
export function jiraStatus(s: StatusDoc) {
  const cat = s.category === 'new' ? 'TODO' : s.category === 'indeterminate' ? 'IN_PROGRESS' : 'DONE';
  return { id: s.id, name: s.name, description: s.description, scope: { type: 'GLOBAL' as const }, statusCategory: cat as 'TODO' | 'IN_PROGRESS' | 'DONE' };
}

export function statusRef(v: View, id: string) {
  const s = statuses(v.t).get(id);
  return s ? statusDetails(v, s) : null;
}

export function priorityJson(v: View, p: PriorityDoc) {
  return {
    self: api(v, `/priority/${p.id}`),
    statusColor: p.statusColor,
    description: p.description,
    iconUrl: `${v.base}/images/icons/priorities/${p.name.toLowerCase()}_new.svg`,
    name: p.name,
    id: p.id,
    isDefault: p.isDefault,
  };
}

export function priorityRef(v: View, id: string | null) {
  const p = id ? priorities(v.t).get(id) : undefined;
  return p ? { self: api(v, `/priority/${p.id}`), iconUrl: priorityJson(v, p).iconUrl, name: p.name, id: p.id } : null;
}

export function issueTypeJson(v: View, it: IssueTypeDoc) {
  return {
    self: api(v, `/issuetype/${it.id}`),
    id: it.id,
    description: it.description,
    iconUrl: `${v.base}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${it.avatarId}?size=medium`,
    name: it.name,
    subtask: it.subtask,
    avatarId: it.avatarId,
    hierarchyLevel: it.hierarchyLevel,
  };
}

export function issueTypeRef(v: View, id: string) {
  const it = issueTypes(v.t).get(id);
  return it ? issueTypeJson(v, it) : null;
}

export function resolutionJson(v: View, r: ResolutionDoc) {
  return { self: api(v, `/resolution/${r.id}`), id: r.id, description: r.description, name: r.name };
}

export function resolutionRef(v: View, id: string | null) {
  const r = id ? resolutions(v.t).get(id) : undefined;
  return r ? resolutionJson(v, r) : null;
}

/** The compact project of issue fields and search results. */
export function projectRef(v: View, p: ProjectDoc) {
  return {
    self: api(v, `/project/${p.id}`),
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: p.projectTypeKey,
    simplified: false,
    avatarUrls: avatars(v, 'project', projectAvatar(p)),
  };
}

export const projectAvatar = (p: ProjectDoc) => p.avatarId ?? (p.projectTypeKey === 'business' ? 10411 : 10424);

/**
 * The Project bean. `getProject` always includes description, lead and issue
 * types; `project/search` includes them only when expanded.
 */
export function projectJson(v: View, p: ProjectDoc, expand: Set<string>, full: boolean) {
  const out: Record<string, unknown> = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: api(v, `/project/${p.id}`),
    id: p.id,
    key: p.key,
  };
  if (full || expand.has('description')) out.description = p.description;
  if (full || expand.has('lead')) out.lead = userRef(v, p.leadAccountId);
  if (full) {
    // Filled by the project handlers (releases.ts), which know the component and version beans.
    out.components = [];
    out.assigneeType = p.assigneeType;
    out.versions = [];
  }
  if (full || expand.has('issueTypes')) out.issueTypes = p.issueTypeIds.map((id) => issueTypeRef(v, id)).filter(Boolean);
  out.name = p.name;
  if (full) {
    out.roles = projectRoleLinks(v, p);
  }
  out.avatarUrls = avatars(v, 'project', projectAvatar(p));
  const category = p.categoryId ? projectCategories(v.t).get(p.categoryId) : undefined;
  if (category) out.projectCategory = projectCategoryJson(v, category);
  if (expand.has('projectKeys')) out.projectKeys = [p.key];
  if ((full || expand.has('url')) && p.url) out.url = p.url;
  if (expand.has('insight')) out.insight = { totalIssueCount: 0, lastIssueUpdateTime: jiraTime(p.created) };
  out.projectTypeKey = p.projectTypeKey;
  out.simplified = false;
  out.style = 'classic';
  out.isPrivate = false;
  out.properties = {};
  return out;
}

export function projectCategoryJson(v: View, c: ProjectCategoryDoc) {
  return { self: api(v, `/projectCategory/${c.id}`), id: c.id, name: c.name, description: c.description };
}

export const liveProjects = (t: Tenant) => projects(t).filter((p) => !p.trashedAt);

export function commentJson(v: View, c: CommentDoc, expand: Set<string>) {
  const out: Record<string, unknown> = {
    self: api(v, `/issue/${c.issueId}/comment/${c.id}`),
    id: c.id,
    author: userRef(v, c.authorId),
    body: c.body,
    updateAuthor: userRef(v, c.updateAuthorId),
    created: jiraTime(c.created),
    updated: jiraTime(c.updated),
    jsdPublic: true,
  };
  if (c.visibility) out.visibility = c.visibility;
  if (expand.has('renderedBody')) out.renderedBody = adfHtml(c.body);
  return out;
}

export function worklogJson(v: View, w: WorklogDoc) {
  const out: Record<string, unknown> = {
    self: api(v, `/issue/${w.issueId}/worklog/${w.id}`),
    author: userRef(v, w.authorId),
    updateAuthor: userRef(v, w.updateAuthorId),
  };
  if (w.comment !== undefined) out.comment = w.comment;
  Object.assign(out, {
    created: jiraTime(w.created),
    updated: jiraTime(w.updated),
    started: jiraTime(w.started),
    timeSpent: formatDuration(w.timeSpentSeconds),
    timeSpentSeconds: w.timeSpentSeconds,
    id: w.id,
    issueId: w.issueId,
  });
  return out;
}

/**
 * The Attachment bean of issue fields and uploads (`id` a string); `meta`
 * gives the AttachmentMetadata of `GET /attachment/{id}` (`id` a number,
 * `properties`). Only images have thumbnails.
 */
export function attachmentJson(v: View, a: AttachmentDoc, meta = false) {
  return {
    self: api(v, `/attachment/${a.id}`),
    id: meta ? Number(a.id) : a.id,
    filename: a.filename,
    author: userRef(v, a.authorId),
    created: jiraTime(a.created),
    size: a.size,
    mimeType: a.mimeType,
    ...(meta ? { properties: {} } : {}),
    content: api(v, `/attachment/content/${a.id}`),
    ...(a.mimeType.startsWith('image/') ? { thumbnail: api(v, `/attachment/thumbnail/${a.id}`) } : {}),
  };
}

/** Jira's default time tracking: 1d = 8h, 1w = 5d. */
const UNITS: Array<[string, number]> = [['w', 5 * 8 * 3600], ['d', 8 * 3600], ['h', 3600], ['m', 60]];

export function formatDuration(seconds: number): string {
  let rest = Math.max(0, Math.round(seconds));
  const parts: string[] = [];
  for (const [u, s] of UNITS) {
    const n = Math.floor(rest / s);
    if (n) parts.push(`${n}${u}`);
    rest -= n * s;
  }
  return parts.join(' ') || '0m';
}

/** Parses `3h 20m`, `1w 2d`, `90m`, `1.5h`; undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (!s) return undefined;
  let total = 0;
  const re = /(\d+(?:\.\d+)?)\s*([wdhm])\s*/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * UNITS.find(([u]) => u === m![2])![1];
    pos = re.lastIndex;
  }
  if (pos !== s.length) return /^\d+$/.test(s) ? Number(s) * 60 : undefined;
  return Math.round(total);
}

/** Drops keys whose value is undefined, so optional parts vanish from JSON the same way everywhere. */
export function strip<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
