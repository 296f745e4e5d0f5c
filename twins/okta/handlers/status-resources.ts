// Resources with an ACTIVE/INACTIVE lifecycle and no other rules of note: trusted origins, network zones, inline hooks (authenticators build on it).
import type { Handler, HandlerMap, OpContext } from '../../../src/core/handler.js';
import type { Doc } from '../../../src/core/tenant.js';
import { notFound, validationError } from '../errors.js';
import { emit } from '../model/events.js';
import { normalizeHookChannel } from '../model/inline-hooks.js';
import { evaluate, parseOrReject } from '../model/query.js';
import { page } from '../present/paging.js';
import { presentGeneric } from '../present/status-resources.js';
import { oktaId } from '../store.js';
import { bodyObject, noContent, nowIso } from './common.js';
import type { Handlers } from '../generated/operations.js';

export interface Spec {
  collection: string;
  prefix: string;
  param: string;
  /** Okta's type name in E0000007 summaries. */
  typeName: string;
  /** The type name E0000007 gives instead, where Okta stores the resource as another kind (log streams: AppInstance). */
  notFoundAs?: string;
  /** Fields that must be present on create/replace. */
  required: string[];
  /** Fields fixed at creation: a replace keeps them (Okta ignores them in PUT bodies). */
  immutable?: string[];
  /** Field names a list's `q` matches by prefix. */
  search?: string[];
  /** System Log event type prefix (`trusted_origin`), when Okta logs these changes. */
  events?: string;
  ops: { list?: string; create?: string; get?: string; replace?: string; delete?: string; activate?: string; deactivate?: string };
  /** Delete only when INACTIVE (Okta's rule for hooks and zones). */
  deleteOnlyInactive?: boolean;
  /** Checks and defaults on create and replace (`prev` is the stored document on replace). */
  extra?: (doc: Record<string, unknown>, body: Record<string, any>, prev?: Record<string, unknown>) => void;
  /** Okta records `createdBy`/`lastUpdatedBy` (trusted origins do; zones, hooks and authenticators do not). */
  audit?: boolean;
  /** The resource has no ACTIVE/INACTIVE status (push providers, realms, UI schemas). */
  statusless?: boolean;
  /** The success status of create (200 unless Okta documents 201). */
  createStatus?: number;
  /** Okta ignores a `status` sent on create and starts the resource ACTIVE. */
  ignoreStatusOnCreate?: boolean;
  /** What every org already has in this collection, created on first use. */
  defaults?: Array<Record<string, unknown>>;
  /** How a list shows an item, where Okta's lists leave out what a read of the item shows. */
  listed?: (presented: Record<string, unknown>) => Record<string, unknown>;
  /** Activate and deactivate answer 200 with no body instead of the resource (log streams). */
  emptyLifecycle?: boolean;
  /** The document as a list's `filter` expression reads it (extra attributes Okta filters on). */
  filterView?: (doc: Record<string, unknown>) => Record<string, unknown>;
  /** How the list pages where Okta's differs from id order and 20 a page: its page size and the field it sorts and cursors by. */
  paging?: { defaultLimit: number; orderBy: string };
}

type StatusDoc = Doc & { status: 'ACTIVE' | 'INACTIVE'; name?: string; created: string; lastUpdated: string };

const caller = (ctx: OpContext) => String(ctx.principal.userId ?? ctx.principal.subject ?? '');

