/** Retired methods that still route: they answer as Slack does after retirement, not with invented behavior. */
import { SlackError } from '../errors.js';
import type { MethodTable } from './common.js';

/**
 * Workspace apps (apps.permissions.*) retired in August 2021 and Steps from
 * Apps (workflows.stepCompleted/stepFailed/updateStep) in September 2024
 * (https://docs.slack.dev/legacy/legacy-steps-from-apps/legacy-steps-from-apps-migration-guide);
 * both families answer `method_deprecated`, a common error of every method.
 */
const retired = (): never => {
  throw new SlackError('method_deprecated');
};

export const legacyMethods: MethodTable = {
  'apps.permissions.info': retired,
  'apps.permissions.request': retired,
  'apps.permissions.resources.list': retired,
  'apps.permissions.scopes.list': retired,
  'apps.permissions.users.list': retired,
  'apps.permissions.users.request': retired,
  'workflows.stepCompleted': retired,
  'workflows.stepFailed': retired,
  'workflows.updateStep': retired,
  // oauth.token "was exclusive to our workspace apps developer preview. The preview has now ended" (its reference page).
  'oauth.token': retired,
  // https://docs.slack.dev/reference/methods/users.setActive — deprecated; "does nothing" but still answers ok.
  'users.setActive': () => ({}),
};
