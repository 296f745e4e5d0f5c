// Event hooks: registration, activation, the one-time verification call, and deletion of inactive hooks.
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, oktaErrorWith, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { verifyEndpoint } from '../realtime/hooks.js';
import { hookState, hooks, logs, oktaId, type EventHookDoc } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

type Ctx = OpContext<{ eventHookId: string }>;

function requireHook(ctx: OpContext, id: string): EventHookDoc {
  const h = hooks(ctx.tenant).get(id);
  if (!h) throw notFound(id, 'Webhook');
  return h;
}

/**
 * The hook as Okta returns it: the auth header's secret value is never echoed back. An active hook links verify and
 * deactivate; an inactive one activate and delete, activate first; self carries no hints (terraform and
 * okta-sdk-python cassettes: createEventHook, getEventHook, lifecycle/deactivate).
 */
function present(ctx: OpContext, h: EventHookDoc) {
  const out = structuredClone(h);
  if (out.channel.config.authScheme) delete out.channel.config.authScheme.value;
  const base = `${ctx.baseUrl}/api/v1/eventHooks/${h.id}`;
  const post = (href: string) => ({ href, hints: { allow: ['POST'] } });
  return {
    ...out,
    _links: h.status === 'ACTIVE'
      ? { self: { href: base }, verify: post(`${base}/lifecycle/verify`), deactivate: post(`${base}/lifecycle/deactivate`) }
      : { activate: post(`${base}/lifecycle/activate`), self: { href: base }, delete: { href: base, hints: { allow: ['DELETE'] } } },
  };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/** Validates name, events and channel; returns the normalized fields plus the auth secret. */
function checkHook(body: Record<string, any>) {
  if (typeof body.name !== 'string' || !body.name.trim()) throw validationError('name', 'The field cannot be left blank');
  const items = body.events?.items;
  if (body.events?.type !== 'EVENT_TYPE') throw validationError('events.type', 'Does not match required pattern');
  if (!Array.isArray(items) || !items.length) throw validationError('events.items', 'The field cannot be left blank');
  for (const it of items) if (typeof it !== 'string' || !/^[a-z0-9_]+(\.[a-z0-9_]+)+$/i.test(it)) throw validationError('events.items', `Invalid event type: ${String(it)}`);
  const cfg = body.channel?.config;
  if (body.channel?.type !== 'HTTP') throw validationError('channel.type', 'Does not match required pattern');
  let url: URL;
  try {
    url = new URL(String(cfg?.uri));
  } catch {
    throw validationError('channel.config.uri', 'The field cannot be left blank');
  }
  // Okta requires HTTPS; the twin also accepts plain HTTP to loopback so local receivers work.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname))) {
    throw validationError('channel.config.uri', 'The URI must use HTTPS');
  }
  const auth = cfg?.authScheme;
  return {
    name: body.name,
    description: typeof body.description === 'string' ? body.description : null,
    events: { type: 'EVENT_TYPE' as const, items: items as string[], filter: body.events.filter ?? null },
    channel: {
      type: 'HTTP' as const,
      version: String(body.channel.version ?? '1.0.0'),
      config: {
        uri: url.toString(),
        headers: Array.isArray(cfg?.headers) ? cfg.headers.map((h: { key: string; value: string }) => ({ key: String(h.key), value: String(h.value) })) : [],
        // Okta delivers every event by POST and says so on every hook (terraform cassettes: channel.config.method).
        method: 'POST' as const,
        authScheme: auth?.key ? { type: 'HEADER' as const, key: String(auth.key) } : null,
      },
    },
    authValue: auth?.key && typeof auth.value === 'string' ? auth.value : null,
  };
}

const createEventHook = (ctx: OpContext) => {
  const { authValue, ...fields } = checkHook(bodyObject(ctx));
  const now = nowIso(ctx);
  const by = ctx.principal.userId ?? ctx.principal.subject;
  const hook: EventHookDoc = { id: oktaId(ctx.tenant, 'who'), status: 'ACTIVE', verificationStatus: 'UNVERIFIED', created: now, ...(typeof by === 'string' ? { createdBy: by } : {}), lastUpdated: now, ...fields };
  hooks(ctx.tenant).put(hook);
  hookState(ctx.tenant).put({ id: hook.id, authValue, baseUrl: ctx.baseUrl, cursor: null });
  emit(ctx, { eventType: 'event_hook.created', displayMessage: 'Event hook created', target: [{ id: hook.id, type: 'EventHook', alternateId: hook.name, displayName: hook.name }] });
  return { status: 200, body: present(ctx, hook) };
};