export function resource(spec: Spec): HandlerMap {
  const coll = (ctx: OpContext) => {
    const c = ctx.tenant.collection<StatusDoc>(spec.collection);
    if (spec.defaults) {
      ctx.tenant.meta(`okta:defaults:${spec.collection}`, () => {
        const now = nowIso(ctx);
        for (const d of spec.defaults!) c.put({ ...structuredClone(d), id: oktaId(ctx.tenant, spec.prefix), created: now, lastUpdated: now } as StatusDoc);
        return true;
      });
    }
    return c;
  };
  const present = (ctx: OpContext, d: StatusDoc) => presentGeneric(ctx, d, spec.collection);
  const find = (ctx: OpContext) => {
    const id = (ctx.params as Record<string, string>)[spec.param];
    const d = coll(ctx).get(id);
    if (!d) throw notFound(id, spec.notFoundAs ?? spec.typeName);
    return d;
  };
  const check = (body: Record<string, any>, skip: string[] = []) => {
    for (const f of spec.required) if (!skip.includes(f)) if (body[f] === undefined || body[f] === null || body[f] === '') throw validationError(f, 'The field cannot be left blank');
  };
  const log = (ctx: OpContext, d: StatusDoc, action: string) => {
    if (spec.events) emit(ctx, { eventType: `${spec.events}.${action}`, displayMessage: `${spec.typeName} ${action}`, target: [{ id: d.id, type: spec.typeName, alternateId: String(d.name ?? d.id), displayName: String(d.name ?? d.id) }] });
  };
  const setStatus = (status: StatusDoc['status']): Handler => (ctx) => {
    const d = find(ctx);
    const next = coll(ctx).patch(d.id, { status, lastUpdated: nowIso(ctx) })!;
    log(ctx, next, status === 'ACTIVE' ? 'lifecycle.activate' : 'lifecycle.deactivate');
    if (spec.emptyLifecycle) return { status: 200 };
    return { status: 200, body: present(ctx, next) };
  };
  const map: HandlerMap = {};
  const { ops } = spec;
  if (ops.create) {
    map[ops.create] = (ctx) => {
      const body = bodyObject(ctx);
      check(body);
      const now = nowIso(ctx);
      const by = caller(ctx);
      const status = spec.statusless ? {} : { status: body.status === 'INACTIVE' && !spec.ignoreStatusOnCreate ? 'INACTIVE' : 'ACTIVE' };
      const doc = { ...structuredClone(body), id: oktaId(ctx.tenant, spec.prefix), ...status, created: now, lastUpdated: now, ...(spec.audit ? { createdBy: by, lastUpdatedBy: by } : {}) } as StatusDoc;
      delete (doc as Record<string, unknown>)._links;
      spec.extra?.(doc, body);
      coll(ctx).put(doc);
      log(ctx, doc, 'lifecycle.create');
      return { status: spec.createStatus ?? 200, body: present(ctx, doc) };
    };
  }
  if (ops.list) {
    map[ops.list] = (ctx) => {
      const q = ctx.query as Record<string, unknown>;
      let list = coll(ctx).values();
      if (typeof q.q === 'string' && q.q && spec.search) {
        const needle = q.q.toLowerCase();
        list = list.filter((d) => spec.search!.some((f) => String((d as Record<string, unknown>)[f] ?? '').toLowerCase().startsWith(needle)));
      }
      if (typeof q.filter === 'string' && q.filter) {
        const e = parseOrReject(q.filter);
        list = list.filter((d) => evaluate(e, spec.filterView ? spec.filterView(d) : d));
      }
      const by = spec.paging?.orderBy;
      const key = by ? (d: StatusDoc) => String((d as Record<string, unknown>)[by] ?? '') : undefined;
      if (key) list = list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      return page(ctx, list, {
        defaultLimit: spec.paging?.defaultLimit ?? 20, maxLimit: 200, cursor: key,
        present: (d: StatusDoc) => (spec.listed ? spec.listed(present(ctx, d)) : present(ctx, d)),
      });
    };
  }
  if (ops.get) map[ops.get] = (ctx) => ({ status: 200, body: present(ctx, find(ctx)) });
  if (ops.replace) {
    map[ops.replace] = (ctx) => {
      const d = find(ctx);
      const body = bodyObject(ctx);
      check(body, spec.immutable);
      const kept = Object.fromEntries((spec.immutable ?? []).map((f) => [f, (d as Record<string, unknown>)[f]]));
      const audit = spec.audit ? { createdBy: (d as Record<string, unknown>).createdBy, lastUpdatedBy: caller(ctx) } : {};
      const next = { ...structuredClone(body), ...kept, id: d.id, ...(spec.statusless ? {} : { status: d.status }), created: d.created, lastUpdated: nowIso(ctx), ...audit } as StatusDoc;
      delete (next as Record<string, unknown>)._links;
      spec.extra?.(next, body, d);
      coll(ctx).put(next);
      log(ctx, next, 'lifecycle.update');
      return { status: 200, body: present(ctx, next) };
    };
  }
  if (ops.delete) {
    map[ops.delete] = (ctx) => {
      const d = find(ctx);
      if (spec.deleteOnlyInactive && d.status === 'ACTIVE') throw validationError('status', `Only an INACTIVE ${spec.typeName} can be deleted`);
      coll(ctx).delete(d.id);
      log(ctx, d, 'lifecycle.delete');
      return noContent();
    };
  }
  if (ops.activate) map[ops.activate] = setStatus('ACTIVE');
  if (ops.deactivate) map[ops.deactivate] = setStatus('INACTIVE');
  return map;
}

