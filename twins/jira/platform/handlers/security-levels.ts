// Issue security: schemes with levels and members, which scheme a project uses, the levels a user may set there, and single levels (an issue at a level is seen by its members only).
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issues, nextId, projects } from '../../store.js';
import { levelAdmits, securityLevels, securitySchemes, type Holder, type SecurityLevelDoc, type SecuritySchemeDoc } from '../model/permissions.js';
import { completedTask, intParam, listParam, me, objectBody, pageBean, projectOr404, type Ctx, requireSiteAdmin } from './common.js';

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have the permission to manage issue security schemes.');

function schemeOr404(ctx: Ctx, id: unknown): SecuritySchemeDoc {
  const s = securitySchemes(ctx.tenant).get(String(id));
  if (!s) throw jiraError(404, [`Issue security scheme with id ${String(id)} does not exist.`]);
  return s;
}

const levelsOf = (ctx: Ctx, s: SecuritySchemeDoc) => securityLevels(ctx.tenant).filter((l) => l.schemeId === s.id);

const levelJson = (ctx: Ctx, l: SecurityLevelDoc) => ({ self: `${ctx.baseUrl}/rest/api/3/securitylevel/${l.id}`, id: l.id, description: l.description, name: l.name });

function levelOr404(ctx: Ctx, s: SecuritySchemeDoc, id: unknown): SecurityLevelDoc {
  const l = securityLevels(ctx.tenant).get(String(id));
  if (!l || l.schemeId !== s.id) throw jiraError(404, [`Security level with id ${String(id)} does not exist.`]);
  return l;
}

const page = <T>(ctx: Ctx, rows: T[]) => pageBean(ctx, rows, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 50, 1, 100));

/** A level member as the paginated member search writes it (SecurityLevelMember: ids as strings, the scheme named). */
const memberJson = (l: SecurityLevelDoc, m: SecurityLevelDoc['members'][number]) => ({
  id: m.id,
  issueSecurityLevelId: l.id,
  issueSecuritySchemeId: l.schemeId,
  holder: { type: m.holder.type, ...(m.holder.parameter ? { parameter: m.holder.parameter, value: m.holder.parameter } : {}) },
});

function nameChange(ctx: Ctx, taken: (name: string) => boolean, what: string): { name?: string; description?: string } {
  const b = objectBody(ctx);
  const out: { name?: string; description?: string } = {};
  if (b.name !== undefined) {
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name) throw fieldErrors({ name: `The ${what} name must be specified.` });
    if (taken(name.toLowerCase())) throw fieldErrors({ name: `A ${what} with this name already exists.` });
    out.name = name;
  }
  if (typeof b.description === 'string') out.description = b.description;
  return out;
}

function schemeJson(ctx: Ctx, s: SecuritySchemeDoc, withLevels: boolean) {
  const levels = levelsOf(ctx, s);
  const def = levels.find((l) => l.isDefault);
  return {
    self: `${ctx.baseUrl}/rest/api/3/issuesecurityschemes/${s.id}`,
    id: Number(s.id),
    name: s.name,
    description: s.description,
    ...(def ? { defaultSecurityLevelId: Number(def.id) } : {}),
    ...(withLevels ? { levels: levels.map((l) => levelJson(ctx, l)) } : {}),
  };
}

const HOLDER_TYPES = new Set(['reporter', 'group', 'user', 'projectrole', 'applicationRole', 'assignee', 'projectLead', 'anyone', 'projectRole']);

function membersFrom(ctx: Ctx, raw: unknown): Array<{ id: string; holder: Holder }> {
  return (Array.isArray(raw) ? raw : []).map((m) => {
    const x = (m ?? {}) as { type?: unknown; parameter?: unknown };
    if (typeof x.type !== 'string' || !HOLDER_TYPES.has(x.type)) throw fieldErrors({ members: `The member type ${String(x.type)} is not valid.` });
    const type = x.type === 'projectrole' ? 'projectRole' : x.type;
    return { id: nextId(ctx.tenant, 'securitymember'), holder: { type, ...(x.parameter !== undefined ? { parameter: String(x.parameter) } : {}) } };
  });
}

