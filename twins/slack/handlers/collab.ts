/** Collaboration objects: calls.*, canvases.* (and channel canvases), assistant.threads.*, slackLists.*. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { int, json, list, need, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { conversations, getUser, messages, newId, nowSec, team } from '../store.js';
import { admin, calls, canvases } from '../store.js';
import { type CallDoc, type CanvasDoc } from '../types.js';
import { conversationArg, method, paginate } from './common.js';
import type { Handlers } from '../generated/operations.js';
import { canSee } from '../model/conversations.js';
import { assertNoBarrier } from '../model/barriers.js';

/** calls.* `users`: Slack ids or external people (https://docs.slack.dev/apis/web-api/using-the-calls-api). */
function callUsers(ctx: OpContext, a: Args, required: boolean): Array<Record<string, string>> {
  const raw = json<unknown>(a, 'users', 'bad_users');
  if (raw === undefined) {
    if (required) throw new SlackError('missing_argument');
    return [];
  }
  if (!Array.isArray(raw)) throw new SlackError('bad_users');
  return raw.map((u): Record<string, string> => {
    const o = u as Record<string, string>;
    if (o?.slack_id) {
      if (!getUser(ctx.tenant, o.slack_id)) throw new SlackError('user_not_found');
      return { slack_id: o.slack_id };
    }
    if (o?.external_id) return { external_id: o.external_id, display_name: o.display_name ?? '', avatar_url: o.avatar_url ?? '' };
    throw new SlackError('bad_users');
  });
}

function callArg(ctx: OpContext, a: Args, active = false): CallDoc {
  const c = calls(ctx.tenant).get(need(a, 'id', 'invalid_call_id'));
  if (!c) throw new SlackError('invalid_call_id');
  if (active && c.date_end) throw new SlackError('inactive_call');
  return c;
}

/** Calls (huddles) between people an information barrier separates are blocked; not_authorized is calls.add's code for a call someone may not take part in. */
const assertCallAllowed = (ctx: OpContext, people: string[]) => assertNoBarrier(ctx.tenant, people, 'call', 'not_authorized');

const callView = ({ created_by: _c, ...c }: CallDoc) => c;

function canvasArg(ctx: OpContext, a: Args, who: SlackPrincipal, write = false): CanvasDoc {
  const c = canvases(ctx.tenant).get(need(a, 'canvas_id', 'canvas_not_found'));
  if (!c) throw new SlackError('canvas_not_found');
  const level = c.access[who.user_id!] ?? (c.channel_id && conversations(ctx.tenant).get(c.channel_id)?.members.includes(who.user_id!) ? 'write' : undefined);
  if (!level) throw new SlackError('canvas_not_found');
  if (write && level === 'read') throw new SlackError('restricted_action');
  return c;
}

