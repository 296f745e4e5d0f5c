/** agents.conversations.setView/removeView/listViews and the plan-canvas methods getCanvas/setCanvasContent of code channels. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { bool, str, type Args } from './args.js';
import { newId, nowSec } from '../store.js';
import { canvases } from '../store.js';
import { type CanvasDoc } from '../types.js';
import { sections } from './collab.js';
import { method } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { codeChannels, type AgentView, type CodeChannelDoc } from '../model/agents.js';
import { bounded } from './agent-args.js';
import { objectArg } from './agent-args.js';
import { codeChannelArg } from './agent-args.js';

const VIEW_TYPES = ['html', 'diff', 'block_kit', 'canvas', 'pull_request'] as const;
/** "Returns all views (up to the per-channel cap of 5)" (agents.conversations.listViews). */
const MAX_VIEWS = 5;
/** View content "Capped at 1,000,000 bytes; larger content returns content_too_large" (agents.conversations.setView). */
const MAX_CONTENT_BYTES = 1_000_000;
/** getCanvas returns "the 100 most recent comment threads, and within each thread the 100 most recent replies". */
const MAX_THREADS = 100;
const MAX_REPLIES = 100;

/** CSP domains are "validated server-side (https-only, no private/internal hosts)". */
function cspArg(a: Args): AgentView['csp'] | undefined {
  const csp = objectArg<Record<string, unknown>>(a, 'csp');
  if (!csp) return undefined;
  const out: NonNullable<AgentView['csp']> = {};
  for (const key of ['connect_domains', 'resource_domains'] as const) {
    const list = csp[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw invalidArguments(`must be an array [json-pointer:/csp/${key}]`);
    out[key] = list.map((d, i) => {
      let u: URL;
      try {
        u = new URL(String(d));
      } catch {
        throw invalidArguments(`must be an https origin [json-pointer:/csp/${key}/${i}]`);
      }
      const host = u.hostname;
      const internal = host === 'localhost' || host.endsWith('.local') || host.endsWith('.internal') || /^(127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host) || host === '[::1]';
      if (u.protocol !== 'https:' || internal) throw invalidArguments(`must be a public https origin [json-pointer:/csp/${key}/${i}]`);
      return u.origin;
    });
  }
  return out;
}

/** The tab label: `name`, else the last path segment of view_key without .html/.htm. */
function labelFor(type: AgentView['type'], name: string | undefined, key: string | undefined, canvas?: CanvasDoc): string {
  if (name) return name;
  if (key) return key.split('/').filter(Boolean).pop()!.replace(/\.html?$/i, '') || key;
  return type === 'diff' ? 'Diff' : type === 'canvas' ? (canvas?.title ?? 'Canvas') : type === 'pull_request' ? 'Pull request' : 'View';
}

function canvasArg(ctx: OpContext, a: Args): CanvasDoc {
  const c = canvases(ctx.tenant).get(str(a, 'canvas_id') ?? '');
  if (!c) throw new SlackError('canvas_not_found');
  return c;
}

/** A canvas counts as the channel's when it is attached to it as a canvas view (the agent's plan canvas). */
function attachedCanvas(ctx: OpContext, a: Args, cc: CodeChannelDoc): CanvasDoc {
  const c = canvasArg(ctx, a);
  if (!cc.views.some((v) => v.type === 'canvas' && v.canvas_id === c.id)) throw new SlackError('canvas_not_found');
  return c;
}

const listed = (v: AgentView) => ({ view_id: v.view_id, ...(v.view_key ? { view_key: v.view_key } : {}), ...(v.file_id ? { file_id: v.file_id } : {}), label: v.label, content_version: v.content_version, date_added: v.date_added });

/**
 * Aligns old and new section markdown (longest common subsequence): matched
 * sections keep their ids (and so their comment threads); between matches,
 * a removed and an added section pair up as one replace edit.
 */
function diffSections(ctx: OpContext, old: CanvasDoc['sections'], next: string[]): { sections: CanvasDoc['sections']; changed: number } {
  const n = old.length;
  const m = next.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = old[i].markdown === next[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: CanvasDoc['sections'] = [];
  let changed = 0;
  let i = 0;
  let j = 0;
  let removed = 0;
  let added = 0;
  const flush = () => {
    changed += Math.max(removed, added);
    removed = added = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && old[i].markdown === next[j]) {
      flush();
      out.push(old[i]);
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push(sections(ctx, next[j])[0] ?? { id: `temp:C:${ctx.tenant.random.chars(11)}`, markdown: next[j] });
      added++;
      j++;
    } else {
      removed++;
      i++;
    }
  }
  flush();
  return { sections: out, changed };
}

export const agentViewHandlers = {
  // https://docs.slack.dev/reference/methods/agents.conversations.setView — upsert by view_key; a diff view is the channel's singleton.
  'agents.conversations.setView': method((ctx, a, who) => {
    const { conv, cc } = codeChannelArg(ctx, a, who);
    if (conv.is_archived) throw new SlackError('is_archived');
    const type = (str(a, 'type') || 'html') as AgentView['type'];
    if (!VIEW_TYPES.includes(type)) throw invalidArguments(`type must be one of ${VIEW_TYPES.join(', ')} [json-pointer:/type]`);
    let key = type === 'diff' ? undefined : str(a, 'view_key') || undefined;
    if (!key && (type === 'html' || type === 'block_kit' || type === 'canvas')) throw invalidArguments('missing required field: view_key');
    const fields: Partial<AgentView> = {};
    let canvas: CanvasDoc | undefined;
    if (type === 'html' || type === 'diff') {
      const content = str(a, 'content');
      if (!content) throw invalidArguments('missing required field: content');
      if (Buffer.byteLength(content, 'utf8') > MAX_CONTENT_BYTES) throw new SlackError('content_too_large');
      Object.assign(fields, { content, ...(type === 'diff' ? { base_branch: bounded(a.base_branch, 255, '/base_branch'), head_branch: bounded(a.head_branch, 255, '/head_branch') } : {}) });
    } else if (type === 'block_kit') {
      const blocks = objectArg<unknown>(a, 'blocks');
      if (!Array.isArray(blocks) || !blocks.length) throw invalidArguments('blocks must be a non-empty array [json-pointer:/blocks]');
      fields.blocks = blocks;
    } else if (type === 'canvas') {
      canvas = canvasArg(ctx, a);
      const level = str(a, 'access_level') || 'write';
      if (level !== 'write' && level !== 'comment' && level !== 'read') throw invalidArguments('access_level must be write, comment or read [json-pointer:/access_level]');
      Object.assign(fields, { canvas_id: canvas.id, file_id: canvas.id, access_level: level, ...(str(a, 'agent_content_hash') ? { agent_content_hash: str(a, 'agent_content_hash') } : {}) });
    } else {
      const pr = bounded(a.pr_url, 2048, '/pr_url', true)!;
      if (!/^https:\/\//.test(pr)) throw invalidArguments('pr_url must be an https URL [json-pointer:/pr_url]');
      fields.pr_url = pr;
      key ??= pr;
    }
    const csp = cspArg(a);
    if (csp) fields.csp = csp;
    const now = nowSec(ctx.tenant);
    const label = labelFor(type, bounded(a.name, 100, '/name') ?? bounded(a.label, 100, '/label'), type === 'pull_request' && key === fields.pr_url ? undefined : key, canvas);
    const at = cc.views.findIndex((v) => (type === 'diff' ? v.type === 'diff' : v.view_key === key));
    const views = [...cc.views];
    let view: AgentView;
    if (at >= 0) {
      if (views[at].type !== type) throw invalidArguments(`view_key already names a ${views[at].type} view [json-pointer:/view_key]`);
      view = { ...views[at], ...fields, label, content_version: views[at].content_version + 1, date_updated: now };
      views[at] = view;
    } else {
      if (views.length >= MAX_VIEWS) throw invalidArguments(`a code channel holds at most ${MAX_VIEWS} views`);
      view = { view_id: newId(ctx.tenant, 'T'), ...(key ? { view_key: key } : {}), type, label, ...(type === 'canvas' || type === 'pull_request' ? {} : { file_id: newId(ctx.tenant, 'F') }), ...fields, content_version: 1, date_added: now, date_updated: now };
      views.push(view);
    }
    codeChannels(ctx.tenant).patch(cc.id, { views });
    return { channel_id: conv.id, view_id: view.view_id, type, ...(view.file_id ? { file_id: view.file_id } : {}), ...(view.canvas_id ? { canvas_id: view.canvas_id } : {}), content_version: view.content_version };
  }),

  // https://docs.slack.dev/reference/methods/agents.conversations.removeView — exactly one of view_key or view_id.
  'agents.conversations.removeView': method((ctx, a, who) => {
    const { conv, cc } = codeChannelArg(ctx, a, who);
    const key = str(a, 'view_key') || undefined;
    const id = str(a, 'view_id') || undefined;
    if (!!key === !!id) throw invalidArguments('provide exactly one of view_key or view_id');
    const view = cc.views.find((v) => (key ? v.view_key === key : v.view_id === id));
    if (!view) throw new SlackError('view_not_found');
    codeChannels(ctx.tenant).patch(cc.id, { views: cc.views.filter((v) => v !== view) });
    return { channel_id: conv.id, view_id: view.view_id };
  }),

  // https://docs.slack.dev/reference/methods/agents.conversations.listViews — every view, oldest first; at most five, so no paging.
  'agents.conversations.listViews': method((ctx, a, who) => ({ views: codeChannelArg(ctx, a, who).cc.views.map(listed) })),

  // https://docs.slack.dev/reference/methods/agents.conversations.getCanvas — content as markdown and the open comment threads, oldest first.
  'agents.conversations.getCanvas': method((ctx, a, who) => {
    const { cc } = codeChannelArg(ctx, a, who, 'channel');
    const c = attachedCanvas(ctx, a, cc);
    const format = str(a, 'content_format') || 'markdown';
    if (format !== 'markdown') throw invalidArguments('content_format must be markdown [json-pointer:/content_format]');
    const live = new Map(c.sections.map((s) => [s.id, s]));
    const threads = (c.comments ?? []).filter((t) => live.has(t.section_id) && (bool(a, 'include_resolved') || !t.is_resolved));
    const recent = threads.slice(-MAX_THREADS);
    const comments = recent.map((t) => ({
      id: t.id, quoted_text: t.quoted_text, user_id: t.user_id, text: t.text, ts: t.ts, is_resolved: t.is_resolved,
      replies: t.replies.slice(-MAX_REPLIES), has_more_replies: t.replies.length > MAX_REPLIES,
    }));
    return { canvas_id: c.id, title: c.title, content: c.sections.map((s) => s.markdown).join('\n'), comments, has_more_comments: threads.length > recent.length };
  }),

  // https://docs.slack.dev/reference/methods/agents.conversations.setCanvasContent — a diff, not an overwrite: unchanged sections keep their ids and comments.
  'agents.conversations.setCanvasContent': method((ctx, a, who) => {
    const { cc } = codeChannelArg(ctx, a, who, 'channel');
    const c = attachedCanvas(ctx, a, cc);
    const content = str(a, 'content');
    if (content === undefined) throw invalidArguments('missing required field: content');
    if (Buffer.byteLength(content, 'utf8') > MAX_CONTENT_BYTES) throw new SlackError('content_too_large');
    const next = content.split(/\n(?=#{1,3} )/).filter((p) => p.trim());
    const { sections: secs, changed } = diffSections(ctx, c.sections, next);
    if (changed) canvases(ctx.tenant).patch(c.id, { sections: secs, updated: nowSec(ctx.tenant) });
    return { canvas_id: c.id, sections_changed_count: changed };
  }),
} satisfies Handlers;
