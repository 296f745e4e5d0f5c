/** Chrome printers and print servers: CUPS printers placed in org units (inherited below), the printer model catalog, batch create and delete. */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { googleError } from '../../errors.js';
import { K, customer } from '../../store.js';
import { byKey as orgUnitByKey, orgUnits, parentOf } from './orgunits.js';

export interface PrinterRec extends Doc {
  kind: 'printers' | 'printServers';
  displayName: string;
  description?: string;
  uri: string;
  makeAndModel?: string;
  useDriverlessConfig?: boolean;
  orgUnitId: string;
  createTime: string;
}

export const printers = (t: Tenant) => t.collection<PrinterRec>(K.printers);

/** Printer errors are AIP-style: the apiary `errors[]` plus the gRPC `status`. */
export const printerError = (code: number, message: string, reason = 'invalid') => googleError('admin', { code, message, reason, status: true });

/**
 * The models printers.create accepts (`makeAndModel` must be written as
 * listPrinterModels shows it); a small catalog of common office printers.
 */
export const PRINTER_MODELS = [
  ['Brother', 'brother hl-l2350dw series'],
  ['Brother', 'brother mfc-l8900cdw series'],
  ['Canon', 'canon imagerunner advance c5535'],
  ['Epson', 'epson et-4760 series'],
  ['HP', 'hp color laserjet pro m454'],
  ['HP', 'hp laserjet pro m404-m405'],
  ['HP', 'hp officejet pro 9020 series'],
  ['Lexmark', 'lexmark ms610de'],
  ['Xerox', 'xerox versalink c405'],
].map(([manufacturer, makeAndModel]) => ({ manufacturer, makeAndModel, displayName: makeAndModel.replace(/\b\w/g, (c) => c.toUpperCase()) }));

/** `customers/{id}` naming this customer (`my_customer` included), else 403 as for any other customer. */
export function checkParent(t: Tenant, parent: string): string {
  const m = /^customers\/([^/]+)$/.exec(parent);
  const c = customer(t)!;
  if (!m || (m[1] !== 'my_customer' && m[1] !== c.id)) throw googleError('admin', { code: 403, message: 'Not Authorized to access this resource/api', reason: 'forbidden' });
  return c.id;
}

export const nameOf = (t: Tenant, p: PrinterRec) => `customers/${customer(t)!.id}/chrome/${p.kind}/${p.id}`;

/** The printer or print server a full resource name points at. */
export function byName(t: Tenant, name: string): PrinterRec | undefined {
  const m = /^customers\/([^/]+)\/chrome\/(printers|printServers)\/([^/]+)$/.exec(name);
  if (!m) return undefined;
  checkParent(t, `customers/${m[1]}`);
  const p = printers(t).get(m[3]);
  return p?.kind === m[2] ? p : undefined;
}

const URI = /^(ipp|ipps|http|https|lpd|socket):\/\/[^\s/]+/;

/** Checks and applies fields (all of `body`, or those `mask` names), as create and patch do. */
export function applyPrinter(t: Tenant, p: PrinterRec, body: Record<string, unknown>, mask?: string[]): PrinterRec {
  const has = (k: string) => (mask ? mask.includes(k) : body[k] !== undefined);
  const next = { ...p };
  if (has('displayName')) next.displayName = typeof body.displayName === 'string' ? body.displayName.trim() : '';
  if (has('description')) next.description = typeof body.description === 'string' ? body.description : undefined;
  if (has('uri')) next.uri = typeof body.uri === 'string' ? body.uri : '';
  if (has('orgUnitId')) next.orgUnitId = typeof body.orgUnitId === 'string' ? body.orgUnitId : '';
  if (p.kind === 'printers') {
    if (has('makeAndModel')) next.makeAndModel = typeof body.makeAndModel === 'string' ? body.makeAndModel : undefined;
    if (has('useDriverlessConfig')) next.useDriverlessConfig = body.useDriverlessConfig === true;
  }
  if (!next.displayName) throw printerError(400, 'displayName is required.');
  if (!URI.test(next.uri)) throw printerError(400, `Invalid uri: ${next.uri || '(empty)'}`);
  if (!orgUnitByKey(t, `id:${next.orgUnitId.replace(/^id:/, '')}`)) throw printerError(400, `Invalid orgUnitId: ${next.orgUnitId || '(empty)'}`);
  next.orgUnitId = next.orgUnitId.replace(/^id:/, '');
  if (p.kind === 'printers') {
    if (!next.useDriverlessConfig && !next.makeAndModel) throw printerError(400, 'Either makeAndModel or useDriverlessConfig is required.');
    if (next.makeAndModel && !PRINTER_MODELS.some((m) => m.makeAndModel === next.makeAndModel)) throw printerError(400, `Unknown makeAndModel: ${next.makeAndModel}`);
  }
  return next;
}

export function newPrinter(t: Tenant, kind: PrinterRec['kind'], body: Record<string, unknown>, now: string): PrinterRec {
  const blank: PrinterRec = { id: `0${t.random.chars(14, 'abcdefghijklmnopqrstuvwxyz0123456789')}`, kind, displayName: '', uri: '', orgUnitId: '', createTime: now };
  return applyPrinter(t, blank, body);
}

/** Units a printer placed at `orgUnitId` serves: that unit and every unit below it (printers are inherited). */
export function servesUnit(t: Tenant, p: PrinterRec, orgUnitId: string): boolean {
  const target = orgUnitByKey(t, `id:${orgUnitId.replace(/^id:/, '')}`);
  const owner = orgUnits(t).get(`id:${p.orgUnitId}`);
  if (!target || !owner) return false;
  for (let path = target.orgUnitPath; ; path = parentOf(path)) {
    if (path.toLowerCase() === owner.orgUnitPath.toLowerCase()) return true;
    if (path === '/') return false;
  }
}

/** The printers `filter`: words match display name, description, uri or model; `field:value` narrows to one field. */
export function printerMatcher(filter: string): (p: PrinterRec) => boolean {
  const words = filter.match(/(?:[A-Za-z_]+:)?(?:"[^"]*"|\S+)/g) ?? [];
  const FIELDS: Record<string, (p: PrinterRec) => string | undefined> = {
    displayname: (p) => p.displayName, display_name: (p) => p.displayName, description: (p) => p.description, uri: (p) => p.uri, makeandmodel: (p) => p.makeAndModel, make_and_model: (p) => p.makeAndModel,
  };
  const clauses = words.map((w) => {
    const m = /^([A-Za-z_]+):(.*)$/.exec(w);
    const value = (m ? m[2] : w).replace(/^"(.*)"$/, '$1').replace(/\*$/, '').toLowerCase();
    const f = m ? FIELDS[m[1].toLowerCase()] : undefined;
    if (m && !f) throw printerError(400, `Invalid filter: ${filter}`);
    const fields = f ? [f] : Object.values(FIELDS);
    return (p: PrinterRec) => fields.some((g) => (g(p) ?? '').toLowerCase().includes(value));
  });
  return (p) => clauses.every((c) => c(p));
}
