// Project versions: create, read, update (release, archive), order, merge, delete with replacement, issue counts, and the project's version lists.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { expandSet } from '../model/fields.js';
import { viewOf } from '../present/site.js';
import { versionJson } from '../present/releases.js';
import { issuesWithAffectedVersion, issuesWithFixVersion, projectVersions } from '../model/releases.js';
import { errorMap, findProject, own, isJiraDate, isSiteAdmin, nextId, statuses, versions, type ChangeItem, type IssueDoc, type VersionDoc } from '../../store.js';
import { emit, intParam, listParam, me, pageBean, projectOr404, recordChange, type Ctx } from './common.js';

/**
 * Messages as Jira's REST client tests record them (JerseyVersionClientTest)
 * and the reference https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/
 */
const M = {
  notFound: (id: string) => `Could not find version for id '${id}'`,
  duplicate: 'A version with this name already exists in this project.',
  noName: 'You must specify a valid version name',
  noProject: (k: string) => `Project with ${/^\d+$/.test(k) ? 'id' : 'key'} '${k}' either does not exist or you do not have permission to create versions in it.`,
  forbidden: 'You must have global or project administrator rights in order to modify versions.',
  selfMove: 'You cannot move the issues to the version being deleted.',
  missingFix: (id: string) => `The fix version with id ${id} does not exist.`,
  missingAffects: (id: string) => `The affects version with id ${id} does not exist.`,
  badDate: (f: string) => `The ${f === 'releaseDate' ? 'release' : 'start'} date is invalid. Use the format yyyy-MM-dd.`,
};

export function versionOr404(ctx: Ctx, id: string): VersionDoc {
  const x = versions(ctx.tenant).get(id);
  if (!x || !findProject(ctx.tenant, x.projectId)) throw jiraError(404, [M.notFound(id)]);
  return x;
}

function requireAdmin(ctx: Ctx): void {
  if (!isSiteAdmin(me(ctx))) throw jiraError(403, [M.forbidden]);
}

function versionInput(ctx: Ctx, b: Record<string, unknown>, projectId: string, self?: VersionDoc): Partial<VersionDoc> {
  const errors = errorMap();
  const out: Partial<VersionDoc> = {};
  if (!self || b.name !== undefined) {
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name) errors.name = M.noName;
    else if (name.length > 255) errors.name = 'The version name must not exceed 255 characters.';
    else if (versions(ctx.tenant).find((x) => x.projectId === projectId && x.id !== self?.id && x.name.toLowerCase() === name.toLowerCase())) errors.name = M.duplicate;
    else out.name = name;
  }
  if (typeof b.description === 'string') out.description = b.description;
  for (const f of ['releaseDate', 'startDate'] as const) {
    if (b[f] === undefined) continue;
    if (b[f] === null || b[f] === '') out[f] = null;
    else if (!isJiraDate(b[f])) errors[f] = M.badDate(f);
    else out[f] = b[f] as string;
  }
  const start = out.startDate !== undefined ? out.startDate : self?.startDate;
  const release = out.releaseDate !== undefined ? out.releaseDate : self?.releaseDate;
  if (start && release && start > release && !errors.startDate) errors.startDate = 'The start date must be before the release date.';
  if (typeof b.released === 'boolean') out.released = b.released;
  if (typeof b.archived === 'boolean') out.archived = b.archived;
  if (Object.keys(errors).length) throw fieldErrors(errors);
  return out;
}

/** Swaps a version for another (or removes it) on every issue that has it, with changelog entries. */
function replaceOnIssues(ctx: Ctx, list: IssueDoc[], key: 'fixVersionIds' | 'affectedVersionIds', from: VersionDoc, to: VersionDoc | undefined): void {
  const field = key === 'fixVersionIds' ? 'Fix Version' : 'Version';
  const fieldId = key === 'fixVersionIds' ? 'fixVersions' : 'versions';
  for (const issue of list) {
    const rest = (issue[key] ?? []).filter((x) => x !== from.id);
    const items: ChangeItem[] = [{ field, fieldtype: 'jira', fieldId, from: from.id, fromString: from.name, to: null, toString: null }];
    if (to && !rest.includes(to.id)) {
      rest.push(to.id);
      items.push({ field, fieldtype: 'jira', fieldId, from: null, fromString: null, to: to.id, toString: to.name });
    }
    issue[key] = rest;
    recordChange(ctx, issue, items);
  }
}

