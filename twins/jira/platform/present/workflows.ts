// Workflows as Jira shows them: the bulk API's JiraWorkflow (status references, typed transitions with rules), the classic paginated workflow, and workflow schemes.
import type { Tenant } from '../../../../src/core/tenant.js';
import { statuses, type RuleDoc, type StatusDoc, type TransitionDef, type WorkflowDoc, type WorkflowSchemeDoc } from '../../store.js';
import { jiraStatus, userRef, type View } from './site.js';

const ruleJson = (r: RuleDoc, n: number) => ({ id: r.id ?? `rule-${n + 1}`, ruleKey: r.ruleKey, parameters: r.parameters });

function transitionJson(tr: TransitionDef) {
  return {
    id: tr.id,
    name: tr.name,
    description: tr.description ?? '',
    type: tr.from.length ? 'DIRECTED' : 'GLOBAL',
    toStatusReference: tr.to,
    links: tr.from.map((from) => ({ fromStatusReference: from, fromPort: 0, toPort: 1 })),
    conditions: { operation: tr.conditionOperation ?? 'ALL', conditions: (tr.conditions ?? []).map(ruleJson), conditionGroups: [] },
    validators: (tr.validators ?? []).map(ruleJson),
    actions: (tr.actions ?? []).map(ruleJson),
    triggers: [],
    properties: tr.properties ?? {},
  };
}

/** The JiraWorkflow bean; the creation transition is the INITIAL one, into the first status. Status references are status ids. */
export function jiraWorkflowJson(wf: WorkflowDoc, opts: { transitions?: boolean } = {}) {
  const initial = { id: '1', name: 'Create', description: '', type: 'INITIAL', toStatusReference: wf.initialStatusId, links: [], conditions: { operation: 'ALL', conditions: [], conditionGroups: [] }, validators: [], actions: [], triggers: [], properties: {} };
  return {
    id: wf.id,
    name: wf.name,
    description: wf.description ?? '',
    version: { id: `${wf.id}-v${wf.versionNumber ?? 1}`, versionNumber: wf.versionNumber ?? 1 },
    scope: { type: 'GLOBAL' },
    statuses: wf.statusIds.map((id) => ({ statusReference: id, deprecated: false, properties: {} })),
    // Searches list transitions only when expanded, and an empty list otherwise (as Cloud answers).
    transitions: opts.transitions === false ? [] : [initial, ...wf.transitions.map(transitionJson)],
    isEditable: true,
    ...(wf.created ? { created: wf.created } : {}),
    ...(wf.updated ? { updated: wf.updated } : {}),
  };
}

/** The statuses a set of workflows use, as JiraWorkflowStatus beans (with their references). */
export function workflowStatusesJson(t: Tenant, wfs: WorkflowDoc[]) {
  const ids = [...new Set(wfs.flatMap((w) => w.statusIds))];
  return ids.map((id) => statuses(t).get(id)).filter((s): s is StatusDoc => !!s).map((s) => ({ ...jiraStatus(s), statusReference: s.id }));
}

/** The classic paginated workflow (`GET /workflow/search`): `id` is `{name, entityId}`; transitions and statuses when expanded. */
export function classicWorkflowJson(wf: WorkflowDoc, expand: Set<string>, isDefault: boolean) {
  const out: Record<string, unknown> = { id: { name: wf.name, entityId: wf.id }, description: wf.description ?? '', isDefault };
  if (wf.created) out.created = wf.created;
  if (wf.updated) out.updated = wf.updated;
  if (expand.has('transitions')) {
    out.transitions = wf.transitions.map((tr) => ({ id: tr.id, name: tr.name, description: tr.description ?? '', from: tr.from, to: tr.to, type: tr.from.length ? 'directed' : 'global' }));
  }
  return out;
}

export function workflowSchemeJson(base: string, s: WorkflowSchemeDoc) {
  return {
    id: Number(s.id),
    name: s.name,
    description: s.description,
    defaultWorkflow: s.defaultWorkflow,
    issueTypeMappings: s.issueTypeMappings,
    draft: false,
    self: `${base}/rest/api/3/workflowscheme/${s.id}`,
  };
}

/**
 * A draft as Jira shows it: the draft's mappings beside the scheme's (`original…`), who changed it last, and its own self.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-scheme-drafts/#api-rest-api-3-workflowscheme-id-draft-get
 */
export function workflowSchemeDraftJson(v: View, s: WorkflowSchemeDoc) {
  const d = s.draft!;
  const who = userRef(v, d.lastModifiedBy);
  return {
    id: Number(s.id),
    name: s.name,
    description: s.description,
    defaultWorkflow: d.defaultWorkflow,
    issueTypeMappings: d.issueTypeMappings,
    originalDefaultWorkflow: s.defaultWorkflow,
    originalIssueTypeMappings: s.issueTypeMappings,
    draft: true,
    ...(who ? { lastModifiedUser: who } : {}),
    lastModified: d.lastModified,
    self: `${v.base}/rest/api/3/workflowscheme/${s.id}/draft`,
  };
}

/**
 * A workflow as the newer scheme API names it (WorkflowMetadataRestModel). Jira's system workflow (`jira`) has no
 * stored document here; it is named by its name.
 */
export function workflowMetadataJson(wf: WorkflowDoc | undefined, name: string) {
  if (!wf) return { id: name, name, description: '', version: { id: `${name}-v1`, versionNumber: 1 }, usage: [] };
  return { id: wf.id, name: wf.name, description: wf.description ?? '', version: { id: `${wf.id}-v${wf.versionNumber ?? 1}`, versionNumber: wf.versionNumber ?? 1 }, usage: [] };
}

/** WorkflowSchemeReadResponse: workflows by id, issue types grouped under each, the scheme's version. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-read-post */
export function workflowSchemeReadJson(s: WorkflowSchemeDoc, byName: (name: string) => WorkflowDoc | undefined, projectIds: string[]) {
  const names = [...new Set(Object.values(s.issueTypeMappings))];
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    defaultWorkflow: workflowMetadataJson(byName(s.defaultWorkflow), s.defaultWorkflow),
    workflowsForIssueTypes: names.map((n) => ({ issueTypeIds: Object.entries(s.issueTypeMappings).filter(([, w]) => w === n).map(([type]) => type), workflow: workflowMetadataJson(byName(n), n) })),
    scope: { type: 'GLOBAL' },
    version: { id: `${s.id}-v${s.versionNumber ?? 1}`, versionNumber: s.versionNumber ?? 1 },
    projectIdsUsingScheme: projectIds,
  };
}
