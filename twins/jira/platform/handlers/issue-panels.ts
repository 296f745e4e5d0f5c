// Forge issue panels pinned to projects in bulk: queued as a task. No Forge app is installed on a twin site, so the task ends FAILED for the unknown module.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { findProject, tasks } from '../../store.js';
import { nextIdOf, objectBody, requireSiteAdmin } from './common.js';

export const issuePanelHandlers = {
  /**
   * "The operation runs asynchronously. The response includes a task ID" (Administer Jira). Projects and actions are
   * checked up front; the module is looked up by the task, which fails since no Forge module is installed.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-panels/
   */
  bulkPinUnpinProjectsAsync: (ctx) => {
    requireSiteAdmin(ctx, 'You do not have the permission to manage issue panels.');
    const b = objectBody(ctx) as { moduleId?: unknown; projectList?: Array<{ action?: unknown; projectIdOrKey?: unknown }> };
    for (const p of b.projectList ?? []) {
      if (p.action !== 'PIN' && p.action !== 'UNPIN') throw jiraError(400, [`The action ${String(p.action)} must be PIN or UNPIN.`]);
      const project = findProject(ctx.tenant, String(p.projectIdOrKey ?? ''));
      if (!project || project.trashedAt) throw jiraError(400, [`The project ${String(p.projectIdOrKey)} does not exist.`]);
    }
    const id = nextIdOf(ctx, 'task');
    const at = ctx.now().getTime();
    tasks(ctx.tenant).put({
      id, self: `${ctx.baseUrl}/rest/api/3/task/${id}`, description: `Pinning issue panel ${String(b.moduleId)} to projects`,
      status: 'FAILED', message: `The Forge module ${String(b.moduleId)} is not installed on this site.`, result: null,
      submittedBy: 0, progress: 100, elapsedRuntime: 0, submitted: at, started: at, finished: at, lastUpdate: at,
    });
    return { body: { taskId: id } };
  },
} satisfies Handlers;