/** Canvas markdown splits into sections at headings, each with an id that canvases.edit can target. */
export function sections(ctx: OpContext, markdown: string): Array<{ id: string; markdown: string }> {
  const parts = markdown.split(/\n(?=#{1,3} )/).filter((p) => p.trim());
  return parts.map((md) => ({ id: `temp:C:${ctx.tenant.random.chars(11)}`, markdown: md }));
}

function newCanvas(ctx: OpContext, who: SlackPrincipal, title: string, markdown: string, channel?: string): CanvasDoc {
  const now = nowSec(ctx.tenant);
  return canvases(ctx.tenant).put({ id: newId(ctx.tenant, 'F'), title, sections: sections(ctx, markdown), owner: who.user_id!, channel_id: channel, access: { [who.user_id!]: 'owner' }, created: now, updated: now });
}

function docContent(a: Args): string {
  const content = json<{ type?: string; markdown?: string }>(a, 'document_content');
  if (content === undefined) return '';
  if (content.type !== 'markdown' || typeof content.markdown !== 'string') throw invalidArguments('document_content must be {type: "markdown", markdown}');
  return content.markdown;
}

const lists = (ctx: OpContext) => admin(ctx.tenant, 'lists');
const listItems = (ctx: OpContext, listId: string) => ctx.tenant.collection<{ id: string; list_id: string; fields: unknown[]; date_created: number; created_by: string; updated_timestamp: string }>(`list_items:${listId}`);

/** The list a call names: `list_id`, except slackLists.update, which names it `id` (https://docs.slack.dev/reference/methods/slackLists.update). */
function listArg(ctx: OpContext, a: Args, key = 'list_id') {
  const l = lists(ctx).get(need(a, key, 'list_not_found'));
  if (!l) throw new SlackError('list_not_found');
  return l;
}

export const collabHandlers = {
  'calls.add': method((ctx, a, who) => {
    const ext = need(a, 'external_unique_id', 'missing_argument');
    const join = need(a, 'join_url', 'missing_argument');
    const start = int(a, 'date_start', nowSec(ctx.tenant))!;
    const people = callUsers(ctx, a, false);
    const createdBy = str(a, 'created_by') ?? who.user_id!;
    assertCallAllowed(ctx, [createdBy, ...people.map((u) => u.slack_id).filter(Boolean)]);
    const c = calls(ctx.tenant).put({
      id: newId(ctx.tenant, 'R'), date_start: start, external_unique_id: ext, join_url: join, desktop_app_join_url: str(a, 'desktop_app_join_url'),
      external_display_id: str(a, 'external_display_id'), title: str(a, 'title'), users: people, created_by: createdBy,
    });
    return { call: callView(c) };
  }),
  'calls.info': method((ctx, a) => ({ call: callView(callArg(ctx, a)) })),
  'calls.update': method((ctx, a) => {
    const c = callArg(ctx, a);
    const fields: Partial<CallDoc> = {};
    for (const k of ['title', 'join_url', 'desktop_app_join_url'] as const) if (str(a, k) !== undefined) fields[k] = str(a, k)!;
    return { call: callView(calls(ctx.tenant).patch(c.id, fields)!) };
  }),
  'calls.end': method((ctx, a) => {
    const c = callArg(ctx, a, true);
    const end = nowSec(ctx.tenant);
    calls(ctx.tenant).patch(c.id, { date_end: end, duration: int(a, 'duration') ?? end - c.date_start });
    return {};
  }),
  'calls.participants.add': method((ctx, a) => {
    const c = callArg(ctx, a, true);
    const add = callUsers(ctx, a, true);
    assertCallAllowed(ctx, [c.created_by, ...[...c.users, ...add].map((u) => u.slack_id).filter(Boolean)]);
    const key = (u: Record<string, string>) => u.slack_id ?? u.external_id;
    calls(ctx.tenant).patch(c.id, { users: [...c.users, ...add.filter((u) => !c.users.some((x) => key(x) === key(u)))] });
    return {};
  }),
  'calls.participants.remove': method((ctx, a) => {
    const c = callArg(ctx, a, true);
    const drop = callUsers(ctx, a, true).map((u) => u.slack_id ?? u.external_id);
    calls(ctx.tenant).patch(c.id, { users: c.users.filter((u) => !drop.includes(u.slack_id ?? u.external_id)) });
    return {};
  }),

  // https://docs.slack.dev/reference/methods/canvases.create
  'canvases.create': method((ctx, a, who) => ({ canvas_id: newCanvas(ctx, who, str(a, 'title') ?? 'Untitled', docContent(a)).id })),
  'conversations.canvases.create': method((ctx, a, who) => {
    const c = conversationArg(ctx, { channel: str(a, 'channel_id') }, who, { member: true });
    if (canvases(ctx.tenant).find((x) => x.channel_id === c.id)) throw new SlackError('channel_canvas_already_exists');
    return { canvas_id: newCanvas(ctx, who, str(a, 'title') ?? c.name, docContent(a), c.id).id };
  }),
  'canvases.edit': method((ctx, a, who) => {
    const c = canvasArg(ctx, a, who, true);
    const changes = json<Array<Record<string, unknown>>>(a, 'changes');
    if (!Array.isArray(changes) || !changes.length) throw invalidArguments('missing required field: changes');
    let secs = [...c.sections];
    for (const ch of changes) {
      const md = (ch.document_content as { markdown?: string } | undefined)?.markdown ?? '';
      const at = secs.findIndex((s) => s.id === ch.section_id);
      if (ch.section_id && at < 0) throw new SlackError('canvas_editing_failed', { detail: 'section not found' });
      switch (ch.operation) {
        case 'insert_at_end': secs.push(...sections(ctx, md)); break;
        case 'insert_at_start': secs.unshift(...sections(ctx, md)); break;
        case 'insert_after': secs.splice(at + 1, 0, ...sections(ctx, md)); break;
        case 'insert_before': secs.splice(at, 0, ...sections(ctx, md)); break;
        case 'replace': secs = ch.section_id ? [...secs.slice(0, at), ...sections(ctx, md), ...secs.slice(at + 1)] : sections(ctx, md); break;
        case 'delete': if (at < 0) throw invalidArguments('delete needs section_id'); secs.splice(at, 1); break;
        case 'rename': canvases(ctx.tenant).patch(c.id, { title: String((ch.title_content as { markdown?: string } | undefined)?.markdown ?? c.title) }); break;
        default: throw invalidArguments(`unknown operation ${String(ch.operation)}`);
      }
    }
    canvases(ctx.tenant).patch(c.id, { sections: secs, updated: nowSec(ctx.tenant) });
    return {};
  }),
  'canvases.delete': method((ctx, a, who) => {
    const c = canvasArg(ctx, a, who, true);
    if (c.owner !== who.user_id) throw new SlackError('restricted_action');
    canvases(ctx.tenant).delete(c.id);
    return {};
  }),
  'canvases.access.set': method((ctx, a, who) => {
    const c = canvasArg(ctx, a, who, true);
    const level = need(a, 'access_level', 'invalid_parameters');
    if (!['read', 'write'].includes(level)) throw new SlackError('invalid_parameters');
    const access = { ...c.access };
    for (const u of list(a, 'user_ids') ?? []) { if (!getUser(ctx.tenant, u)) throw new SlackError('user_not_found'); access[u] = level as 'read' | 'write'; }
    for (const ch of list(a, 'channel_ids') ?? []) if (!conversations(ctx.tenant).get(ch)) throw new SlackError('channel_not_found');
    canvases(ctx.tenant).patch(c.id, { access });
    return {};
  }),
  'canvases.access.delete': method((ctx, a, who) => {
    const c = canvasArg(ctx, a, who, true);
    const access = { ...c.access };
    for (const u of list(a, 'user_ids') ?? []) if (access[u] !== 'owner') delete access[u];
    canvases(ctx.tenant).patch(c.id, { access });
    return {};
  }),
  // https://docs.slack.dev/reference/methods/canvases.sections.lookup — by heading level and/or contained text.
  'canvases.sections.lookup': method((ctx, a, who) => {
    const c = canvasArg(ctx, a, who);
    const criteria = json<{ section_types?: string[]; contains_text?: string }>(a, 'criteria');
    if (!criteria || typeof criteria !== 'object') throw invalidArguments('missing required field: criteria');
    const level = (md: string) => (/^### /.test(md) ? 'h3' : /^## /.test(md) ? 'h2' : /^# /.test(md) ? 'h1' : 'any_header');
    const hits = c.sections.filter((s) => (!criteria.section_types?.length || criteria.section_types.some((t) => t === 'any_header' ? /^#{1,3} /.test(s.markdown) : level(s.markdown) === t))
      && (!criteria.contains_text || s.markdown.toLowerCase().includes(criteria.contains_text.toLowerCase())));
    return { sections: hits.map((s) => ({ id: s.id })) };
  }),

  // AI assistant threads (https://docs.slack.dev/ai/developing-ai-apps): status, title and prompts live on the thread.
  'assistant.threads.setStatus': method((ctx, a, who) => assistantThread(ctx, a, who, { assistant_status: str(a, 'status') ?? '' }, false)),
  'assistant.threads.setTitle': method((ctx, a, who) => assistantThread(ctx, a, who, { assistant_title: need(a, 'title') })),
  'assistant.threads.setSuggestedPrompts': method((ctx, a, who) => {
    const prompts = json<Array<{ title?: string; message?: string }>>(a, 'prompts');
    if (!Array.isArray(prompts) || !prompts.length || prompts.some((p) => !p?.title || !p?.message)) throw invalidArguments('prompts must be a non-empty array of {title, message}');
    return assistantThread(ctx, a, who, { assistant_prompts: { title: str(a, 'title'), prompts } }, false);
  }),

  // Slack Lists: a list with rows of field values.
  'slackLists.create': method((ctx, a, who) => {
    const name = need(a, 'name');
    const l = lists(ctx).put({ id: newId(ctx.tenant, 'F'), name, description: str(a, 'description_blocks') ?? '', schema: json(a, 'schema') ?? [], created_by: who.user_id, date_created: nowSec(ctx.tenant), access: { [who.user_id!]: 'owner' } });
    return { list_id: l.id, list_metadata: { schema: l.schema } };
  }),
  'slackLists.update': method((ctx, a) => { const l = listArg(ctx, a, 'id'); lists(ctx).patch(l.id, { ...(str(a, 'name') ? { name: str(a, 'name') } : {}) }); return {}; }),
  'slackLists.access.set': method((ctx, a) => {
    const l = listArg(ctx, a);
    const level = need(a, 'access_level');
    const access = { ...(l.access as Record<string, string>) };
    for (const u of list(a, 'user_ids') ?? []) { if (!getUser(ctx.tenant, u)) throw new SlackError('user_not_found'); access[u] = level; }
    lists(ctx).patch(l.id, { access });
    return {};
  }),
  'slackLists.access.delete': method((ctx, a) => {
    const l = listArg(ctx, a);
    const access = { ...(l.access as Record<string, string>) };
    for (const u of list(a, 'user_ids') ?? []) if (access[u] !== 'owner') delete access[u];
    lists(ctx).patch(l.id, { access });
    return {};
  }),
  'slackLists.items.create': method((ctx, a, who) => {
    const l = listArg(ctx, a);
    const item = listItems(ctx, l.id).put({ id: newId(ctx.tenant, 'Rec'), list_id: l.id, fields: json<unknown[]>(a, 'initial_fields') ?? [], date_created: nowSec(ctx.tenant), created_by: who.user_id!, updated_timestamp: String(nowSec(ctx.tenant)) });
    return { item };
  }),
  'slackLists.items.info': method((ctx, a) => {
    const l = listArg(ctx, a);
    const item = listItems(ctx, l.id).get(need(a, 'id', 'item_not_found'));
    if (!item) throw new SlackError('item_not_found');
    return { list: { id: l.id, name: l.name }, record: item };
  }),
  'slackLists.items.list': method((ctx, a) => {
    const l = listArg(ctx, a);
    const { page, next } = paginate(listItems(ctx, l.id).values(), a, { kind: 'bGlzdA', defaultLimit: 100 });
    return { items: page, response_metadata: { next_cursor: next } };
  }),
  'slackLists.items.update': method((ctx, a) => {
    const l = listArg(ctx, a);
    const cells = json<Array<{ row_id?: string; [k: string]: unknown }>>(a, 'cells');
    if (!Array.isArray(cells)) throw invalidArguments('missing required field: cells');
    for (const cell of cells) {
      const item = listItems(ctx, l.id).get(String(cell.row_id));
      if (!item) throw new SlackError('item_not_found');
      listItems(ctx, l.id).patch(item.id, { fields: [...item.fields, cell], updated_timestamp: String(nowSec(ctx.tenant)) });
    }
    return {};
  }),
  'slackLists.items.delete': method((ctx, a) => {
    const l = listArg(ctx, a);
    if (!listItems(ctx, l.id).delete(need(a, 'id', 'item_not_found'))) throw new SlackError('item_not_found');
    return {};
  }),
  'slackLists.items.deleteMultiple': method((ctx, a) => {
    const l = listArg(ctx, a);
    const ids = list(a, 'ids') ?? [];
    for (const id of ids) if (!listItems(ctx, l.id).get(id)) throw new SlackError('item_not_found');
    for (const id of ids) listItems(ctx, l.id).delete(id);
    return {};
  }),
  // Exports complete at once; the download URL points at the list's CSV.
  'slackLists.download.start': method((ctx, a) => {
    const l = listArg(ctx, a);
    const job = admin(ctx.tenant, 'list_exports').put({ id: newId(ctx.tenant, 'LEx'), list_id: l.id, status: 'COMPLETED' });
    return { job_id: job.id };
  }),
  'slackLists.download.get': method((ctx, a) => {
    const l = listArg(ctx, a);
    const job = admin(ctx.tenant, 'list_exports').get(need(a, 'job_id', 'job_not_found'));
    if (!job || job.list_id !== l.id) throw new SlackError('job_not_found');
    return { status: job.status, download_url: `https://files.slack.com/files-pri/${team(ctx.tenant).id}-${l.id}/download/list.csv` };
  }),
} satisfies Handlers;

function assistantThread(ctx: OpContext, a: Args, who: SlackPrincipal, fields: Record<string, unknown>, mustExist = true) {
  const channel = str(a, 'channel_id');
  const c = channel ? conversations(ctx.tenant).get(channel) : undefined;
  if (!c || !canSee(c, who)) throw new SlackError('channel_not_found');
  const ts = str(a, 'thread_ts');
  if (!ts) {
    if (mustExist) throw new SlackError('invalid_thread_ts');
    return {};
  }
  const m = messages(ctx.tenant, c.id).get(ts);
  if (!m) throw new SlackError('invalid_thread_ts');
  messages(ctx.tenant, c.id).patch(ts, fields);
  return {};
}
