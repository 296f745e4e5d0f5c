// Workflow schemes as rules: mappings from issue types to workflows, when a scheme is active, drafts of active schemes, and publishing a draft (moving issues whose status the new workflow lacks).
import type { Tenant } from '../../../../src/core/tenant.js';
import { issues, issueTypes, projects, statuses, workflowOf, workflows, workflowSchemes, type IssueDoc, type WorkflowSchemeDoc } from '../../store.js';
import { workflowByName } from './workflow-defs.js';

/** A scheme rule broken; `field` names the body field when Jira reports it under `errors`. */
export class SchemeRuleError extends Error {
  constructor(message: string, readonly status = 400, readonly field?: string) {
    super(message);
  }
}

export interface Mappings {
  defaultWorkflow: string;
  issueTypeMappings: Record<string, string>;
}

/**
 * Jira's system workflow, which a scheme falls back to when its default is removed ("the default workflow is set to
 * Jira's system workflow (the jira workflow)"). https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-id-default-delete
 */
export const SYSTEM_WORKFLOW = 'jira';

/** Active: at least one (live) project uses it. Active schemes change only through a draft. */
export const isActiveScheme = (t: Tenant, s: WorkflowSchemeDoc) => projects(t).values().some((p) => p.workflowSchemeId === s.id && !p.trashedAt);

export const workflowNameFor = (m: Mappings, issueTypeId: string) => m.issueTypeMappings[issueTypeId] ?? m.defaultWorkflow;

/** A workflow a mapping may name: one the site has, or the system workflow. */
export function requireWorkflow(t: Tenant, name: unknown, field = 'workflow'): string {
  const n = typeof name === 'string' ? name.trim() : '';
  if (!n) throw new SchemeRuleError('The workflow name must be specified.', 400, field);
  if (n !== SYSTEM_WORKFLOW && !workflowByName(t, n)) throw new SchemeRuleError(`The workflow ${n} does not exist.`, 400, field);
  return n;
}

export function requireIssueType(t: Tenant, id: unknown): string {
  const s = String(id ?? '');
  if (!issueTypes(t).get(s)) throw new SchemeRuleError(`The issue type ${s} does not exist.`, 400, 'issueTypeMappings');
  return s;
}

/** The IssueTypesWorkflowMapping beans: each workflow with the issue types mapped to it, and whether it is the default. */
export function mappingsByWorkflow(m: Mappings): Array<{ workflow: string; issueTypes: string[]; defaultMapping: boolean }> {
  const names = [...new Set([m.defaultWorkflow, ...Object.values(m.issueTypeMappings)])];
  return names.map((workflow) => ({
    workflow,
    issueTypes: Object.entries(m.issueTypeMappings).filter(([, w]) => w === workflow).map(([type]) => type),
    defaultMapping: m.defaultWorkflow === workflow,
  }));
}

/**
 * `PUT …/workflow?workflowName=`: the named workflow takes exactly the listed issue types (others it had fall back to
 * the default) and, with `defaultMapping`, becomes the default.
 */
export function withWorkflowMapping(t: Tenant, m: Mappings, workflow: string, types: unknown[] | undefined, defaultMapping: boolean | undefined): Mappings {
  const name = requireWorkflow(t, workflow);
  const next: Record<string, string> = {};
  for (const [type, w] of Object.entries(m.issueTypeMappings)) if (w !== name) next[type] = w;
  for (const type of types ?? []) next[requireIssueType(t, type)] = name;
  return { defaultWorkflow: defaultMapping ? name : m.defaultWorkflow, issueTypeMappings: next };
}

/** `DELETE …/workflow?workflowName=`: its issue types fall back to the default; the default itself cannot be removed this way. */
export function withoutWorkflow(m: Mappings, workflow: string): Mappings {
  if (!mappingsByWorkflow(m).some((x) => x.workflow === workflow)) throw new SchemeRuleError(`The workflow ${workflow} is not used by this workflow scheme.`, 404);
  if (m.defaultWorkflow === workflow) throw new SchemeRuleError('The default workflow cannot be removed from a workflow scheme; set another default first.');
  return { defaultWorkflow: m.defaultWorkflow, issueTypeMappings: Object.fromEntries(Object.entries(m.issueTypeMappings).filter(([, w]) => w !== workflow)) };
}

/** The draft's mappings, or the scheme's own when it has none. */
export const draftMappings = (s: WorkflowSchemeDoc): Mappings => s.draft ?? { defaultWorkflow: s.defaultWorkflow, issueTypeMappings: s.issueTypeMappings };

/** Copies an active scheme into its one draft. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-scheme-drafts/#api-rest-api-3-workflowscheme-id-createdraft-post */
export function createDraft(t: Tenant, s: WorkflowSchemeDoc, accountId: string, now: string): WorkflowSchemeDoc {
  if (!isActiveScheme(t, s)) throw new SchemeRuleError('A draft can only be created for an active workflow scheme.');
  if (s.draft) throw new SchemeRuleError('This workflow scheme already has a draft.');
  return workflowSchemes(t).put({ ...s, draft: { defaultWorkflow: s.defaultWorkflow, issueTypeMappings: { ...s.issueTypeMappings }, lastModified: now, lastModifiedBy: accountId } });
}

