// Workflow transitions of an issue: what is available from its status, and performing one (status, resolution, transition-screen fields, comment).
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError, MSG } from '../../errors.js';
import { expandSet } from '../model/fields.js';
import { applyInput, editInput } from '../model/issue-edit.js';
import { viewOf } from '../present/site.js';
import { resolutions, statuses } from '../../store.js';
import { availableTransitions, moveToStatus, runPostFunctions, validateTransition } from '../model/workflow.js';
import { transitionJson } from '../present/transitions.js';
import { addComments } from './comments.js';
import { issueOr404, me, nowIso, recordChange, type Ctx, refuseArchived } from './common.js';
import { hasPermission } from '../model/permissions.js';
import { projects, type IssueDoc } from '../../store.js';

/** Transitions the caller may take now: none without Transition Issues, as Jira offers none; else those whose conditions they meet. */
function offered(ctx: Ctx, issue: IssueDoc) {
  const p = projects(ctx.tenant).get(issue.projectId);
  return p && hasPermission(ctx.tenant, me(ctx), 'TRANSITION_ISSUES', p) ? availableTransitions(ctx.tenant, issue, me(ctx)) : [];
}

export const transitionHandlers = {
  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get */
  getTransitions: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    const v = viewOf(ctx);
    const withFields = expandSet(ctx.query.expand).has('transitions.fields');
    const only = ctx.query.transitionId;
    const list = offered(ctx, issue).filter((tr) => only === undefined || tr.id === String(only));
    return { body: { expand: 'transitions', transitions: list.map((tr) => transitionJson(v, tr, withFields)) } };
  },

  /** https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post */
  doTransition: (ctx) => {
    const issue = issueOr404(ctx, ctx.params.issueIdOrKey);
    refuseArchived(ctx, issue);
    const body = (ctx.body ?? {}) as { transition?: { id?: unknown } };
    const id = body.transition?.id;
    if (id === undefined || id === null || id === '') throw jiraError(400, ["Missing 'transition' identifier"]);
    const tr = offered(ctx, issue).find((x) => x.id === String(id));
    if (!tr) throw jiraError(400, [MSG.transitionInvalid(String(id))]);
    const input = editInput(body);
    const target = statuses(ctx.tenant).get(tr.to);
    // Only transitions into a done status offer the resolution field.
    let resolutionId: string | undefined;
    if ('resolution' in input.fields) {
      if (target?.category !== 'done') throw fieldErrors({ resolution: MSG.unknownField('resolution') });
      const raw = input.fields.resolution as { id?: unknown; name?: unknown } | null;
      const r = raw && (resolutions(ctx.tenant).get(String(raw.id)) ?? resolutions(ctx.tenant).find((x) => x.name.toLowerCase() === String(raw.name ?? '').toLowerCase()));
      if (!r) throw fieldErrors({ resolution: 'Specify a valid resolution' });
      resolutionId = r.id;
      delete input.fields.resolution;
    }
    const now = nowIso(ctx);
    // Work on a draft: validators see the issue as the transition would leave it, and a refusal changes nothing.
    const draft = structuredClone(issue);
    const { items, comments } = applyInput({ t: ctx.tenant, nowIso: now, actor: me(ctx).accountId }, draft, input, 'transition');
    items.push(...moveToStatus(ctx.tenant, draft, tr.to, resolutionId, now));
    const { errors, messages } = validateTransition(ctx.tenant, tr, draft, me(ctx));
    if (messages.length || Object.keys(errors).length) throw jiraError(400, messages, errors);
    items.push(...runPostFunctions(ctx.tenant, tr, draft, me(ctx).accountId, now));
    addComments(ctx, draft, comments);
    recordChange(ctx, draft, items);
    return { status: 204 };
  },
} satisfies Handlers;
