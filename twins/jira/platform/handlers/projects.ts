// Projects: create with Jira's key/name/lead validation, read by id or key, search, update (including key changes), delete to trash.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { expandSet } from '../model/fields.js';
import { issueTypeJson, liveProjects, projectJson, statusDetails, viewOf } from '../present/site.js';
import { newBoardFilter, newProject } from '../../seed.js';
import { createBoard } from '../../agile/model/agile.js';
import { componentJson, versionJson } from '../present/releases.js';
import { projectComponents, projectVersions } from '../model/releases.js';
import { attachments, comments, components, deleteEach, dropHistory, issues, issueTypes, versions, own, projectCategories, projects, statuses, users, workflowOf, worklogs, type ProjectDoc } from '../../store.js';
import { emit, intParam, listParam, nowIso, pageBean, projectOr404, requireProjectAdmin, type Ctx } from './common.js';
import { notificationSchemeOr404, useNotificationScheme } from '../model/notification-schemes.js';

const KEY_PATTERN = /^[A-Z][A-Z0-9]+$/;

/** Jira's project key rules, as `errors.projectKey` messages (empty when the key is usable). */
export function projectKeyError(ctx: Ctx, key: unknown, except?: ProjectDoc): string | undefined {
  if (typeof key !== 'string' || !key) return 'You must specify a valid project key.';
  if (key.length > 10) return 'The project key must not exceed 10 characters in length.';
  if (!KEY_PATTERN.test(key)) return 'Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters.';
  // Keys of trashed projects stay reserved until the trash is emptied.
  const holder = projects(ctx.tenant).find((p) => p !== except && (p.key === key || !!p.previousKeys?.includes(key)));
  if (holder) return `Project '${holder.name}' uses this project key.`;
  return undefined;
}

function projectNameError(ctx: Ctx, name: unknown, except?: ProjectDoc): string | undefined {
  if (typeof name !== 'string' || !name.trim()) return 'You must specify a valid project name.';
  if (name.length > 80) return 'The project name must not exceed 80 characters in length.';
  if (name.trim().length < 2) return 'The project name should be at least 2 characters in length.';
  if (liveProjects(ctx.tenant).some((p) => p !== except && p.name.toLowerCase() === name.trim().toLowerCase())) return 'A project with that name already exists.';
  return undefined;
}

function leadError(ctx: Ctx, accountId: unknown): string | undefined {
  const u = typeof accountId === 'string' ? users(ctx.tenant).get(accountId) : undefined;
  return u?.active ? undefined : 'You must specify a valid project lead.';
}

/** Templates imply a type: Jira Software templates make software projects, Jira Work Management ones business projects. */
function typeOf(b: Record<string, unknown>): ProjectDoc['projectTypeKey'] | undefined {
  if (typeof b.projectTypeKey === 'string') return b.projectTypeKey as ProjectDoc['projectTypeKey'];
  const tpl = typeof b.projectTemplateKey === 'string' ? b.projectTemplateKey : '';
  if (tpl.startsWith('com.pyxis.greenhopper')) return 'software';
  if (tpl.startsWith('com.atlassian.jira-core')) return 'business';
  if (tpl.startsWith('com.atlassian.servicedesk')) return 'service_desk';
  return undefined;
}

/** The full Project bean: `projectJson` plus the project's component and version beans. */
function fullProject(ctx: Ctx, p: ProjectDoc, expand: Set<string>) {
  const v = viewOf(ctx);
  const out = projectJson(v, p, expand, true);
  out.components = projectComponents(ctx.tenant, p.id).map((c) => componentJson(v, c));
  out.versions = projectVersions(ctx.tenant, p.id).map((x) => versionJson(v, x, ctx.now()));
  return out;
}

const projectSelf = (ctx: Ctx, p: ProjectDoc) => `${ctx.baseUrl}/rest/api/3/project/${p.id}`;

const ORDER: Record<string, (p: ProjectDoc) => string | number> = {
  key: (p) => p.key,
  name: (p) => p.name.toLowerCase(),
  owner: (p) => p.leadAccountId,
  issueCount: (p) => Number(p.issueCounter),
};

/** A category id from a request, or Jira's 400 when it names no category. */
function categoryIdOf(ctx: Ctx, id: unknown): string {
  if (!projectCategories(ctx.tenant).get(String(id))) throw fieldErrors({ categoryId: `The project category with id '${String(id)}' does not exist.` });
  return String(id);
}