const updateEventHook = (ctx: Ctx) => {
  const hook = requireHook(ctx, ctx.params.eventHookId);
  const body = bodyObject(ctx);
  const { authValue, ...fields } = checkHook(body);
  const uriChanged = fields.channel.config.uri !== hook.channel.config.uri;
  // A replace may also switch the hook on or off: a `status` in the body is applied, an absent one keeps the hook's
  // (terraform cassettes TestAccResourceOktaEventHook_crud: PUT with status INACTIVE answers and stays INACTIVE).
  const status: EventHookDoc['status'] = body.status === 'ACTIVE' || body.status === 'INACTIVE' ? body.status : hook.status;
  if (status === 'ACTIVE' && hook.status !== 'ACTIVE') resetCursor(ctx, hook.id);
  // A new endpoint has to prove itself again before it receives events.
  const next = hooks(ctx.tenant).put({ ...hook, ...fields, status, verificationStatus: uriChanged ? 'UNVERIFIED' : hook.verificationStatus, lastUpdated: nowIso(ctx) });
  const state = hookState(ctx.tenant).get(hook.id);
  hookState(ctx.tenant).put({ id: hook.id, authValue: authValue ?? (fields.channel.config.authScheme ? (state?.authValue ?? null) : null), baseUrl: ctx.baseUrl, cursor: state?.cursor ?? null });
  return { status: 200, body: present(ctx, next) };
};

/** From now on: a hook never receives events from before it became deliverable. */
function resetCursor(ctx: OpContext, id: string): void {
  const last = logs(ctx.tenant).values().at(-1);
  const state = hookState(ctx.tenant).get(id);
  hookState(ctx.tenant).put({ id, authValue: state?.authValue ?? null, baseUrl: ctx.baseUrl, cursor: last?.id ?? null });
}

const verifyEventHook = async (ctx: Ctx) => {
  const hook = requireHook(ctx, ctx.params.eventHookId);
  const result = await verifyEndpoint(ctx.tenant, hook);
  if (!result.ok) {
    throw oktaErrorWith('E0000001', ['verify'], { causes: [`Unable to verify the event hook at ${hook.channel.config.uri}: ${result.reason}`] });
  }
  resetCursor(ctx, hook.id);
  const next = hooks(ctx.tenant).patch(hook.id, { verificationStatus: 'VERIFIED', lastUpdated: nowIso(ctx) })!;
  emit(ctx, { eventType: 'event_hook.verified', displayMessage: 'Event hook verified', target: [{ id: hook.id, type: 'EventHook', alternateId: hook.name, displayName: hook.name }] });
  return { status: 200, body: present(ctx, next) };
};

function setStatus(ctx: Ctx, status: EventHookDoc['status']) {
  const hook = requireHook(ctx, ctx.params.eventHookId);
  if (status === 'ACTIVE' && hook.status !== 'ACTIVE') resetCursor(ctx, hook.id);
  const next = hooks(ctx.tenant).patch(hook.id, { status, lastUpdated: nowIso(ctx) })!;
  emit(ctx, {
    eventType: status === 'ACTIVE' ? 'event_hook.activated' : 'event_hook.deactivated',
    displayMessage: status === 'ACTIVE' ? 'Event hook activated' : 'Event hook deactivated',
    target: [{ id: hook.id, type: 'EventHook', alternateId: hook.name, displayName: hook.name }],
  });
  return { status: 200, body: present(ctx, next) };
}

const deleteEventHook = (ctx: Ctx) => {
  const hook = requireHook(ctx, ctx.params.eventHookId);
  // Only INACTIVE hooks can be deleted (Event Hooks API, "Delete Event Hook").
  if (hook.status !== 'INACTIVE') throw validationError('status', 'Only event hooks with a status of INACTIVE can be deleted');
  hooks(ctx.tenant).delete(hook.id);
  hookState(ctx.tenant).delete(hook.id);
  emit(ctx, { eventType: 'event_hook.deleted', displayMessage: 'Event hook deleted', target: [{ id: hook.id, type: 'EventHook', alternateId: hook.name, displayName: hook.name }] });
  return noContent();
};

export const eventHookHandlers = {
  listEventHooks: (ctx) => ({ status: 200, body: hooks(ctx.tenant).values().map((h) => present(ctx, h)) }),
  createEventHook,
  getEventHook: (ctx) => ({ status: 200, body: present(ctx, requireHook(ctx, ctx.params.eventHookId)) }),
  updateEventHook,
  verifyEventHook,
  activateEventHook: (ctx) => setStatus(ctx, 'ACTIVE'),
  deactivateEventHook: (ctx) => setStatus(ctx, 'INACTIVE'),
  deleteEventHook,
} satisfies Handlers;
