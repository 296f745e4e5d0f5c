/**
 * Decides which CRUD plans share a key space with something that writes it. A read, patch
 * or delete is served only when the twin can put records in that collection: an inferred
 * create or put, or a hand-written write on the same collection path (hand-written handlers
 * keep their records under the same keys). Reads of a collection nothing writes answer 501.
 */
import type { OperationDigest } from '../digest.js';
import { isParam, type Plan } from './crud-shape.js';

/** `/groups/{groupId}/users` and `/groups/{id}/users` are one key space. */
export const shapeKey = (template: string) => template.replace(/\{[^}]+\}/g, '{}');

function writtenCollections(plans: Map<string, Plan>, ops: OperationDigest[], handwritten: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const p of plans.values()) if (p.kind === 'create' || p.kind === 'replace') out.add(shapeKey(p.collection));
  for (const op of ops) {
    if (!handwritten.has(op.id) || !['post', 'put', 'patch'].includes(op.method)) continue;
    const segs = op.path.split('/').filter(Boolean);
    const last = segs[segs.length - 1] ?? '';
    out.add(shapeKey(`/${(isParam(last) ? segs.slice(0, -1) : segs).join('/')}`));
  }
  return out;
}

export function withWriters(plans: Map<string, Plan>, ops: OperationDigest[], handwritten: Set<string>): Map<string, Plan> {
  const written = writtenCollections(plans, ops, handwritten);
  return new Map([...plans].filter(([, p]) => p.kind === 'create' || p.kind === 'replace' || written.has(shapeKey(p.collection))));
}