export const projectHandlers = {
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-post */
  createProject: (ctx) => {
    requireProjectAdmin(ctx);
    const b = ctx.body as Record<string, unknown>;
    const errors: Record<string, string> = {};
    const keyErr = projectKeyError(ctx, b.key);
    if (keyErr) errors.projectKey = keyErr;
    const nameErr = projectNameError(ctx, b.name);
    if (nameErr) errors.projectName = nameErr;
    const lead = b.leadAccountId ?? b.lead;
    const lErr = leadError(ctx, lead);
    if (lErr) errors.projectLead = lErr;
    const type = typeOf(b);
    if (!type) errors.projectTypeKey = 'You must specify a valid project type.';
    if (Object.keys(errors).length) throw fieldErrors(errors);
    const notificationScheme = b.notificationScheme === undefined ? undefined : notificationSchemeOr404(ctx.tenant, b.notificationScheme).id;
    const p = newProject(ctx.tenant, {
      key: String(b.key),
      name: String(b.name).trim(),
      type: type === 'software' ? 'software' : 'business',
      leadAccountId: String(lead),
      description: typeof b.description === 'string' ? b.description : '',
      url: typeof b.url === 'string' ? b.url : undefined,
    }, nowIso(ctx));
    if (type === 'service_desk') projects(ctx.tenant).patch(p.id, { projectTypeKey: 'service_desk' });
    if (b.assigneeType === 'PROJECT_LEAD') projects(ctx.tenant).patch(p.id, { assigneeType: 'PROJECT_LEAD' });
    if (b.categoryId !== undefined) projects(ctx.tenant).patch(p.id, { categoryId: categoryIdOf(ctx, b.categoryId) });
    if (notificationScheme) useNotificationScheme(ctx.tenant, p.id, notificationScheme);
    // Jira Software's scrum and kanban templates come with a board on a `project = KEY` filter.
    const template = typeof b.projectTemplateKey === 'string' ? b.projectTemplateKey : '';
    const boardType = /scrum/.test(template) ? 'scrum' : /kanban/.test(template) ? 'kanban' : undefined;
    if (type === 'software' && boardType) {
      const filter = newBoardFilter(ctx.tenant, p, p.leadAccountId);
      createBoard(ctx.tenant, { name: `${p.key} board`, type: boardType, filterId: filter.id, projectId: p.id });
    }
    // ProjectIdentifiers: the id is a number here, unlike everywhere else.
    emit(ctx, { kind: 'project', action: 'created', project: p });
    return { status: 201, body: { self: projectSelf(ctx, p), id: Number(p.id), key: p.key } };
  },

  getProject: (ctx) => ({ body: fullProject(ctx, projectOr404(ctx, ctx.params.projectIdOrKey), expandSet(ctx.query.expand)) }),

  getAllProjects: (ctx) => {
    const v = viewOf(ctx);
    const ex = expandSet(ctx.query.expand);
    return { body: liveProjects(ctx.tenant).map((p) => projectJson(v, p, ex, false)) };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get */
  searchProjects: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    const startAt = intParam(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(q.maxResults, 50, 1, 100);
    const status = listParam(q.status);
    const wantLive = !status.length || status.includes('live');
    const wantDeleted = status.includes('deleted');
    const keys = listParam(q.keys).map((k) => k.toUpperCase());
    const ids = listParam(q.id);
    const text = typeof q.query === 'string' ? q.query.toLowerCase() : '';
    const wantArchived = status.includes('archived');
    let list = projects(ctx.tenant).filter((p) => (p.trashedAt ? wantDeleted : p.archivedAt ? wantArchived : wantLive))
      .filter((p) => !keys.length || keys.includes(p.key))
      .filter((p) => !ids.length || ids.includes(p.id))
      .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
      .filter((p) => typeof q.typeKey !== 'string' || listParam(q.typeKey).includes(p.projectTypeKey))
      .filter((p) => q.categoryId === undefined || p.categoryId === String(q.categoryId));
    const orderBy = typeof q.orderBy === 'string' ? q.orderBy : 'key';
    const desc = orderBy.startsWith('-');
    const by = own(ORDER, orderBy.replace(/^[-+]/, '')) ?? ORDER.key;
    list = [...list].sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0) * (desc ? -1 : 1));
    const v = viewOf(ctx);
    const ex = expandSet(q.expand);
    return { body: pageBean(ctx, list.map((p) => projectJson(v, p, ex, false)), startAt, maxResults) };
  },

  /** Changing the key renames every issue key; the old keys keep resolving, as in Jira. */
  updateProject: (ctx) => {
    requireProjectAdmin(ctx);
    const p = projectOr404(ctx, ctx.params.projectIdOrKey);
    const b = ctx.body as Record<string, unknown>;
    const errors: Record<string, string> = {};
    if (b.key !== undefined && b.key !== p.key) {
      const e = projectKeyError(ctx, b.key, p);
      if (e) errors.projectKey = e;
    }
    if (b.name !== undefined) {
      const e = projectNameError(ctx, b.name, p);
      if (e) errors.projectName = e;
    }
    const lead = b.leadAccountId ?? b.lead;
    if (lead !== undefined) {
      const e = leadError(ctx, lead);
      if (e) errors.projectLead = e;
    }
    if (Object.keys(errors).length) throw fieldErrors(errors);
    if (b.notificationScheme !== undefined) useNotificationScheme(ctx.tenant, p.id, notificationSchemeOr404(ctx.tenant, b.notificationScheme).id);
    if (typeof b.key === 'string' && b.key !== p.key) {
      const old = p.key;
      p.previousKeys = [...(p.previousKeys ?? []), old];
      for (const i of issues(ctx.tenant).filter((x) => x.projectId === p.id)) issues(ctx.tenant).patch(i.id, { key: `${b.key}-${i.key.split('-')[1]}` });
      p.key = b.key;
    }
    if (typeof b.name === 'string') p.name = b.name.trim();
    if (typeof b.description === 'string') p.description = b.description;
    if (typeof lead === 'string') p.leadAccountId = lead;
    if (b.assigneeType === 'PROJECT_LEAD' || b.assigneeType === 'UNASSIGNED') p.assigneeType = b.assigneeType;
    if (typeof b.url === 'string') p.url = b.url;
    if (b.categoryId !== undefined) p.categoryId = b.categoryId === null ? undefined : categoryIdOf(ctx, b.categoryId);
    // Released keys stop resolving to this project (and become free for others).
    if (Array.isArray(b.releasedProjectKeys)) p.previousKeys = (p.previousKeys ?? []).filter((k) => !(b.releasedProjectKeys as unknown[]).includes(k));
    projects(ctx.tenant).put(p);
    emit(ctx, { kind: 'project', action: 'updated', project: p });
    return { body: fullProject(ctx, p, expandSet(ctx.query.expand)) };
  },

  /**
   * Jira Cloud moves deleted projects to the trash (restorable for 60 days);
   * `enableUndo=false` deletes at once, issues included.
   */
  deleteProject: (ctx) => {
    requireProjectAdmin(ctx);
    const p = projectOr404(ctx, ctx.params.projectIdOrKey);
    emit(ctx, { kind: 'project', action: 'deleted', project: p });
    if (ctx.query.enableUndo === false) {
      for (const i of issues(ctx.tenant).filter((x) => x.projectId === p.id)) {
        deleteEach(comments(ctx.tenant, i.id));
        deleteEach(worklogs(ctx.tenant, i.id));
        dropHistory(ctx.tenant, i.id);
        for (const a of attachments(ctx.tenant).filter((x) => x.issueId === i.id)) attachments(ctx.tenant).delete(a.id);
        issues(ctx.tenant).delete(i.id);
      }
      for (const c of components(ctx.tenant).filter((x) => x.projectId === p.id)) components(ctx.tenant).delete(c.id);
      for (const x of versions(ctx.tenant).filter((y) => y.projectId === p.id)) versions(ctx.tenant).delete(x.id);
      projects(ctx.tenant).delete(p.id);
    } else {
      projects(ctx.tenant).patch(p.id, { trashedAt: nowIso(ctx) });
    }
    return { status: 204 };
  },

  /** Statuses per issue type of the project: those of its workflow. */
  getAllStatuses: (ctx) => {
    const p = projectOr404(ctx, ctx.params.projectIdOrKey);
    const v = viewOf(ctx);
    const wf = workflowOf(ctx.tenant, p);
    const sts = wf.statusIds.map((id) => statuses(ctx.tenant).get(id)).filter((s) => !!s).map((s) => statusDetails(v, s!));
    return {
      body: p.issueTypeIds.map((id) => {
        const it = issueTypes(ctx.tenant).get(id)!;
        const j = issueTypeJson(v, it);
        return { self: j.self, id: it.id, name: it.name, subtask: it.subtask, statuses: sts };
      }),
    };
  },

  /** Restores a project from the trash, issues and all. */
  restore: (ctx) => {
    requireProjectAdmin(ctx);
    const id = ctx.params.projectIdOrKey.toUpperCase();
    const p = projects(ctx.tenant).find((x) => x.id === id || x.key === id);
    if (!p) throw jiraError(404, [/^\d+$/.test(id) ? `No project could be found with id '${id}'.` : `No project could be found with key '${id}'.`]);
    if (!p.trashedAt) throw jiraError(400, [`The project '${p.key}' is not in the trash.`]);
    delete p.trashedAt;
    projects(ctx.tenant).put(p);
    return { body: fullProject(ctx, p, new Set()) };
  },

  /** An ErrorCollection with 200: empty when the key is free, else why not. */
  validateProjectKey: (ctx) => {
    const e = projectKeyError(ctx, ctx.query.key);
    return { body: { errorMessages: [], errors: e ? { projectKey: e } : {} } };
  },
} satisfies Handlers;