/** Adds levels to a scheme; a new default replaces the old one. */
function addLevels(ctx: Ctx, s: SecuritySchemeDoc, raw: unknown): void {
  for (const l of Array.isArray(raw) ? raw : []) {
    const x = (l ?? {}) as { name?: unknown; description?: unknown; isDefault?: unknown; members?: unknown };
    const name = typeof x.name === 'string' ? x.name.trim() : '';
    if (!name) throw fieldErrors({ name: 'The security level name must be specified.' });
    if (levelsOf(ctx, s).some((y) => y.name.toLowerCase() === name.toLowerCase())) throw fieldErrors({ name: `A security level named '${name}' already exists in this scheme.` });
    if (x.isDefault === true) for (const y of levelsOf(ctx, s)) securityLevels(ctx.tenant).patch(y.id, { isDefault: false });
    securityLevels(ctx.tenant).put({ id: nextId(ctx.tenant, 'securitylevel'), schemeId: s.id, name, description: typeof x.description === 'string' ? x.description : '', isDefault: x.isDefault === true, members: membersFrom(ctx, x.members) });
  }
}

export const securityLevelHandlers = {
  getIssueSecuritySchemes: (ctx) => {
    requireAdmin(ctx);
    return { body: { issueSecuritySchemes: securitySchemes(ctx.tenant).values().map((s) => schemeJson(ctx, s, false)) } };
  },
  getIssueSecurityScheme: (ctx) => {
    requireAdmin(ctx);
    return { body: schemeJson(ctx, schemeOr404(ctx, ctx.params.id), true) };
  },
  createIssueSecurityScheme: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const name = typeof b.name === 'string' ? b.name.trim() : '';
    if (!name) throw fieldErrors({ name: 'The issue security scheme name must be specified.' });
    if (securitySchemes(ctx.tenant).find((s) => s.name.toLowerCase() === name.toLowerCase())) throw fieldErrors({ name: 'An issue security scheme with this name already exists.' });
    const s = securitySchemes(ctx.tenant).put({ id: nextId(ctx.tenant, 'securityscheme'), name, description: typeof b.description === 'string' ? b.description : '' });
    addLevels(ctx, s, b.levels);
    return { status: 201, body: { id: s.id } };
  },
  addSecurityLevel: (ctx) => {
    requireAdmin(ctx);
    addLevels(ctx, schemeOr404(ctx, ctx.params.schemeId), objectBody(ctx).levels);
    return { status: 204 };
  },
  addSecurityLevelMembers: (ctx) => {
    requireAdmin(ctx);
    const l = levelOr404(ctx, schemeOr404(ctx, ctx.params.schemeId), ctx.params.levelId);
    securityLevels(ctx.tenant).patch(l.id, { members: [...l.members, ...membersFrom(ctx, objectBody(ctx).members)] });
    return { status: 204 };
  },
  getIssueSecurityLevelMembers: (ctx) => {
    const s = schemeOr404(ctx, ctx.params.issueSecuritySchemeId);
    const only = ctx.query.issueSecurityLevelId;
    const list = levelsOf(ctx, s)
      .filter((l) => only === undefined || String(only).split(',').includes(l.id))
      .flatMap((l) => l.members.map((m) => ({ id: Number(m.id), issueSecurityLevelId: Number(l.id), holder: { type: m.holder.type, ...(m.holder.parameter ? { parameter: m.holder.parameter, value: m.holder.parameter } : {}), expand: 'user,group,projectRole' } })));
    return { body: pageBean(ctx, list, intParam(ctx.query.startAt, 0, 0, Number.MAX_SAFE_INTEGER), intParam(ctx.query.maxResults, 50, 1, 50)) };
  },
  /** A scheme a project uses cannot be deleted. */
  deleteSecurityScheme: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.schemeId);
    if (projects(ctx.tenant).find((p) => p.securitySchemeId === s.id && !p.trashedAt)) throw jiraError(400, ['The issue security scheme is associated with a project and cannot be deleted.']);
    for (const l of levelsOf(ctx, s)) securityLevels(ctx.tenant).delete(l.id);
    securitySchemes(ctx.tenant).delete(s.id);
    return { status: 204 };
  },
  /** Associating a scheme is asynchronous in Jira; here it is done at once (a completed task). Issues keep no level of another scheme. */
  associateSchemesToProjects: (ctx) => {
    requireAdmin(ctx);
    const b = objectBody(ctx);
    const p = projectOr404(ctx, String(b.projectId ?? ''));
    const s = schemeOr404(ctx, b.schemeId);
    const own = new Set(levelsOf(ctx, s).map((l) => l.id));
    for (const i of issues(ctx.tenant).filter((x) => x.projectId === p.id && !!x.securityLevelId && !own.has(x.securityLevelId))) issues(ctx.tenant).patch(i.id, { securityLevelId: null });
    projects(ctx.tenant).patch(p.id, { securitySchemeId: s.id });
    return completedTask(ctx, 'Associate issue security scheme with a project');
  },
  /** 404 when the project has no issue security scheme. */
  getProjectIssueSecurityScheme: (ctx) => {
    const p = projectOr404(ctx, String(ctx.params.projectKeyOrId));
    const s = p.securitySchemeId ? securitySchemes(ctx.tenant).get(p.securitySchemeId) : undefined;
    if (!s) throw jiraError(404, ['Project does not have an issue security level scheme.']);
    return { body: schemeJson(ctx, s, true) };
  },
  /** The levels of the project's scheme the caller is a member of (the ones they could set); none without a scheme. */
  getSecurityLevelsForProject: (ctx) => {
    const p = projectOr404(ctx, String(ctx.params.projectKeyOrId));
    const s = p.securitySchemeId ? securitySchemes(ctx.tenant).get(p.securitySchemeId) : undefined;
    const u = me(ctx);
    const levels = s ? levelsOf(ctx, s).filter((l) => levelAdmits(ctx.tenant, l.id, u, p)).map((l) => levelJson(ctx, l)) : [];
    return { body: { levels } };
  },
  // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-security-schemes/#api-rest-api-3-issuesecurityschemes-search-get
  searchSecuritySchemes: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.id);
    const projectIds = listParam(ctx.query.projectId);
    const using = (s: SecuritySchemeDoc) => projects(ctx.tenant).filter((p) => p.securitySchemeId === s.id && !p.trashedAt).map((p) => p.id);
    const rows = securitySchemes(ctx.tenant).values()
      .filter((s) => (!ids.length || ids.includes(s.id)) && (!projectIds.length || using(s).some((p) => projectIds.includes(p))))
      .map((s) => {
        const def = levelsOf(ctx, s).find((l) => l.isDefault);
        return { id: Number(s.id), self: `${ctx.baseUrl}/rest/api/3/issuesecurityschemes/${s.id}`, name: s.name, description: s.description, ...(def ? { defaultLevel: Number(def.id) } : {}), projectIds: using(s).map(Number) };
      });
    return { body: page(ctx, rows) };
  },
  getSecurityLevels: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.id);
    const schemeIds = listParam(ctx.query.schemeId);
    const onlyDefault = String(ctx.query.onlyDefault) === 'true';
    const rows = securityLevels(ctx.tenant).values()
      .filter((l) => (!ids.length || ids.includes(l.id)) && (!schemeIds.length || schemeIds.includes(l.schemeId)) && (!onlyDefault || l.isDefault))
      .map((l) => ({ ...levelJson(ctx, l), isDefault: l.isDefault, issueSecuritySchemeId: l.schemeId }));
    return { body: page(ctx, rows) };
  },
  /** Each entry makes one level its scheme's default (the scheme's other levels stop being it). */
  setDefaultLevels: (ctx) => {
    requireAdmin(ctx);
    const values = objectBody(ctx).defaultValues;
    if (!Array.isArray(values) || !values.length) throw fieldErrors({ defaultValues: 'The default values must be specified.' });
    const picks = values.map((v) => {
      const x = (v ?? {}) as { issueSecuritySchemeId?: unknown; defaultLevelId?: unknown };
      const s = schemeOr404(ctx, x.issueSecuritySchemeId);
      return { s, l: levelOr404(ctx, s, x.defaultLevelId) };
    });
    for (const { s, l } of picks) for (const y of levelsOf(ctx, s)) securityLevels(ctx.tenant).patch(y.id, { isDefault: y.id === l.id });
    return { status: 204 };
  },
  getSecurityLevelMembers: (ctx) => {
    requireAdmin(ctx);
    const ids = listParam(ctx.query.id);
    const schemeIds = listParam(ctx.query.schemeId);
    const levelIds = listParam(ctx.query.levelId);
    const rows = securityLevels(ctx.tenant).values()
      .filter((l) => (!schemeIds.length || schemeIds.includes(l.schemeId)) && (!levelIds.length || levelIds.includes(l.id)))
      .flatMap((l) => l.members.filter((m) => !ids.length || ids.includes(m.id)).map((m) => memberJson(l, m)));
    return { body: page(ctx, rows) };
  },
  searchProjectsUsingSecuritySchemes: (ctx) => {
    requireAdmin(ctx);
    const schemeIds = listParam(ctx.query.issueSecuritySchemeId);
    const projectIds = listParam(ctx.query.projectId);
    const rows = projects(ctx.tenant)
      .filter((p) => !!p.securitySchemeId && !p.trashedAt && (!schemeIds.length || schemeIds.includes(p.securitySchemeId)) && (!projectIds.length || projectIds.includes(p.id)))
      .map((p) => ({ issueSecuritySchemeId: p.securitySchemeId!, projectId: p.id }));
    return { body: page(ctx, rows) };
  },
  updateIssueSecurityScheme: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.id);
    securitySchemes(ctx.tenant).patch(s.id, nameChange(ctx, (n) => securitySchemes(ctx.tenant).values().some((x) => x.id !== s.id && x.name.toLowerCase() === n), 'issue security scheme'));
    return { status: 204 };
  },
  updateSecurityLevel: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.schemeId);
    const l = levelOr404(ctx, s, ctx.params.levelId);
    securityLevels(ctx.tenant).patch(l.id, nameChange(ctx, (n) => levelsOf(ctx, s).some((y) => y.id !== l.id && y.name.toLowerCase() === n), 'security level'));
    return { status: 204 };
  },
  /** Issues at the removed level move to `replaceWith` (a level of the same scheme) or to no level. Jira runs it as a task. */
  removeLevel: (ctx) => {
    requireAdmin(ctx);
    const s = schemeOr404(ctx, ctx.params.schemeId);
    const l = levelOr404(ctx, s, ctx.params.levelId);
    const replaceWith = ctx.query.replaceWith === undefined || ctx.query.replaceWith === '' ? null : levelOr404(ctx, s, ctx.query.replaceWith).id;
    if (replaceWith === l.id) throw jiraError(400, ['The security level cannot be replaced with itself.']);
    for (const i of issues(ctx.tenant).filter((x) => x.securityLevelId === l.id)) issues(ctx.tenant).patch(i.id, { securityLevelId: replaceWith });
    securityLevels(ctx.tenant).delete(l.id);
    return completedTask(ctx, 'Remove issue security level');
  },
  removeMemberFromSecurityLevel: (ctx) => {
    requireAdmin(ctx);
    const l = levelOr404(ctx, schemeOr404(ctx, ctx.params.schemeId), ctx.params.levelId);
    if (!l.members.some((m) => m.id === String(ctx.params.memberId))) throw jiraError(404, [`Security level member with id ${String(ctx.params.memberId)} does not exist.`]);
    securityLevels(ctx.tenant).patch(l.id, { members: l.members.filter((m) => m.id !== String(ctx.params.memberId)) });
    return { status: 204 };
  },
  getIssueSecurityLevel: (ctx) => {
    const l = securityLevels(ctx.tenant).get(String(ctx.params.id));
    if (!l) throw jiraError(404, [`Security level with id ${String(ctx.params.id)} does not exist.`]);
    return { body: levelJson(ctx, l) };
  },
} satisfies Handlers;