/**
 * A change to a scheme's mappings: an inactive scheme changes in place; an active one refuses unless
 * `updateDraftIfNeeded`, which writes the change to its draft (made on first use).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-id-put (updateDraftIfNeeded)
 */
export function changeMappings(t: Tenant, s: WorkflowSchemeDoc, change: (m: Mappings) => Mappings, opts: { updateDraftIfNeeded?: boolean; accountId: string; now: string }): { scheme: WorkflowSchemeDoc; draft: boolean } {
  if (!isActiveScheme(t, s)) {
    const next = change({ defaultWorkflow: s.defaultWorkflow, issueTypeMappings: s.issueTypeMappings });
    return { scheme: workflowSchemes(t).put({ ...s, ...next, updated: opts.now }), draft: false };
  }
  if (!opts.updateDraftIfNeeded) throw new SchemeRuleError('Cannot update an active workflow scheme; set updateDraftIfNeeded to update its draft instead.');
  const next = change(draftMappings(s));
  return { scheme: workflowSchemes(t).put({ ...s, draft: { ...next, lastModified: opts.now, lastModifiedBy: opts.accountId } }), draft: true };
}

/** Changes the draft itself (the draft endpoints): 404 when there is none. */
export function changeDraft(t: Tenant, s: WorkflowSchemeDoc, change: (m: Mappings) => Mappings, accountId: string, now: string): WorkflowSchemeDoc {
  if (!s.draft) throw new SchemeRuleError(`The workflow scheme with ID ${s.id} has no draft.`, 404);
  return workflowSchemes(t).put({ ...s, draft: { ...change(s.draft), lastModified: now, lastModifiedBy: accountId } });
}

export interface StatusMapping {
  issueTypeId: string;
  statusId: string;
  newStatusId: string;
}

/** Issues of the scheme's projects whose status the workflow their type will follow does not have. */
function strandedIssues(t: Tenant, s: WorkflowSchemeDoc, next: Mappings): Array<{ issue: IssueDoc; target: string[] }> {
  const out: Array<{ issue: IssueDoc; target: string[] }> = [];
  const using = new Set(projects(t).filter((p) => p.workflowSchemeId === s.id && !p.trashedAt).map((p) => p.id));
  for (const issue of issues(t).filter((i) => using.has(i.projectId))) {
    const wf = workflows(t).find((w) => w.name === workflowNameFor(next, issue.issueTypeId)) ?? workflowOf(t, projects(t).get(issue.projectId)!, issue.issueTypeId);
    if (!wf.statusIds.includes(issue.statusId)) out.push({ issue, target: wf.statusIds });
  }
  return out;
}

/**
 * Publishing a draft: every issue whose status the new workflow lacks needs a status mapping (issue type, old
 * status → a status of the new workflow). Missing or invalid mappings are listed and nothing changes; otherwise
 * (unless `validateOnly`) the issues move, the draft becomes the scheme, and the draft is gone.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-scheme-drafts/#api-rest-api-3-workflowscheme-id-draft-publish-post
 */
export function publishDraft(t: Tenant, s: WorkflowSchemeDoc, mappings: StatusMapping[], opts: { validateOnly: boolean; now: string }): { moved: IssueDoc[]; moves: Array<{ issue: IssueDoc; from: string; to: string }> } {
  if (!s.draft) throw new SchemeRuleError(`The workflow scheme with ID ${s.id} has no draft.`, 404);
  const next: Mappings = { defaultWorkflow: s.draft.defaultWorkflow, issueTypeMappings: s.draft.issueTypeMappings };
  const problems: string[] = [];
  const moves: Array<{ issue: IssueDoc; from: string; to: string }> = [];
  for (const { issue, target } of strandedIssues(t, s, next)) {
    const m = mappings.find((x) => String(x.issueTypeId) === issue.issueTypeId && String(x.statusId) === issue.statusId);
    const from = statuses(t).get(issue.statusId)?.name ?? issue.statusId;
    if (!m) problems.push(`Status mapping is required for issue type ${issue.issueTypeId} from status ${from}.`);
    else if (!target.includes(String(m.newStatusId))) problems.push(`The status ${String(m.newStatusId)} is not in the workflow issue type ${issue.issueTypeId} will use.`);
    else moves.push({ issue, from: issue.statusId, to: String(m.newStatusId) });
  }
  if (problems.length) throw new SchemeRuleError([...new Set(problems)].join(' '));
  if (opts.validateOnly) return { moved: [], moves };
  const { draft: _draft, ...rest } = s;
  workflowSchemes(t).put({ ...rest, ...next, updated: opts.now });
  return { moved: moves.map((m) => m.issue), moves };
}