/** A replacement named by id (query parameters and removeAndSwap); must be another version of the same project. */
function replacement(ctx: Ctx, x: VersionDoc, raw: unknown, missing: (id: string) => string): VersionDoc | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const id = String(raw);
  if (id === x.id) throw jiraError(400, [M.selfMove]);
  const to = versions(ctx.tenant).get(id);
  if (!to || to.projectId !== x.projectId) throw jiraError(400, [missing(id)]);
  return to;
}

function remove(ctx: Ctx, x: VersionDoc, fixTo: VersionDoc | undefined, affectsTo: VersionDoc | undefined) {
  replaceOnIssues(ctx, issuesWithFixVersion(ctx.tenant, x.id), 'fixVersionIds', x, fixTo);
  replaceOnIssues(ctx, issuesWithAffectedVersion(ctx.tenant, x.id), 'affectedVersionIds', x, affectsTo);
  versions(ctx.tenant).delete(x.id);
  emit(ctx, { kind: 'version', action: 'deleted', version: x });
  return { status: 204 };
}

const isUnresolved = (ctx: Ctx, i: IssueDoc) => statuses(ctx.tenant).get(i.statusId)?.category !== 'done';

const ORDER: Record<string, (x: VersionDoc) => string | number> = {
  sequence: (x) => x.sequence,
  name: (x) => x.name.toLowerCase(),
  description: (x) => x.description.toLowerCase(),
  releaseDate: (x) => x.releaseDate ?? '9999',
  startDate: (x) => x.startDate ?? '9999',
};

