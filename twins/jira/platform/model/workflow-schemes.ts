// Workflow schemes as rules: mappings from issue types to workflows, when a scheme is active, drafts of active schemes, and publishing a draft (moving issues whose status the new workflow lacks).
import type { Tenant } from '../../../../src/core/tenant.js';
import { issues, issueTypes, projects, statuses, workflowOf, workflows, workflowSchemes, type IssueDoc, type WorkflowDoc, type WorkflowSchemeDoc } from '../../store.js';
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
    return { scheme: workflowSchemes(t).put({ ...s, ...next, versionNumber: (s.versionNumber ?? 1) + 1, updated: opts.now }), draft: false };
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

/** The workflow an issue type would follow under `m` (the system workflow falls back to the project's own). */
export function workflowUnder(t: Tenant, m: Mappings, projectId: string, issueTypeId: string): WorkflowDoc {
  return workflows(t).find((w) => w.name === workflowNameFor(m, issueTypeId)) ?? workflowOf(t, projects(t).get(projectId)!, issueTypeId);
}

export interface Move {
  issue: IssueDoc;
  from: string;
  to: string;
}

/** Picks the new status for a stranded issue (moving from `source` to `target`), or undefined when nothing says. */
export type StatusPick = (issue: IssueDoc, source: WorkflowDoc, target: WorkflowDoc) => string | undefined;

/**
 * Issues of the given projects whose status the workflow they will follow (`next`) lacks, each moved by `pick`.
 * Missing or invalid picks are problems; the caller changes nothing when there are any.
 */
export function planMoves(t: Tenant, projectIds: Set<string>, next: (issue: IssueDoc) => WorkflowDoc, pick: StatusPick): { moves: Move[]; problems: string[] } {
  const moves: Move[] = [];
  const problems = new Set<string>();
  for (const issue of issues(t).filter((i) => projectIds.has(i.projectId))) {
    const target = next(issue);
    if (target.statusIds.includes(issue.statusId)) continue;
    const source = workflowOf(t, projects(t).get(issue.projectId)!, issue.issueTypeId);
    const to = pick(issue, source, target);
    const from = statuses(t).get(issue.statusId)?.name ?? issue.statusId;
    if (to === undefined) problems.add(`Status mapping is required for issue type ${issue.issueTypeId} from status ${from}.`);
    else if (!target.statusIds.includes(to)) problems.add(`The status ${to} is not in the workflow ${target.name} that issue type ${issue.issueTypeId} will use.`);
    else moves.push({ issue, from: issue.statusId, to });
  }
  return { moves, problems: [...problems] };
}

const usingProjects = (t: Tenant, s: WorkflowSchemeDoc) => new Set(projects(t).filter((p) => p.workflowSchemeId === s.id && !p.trashedAt).map((p) => p.id));

/** Saves new mappings on a scheme at its next version; `keepDraft` false when the draft is what was saved. */
export function saveMappings(t: Tenant, s: WorkflowSchemeDoc, m: Mappings, now: string, opts: { extra?: Partial<WorkflowSchemeDoc>; keepDraft?: boolean } = {}): WorkflowSchemeDoc {
  const { draft, ...rest } = s;
  return workflowSchemes(t).put({ ...rest, ...(opts.keepDraft && draft ? { draft } : {}), ...m, ...opts.extra, versionNumber: (s.versionNumber ?? 1) + 1, updated: now });
}

/**
 * A new-style scheme update (`POST /workflowscheme/update`): on an active scheme, issues whose status the new
 * workflows lack move by the issue-type overrides, else by the source → target workflow mappings.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-update-post
 */
export function updateScheme(t: Tenant, s: WorkflowSchemeDoc, next: Mappings, mappings: StatusMappingInput, now: string, extra: Partial<WorkflowSchemeDoc>): { scheme: WorkflowSchemeDoc; moves: Move[]; active: boolean } {
  const active = isActiveScheme(t, s);
  const plan = planMoves(t, usingProjects(t, s), (i) => workflowUnder(t, next, i.projectId, i.issueTypeId), pickFrom(mappings));
  if (plan.problems.length) throw new SchemeRuleError(plan.problems.join(' '));
  return { scheme: saveMappings(t, s, next, now, { extra, keepDraft: true }), moves: plan.moves, active };
}

export interface StatusMappingInput {
  byIssueType?: Array<{ issueTypeId?: unknown; statusMappings?: Array<{ oldStatusId?: unknown; newStatusId?: unknown }> }>;
  byWorkflow?: Array<{ oldWorkflowId?: unknown; newWorkflowId?: unknown; statusMappings?: Array<{ oldStatusId?: unknown; newStatusId?: unknown }> }>;
}

