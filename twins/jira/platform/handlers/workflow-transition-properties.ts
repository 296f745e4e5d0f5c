// Workflow transition properties: key/value pairs on one transition of a workflow (named), as the classic transition property API reads and writes them.
import type { Handlers } from '../../generated/operations.js';
import { jiraError } from '../../errors.js';
import { workflows, type TransitionDef, type WorkflowDoc } from '../../store.js';
import { workflowByName } from '../model/workflow-defs.js';
import { objectBody, requireSiteAdmin, type Ctx } from './common.js';

/** "Some properties with keys that have the jira. prefix are reserved" — shown only with `includeReservedKeys`. https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-transition-properties/ */
const reserved = (key: string) => key.startsWith('jira.');

function transitionOr404(ctx: Ctx): { wf: WorkflowDoc; tr: TransitionDef } {
  requireSiteAdmin(ctx, 'You do not have the permission to manage workflows.');
  const name = String(ctx.query.workflowName ?? '');
  const wf = workflowByName(ctx.tenant, name);
  if (!wf) throw jiraError(404, [`The workflow with name ${name} does not exist.`]);
  const tr = wf.transitions.find((x) => x.id === String(ctx.params.transitionId));
  if (!tr) throw jiraError(404, [`The transition with ID ${String(ctx.params.transitionId)} does not exist in workflow ${name}.`]);
  return { wf, tr };
}

function keyOf(ctx: Ctx): string {
  const key = String(ctx.query.key ?? '').trim();
  if (!key) throw jiraError(400, ['The property key must be specified.']);
  return key;
}

function valueOf(ctx: Ctx): string {
  const v = objectBody(ctx).value;
  if (typeof v !== 'string') throw jiraError(400, ['The property value must be specified.']);
  return v;
}

/** Writes the transition's properties back into its workflow. */
function save(ctx: Ctx, wf: WorkflowDoc, tr: TransitionDef, properties: Record<string, string>): void {
  workflows(ctx.tenant).put({ ...wf, transitions: wf.transitions.map((x) => (x.id === tr.id ? { ...x, properties } : x)) });
}

const propertyJson = (key: string, value: string) => ({ key, value, id: key });

export const workflowTransitionPropertyHandlers = {
  /**
   * Always a list: with `key`, the one property (empty when absent). Example answer in the reference:
   * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-transition-properties/#api-rest-api-3-workflow-transitions-transitionid-properties-get
   */
  getWorkflowTransitionProperties: (ctx) => {
    const { tr } = transitionOr404(ctx);
    const all = String(ctx.query.includeReservedKeys) === 'true';
    const key = ctx.query.key === undefined ? undefined : String(ctx.query.key);
    const list = Object.entries(tr.properties ?? {}).filter(([k]) => (key === undefined ? all || !reserved(k) : k === key));
    return { body: list.map(([k, v]) => propertyJson(k, v)) as never };
  },
  createWorkflowTransitionProperty: (ctx) => {
    const { wf, tr } = transitionOr404(ctx);
    const key = keyOf(ctx);
    const value = valueOf(ctx);
    if ((tr.properties ?? {})[key] !== undefined) throw jiraError(400, [`The property with key ${key} already exists on transition ${tr.id}.`]);
    save(ctx, wf, tr, { ...(tr.properties ?? {}), [key]: value });
    return { body: propertyJson(key, value) };
  },
  /** 304 when the value is already that. */
  updateWorkflowTransitionProperty: (ctx) => {
    const { wf, tr } = transitionOr404(ctx);
    const key = keyOf(ctx);
    const value = valueOf(ctx);
    const prev = (tr.properties ?? {})[key];
    if (prev === undefined) throw jiraError(404, [`The property with key ${key} does not exist on transition ${tr.id}.`]);
    if (prev === value) return { status: 304 };
    save(ctx, wf, tr, { ...(tr.properties ?? {}), [key]: value });
    return { body: propertyJson(key, value) };
  },
  /** 304 when there was no such property. */
  deleteWorkflowTransitionProperty: (ctx) => {
    const { wf, tr } = transitionOr404(ctx);
    const key = keyOf(ctx);
    const { [key]: gone, ...rest } = tr.properties ?? {};
    if (gone === undefined) return { status: 304 };
    save(ctx, wf, tr, rest);
    return { status: 200 };
  },
} satisfies Handlers;
