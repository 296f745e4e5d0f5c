// Workflow transition rule configurations: the rules Connect apps contribute to workflows. No Connect app is installed on a twin site, so every caller gets Jira's refusal.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';

/**
 * "Only Connect and Forge apps can use this operation" (403 otherwise; OAuth 2.0 apps are neither).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-transition-rules/#api-rest-api-3-workflow-rule-config-get
 */
const connectOnly = () => {
  throw jiraError(403, ['Only Connect and Forge apps can use this operation.']);
};

export const workflowTransitionRuleHandlers = {
  getWorkflowTransitionRuleConfigurations: connectOnly,
  updateWorkflowTransitionRuleConfigurations: connectOnly,
  deleteWorkflowTransitionRuleConfigurations: connectOnly,
} satisfies Handlers;
