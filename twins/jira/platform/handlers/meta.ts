// Site configuration reads: issue types, priorities, resolutions, statuses (including the strict `/statuses` beans), status categories, fields, server info, create metadata.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { expandSet } from '../model/fields.js';
import { issueTypeJson, jiraStatus, liveProjects, priorityJson, projectRef, resolutionJson, statusCategory, statusDetails, viewOf } from '../present/site.js';
import { categoryOf } from '../model/status-categories.js';
import { projectsUsing } from '../model/workflow-defs.js';
import { issueTypes, jiraTime, own, priorities, resolutions, statuses, workflows, type StatusDoc } from '../../store.js';
import { intParam, listParam, pageBean, projectOr404, type Ctx } from './common.js';
import { editMeta } from '../present/issue.js';

const missing = (what: string, id: string) => jiraError(404, [`The ${what} with id '${id}' does not exist.`]);

/** Which projects (and their issue types) use a status, for `expand=usages`. */
function usages(ctx: Ctx, s: StatusDoc) {
  return liveProjects(ctx.tenant)
    .filter((p) => workflows(ctx.tenant).get(p.workflowId)?.statusIds.includes(s.id))
    .map((p) => ({ project: { id: p.id }, issueTypes: [...p.issueTypeIds] }));
}

/** The JiraStatus bean, with usages only when asked for. */
function jiraStatusOut(ctx: Ctx, s: StatusDoc, expand: Set<string>) {
  const out: Record<string, unknown> = jiraStatus(s);
  if (expand.has('usages')) out.usages = usages(ctx, s);
  return out;
}

/** Create metadata describes a project by identity only (no type or style). */
const createMetaProject = ({ self, id, key, name, avatarUrls }: ReturnType<typeof projectRef>) => ({ self, id, key, name, avatarUrls });

/** Whether a workflow some project uses (directly or through its scheme) has the status. */
const inActiveWorkflow = (ctx: Ctx, statusId: string) => workflows(ctx.tenant).values().some((wf) => wf.statusIds.includes(statusId) && projectsUsing(ctx.tenant, wf).length > 0);

const STRICT_CATEGORY: Record<string, StatusDoc['category']> = { TODO: 'new', IN_PROGRESS: 'indeterminate', DONE: 'done' };

