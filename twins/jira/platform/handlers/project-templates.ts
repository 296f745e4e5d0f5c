// Creating a project from a template: the project details are checked and created as `createProject` does, answered as Jira's asynchronous task.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors } from '../../errors.js';
import { completedTask, objectBody } from './common.js';
import { projectHandlers } from './projects.js';

/**
 * `POST /rest/api/3/project-template`: `details` carries the new project's key, name and lead; the template itself
 * only shapes configuration this twin already gives every project of the type, so the project is created from the
 * details. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-project-templates/
 */
export const projectTemplateHandlers = {
  createProjectWithCustomTemplate: (ctx) => {
    const details = objectBody(ctx).details as Record<string, unknown> | undefined;
    if (!details || typeof details !== 'object') throw fieldErrors({ details: 'The project details are required.' });
    const type = details.projectTypeKey ?? 'software';
    // Refusals (bad key, missing name or lead, no permission) come from the same checks as createProject.
    const made = projectHandlers.createProject({ ...ctx, body: { key: details.key, name: details.name, leadAccountId: details.leadAccountId, description: details.description, projectTypeKey: type } } as never) as { body?: { id?: unknown; key?: unknown } };
    return completedTask(ctx, 'Create project from template', { projectId: made.body?.id, projectKey: made.body?.key });
  },
} satisfies Handlers;
