// The system rules the twin's workflows enforce (model/workflow.ts), described the way the workflow capabilities API lists them.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflows-capabilities-get

export interface SystemRule {
  ruleKey: string;
  ruleType: 'Condition' | 'Validator' | 'Function';
  name: string;
  description: string;
  isAvailableForInitialTransition: boolean;
}

/** Only rules that change what a transition does here; a rule listed here and not enforced would be a lie. */
export const SYSTEM_RULES: SystemRule[] = [
  { ruleKey: 'system:check-permission', ruleType: 'Condition', name: 'Restrict by permission', description: 'Only people with a project permission can make this transition.', isAvailableForInitialTransition: false },
  { ruleKey: 'system:restrict-issue-transition', ruleType: 'Condition', name: 'Restrict who can make this transition', description: 'Only listed people, groups or project roles can make this transition.', isAvailableForInitialTransition: false },
  { ruleKey: 'system:previous-status', ruleType: 'Condition', name: 'Restrict by previous status', description: 'The work item must have been in a given status before.', isAvailableForInitialTransition: false },
  { ruleKey: 'system:validate-field-value', ruleType: 'Validator', name: 'Field is required', description: 'Listed fields must have a value before the transition.', isAvailableForInitialTransition: true },
  { ruleKey: 'system:check-permission-validator', ruleType: 'Validator', name: 'Permission validator', description: 'The person making the transition needs a project permission.', isAvailableForInitialTransition: true },
  { ruleKey: 'system:update-field', ruleType: 'Function', name: 'Update a field', description: 'Sets or clears the resolution when the transition happens.', isAvailableForInitialTransition: true },
  { ruleKey: 'system:change-assignee', ruleType: 'Function', name: 'Change assignee', description: 'Assigns the work item when the transition happens.', isAvailableForInitialTransition: true },
];
