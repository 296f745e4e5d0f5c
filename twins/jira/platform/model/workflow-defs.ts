// Workflows and statuses as data: building a workflow from Jira's bulk workflow API input (status references, typed transitions, rules), and where statuses and workflows are in use.
import type { Tenant } from '../../../../src/core/tenant.js';
import { nextId, projects, statuses, workflows, workflowSchemes, type RuleDoc, type StatusCategoryKey, type StatusDoc, type TransitionDef, type WorkflowDoc } from '../../store.js';

export const CATEGORY_OF: Record<string, StatusCategoryKey> = { TODO: 'new', IN_PROGRESS: 'indeterminate', DONE: 'done' };

/**
 * A problem with workflow input, reported by the handler as Jira's 400, or listed by the validation endpoints with
 * the element it concerns (`type` as WorkflowValidationError names element kinds: WORKFLOW, STATUS, TRANSITION, RULE).
 */
export class WorkflowInputError extends Error {
  constructor(message: string, readonly type: 'WORKFLOW' | 'STATUS' | 'TRANSITION' | 'RULE' = 'WORKFLOW', readonly elementReference: Record<string, string> = {}) {
    super(message);
  }
}

/** Status ids are numeric and never reused; the built-in ones sit at 3, 10000 and 10001. */
export function newStatusId(t: Tenant): string {
  let id = nextId(t, 'status', 10002);
  while (statuses(t).get(id)) id = nextId(t, 'status', 10002);
  return id;
}

export interface StatusInput {
  id?: unknown;
  name?: unknown;
  statusCategory?: unknown;
  statusReference?: unknown;
  description?: unknown;
}

/**
 * Resolves the request's statuses to stored ones: an `id` names an existing status, otherwise a status of the same
 * name is reused, otherwise one is created. Returns reference → status id.
 */
export function resolveStatuses(t: Tenant, list: StatusInput[], opts: { dryRun?: boolean } = {}): Map<string, string> {
  const refs = new Map<string, string>();
  for (const s of list) {
    const ref = String(s.statusReference ?? s.id ?? '');
    if (!ref) throw new WorkflowInputError('Every status needs a statusReference.', 'STATUS');
    if (s.id !== undefined && s.id !== null && s.id !== '') {
      if (!statuses(t).get(String(s.id))) throw new WorkflowInputError(`The status with ID ${String(s.id)} does not exist.`, 'STATUS', { statusReference: ref });
      refs.set(ref, String(s.id));
      continue;
    }
    const name = typeof s.name === 'string' ? s.name.trim() : '';
    if (!name) throw new WorkflowInputError('A new status needs a name.', 'STATUS', { statusReference: ref });
    const existing = statuses(t).find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (existing) {
      refs.set(ref, existing.id);
      continue;
    }
    const category = CATEGORY_OF[String(s.statusCategory ?? '')];
    if (!category) throw new WorkflowInputError(`The status category of '${name}' must be TODO, IN_PROGRESS or DONE.`, 'STATUS', { statusReference: ref });
    // Validation only checks; nothing is created.
    if (opts.dryRun) {
      refs.set(ref, `new:${ref}`);
      continue;
    }
    const doc: StatusDoc = { id: newStatusId(t), name, category, description: typeof s.description === 'string' ? s.description : '' };
    statuses(t).put(doc);
    refs.set(ref, doc.id);
  }
  return refs;
}

const rule = (raw: unknown): RuleDoc => {
  const r = (raw ?? {}) as { id?: unknown; ruleKey?: unknown; parameters?: unknown };
  if (typeof r.ruleKey !== 'string' || !r.ruleKey) throw new WorkflowInputError('Every rule needs a ruleKey.', 'RULE', typeof r.id === 'string' ? { ruleId: r.id } : {});
  const params = r.parameters && typeof r.parameters === 'object' ? Object.fromEntries(Object.entries(r.parameters as Record<string, unknown>).map(([k, v]) => [k, String(v ?? '')])) : {};
  return { ...(typeof r.id === 'string' ? { id: r.id } : {}), ruleKey: r.ruleKey, parameters: params };
};

