// Remote issue links: links from an issue to things outside Jira; one endpoint creates or, for a known globalId, updates.
import type { Handlers } from '../../generated/operations.js';
import { fieldErrors, jiraError } from '../../errors.js';
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { nextId, type IssueDoc } from '../../store.js';
import { issueOr404, objectBody, type Ctx } from './common.js';

interface RemoteLink {
  globalId?: string;
  relationship?: string;
  application?: unknown;
  object: { url: string; title: string; summary?: string; icon?: unknown; status?: unknown };
}

type RemoteLinkDoc = Doc & RemoteLink;

const links = (t: Tenant, issueId: string) => t.collection<RemoteLinkDoc>(`/rest/api/3/issue/${issueId}/remotelink`);

function linkJson(ctx: Ctx, i: IssueDoc, l: RemoteLinkDoc) {
  return {
    id: Number(l.id),
    self: `${ctx.baseUrl}/rest/api/3/issue/${i.key}/remotelink/${l.id}`,
    ...(l.globalId ? { globalId: l.globalId } : {}),
    ...(l.application ? { application: l.application } : { application: {} }),
    ...(l.relationship ? { relationship: l.relationship } : {}),
    object: l.object,
  };
}

/** The link body Jira accepts: an `object` with a url and a title. */
function linkFrom(b: Record<string, unknown>): RemoteLink {
  const o = (b.object ?? {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  if (typeof o.url !== 'string' || !o.url) errors.url = "'url' is required.";
  if (typeof o.title !== 'string' || !o.title) errors.title = "'title' is required.";
  if (Object.keys(errors).length) throw fieldErrors(errors);
  return {
    ...(typeof b.globalId === 'string' && b.globalId ? { globalId: b.globalId } : {}),
    ...(typeof b.relationship === 'string' ? { relationship: b.relationship } : {}),
    ...(b.application && typeof b.application === 'object' ? { application: b.application } : {}),
    object: o as RemoteLinkDoc['object'],
  };
}

function linkOr404(ctx: Ctx, i: IssueDoc, id: unknown): RemoteLinkDoc {
  const l = links(ctx.tenant, i.id).get(String(id));
  if (!l) throw jiraError(404, [`No remote issue link with id '${String(id)}' exists on issue '${i.key}'.`]);
  return l;
}

export const remoteLinkHandlers = {
  getRemoteIssueLinks: (ctx) => {
    const i = issueOr404(ctx, ctx.params.issueIdOrKey);
    const all = links(ctx.tenant, i.id).values();
    if (typeof ctx.query.globalId === 'string') {
      const one = all.find((l) => l.globalId === ctx.query.globalId);
      if (!one) throw jiraError(404, [`No remote issue link with globalId '${ctx.query.globalId}' exists on issue '${i.key}'.`]);
      return { body: linkJson(ctx, i, one) };
    }
    return { body: all.map((l) => linkJson(ctx, i, l)) };
  },
  createOrUpdateRemoteIssueLink: (ctx) => {
    const i = issueOr404(ctx, ctx.params.issueIdOrKey);
    const next = linkFrom(objectBody(ctx));
    const existing = next.globalId ? links(ctx.tenant, i.id).find((l) => l.globalId === next.globalId) : undefined;
    const doc = links(ctx.tenant, i.id).put({ id: existing?.id ?? nextId(ctx.tenant, 'remotelink'), ...next });
    return { status: existing ? 200 : 201, body: { id: Number(doc.id), self: linkJson(ctx, i, doc).self } };
  },
  getRemoteIssueLinkById: (ctx) => {
    const i = issueOr404(ctx, ctx.params.issueIdOrKey);
    return { body: linkJson(ctx, i, linkOr404(ctx, i, ctx.params.linkId)) };
  },
  updateRemoteIssueLink: (ctx) => {
    const i = issueOr404(ctx, ctx.params.issueIdOrKey);
    const l = linkOr404(ctx, i, ctx.params.linkId);
    links(ctx.tenant, i.id).put({ id: l.id, ...linkFrom(objectBody(ctx)) });
    return { status: 204 };
  },
  deleteRemoteIssueLinkById: (ctx) => {
    const i = issueOr404(ctx, ctx.params.issueIdOrKey);
    links(ctx.tenant, i.id).delete(linkOr404(ctx, i, ctx.params.linkId).id);
    return { status: 204 };
  },
  deleteRemoteIssueLinkByGlobalId: (ctx) => {
    const i = issueOr404(ctx, ctx.params.issueIdOrKey);
    if (typeof ctx.query.globalId !== 'string' || !ctx.query.globalId) throw jiraError(400, ['The globalId query parameter is required.']);
    const l = links(ctx.tenant, i.id).find((x) => x.globalId === ctx.query.globalId);
    if (!l) throw jiraError(404, [`No remote issue link with globalId '${ctx.query.globalId}' exists on issue '${i.key}'.`]);
    links(ctx.tenant, i.id).delete(l.id);
    return { status: 204 };
  },
} satisfies Handlers;
