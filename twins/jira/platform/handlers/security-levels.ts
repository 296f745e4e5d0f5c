// Issue security: schemes with levels and members, which scheme a project uses, the levels a user may set there, and single levels (an issue at a level is seen by its members only).
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import { issues, nextId, projects } from '../../store.js';
import { levelAdmits, securityLevels, securitySchemes, type Holder, type SecurityLevelDoc, type SecuritySchemeDoc } from '../model/permissions.js';
import { completedTask, intParam, me, objectBody, pageBean, projectOr404, type Ctx, requireSiteAdmin } from './common.js';

const requireAdmin = (ctx: Ctx) => requireSiteAdmin(ctx, 'You do not have the permission to manage issue security schemes.');

function schemeOr404(ctx: Ctx, id: unknown): SecuritySchemeDoc {
  const s = securitySchemes(ctx.tenant).get(String(id));
  if (!s) throw jiraError(404, [`Issue security scheme with id ${String(id)} does not exist.`]);
  return s;
}

const levelsOf = (ctx: Ctx, s: SecuritySchemeDoc) => securityLevels(ctx.tenant).filter((l) => l.schemeId === s.id);

const levelJson = (ctx: Ctx, l: SecurityLevelDoc) => ({ self: `${ctx.baseUrl}/rest/api/3/securitylevel/${l.id}`, id: l.id, description: l.description, name: l.name });

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
    const s = schemeOr404(ctx, ctx.params.schemeId);
    const l = securityLevels(ctx.tenant).get(String(ctx.params.levelId));
    if (!l || l.schemeId !== s.id) throw jiraError(404, [`Security level with id ${String(ctx.params.levelId)} does not exist.`]);
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
  getIssueSecurityLevel: (ctx) => {
    const l = securityLevels(ctx.tenant).get(String(ctx.params.id));
    if (!l) throw jiraError(404, [`Security level with id ${String(ctx.params.id)} does not exist.`]);
    return { body: levelJson(ctx, l) };
  },
} satisfies Handlers;
