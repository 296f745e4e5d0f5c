/** Modals and App Home: views.open/push/update/publish and the legacy dialog.open, gated by short-lived trigger ids. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError, invalidArguments } from '../errors.js';
import { json, str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { getUser, newId, nowSec, team, triggers, type TriggerDoc } from '../store.js';
import { views } from '../store.js';
import { type ViewDoc } from '../types.js';
import { checkBlocks, VIEW_BLOCKS } from './content.js';
import { method } from './common.js';
import type { Handlers } from '../generated/operations.js';

/**
 * A trigger_id is good once, for three seconds after the interaction that
 * issued it (https://docs.slack.dev/interactivity/handling-user-interaction#modal_responses).
 * The realtime side issues them into the `triggers` collection.
 */
function useTrigger(ctx: OpContext, a: Args): TriggerDoc {
  const id = str(a, 'trigger_id') ?? str(a, 'interactivity_pointer');
  if (!id) throw invalidArguments('missing required field: trigger_id');
  const t = triggers(ctx.tenant).get(id);
  if (!t) throw new SlackError('invalid_trigger_id');
  if (t.used) throw new SlackError('exchanged_trigger_id');
  if (t.expires < ctx.now().getTime() / 1000) throw new SlackError('expired_trigger_id');
  triggers(ctx.tenant).patch(id, { used: true });
  return t;
}

function plain(v: unknown, at: string, max: number, problems: string[], required = true): void {
  if (v === undefined) { if (required) problems.push(`missing required field: ${at.split('/').pop()} [json-pointer:${at}]`); return; }
  const o = v as Record<string, unknown>;
  if (!o || o.type !== 'plain_text') problems.push(`must be a plain_text text object [json-pointer:${at}]`);
  else if (typeof o.text !== 'string' || !o.text.length) problems.push(`must be more than 0 characters [json-pointer:${at}/text]`);
  else if (o.text.length > max) problems.push(`must be less than ${max + 1} characters [json-pointer:${at}/text]`);
}

/** Checks a view payload like Slack's Block Kit validator; failures are invalid_arguments with `[ERROR]` lines. */
export function readView(a: Args, type: 'modal' | 'home' | 'any' = 'any'): Record<string, unknown> {
  const v = json<Record<string, unknown>>(a, 'view');
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalidArguments('missing required field: view');
  const problems: string[] = [];
  const t = v.type;
  if (t !== 'modal' && t !== 'home') problems.push('must be one of modal, home [json-pointer:/view/type]');
  else if (type !== 'any' && t !== type) problems.push(`must be ${type} [json-pointer:/view/type]`);
  if (t === 'modal') {
    plain(v.title, '/view/title', 24, problems);
    plain(v.submit, '/view/submit', 24, problems, false);
    plain(v.close, '/view/close', 24, problems, false);
    const hasInput = Array.isArray(v.blocks) && v.blocks.some((b) => (b as Record<string, unknown>)?.type === 'input');
    if (hasInput && v.submit === undefined) problems.push('submit is required when an input block is present [json-pointer:/view/submit]');
  }
  if (typeof v.private_metadata === 'string' && v.private_metadata.length > 3000) problems.push('must be less than 3001 characters [json-pointer:/view/private_metadata]');
  if (typeof v.callback_id === 'string' && v.callback_id.length > 255) problems.push('must be less than 256 characters [json-pointer:/view/callback_id]');
  if (!Array.isArray(v.blocks)) problems.push('missing required field: blocks [json-pointer:/view/blocks]');
  else {
    try { checkBlocks(v.blocks, VIEW_BLOCKS, 100); } catch (e) {
      const body = (e as SlackError).body as { errors?: string[] };
      for (const p of body.errors ?? ['invalid blocks']) problems.push(p.replace('json-pointer:/blocks', 'json-pointer:/view/blocks'));
    }
  }
  if (problems.length) throw new SlackError('invalid_arguments', { response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } });
  if (JSON.stringify(v).length > 250_000) throw new SlackError('view_too_large');
  return v;
}

function viewOut(ctx: OpContext, d: ViewDoc): Record<string, unknown> {
  const v = d.view;
  return {
    id: d.id, team_id: d.team_id, type: d.type, blocks: v.blocks ?? [], private_metadata: v.private_metadata ?? '', callback_id: v.callback_id ?? '',
    state: { values: {} }, hash: d.hash, title: v.title ?? (d.type === 'home' ? undefined : { type: 'plain_text', text: '' }), clear_on_close: !!v.clear_on_close,
    notify_on_close: !!v.notify_on_close, close: v.close ?? null, submit: v.submit ?? null, previous_view_id: d.previous_view_id, root_view_id: d.root_view_id,
    app_id: d.app_id, external_id: d.external_id ?? '', app_installed_team_id: team(ctx.tenant).id, bot_id: d.bot_id,
  };
}

