/** Retired methods that still route: they answer as Slack does after retirement, not with invented behavior. */
import { SlackError } from '../errors.js';
import { method } from './common.js';
import type { Handlers } from '../generated/operations.js';

/**
 * Workspace apps (apps.permissions.*) retired in August 2021 and Steps from
 * Apps (workflows.stepCompleted/stepFailed/updateStep) in September 2024
 * (https://docs.slack.dev/legacy/legacy-steps-from-apps/legacy-steps-from-apps-migration-guide);
 * both families answer `method_deprecated`, a common error of every method.
 */
const retired = (): never => {
  throw new SlackError('method_deprecated');
};

export const legacyHandlers = {
  'apps.permissions.info': method(retired),
  'apps.permissions.request': method(retired),
  'apps.permissions.resources.list': method(retired),
  'apps.permissions.scopes.list': method(retired),
  'apps.permissions.users.list': method(retired),
  'apps.permissions.users.request': method(retired),
  'workflows.stepCompleted': method(retired),
  'workflows.stepFailed': method(retired),
  'workflows.updateStep': method(retired),
  // oauth.token "was exclusive to our workspace apps developer preview. The preview has now ended" (its reference page).
  'oauth.token': method(retired),
  // https://docs.slack.dev/reference/methods/users.setActive — deprecated; "does nothing" but still answers ok.
  'users.setActive': method(() => ({})),
} satisfies Handlers;
