/**
 * Admin Directory v1 Chrome printers and print servers. Both resources share
 * the spec's `/admin/directory/v1/{name}` operations (get, patch, delete), so
 * those handlers serve whichever kind the name points at.
 */
import type { Handlers } from '../../generated/operations.js';
import type { OpContext, Reply } from '../../../../src/core/handler.js';
import { requireAdmin } from '../model/directory.js';
import { PRINTER_MODELS, applyPrinter, byName, checkParent, newPrinter, printerError, printerMatcher, printers, servesUnit, type PrinterRec } from '../model/printers.js';
import { decodePageToken, encodePageToken, intParam, jsonObject, str } from '../../request.js';
import { presentPrinter } from '../present/printer.js';

type Kind = PrinterRec['kind'];
const unfold = (s: string) => s.replace(/%2F/gi, '/');
const LABEL: Record<Kind, { one: string; many: string }> = { printers: { one: 'printer', many: 'printers' }, printServers: { one: 'printServer', many: 'printServers' } };

function parent(ctx: OpContext): string {
  requireAdmin(ctx);
  return checkParent(ctx.tenant, unfold(ctx.params.parent));
}

function load(ctx: OpContext): PrinterRec {
  requireAdmin(ctx);
  const p = byName(ctx.tenant, unfold(ctx.params.name));
  if (!p) throw printerError(404, 'Requested entity was not found.', 'notFound');
  return p;
}

/** AIP paging: `pageSize` (at most 100) and an opaque `pageToken`. */
function page<T>(ctx: OpContext, all: T[], key: unknown[]): { items: T[]; next?: string } {
  const size = intParam(ctx, 'admin', 'pageSize', 100, 1, 100);
  const offset = decodePageToken(ctx.query.pageToken, key, 'admin');
  return { items: all.slice(offset, offset + size), next: offset + size < all.length ? encodePageToken(offset + size, key) : undefined };
}

const ORDER: Record<string, (p: PrinterRec) => string> = { displayName: (p) => p.displayName.toLowerCase(), description: (p) => (p.description ?? '').toLowerCase(), makeAndModel: (p) => p.makeAndModel ?? '', createTime: (p) => p.createTime };

function list(kind: Kind) {
  return (ctx: OpContext): Reply => {
    parent(ctx);
    const t = ctx.tenant;
    const q = ctx.query;
    const match = printerMatcher(str(q.filter) ?? '');
    const ou = str(q.orgUnitId);
    const [field, dir] = (str(q.orderBy) ?? 'displayName').trim().split(/\s+/);
    if (!ORDER[field] || (dir && !/^(asc|desc)$/i.test(dir))) throw printerError(400, `Invalid orderBy: ${String(q.orderBy)}`);
    const sign = dir?.toLowerCase() === 'desc' ? -1 : 1;
    const all = printers(t)
      .filter((p) => p.kind === kind && match(p) && (!ou || servesUnit(t, p, ou)))
      .sort((a, b) => (ORDER[field](a) < ORDER[field](b) ? -1 : ORDER[field](a) > ORDER[field](b) ? 1 : 0) * sign);
    const { items, next } = page(ctx, all, [kind, q.filter, q.orgUnitId, q.orderBy]);
    return { body: { ...(items.length ? { [LABEL[kind].many]: items.map((p) => presentPrinter(t, p)) } : {}), ...(next ? { nextPageToken: next } : {}) } };
  };
}

function create(kind: Kind) {
  return (ctx: OpContext): Reply => {
    parent(ctx);
    return { body: presentPrinter(ctx.tenant, printers(ctx.tenant).put(newPrinter(ctx.tenant, kind, jsonObject(ctx, 'admin'), ctx.now().toISOString()))) };
  };
}

const CODES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND' };
const failure = (e: unknown) => {
  const err = (e as { status?: number; body?: { error?: { message?: string } } });
  if (!err.body?.error) throw e;
  return { errorCode: CODES[err.status ?? 400] ?? 'UNKNOWN', errorMessage: err.body.error.message };
};

