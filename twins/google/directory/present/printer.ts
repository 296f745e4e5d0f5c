/** Directory's Chrome Printer and PrintServer resources as callers see them (AIP style: full resource names, no kind or etag). */
import type { Tenant } from '../../../../src/core/tenant.js';
import { nameOf, type PrinterRec } from '../model/printers.js';

export function presentPrinter(t: Tenant, p: PrinterRec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: nameOf(t, p), id: p.id, displayName: p.displayName };
  if (p.description) out.description = p.description;
  out.uri = p.uri;
  if (p.kind === 'printers') {
    if (p.makeAndModel) out.makeAndModel = p.makeAndModel;
    if (p.useDriverlessConfig) out.useDriverlessConfig = true;
  }
  out.orgUnitId = p.orgUnitId;
  out.createTime = p.createTime;
  return out;
}