function checkExternalId(ctx: OpContext, v: Record<string, unknown>, except?: string): string | undefined {
  const ext = typeof v.external_id === 'string' && v.external_id ? v.external_id : undefined;
  if (ext && views(ctx.tenant).find((d) => d.external_id === ext && d.id !== except)) throw new SlackError('duplicate_external_id');
  return ext;
}

function store(ctx: OpContext, who: SlackPrincipal, user: string, v: Record<string, unknown>, fields: Partial<ViewDoc>): ViewDoc {
  const id = fields.id ?? newId(ctx.tenant, 'V');
  return views(ctx.tenant).put({
    id, team_id: team(ctx.tenant).id, type: v.type as 'modal' | 'home', user_id: user, app_id: who.app_id ?? '', bot_id: who.bot_id ?? '', view: v,
    hash: `${nowSec(ctx.tenant)}.${ctx.tenant.random.chars(8)}`, root_view_id: id, previous_view_id: null, external_id: checkExternalId(ctx, v, fields.id), ...fields,
  } as ViewDoc);
}

export const surfaceHandlers = {
  // https://docs.slack.dev/reference/methods/views.open
  'views.open': method((ctx, a, who) => {
    const v = readView(a, 'modal');
    const t = useTrigger(ctx, a);
    const d = store(ctx, who, t.user, v, { stack: [] });
    views(ctx.tenant).patch(d.id, { stack: [d.id] });
    return { view: viewOut(ctx, d) };
  }),

  // https://docs.slack.dev/reference/methods/views.push — at most three views on a stack.
  'views.push': method((ctx, a, who) => {
    const v = readView(a, 'modal');
    const t = useTrigger(ctx, a);
    const root = views(ctx.tenant).filter((d) => d.type === 'modal' && d.user_id === t.user && d.app_id === (who.app_id ?? '') && d.root_view_id === d.id).pop();
    if (!root) throw new SlackError('not_found');
    const stack = root.stack ?? [root.id];
    if (stack.length >= 3) throw new SlackError('push_limit_reached');
    const d = store(ctx, who, t.user, v, { root_view_id: root.id, previous_view_id: stack[stack.length - 1] });
    views(ctx.tenant).patch(root.id, { stack: [...stack, d.id] });
    return { view: viewOut(ctx, d) };
  }),

  // https://docs.slack.dev/reference/methods/views.update — by view_id or external_id; a stale hash is hash_conflict.
  'views.update': method((ctx, a) => {
    const v = readView(a);
    const id = str(a, 'view_id');
    const ext = str(a, 'external_id');
    if (!id && !ext) throw invalidArguments('one of view_id or external_id is required');
    const d = id ? views(ctx.tenant).get(id) : views(ctx.tenant).find((x) => x.external_id === ext);
    if (!d) throw new SlackError('not_found');
    const hash = str(a, 'hash');
    if (hash && hash !== d.hash) throw new SlackError('hash_conflict');
    const updated = views(ctx.tenant).patch(d.id, { view: v, external_id: checkExternalId(ctx, v, d.id) ?? d.external_id, hash: `${nowSec(ctx.tenant)}.${ctx.tenant.random.chars(8)}` })!;
    return { view: viewOut(ctx, updated) };
  }),

  // https://docs.slack.dev/reference/methods/views.publish — one Home tab per user per app.
  'views.publish': method((ctx, a, who) => {
    const user = str(a, 'user_id');
    if (!user || !getUser(ctx.tenant, user)) throw new SlackError('user_not_found');
    const v = readView(a, 'home');
    const existing = views(ctx.tenant).find((d) => d.type === 'home' && d.user_id === user && d.app_id === (who.app_id ?? ''));
    const hash = str(a, 'hash');
    if (existing && hash && hash !== existing.hash) throw new SlackError('hash_conflict');
    const d = existing
      ? views(ctx.tenant).patch(existing.id, { view: v, hash: `${nowSec(ctx.tenant)}.${ctx.tenant.random.chars(8)}` })!
      : store(ctx, who, user, v, {});
    return { view: viewOut(ctx, d) };
  }),

  // https://docs.slack.dev/reference/methods/dialog.open (legacy dialogs)
  'dialog.open': method((ctx, a) => {
    const dialog = json<Record<string, unknown>>(a, 'dialog');
    if (!dialog || typeof dialog !== 'object') throw new SlackError('missing_dialog');
    if (typeof dialog.title !== 'string' || !dialog.callback_id || !Array.isArray(dialog.elements) || !dialog.elements.length) throw new SlackError('validation_errors', { response_metadata: { messages: ['[ERROR] title, callback_id and elements are required'] } });
    useTrigger(ctx, a);
    return {};
  }),
} satisfies Handlers;
