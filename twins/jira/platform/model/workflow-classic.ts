// The classic (deprecated) workflow create request, translated into the bulk API's input: status ids, typed transitions, and the classic rule types the twin enforces mapped to their rule keys.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflows/#api-rest-api-3-workflow-post
import { WorkflowInputError, type StatusInput, type WorkflowInput } from './workflow-defs.js';

interface ClassicRule {
  type?: unknown;
  configuration?: Record<string, unknown>;
  operator?: unknown;
  conditions?: ClassicRule[];
}

export interface ClassicWorkflowInput {
  name?: unknown;
  description?: unknown;
  statuses?: Array<{ id?: unknown }>;
  transitions?: Array<{ name?: unknown; description?: unknown; from?: unknown[]; to?: unknown; type?: unknown; properties?: Record<string, unknown>; rules?: { conditions?: ClassicRule; validators?: ClassicRule[]; postFunctions?: ClassicRule[] } }>;
}

const str = (v: unknown) => String(v ?? '');

/** Classic rule type → the rule the twin enforces; anything else is refused rather than stored and ignored. */
function ruleOf(r: ClassicRule): { ruleKey: string; parameters: Record<string, string> } {
  const c = r.configuration ?? {};
  switch (r.type) {
    case 'PermissionCondition': return { ruleKey: 'system:check-permission', parameters: { permissionKey: str(c.permissionKey) } };
    case 'PermissionValidator': return { ruleKey: 'system:check-permission-validator', parameters: { permissionKey: str(c.permissionKey) } };
    case 'FieldRequiredValidator': return { ruleKey: 'system:validate-field-value', parameters: { ruleType: 'fieldRequired', fieldsRequired: (Array.isArray(c.fieldIds) ? c.fieldIds : []).map(str).join(','), errorMessage: str(c.errorMessage) } };
    case 'UpdateIssueFieldFunction': return { ruleKey: 'system:update-field', parameters: { field: str(c.fieldId), value: str(c.fieldValue), mode: 'replace' } };
    case 'AssignToCurrentUserFunction': return { ruleKey: 'system:change-assignee', parameters: { type: 'to-current-user' } };
    case 'AssignToReporterFunction': return { ruleKey: 'system:change-assignee', parameters: { type: 'to-reporter' } };
    case 'AssignToLeadFunction': return { ruleKey: 'system:change-assignee', parameters: { type: 'to-lead' } };
    default: throw new WorkflowInputError(`The rule type ${str(r.type)} is not supported.`, 'RULE');
  }
}

/** A classic condition tree: one condition, or `operator` over a flat list (nested groups are refused). */
function conditionsOf(c: ClassicRule | undefined): { operation: 'ALL' | 'ANY'; conditions: ReturnType<typeof ruleOf>[] } | undefined {
  if (!c) return undefined;
  if (c.type !== undefined) return { operation: 'ALL', conditions: [ruleOf(c)] };
  if ((c.conditions ?? []).some((x) => x.type === undefined)) throw new WorkflowInputError('Nested condition groups are not supported.', 'RULE');
  return { operation: c.operator === 'OR' ? 'ANY' : 'ALL', conditions: (c.conditions ?? []).map(ruleOf) };
}

/** The bulk API input for a classic request: each status id is its own reference. */
export function fromClassic(b: ClassicWorkflowInput): { statuses: StatusInput[]; workflow: WorkflowInput } {
  const statuses = (b.statuses ?? []).map((s) => ({ id: s.id, statusReference: str(s.id) }));
  const transitions = (b.transitions ?? []).map((tr, n) => ({
    id: String(n === 0 ? 1 : n * 10 + 1),
    name: tr.name,
    description: tr.description,
    type: str(tr.type).toUpperCase(),
    toStatusReference: str(tr.to),
    links: (tr.from ?? []).map((f) => ({ fromStatusReference: str(f) })),
    conditions: conditionsOf(tr.rules?.conditions),
    validators: (tr.rules?.validators ?? []).map(ruleOf),
    actions: (tr.rules?.postFunctions ?? []).map(ruleOf),
    properties: tr.properties,
  }));
  return { statuses, workflow: { name: b.name, description: b.description, statuses: statuses.map((s) => ({ statusReference: s.statusReference })), transitions } };
}
