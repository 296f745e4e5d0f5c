/** Known deviations: differences declared by JSON path (optionally per operation) with a reason, excused from the score and listed as such. */
import { readFileSync } from 'node:fs';

export interface Deviation {
  /** `$.profile.login`, `$.items[*].etag`, `headers.link.next`, or `status`. A path covers everything under it. */
  path: string;
  /** Twin operationId (`getUser`) or `METHOD /recorded/path`; absent: every exchange. */
  operation?: string;
  reason: string;
}

export function parseDeviations(doc: unknown, source = 'deviations'): Deviation[] {
  if (!Array.isArray(doc)) throw new Error(`${source}: expected a JSON array of {path, operation?, reason}`);
  return doc.map((d, i) => {
    const o = d as Partial<Deviation>;
    if (!o || typeof o.path !== 'string' || !o.path) throw new Error(`${source}[${i}]: "path" is required`);
    if (typeof o.reason !== 'string' || !o.reason.trim()) throw new Error(`${source}[${i}]: "reason" is required — a deviation without a reason is not known, only ignored`);
    if (o.operation !== undefined && typeof o.operation !== 'string') throw new Error(`${source}[${i}]: "operation" must be a string`);
    return { path: o.path, operation: o.operation, reason: o.reason };
  });
}

export function loadDeviations(file: string): Deviation[] {
  return parseDeviations(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** Indexes are wildcards for matching: `$.a[3].b` and `$.a[*].b` are the same place in a list. */
const canonical = (p: string) => p.replace(/\[\d+\]/g, '[*]');

export interface ExchangeId {
  operationId?: string;
  method: string;
  /** Recorded path without the query. */
  path: string;
}

export function findDeviation(deviations: Deviation[], diffPath: string, x: ExchangeId): Deviation | undefined {
  const p = canonical(diffPath);
  return deviations.find((d) => {
    if (d.operation && d.operation !== x.operationId && d.operation !== `${x.method} ${x.path}`) return false;
    const dp = canonical(d.path);
    return p === dp || p.startsWith(`${dp}.`) || p.startsWith(`${dp}[`);
  });
}