function normalizeAddresses(list: unknown): unknown {
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list)) return list;
  return list.map((a) => (a && typeof a === 'object' && (a as Record<string, unknown>).type === 'RANGE' && typeof (a as Record<string, unknown>).value === 'string' && !String((a as Record<string, unknown>).value).includes('-') ? { ...a, value: `${(a as Record<string, string>).value}-${(a as Record<string, string>).value}` } : a));
}

export const statusResourceHandlers = {
  ...resource({
    collection: '/api/v1/trustedOrigins', prefix: 'tos', param: 'trustedOriginId', typeName: 'TrustedOrigin', required: ['name', 'origin', 'scopes'], search: ['name', 'origin'], events: 'trusted_origin', audit: true,
    // `type eq "REDIRECT"` selects origins with that scope (okta-sdk-nodejs test/it/trusted-origin.ts).
    filterView: (d) => ({ ...d, type: Array.isArray(d.scopes) ? d.scopes.map((s: { type?: string }) => s?.type) : [] }),
    ops: { list: 'listOrigins', create: 'createOrigin', get: 'getOrigin', replace: 'updateOrigin', delete: 'deleteOrigin', activate: 'activateOrigin', deactivate: 'deactivateOrigin' },
  }),
  ...resource({
    collection: '/api/v1/zones', prefix: 'nzo', param: 'zoneId', typeName: 'Zone', required: ['type', 'name'], immutable: ['type'], search: ['name'], events: 'zone',
    ops: { list: 'listNetworkZones', create: 'createNetworkZone', get: 'getNetworkZone', replace: 'updateNetworkZone', delete: 'deleteNetworkZone', activate: 'activateNetworkZone', deactivate: 'deactivateNetworkZone' },
    deleteOnlyInactive: true,
    extra: (doc) => {
      doc.system ??= false;
      doc.usage ??= 'POLICY';
      // IP zones always carry gateways and proxies (null when unset); a RANGE of one address reads `a-a`
      // (terraform cassettes TestAccResourceOktaNetworkZone_ipNormalization).
      if (doc.type === 'IP') {
        doc.gateways = normalizeAddresses(doc.gateways);
        doc.proxies = normalizeAddresses(doc.proxies);
      }
    },
  }),
  ...resource({
    collection: '/api/v1/inlineHooks', prefix: 'cal', param: 'inlineHookId', typeName: 'InlineHook', required: ['name', 'type', 'channel'], immutable: ['type'], search: ['name'], events: 'inline_hook',
    ops: { list: 'listInlineHooks', create: 'createInlineHook', get: 'getInlineHook', replace: 'updateInlineHook', delete: 'deleteInlineHook', activate: 'activateInlineHook', deactivate: 'deactivateInlineHook' },
    deleteOnlyInactive: true,
    extra: (doc) => {
      doc.version ??= '1.0.0';
      normalizeHookChannel(doc.channel);
    },
  }),
} satisfies Handlers;
