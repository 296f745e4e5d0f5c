// How Jira reads multi-valued query parameters: repeated (`expand=a&expand=b`) and comma-joined (`expand=a,b`) mean the same list.
import type { OperationDigest, JsonSchema } from '../../src/core/digest.js';
import type { RequestParts } from '../../src/core/validate.js';

/**
 * Runs before validation. A parameter declared as one string (`expand`, `permissions`) that
 * arrives repeated is joined with commas; one declared as an array that arrives comma-joined
 * (jira.js joins some arrays, repeats others) is split, so both reach handlers as the spec types them.
 */
export function normalizeQuery(op: OperationDigest, parts: RequestParts): void {
  for (const p of op.parameters) {
    if (p.in !== 'query') continue;
    const v = parts.query[p.name];
    if (v === undefined) continue;
    const schema = (p.schema ?? {}) as JsonSchema;
    if (schema.type === 'array') {
      const list = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter((x) => x !== '');
      parts.query[p.name] = list;
    } else if (Array.isArray(v) && (schema.type === 'string' || schema.type === undefined)) {
      parts.query[p.name] = v.map(String).join(',');
    }
  }
}