/** Each request stands alone: created ones are returned, the rest reported as failures (at most 50 a call). */
function batchCreate(kind: Kind) {
  return (ctx: OpContext): Reply => {
    parent(ctx);
    const t = ctx.tenant;
    const requests = jsonObject(ctx, 'admin').requests;
    if (!Array.isArray(requests) || !requests.length || requests.length > 50) throw printerError(400, 'requests must hold 1 to 50 entries.');
    const made: Record<string, unknown>[] = [];
    const failures: Record<string, unknown>[] = [];
    for (const r of requests as Array<Record<string, unknown>>) {
      const body = (r?.[LABEL[kind].one] ?? {}) as Record<string, unknown>;
      try {
        if (typeof r?.parent === 'string') checkParent(t, r.parent);
        made.push(presentPrinter(t, printers(t).put(newPrinter(t, kind, body, ctx.now().toISOString()))));
      } catch (e) {
        failures.push({ [LABEL[kind].one]: body, ...failure(e) });
      }
    }
    return { body: { ...(made.length ? { [LABEL[kind].many]: made } : {}), ...(failures.length ? { failures } : {}) } };
  };
}

function batchDelete(kind: Kind) {
  return (ctx: OpContext): Reply => {
    parent(ctx);
    const t = ctx.tenant;
    const idsField = kind === 'printers' ? 'printerIds' : 'printServerIds';
    const ids = jsonObject(ctx, 'admin')[idsField];
    if (!Array.isArray(ids) || !ids.length || ids.length > 50) throw printerError(400, `${idsField} must hold 1 to 50 entries.`);
    const done: string[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const id of ids.map(String)) {
      if (printers(t).get(id)?.kind === kind && printers(t).delete(id)) done.push(id);
      else failed.push({ [`${LABEL[kind].one}Id`]: id, errorCode: 'NOT_FOUND', errorMessage: `${LABEL[kind].one} ${id} not found.` });
    }
    const failedKey = kind === 'printers' ? 'failedPrinters' : 'failedPrintServers';
    return { body: { ...(done.length ? { [idsField]: done } : {}), ...(failed.length ? { [failedKey]: failed } : {}) } };
  };
}

/** `updateMask` names the fields to change; without one, every field sent. The owning unit is set at creation only. */
function patch(ctx: OpContext): Reply {
  const p = load(ctx);
  const body = jsonObject(ctx, 'admin');
  const mask = str(ctx.query.updateMask)?.split(',').map((s) => s.trim()).filter(Boolean);
  if (mask?.includes('orgUnitId') || (!mask && body.orgUnitId !== undefined && body.orgUnitId !== p.orgUnitId)) throw printerError(400, 'orgUnitId can only be set when the printer is created.');
  const next = applyPrinter(ctx.tenant, p, body, mask);
  return { body: presentPrinter(ctx.tenant, printers(ctx.tenant).put(next)) };
}

export const adminPrinterHandlers = {
  'admin.customers.chrome.printers.list': list('printers'),
  'admin.customers.chrome.printers.create': create('printers'),
  'admin.customers.chrome.printers.batchCreatePrinters': batchCreate('printers'),
  'admin.customers.chrome.printers.batchDeletePrinters': batchDelete('printers'),
  'admin.customers.chrome.printers.listPrinterModels': (ctx) => {
    parent(ctx);
    const filter = (str(ctx.query.filter) ?? '').toLowerCase().replace(/^manufacturer\s*[:=]\s*/, '');
    const all = PRINTER_MODELS.filter((m) => !filter || m.manufacturer.toLowerCase() === filter || m.makeAndModel.includes(filter));
    const { items, next } = page(ctx, all, ['models', ctx.query.filter]);
    return { body: { printerModels: items, ...(next ? { nextPageToken: next } : {}) } };
  },
  'admin.customers.chrome.printServers.list': list('printServers'),
  'admin.customers.chrome.printServers.create': create('printServers'),
  'admin.customers.chrome.printServers.batchCreatePrintServers': batchCreate('printServers'),
  'admin.customers.chrome.printServers.batchDeletePrintServers': batchDelete('printServers'),
  'admin.customers.chrome.printServers.get': (ctx) => ({ body: presentPrinter(ctx.tenant, load(ctx)) }),
  'admin.customers.chrome.printServers.patch': patch,
  'admin.customers.chrome.printServers.delete': (ctx) => {
    printers(ctx.tenant).delete(load(ctx).id);
    // AIP deletes answer google.protobuf.Empty.
    return { body: {} };
  },
} satisfies Handlers;
