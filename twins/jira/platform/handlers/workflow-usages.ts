// Where workflows and statuses are in use: projects, issue types within a project, and workflow schemes — computed from the schemes projects follow.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { findProject, projects, statuses, workflowOf, workflows, workflowSchemes, type ProjectDoc, type WorkflowDoc } from '../../store.js';
import { usagePage, type Ctx } from './common.js';

function workflowOr404(ctx: Ctx): WorkflowDoc {
  const wf = workflows(ctx.tenant).get(String(ctx.params.workflowId));
  if (!wf) throw jiraError(404, [`Workflow with ID ${String(ctx.params.workflowId)} not found.`]);
  return wf;
}

function statusOr404(ctx: Ctx) {
  const s = statuses(ctx.tenant).get(String(ctx.params.statusId));
  if (!s) throw jiraError(404, [`The status with ID ${String(ctx.params.statusId)} does not exist.`]);
  return s;
}

function projectOr404(ctx: Ctx): ProjectDoc {
  const p = findProject(ctx.tenant, String(ctx.params.projectId));
  if (!p || p.trashedAt) throw jiraError(404, [`The project with ID ${String(ctx.params.projectId)} does not exist.`]);
  return p;
}

/** The issue types of a project whose workflow passes `test`. */
const typesWhere = (ctx: Ctx, p: ProjectDoc, test: (wf: WorkflowDoc) => boolean) => p.issueTypeIds.filter((it) => test(workflowOf(ctx.tenant, p, it)));

/** Live projects with at least one issue type whose workflow passes `test`. */
const projectsWhere = (ctx: Ctx, test: (wf: WorkflowDoc) => boolean) => projects(ctx.tenant).filter((p) => !p.trashedAt && typesWhere(ctx, p, test).length > 0).map((p) => p.id);

export const workflowUsageHandlers = {
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflow-workflowid-project-projectid-issuetypeusages-get */
  getWorkflowProjectIssueTypeUsages: (ctx) => {
    const wf = workflowOr404(ctx);
    const p = projectOr404(ctx);
    return { body: { workflowId: wf.id, projectId: p.id, issueTypes: usagePage(ctx, typesWhere(ctx, p, (w) => w.id === wf.id)) } };
  },
  /** Schemes naming the workflow as their default or for an issue type. */
  getWorkflowSchemeUsagesForWorkflow: (ctx) => {
    const wf = workflowOr404(ctx);
    const ids = workflowSchemes(ctx.tenant).filter((s) => s.defaultWorkflow === wf.name || Object.values(s.issueTypeMappings).includes(wf.name)).map((s) => s.id);
    return { body: { workflowId: wf.id, workflowSchemes: usagePage(ctx, ids) } };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-status/#api-rest-api-3-statuses-statusid-projectusages-get */
  getProjectUsagesForStatus: (ctx) => {
    const s = statusOr404(ctx);
    return { body: { statusId: s.id, projects: usagePage(ctx, projectsWhere(ctx, (wf) => wf.statusIds.includes(s.id))) } };
  },
  getProjectIssueTypeUsagesForStatus: (ctx) => {
    const s = statusOr404(ctx);
    const p = projectOr404(ctx);
    return { body: { statusId: s.id, projectId: p.id, issueTypes: usagePage(ctx, typesWhere(ctx, p, (wf) => wf.statusIds.includes(s.id))) } };
  },
  /** Every workflow with the status, in use or not. */
  getWorkflowUsagesForStatus: (ctx) => {
    const s = statusOr404(ctx);
    return { body: { statusId: s.id, workflows: usagePage(ctx, workflows(ctx.tenant).filter((wf) => wf.statusIds.includes(s.id)).map((wf) => wf.id)) } };
  },
} satisfies Handlers;