interface TransitionInput {
  id?: unknown;
  name?: unknown;
  description?: unknown;
  type?: unknown;
  toStatusReference?: unknown;
  links?: Array<{ fromStatusReference?: unknown }>;
  conditions?: { operation?: unknown; conditions?: unknown[] };
  validators?: unknown[];
  actions?: unknown[];
  properties?: Record<string, unknown>;
}

export interface WorkflowInput {
  name?: unknown;
  description?: unknown;
  statuses?: Array<{ statusReference?: unknown }>;
  transitions?: TransitionInput[];
}

/**
 * The stored form of one workflow of a create or update request. The INITIAL transition names the first status;
 * GLOBAL transitions leave from anywhere; DIRECTED ones from the statuses their links name.
 */
export function buildWorkflow(input: WorkflowInput, refs: Map<string, string>, base: Pick<WorkflowDoc, 'id'> & Partial<WorkflowDoc>): WorkflowDoc {
  const name = typeof input.name === 'string' ? input.name.trim() : base.name ?? '';
  if (!name) throw new WorkflowInputError('The workflow name must be specified.');
  const statusOf = (ref: unknown) => {
    const id = refs.get(String(ref ?? ''));
    if (!id) throw new WorkflowInputError(`The status reference ${String(ref)} is not among the request's statuses.`, 'STATUS', { statusReference: String(ref) });
    return id;
  };
  const statusIds = (input.statuses ?? []).map((s) => statusOf(s.statusReference));
  let initialStatusId: string | undefined;
  const transitions: TransitionDef[] = [];
  for (const tr of input.transitions ?? []) {
    const to = statusOf(tr.toStatusReference);
    const type = String(tr.type ?? 'DIRECTED');
    if (type === 'INITIAL') {
      initialStatusId = to;
      continue;
    }
    const id = String(tr.id ?? transitions.length * 10 + 11);
    const trName = typeof tr.name === 'string' && tr.name.trim() ? tr.name.trim() : '';
    if (!trName) throw new WorkflowInputError(`Transition ${id} needs a name.`, 'TRANSITION', { transitionId: id });
    transitions.push({
      id,
      name: trName,
      ...(typeof tr.description === 'string' ? { description: tr.description } : {}),
      from: type === 'GLOBAL' ? [] : (tr.links ?? []).map((l) => statusOf(l.fromStatusReference)),
      to,
      conditions: (tr.conditions?.conditions ?? []).map(rule),
      conditionOperation: tr.conditions?.operation === 'ANY' ? 'ANY' : 'ALL',
      validators: (tr.validators ?? []).map(rule),
      actions: (tr.actions ?? []).map(rule),
      ...(tr.properties && typeof tr.properties === 'object' ? { properties: Object.fromEntries(Object.entries(tr.properties).map(([k, v]) => [k, String(v ?? '')])) } : {}),
    });
  }
  if (!initialStatusId) throw new WorkflowInputError(`The workflow ${name} needs an INITIAL transition.`);
  for (const id of [initialStatusId, ...transitions.map((x) => x.to)]) if (!statusIds.includes(id)) statusIds.push(id);
  return { ...base, name, description: typeof input.description === 'string' ? input.description : base.description ?? '', statusIds, initialStatusId, transitions, resolveOnDone: base.resolveOnDone ?? false };
}

/** Projects whose issues follow a workflow, directly or through their scheme. */
export function projectsUsing(t: Tenant, wf: WorkflowDoc): string[] {
  return projects(t)
    .filter((p) => {
      const scheme = p.workflowSchemeId ? workflowSchemes(t).get(p.workflowSchemeId) : undefined;
      if (!scheme) return p.workflowId === wf.id;
      return scheme.defaultWorkflow === wf.name || Object.values(scheme.issueTypeMappings).includes(wf.name);
    })
    .map((p) => p.id);
}

export const workflowByName = (t: Tenant, name: string) => workflows(t).find((w) => w.name === name);

/** A workflow is active while a project uses it or a scheme names it. */
export function isActive(t: Tenant, wf: WorkflowDoc): boolean {
  return projectsUsing(t, wf).length > 0 || workflowSchemes(t).values().some((s) => s.defaultWorkflow === wf.name || Object.values(s.issueTypeMappings).includes(wf.name));
}
