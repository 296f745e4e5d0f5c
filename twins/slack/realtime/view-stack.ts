// A person's modal stack as interactions change it: view payload objects, and the response_action an app acks with.
import type { Tenant } from '../../../src/core/tenant.js';
import { views } from '../store.js';
import { type ViewDoc } from '../types.js';
import { team } from '../store.js';

/** Modals stack at most three deep (https://api.slack.com/surfaces/modals#lifecycle). */
const MAX_STACK = 3;

/** The view object Slack puts in interactive payloads (`view` of view_submission, block_actions in a modal). */
export function viewObject(tenant: Tenant, doc: ViewDoc, values?: Record<string, unknown>): Record<string, unknown> {
  const v = doc.view ?? {};
  const state = (v.state as { values?: unknown } | undefined)?.values;
  return {
    id: doc.id,
    team_id: doc.team_id ?? team(tenant).id,
    type: doc.type ?? v.type ?? 'modal',
    blocks: v.blocks ?? [],
    private_metadata: v.private_metadata ?? '',
    callback_id: v.callback_id ?? '',
    state: { values: values ?? state ?? {} },
    hash: doc.hash,
    ...(v.title !== undefined ? { title: v.title } : {}),
    clear_on_close: !!v.clear_on_close,
    notify_on_close: !!v.notify_on_close,
    ...(v.close !== undefined ? { close: v.close } : {}),
    ...(v.submit !== undefined ? { submit: v.submit } : {}),
    previous_view_id: doc.previous_view_id ?? null,
    root_view_id: doc.root_view_id ?? doc.id,
    app_id: doc.app_id,
    external_id: doc.external_id ?? v.external_id ?? '',
    app_installed_team_id: doc.team_id ?? team(tenant).id,
    bot_id: doc.bot_id,
  };
}

/** Open modals of the stack `viewId` belongs to, bottom first. */
export function stackOf(tenant: Tenant, viewId: string): ViewDoc[] {
  const doc = views(tenant).get(viewId);
  if (!doc) return [];
  const rootId = doc.root_view_id || doc.id;
  const root = views(tenant).get(rootId);
  const ids = root?.stack?.length ? root.stack : chain(tenant, doc);
  return ids.map((id) => views(tenant).get(id)).filter((v): v is ViewDoc => !!v);
}

/** Without a recorded stack, the previous_view_id links give it. */
function chain(tenant: Tenant, top: ViewDoc): string[] {
  const out: string[] = [];
  let cur: ViewDoc | undefined = top;
  while (cur && !out.includes(cur.id)) {
    out.unshift(cur.id);
    cur = cur.previous_view_id ? views(tenant).get(cur.previous_view_id) : undefined;
  }
  return out;
}

function saveStack(tenant: Tenant, rootId: string, ids: string[]): void {
  if (views(tenant).has(rootId)) views(tenant).patch(rootId, { stack: ids });
}

/** Closes a view; if it was on top of others, the one beneath shows again. */
export function closeView(tenant: Tenant, viewId: string): void {
  const doc = views(tenant).get(viewId);
  if (!doc) return;
  const rootId = doc.root_view_id || doc.id;
  const remaining = stackOf(tenant, viewId).filter((v) => v.id !== viewId).map((v) => v.id);
  views(tenant).delete(viewId);
  if (remaining.length) {
    const newRoot = views(tenant).get(rootId) ? rootId : remaining[0];
    saveStack(tenant, newRoot, remaining);
  }
}

export function clearStack(tenant: Tenant, viewId: string): string[] {
  const ids = stackOf(tenant, viewId).map((v) => v.id);
  for (const id of ids) views(tenant).delete(id);
  return ids;
}

export interface ViewAckOutcome {
  response_action: string;
  errors?: Record<string, string>;
  /** The modal the person sees afterwards, if any. */
  view_id?: string;
  closed?: string[];
  error?: string;
}

/**
 * Applies a view_submission ack the way Slack does
 * (https://api.slack.com/surfaces/modals#interactions): `errors` keeps the modal and shows
 * messages, `update` replaces it, `push` stacks a new one, `clear` closes all; an empty ack closes it.
 */
export function applyViewAck(tenant: Tenant, viewId: string, ack: Record<string, unknown>, hash: () => string, newId: () => string): ViewAckOutcome {
  const doc = views(tenant).get(viewId);
  if (!doc) return { response_action: 'none', error: 'view_not_found' };
  const action = typeof ack.response_action === 'string' ? ack.response_action : '';
  const next = ack.view && typeof ack.view === 'object' ? (ack.view as Record<string, unknown>) : undefined;
  switch (action) {
    case 'errors':
      return { response_action: 'errors', errors: (ack.errors as Record<string, string>) ?? {}, view_id: viewId };
    case 'update':
      if (!next) return { response_action: 'update', error: 'invalid_view', view_id: viewId };
      views(tenant).patch(viewId, { view: { ...next, type: 'modal' }, hash: hash(), ...(typeof next.external_id === 'string' ? { external_id: next.external_id } : {}) });
      return { response_action: 'update', view_id: viewId };
    case 'push': {
      if (!next) return { response_action: 'push', error: 'invalid_view', view_id: viewId };
      const stack = stackOf(tenant, viewId).map((v) => v.id);
      if (stack.length >= MAX_STACK) return { response_action: 'push', error: 'push_limit_reached', view_id: viewId };
      const rootId = doc.root_view_id || doc.id;
      const id = newId();
      views(tenant).put({ ...doc, id, view: { ...next, type: 'modal' }, hash: hash(), root_view_id: rootId, previous_view_id: viewId, stack: undefined, external_id: typeof next.external_id === 'string' ? next.external_id : undefined });
      saveStack(tenant, rootId, [...stack, id]);
      return { response_action: 'push', view_id: id };
    }
    case 'clear':
      return { response_action: 'clear', closed: clearStack(tenant, viewId) };
    default: {
      const beneath = stackOf(tenant, viewId).filter((v) => v.id !== viewId).pop();
      closeView(tenant, viewId);
      return { response_action: 'none', closed: [viewId], view_id: beneath?.id };
    }
  }
}