export const versionHandlers = {
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-version-post */
  createVersion: (ctx) => {
    const b = (ctx.body ?? {}) as Record<string, unknown>;
    const key = b.projectId !== undefined ? String(b.projectId) : typeof b.project === 'string' ? b.project : '';
    if (!key) throw jiraError(400, ['A project must be specified to create a version.']);
    const p = findProject(ctx.tenant, key);
    if (!p) throw jiraError(404, [M.noProject(key)]);
    requireAdmin(ctx);
    const input = versionInput(ctx, b, p.id);
    const last = projectVersions(ctx.tenant, p.id).at(-1);
    const x = versions(ctx.tenant).put({
      id: nextId(ctx.tenant, 'version'),
      projectId: p.id,
      name: input.name!,
      description: input.description ?? '',
      archived: input.archived ?? false,
      released: input.released ?? false,
      releaseDate: input.releaseDate ?? null,
      startDate: input.startDate ?? null,
      sequence: (last?.sequence ?? 0) + 1,
    });
    emit(ctx, { kind: 'version', action: 'created', version: x });
    return { status: 201, body: versionJson(viewOf(ctx), x, ctx.now()) };
  },

  getVersion: (ctx) => ({ body: versionJson(viewOf(ctx), versionOr404(ctx, ctx.params.id), ctx.now(), expandSet(ctx.query.expand)) }),

  /** Releasing with `moveUnfixedIssuesTo` carries the unresolved issues over to that version. */
  updateVersion: (ctx) => {
    const x = versionOr404(ctx, ctx.params.id);
    requireAdmin(ctx);
    const b = (ctx.body ?? {}) as Record<string, unknown>;
    const input = versionInput(ctx, b, x.projectId, x);
    const moveTo = typeof b.moveUnfixedIssuesTo === 'string' ? /\/version\/(\d+)\/?$/.exec(b.moveUnfixedIssuesTo)?.[1] : undefined;
    const target = moveTo ? replacement(ctx, x, moveTo, M.missingFix) : undefined;
    if (target) replaceOnIssues(ctx, issuesWithFixVersion(ctx.tenant, x.id).filter((i) => isUnresolved(ctx, i)), 'fixVersionIds', x, target);
    const wasReleased = x.released;
    Object.assign(x, input);
    versions(ctx.tenant).put(x);
    // Releasing or unreleasing is its own event; any other change is jira:version_updated.
    emit(ctx, { kind: 'version', action: x.released === wasReleased ? 'updated' : x.released ? 'released' : 'unreleased', version: x });
    return { body: versionJson(viewOf(ctx), x, ctx.now()) };
  },

  /** Deprecated, still served: the replacements come as query parameters. */
  deleteVersion: (ctx) => {
    const x = versionOr404(ctx, ctx.params.id);
    requireAdmin(ctx);
    return remove(ctx, x, replacement(ctx, x, ctx.query.moveFixIssuesTo, M.missingFix), replacement(ctx, x, ctx.query.moveAffectedIssuesTo, M.missingAffects));
  },

  deleteAndReplaceVersion: (ctx) => {
    const x = versionOr404(ctx, ctx.params.id);
    requireAdmin(ctx);
    const b = (ctx.body ?? {}) as { moveFixIssuesTo?: unknown; moveAffectedIssuesTo?: unknown };
    return remove(ctx, x, replacement(ctx, x, b.moveFixIssuesTo, M.missingFix), replacement(ctx, x, b.moveAffectedIssuesTo, M.missingAffects));
  },

  /** Merging moves both fix and affects issues to the target, then deletes the version. */
  mergeVersions: (ctx) => {
    const x = versionOr404(ctx, ctx.params.id);
    requireAdmin(ctx);
    const to = replacement(ctx, x, ctx.params.moveIssuesTo, M.missingFix);
    return remove(ctx, x, to, to);
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-version-id-move-post */
  moveVersion: (ctx) => {
    const x = versionOr404(ctx, ctx.params.id);
    requireAdmin(ctx);
    const b = (ctx.body ?? {}) as { position?: string; after?: string };
    const list = projectVersions(ctx.tenant, x.projectId).filter((y) => y.id !== x.id);
    const at = projectVersions(ctx.tenant, x.projectId).findIndex((y) => y.id === x.id);
    let index: number;
    if (typeof b.after === 'string') {
      const afterId = /\/version\/(\d+)\/?$/.exec(b.after)?.[1] ?? b.after;
      const i = list.findIndex((y) => y.id === afterId);
      if (i < 0) throw jiraError(404, [M.notFound(afterId)]);
      index = i + 1;
    } else if (b.position === 'First') index = 0;
    else if (b.position === 'Last') index = list.length;
    else if (b.position === 'Earlier') index = Math.max(0, at - 1);
    else if (b.position === 'Later') index = Math.min(list.length, at + 1);
    else throw jiraError(400, ["A version position ('First', 'Last', 'Earlier', 'Later') or 'after' is required."]);
    list.splice(index, 0, x);
    list.forEach((y, n) => versions(ctx.tenant).patch(y.id, { sequence: n + 1 }));
    emit(ctx, { kind: 'version', action: 'moved', version: versions(ctx.tenant).get(x.id)! });
    return { body: versionJson(viewOf(ctx), versions(ctx.tenant).get(x.id)!, ctx.now()) };
  },

  getVersionRelatedIssues: (ctx) => {
    const x = versionOr404(ctx, ctx.params.id);
    return {
      body: {
        self: `${ctx.baseUrl}/rest/api/3/version/${x.id}`,
        issuesFixedCount: issuesWithFixVersion(ctx.tenant, x.id).length,
        issuesAffectedCount: issuesWithAffectedVersion(ctx.tenant, x.id).length,
        issueCountWithCustomFieldsShowingVersion: 0,
        customFieldUsage: [],
      },
    };
  },

  getVersionUnresolvedIssues: (ctx) => {
    const x = versionOr404(ctx, ctx.params.id);
    const fixed = issuesWithFixVersion(ctx.tenant, x.id);
    return { body: { self: `${ctx.baseUrl}/rest/api/3/version/${x.id}`, issuesCount: fixed.length, issuesUnresolvedCount: fixed.filter((i) => isUnresolved(ctx, i)).length } };
  },

  getProjectVersions: (ctx) => {
    const p = projectOr404(ctx, ctx.params.projectIdOrKey);
    const v = viewOf(ctx);
    return { body: projectVersions(ctx.tenant, p.id).map((x) => versionJson(v, x, ctx.now())) };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-versions/#api-rest-api-3-project-projectidorkey-version-get */
  getProjectVersionsPaginated: (ctx) => {
    const p = projectOr404(ctx, ctx.params.projectIdOrKey);
    const q = typeof ctx.query.query === 'string' ? ctx.query.query.toLowerCase() : '';
    const status = listParam(ctx.query.status);
    let list = projectVersions(ctx.tenant, p.id)
      .filter((x) => !q || x.name.toLowerCase().includes(q) || x.description.toLowerCase().includes(q))
      .filter((x) => !status.length || status.some((s) => (s === 'released' && x.released && !x.archived) || (s === 'unreleased' && !x.released && !x.archived) || (s === 'archived' && x.archived)));
    const orderBy = typeof ctx.query.orderBy === 'string' ? ctx.query.orderBy : '';
    const by = own(ORDER, orderBy.replace(/^[-+]/, ''));
    if (by) list = [...list].sort((a, b) => (by(a) < by(b) ? -1 : by(a) > by(b) ? 1 : 0) * (orderBy.startsWith('-') ? -1 : 1));
    const v = viewOf(ctx);
    const ex = expandSet(ctx.query.expand);
    return { body: pageBean(ctx, list.map((x) => versionJson(v, x, ctx.now(), ex)), intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 50, 1, 1000)) };
  },
} satisfies Handlers;