/** Issue-type overrides first, then the mapping for the issue's source → target workflows. */
export function pickFrom(m: StatusMappingInput): StatusPick {
  return (issue, source, target) => {
    const find = (list: Array<{ oldStatusId?: unknown; newStatusId?: unknown }> | undefined) => list?.find((x) => String(x.oldStatusId) === issue.statusId)?.newStatusId;
    const byType = find(m.byIssueType?.find((x) => String(x.issueTypeId) === issue.issueTypeId)?.statusMappings);
    if (byType !== undefined) return String(byType);
    const byWf = find(m.byWorkflow?.find((x) => String(x.oldWorkflowId) === source.id && String(x.newWorkflowId) === target.id)?.statusMappings);
    return byWf === undefined ? undefined : String(byWf);
  };
}

/**
 * The statuses that would need mappings if the scheme took `next`: per source → target workflow, the statuses of
 * the source that the target lacks, for issue types its projects use.
 */
export function requiredMappings(t: Tenant, s: WorkflowSchemeDoc, next: Mappings) {
  const byPair = new Map<string, { sourceWorkflowId: string; targetWorkflowId: string; statusIds: Set<string> }>();
  const involved = new Map<string, WorkflowDoc>();
  for (const p of projects(t).filter((x) => x.workflowSchemeId === s.id && !x.trashedAt)) {
    for (const type of p.issueTypeIds) {
      const source = workflowOf(t, p, type);
      const target = workflowUnder(t, next, p.id, type);
      involved.set(target.id, target);
      if (source.id === target.id) continue;
      const missing = source.statusIds.filter((id) => !target.statusIds.includes(id));
      if (!missing.length) continue;
      const key = `${source.id}>${target.id}`;
      const entry = byPair.get(key) ?? { sourceWorkflowId: source.id, targetWorkflowId: target.id, statusIds: new Set<string>() };
      for (const id of missing) entry.statusIds.add(id);
      byPair.set(key, entry);
      involved.set(source.id, source);
    }
  }
  return { byWorkflows: [...byPair.values()].map((x) => ({ ...x, statusIds: [...x.statusIds] })), workflows: [...involved.values()] };
}

/**
 * Moves a project onto another scheme, migrating issues whose status the new workflows lack by the issue-type overrides.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-schemes/#api-rest-api-3-workflowscheme-project-switch-post
 */
export function switchScheme(t: Tenant, projectId: string, target: WorkflowSchemeDoc, mappings: StatusMappingInput): Move[] {
  const plan = planMoves(t, new Set([projectId]), (i) => workflowUnder(t, target, i.projectId, i.issueTypeId), pickFrom(mappings));
  if (plan.problems.length) throw new SchemeRuleError(plan.problems.join(' '));
  projects(t).patch(projectId, { workflowSchemeId: target.id });
  return plan.moves;
}

/**
 * Publishing a draft: every issue whose status the new workflow lacks needs a status mapping (issue type, old
 * status → a status of the new workflow). Missing or invalid mappings are listed and nothing changes; otherwise
 * (unless `validateOnly`) the issues move, the draft becomes the scheme, and the draft is gone.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-scheme-drafts/#api-rest-api-3-workflowscheme-id-draft-publish-post
 */
export function publishDraft(t: Tenant, s: WorkflowSchemeDoc, mappings: StatusMapping[], opts: { validateOnly: boolean; now: string }): { moves: Move[] } {
  if (!s.draft) throw new SchemeRuleError(`The workflow scheme with ID ${s.id} has no draft.`, 404);
  const next: Mappings = { defaultWorkflow: s.draft.defaultWorkflow, issueTypeMappings: s.draft.issueTypeMappings };
  const pick: StatusPick = (issue) => {
    const m = mappings.find((x) => String(x.issueTypeId) === issue.issueTypeId && String(x.statusId) === issue.statusId);
    return m ? String(m.newStatusId) : undefined;
  };
  const plan = planMoves(t, usingProjects(t, s), (i) => workflowUnder(t, next, i.projectId, i.issueTypeId), pick);
  if (plan.problems.length) throw new SchemeRuleError(plan.problems.join(' '));
  if (!opts.validateOnly) saveMappings(t, s, next, opts.now);
  return { moves: opts.validateOnly ? [] : plan.moves };
}