export const metaHandlers = {
  getIssueAllTypes: (ctx) => ({ body: issueTypes(ctx.tenant).values().map((it) => issueTypeJson(viewOf(ctx), it)) }),
  getIssueType: (ctx) => {
    const it = issueTypes(ctx.tenant).get(ctx.params.id) ?? (() => { throw missing('issue type', ctx.params.id); })();
    return { body: issueTypeJson(viewOf(ctx), it) };
  },
  getIssueTypesForProject: (ctx) => {
    const p = projectOr404(ctx, String(ctx.query.projectId));
    const level = ctx.query.level;
    const list = p.issueTypeIds.map((id) => issueTypes(ctx.tenant).get(id)!).filter((it) => level === undefined || it.hierarchyLevel === Number(level));
    return { body: list.map((it) => issueTypeJson(viewOf(ctx), it)) };
  },

  getPriorities: (ctx) => ({ body: priorities(ctx.tenant).values().map((p) => priorityJson(viewOf(ctx), p)) }),
  getPriority: (ctx) => {
    const p = priorities(ctx.tenant).get(ctx.params.id) ?? (() => { throw missing('priority', ctx.params.id); })();
    return { body: priorityJson(viewOf(ctx), p) };
  },
  searchPriorities: (ctx) => {
    const ids = listParam(ctx.query.id);
    const onlyDefault = ctx.query.onlyDefault === true;
    const list = priorities(ctx.tenant).filter((p) => (!ids.length || ids.includes(p.id)) && (!onlyDefault || p.isDefault));
    // The default priority is a priority scheme's now; this search marks none of them default (the jira.js live suite pins it).
    return { body: pageBean(ctx, list.map((p) => ({ ...priorityJson(viewOf(ctx), p), isDefault: false })), intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResults, 50, 1, 1000)) };
  },

  getResolutions: (ctx) => ({ body: resolutions(ctx.tenant).values().map((r) => resolutionJson(viewOf(ctx), r)) }),
  getResolution: (ctx) => {
    const r = resolutions(ctx.tenant).get(ctx.params.id) ?? (() => { throw missing('resolution', ctx.params.id); })();
    return { body: resolutionJson(viewOf(ctx), r) };
  },
  searchResolutions: (ctx) => {
    const ids = listParam(ctx.query.id);
    const onlyDefault = ctx.query.onlyDefault === true;
    const list = resolutions(ctx.tenant).filter((r) => (!ids.length || ids.includes(r.id)) && (!onlyDefault || r.isDefault));
    const v = viewOf(ctx);
    // The search answers ResolutionJsonBean, whose flag is `default` (the platform spec's schema).
    return { body: pageBean(ctx, list.map((r) => ({ ...resolutionJson(v, r), default: r.isDefault })), intParam(ctx.query.startAt, 0, 0, 1e9), intParam(ctx.query.maxResults, 50, 1, 1000)) };
  },

  /**
   * The older status API lists only statuses of active workflows ("Returns a list of all statuses associated with
   * active workflows"), so a status no workflow in use has is found only through `/statuses/search`.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-statuses/#api-rest-api-3-status-get
   */
  getStatuses: (ctx) => ({ body: statuses(ctx.tenant).filter((s) => inActiveWorkflow(ctx, s.id)).map((s) => statusDetails(viewOf(ctx), s)) }),
  getStatus: (ctx) => {
    const key = ctx.params.idOrName.toLowerCase();
    // "The status must be associated with an active workflow to be returned."
    const s = statuses(ctx.tenant).find((x) => (x.id === ctx.params.idOrName || x.name.toLowerCase() === key) && inActiveWorkflow(ctx, x.id));
    if (!s) throw jiraError(404, [`The status with id or name '${ctx.params.idOrName}' does not exist.`]);
    return { body: statusDetails(viewOf(ctx), s) };
  },
  getStatusCategories: (ctx) => ({ body: [{ self: `${ctx.baseUrl}/rest/api/3/statuscategory/1`, id: 1, key: 'undefined', colorName: 'medium-gray', name: 'No Category' }, ...(['new', 'indeterminate', 'done'] as const).map((k) => statusCategory(viewOf(ctx), k))] }),
  getStatusCategory: (ctx) => {
    const k = categoryOf(ctx.params.idOrKey);
    if (!k) throw jiraError(404, [`The status category with id or key '${ctx.params.idOrKey}' does not exist.`]);
    return { body: statusCategory(viewOf(ctx), k) };
  },

  /**
   * Paginated statuses. jira.js parses this answer with a strict schema
   * (`values, startAt, maxResults, total, isLast, self` and nothing else).
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-status/#api-rest-api-3-statuses-search-get
   */
  search: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    const startAt = intParam(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
    const maxResults = intParam(q.maxResults, 200, 1, 200);
    const text = typeof q.searchString === 'string' ? q.searchString.toLowerCase() : '';
    const cat = typeof q.statusCategory === 'string' ? own(STRICT_CATEGORY, q.statusCategory) : undefined;
    if (typeof q.statusCategory === 'string' && !cat) throw jiraError(400, [`Invalid status category: ${q.statusCategory}. Valid values are TODO, IN_PROGRESS and DONE.`]);
    // Every status here is global; `projectId` asks for one team-managed project's own statuses, of which there are none.
    const list = q.projectId !== undefined ? [] : statuses(ctx.tenant).filter((s) => (!text || s.name.toLowerCase().includes(text)) && (!cat || s.category === cat));
    const expand = expandSet(q.expand);
    const page = pageBean(ctx, list.map((s) => jiraStatusOut(ctx, s, expand)), startAt, maxResults, { nextPage: false });
    return { body: page };
  },
  getStatusesById: (ctx) => {
    const ids = listParam(ctx.query.id);
    const expand = expandSet(ctx.query.expand);
    return { body: ids.map((id) => statuses(ctx.tenant).get(id)).filter((s): s is StatusDoc => !!s).map((s) => jiraStatusOut(ctx, s, expand)) };
  },

  getServerInfo: (ctx) => ({
    body: {
      baseUrl: ctx.baseUrl,
      displayUrl: ctx.baseUrl,
      displayUrlServicedeskHelpCenter: ctx.baseUrl,
      displayUrlConfluence: ctx.baseUrl,
      version: '1001.0.0-SNAPSHOT',
      versionNumbers: [1001, 0, 0],
      deploymentType: 'Cloud',
      buildNumber: 100286,
      buildDate: '2025-06-02T00:00:00.000+0000',
      serverTime: jiraTime(ctx.now()),
      scmInfo: '5bb1b3dc18a5c5c5e5f6b4b1a3a3d6b0a1b2c3d4',
      serverTitle: 'Jira',
      defaultLocale: { locale: 'en_US' },
      serverTimeZone: 'Etc/UTC',
    },
  }),

  /** Deprecated create metadata: projects, their issue types, and (expanded) the create screen's fields. */
  getCreateIssueMeta: (ctx) => {
    const q = ctx.query as Record<string, unknown>;
    const ids = listParam(q.projectIds);
    const keys = listParam(q.projectKeys).map((k) => k.toUpperCase());
    const typeIds = listParam(q.issuetypeIds);
    const typeNames = listParam(q.issuetypeNames).map((n) => n.toLowerCase());
    const ex = expandSet(q.expand);
    const v = viewOf(ctx);
    const list = liveProjects(ctx.tenant).filter((p) => (!ids.length && !keys.length) || ids.includes(p.id) || keys.includes(p.key));
    return {
      body: {
        expand: 'projects',
        projects: list.map((p) => ({
          ...createMetaProject(projectRef(v, p)),
          issuetypes: p.issueTypeIds
            .map((id) => issueTypes(ctx.tenant).get(id)!)
            .filter((it) => (!typeIds.length && !typeNames.length) || typeIds.includes(it.id) || typeNames.includes(it.name.toLowerCase()))
            .map((it) => ({
              ...issueTypeJson(v, it),
              expand: 'fields',
              ...(ex.has('projects.issuetypes.fields') ? { fields: { ...editMeta(v, p.id).fields, project: { required: true, schema: { type: 'project', system: 'project' }, name: 'Project', key: 'project', operations: ['set'] } } } : {}),
            })),
        })),
      },
    };
  },
  getStatusesByName: (ctx) => getStatusesByName(ctx),
} satisfies Handlers;

/** `GET /statuses/byNames` (in the current spec, added by an overlay): statuses by exact name, case-insensitively. */
export function getStatusesByName(ctx: Ctx) {
  const names = (Array.isArray(ctx.query.name) ? ctx.query.name : ctx.query.name === undefined ? [] : [ctx.query.name]).map((n: unknown) => String(n).toLowerCase());
  if (!names.length) throw jiraError(400, ["The 'name' query parameter is required."]);
  // As in `search`: every status is global, and `projectId` asks for one project's own statuses.
  if (ctx.query.projectId !== undefined) return { body: [] };
  const list = statuses(ctx.tenant).filter((s) => names.includes(s.name.toLowerCase()));
  return { body: list.map((s) => jiraStatus(s)) };
}
