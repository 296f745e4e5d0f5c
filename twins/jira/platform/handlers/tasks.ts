// Cancelling a long-running task. The twin finishes its asynchronous work before answering, so every task it hands out is already complete and cannot be cancelled.
import type { Handlers } from '../../generated/operations.js';
import { tasks } from '../../store.js';

export const taskHandlers = {
  /**
   * 202 for a running task; 400 when it cannot be cancelled (finished), 404 when unknown.
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-tasks/#api-rest-api-3-task-taskid-cancel-post
   */
  cancelTask: (ctx) => {
    const task = tasks(ctx.tenant).get(String(ctx.params.taskId));
    // This operation's errors are a bare list of messages, not an ErrorCollection (the reference's 400/404 schemas).
    if (!task) return { status: 404, body: [`The task with id '${String(ctx.params.taskId)}' does not exist.`] as never };
    if (['COMPLETE', 'FAILED', 'CANCELLED', 'DEAD'].includes(String(task.status))) return { status: 400, body: [`The task with id '${task.id}' has already finished and cannot be cancelled.`] as never };
    tasks(ctx.tenant).patch(task.id, { status: 'CANCEL_REQUESTED' });
    return { status: 202 };
  },
} satisfies Handlers;
