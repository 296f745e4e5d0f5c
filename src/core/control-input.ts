/**
 * What the control plane accepts: the JSON schemas of its request bodies (also
 * published in its OpenAPI document), checked with ajv, plus the checks a
 * schema cannot state (an operation that exists, a time the clock can show).
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { globToRe } from './faults.js';

const TENANT_NAME = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$';
/** Milliseconds past the epoch that still print as an ISO year with four digits. */
const MAX_TIME_MS = Date.UTC(9999, 11, 31);

export const faultSchema = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    kind: { type: 'string', enum: ['latency', 'error', 'outage', 'rate_limit'] },
    tenant: { type: 'string', pattern: TENANT_NAME },
    operation: { type: 'string', minLength: 1, maxLength: 200, description: 'operationId or glob with *' },
    probability: { type: 'number', minimum: 0, maximum: 1 },
    count: { type: 'integer', minimum: 1 },
    latencyMs: { type: 'integer', minimum: 0, maximum: 300_000 },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    code: { type: 'string', maxLength: 200 },
    message: { type: 'string', maxLength: 2000 },
    retryAfterSec: { type: 'integer', minimum: 0, maximum: 86_400 },
  },
} as const;

const time = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'number' }] };

export const clockSchema = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { freeze: { anyOf: [{ type: 'boolean' }, time] }, advanceMs: { type: 'number' }, set: time },
} as const;

export const seedSchema = {
  type: 'object',
  required: ['fixture'],
  additionalProperties: false,
  properties: { tenant: { type: 'string', pattern: TENANT_NAME }, fixture: { type: ['object', 'null'] } },
} as const;

const tenantData = {
  type: 'object',
  required: ['collections'],
  properties: {
    version: { const: 1 },
    tenant: { type: 'string' },
    collections: {
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } },
    },
    meta: { type: 'object' },
    random: { type: 'array', minItems: 4, maxItems: 4, items: { type: 'integer' } },
  },
} as const;

export const restoreSchema = {
  type: 'object',
  required: ['tenants'],
  properties: {
    twin: { type: 'string' },
    takenAt: { type: 'string' },
    tenants: { type: 'object', propertyNames: { pattern: TENANT_NAME }, additionalProperties: tenantData },
  },
} as const;

export const rateLimitSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { enforce: { type: 'boolean' }, scale: { type: 'number', exclusiveMinimum: 0 } },
} as const;

// ajv loads with the first control body or fixture checked, not when a twin starts (it is a good part of a start).
const require = createRequire(import.meta.url);
let ajv: Ajv | undefined;
const compiled = new Map<object, ValidateFunction>();

/** The first schema violation in words (`/probability must be <= 1`), or undefined when the body conforms. */
export function schemaError(schema: object, value: unknown, what: string): string | undefined {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= new (require('ajv') as { Ajv: typeof Ajv }).Ajv({ strict: false, allErrors: false });
    compiled.set(schema, (validate = ajv.compile(schema)));
  }
  if (validate(value)) return undefined;
  return describe(validate.errors?.[0], what);
}

function describe(e: ErrorObject | undefined, what: string): string {
  if (!e) return `invalid ${what}`;
  const at = e.instancePath || '';
  if (e.keyword === 'additionalProperties') return `${what}${at}: unknown field "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'required') return `${what}${at}: missing field "${String(e.params.missingProperty)}"`;
  if (e.keyword === 'enum') return `${what}${at} must be one of ${(e.params.allowedValues as unknown[]).join(', ')}`;
  if (e.keyword === 'propertyNames') return `${what}${at}: invalid tenant name "${String(e.params.propertyName)}"`;
  return `${what}${at} ${e.message ?? 'is invalid'}`;
}

/** A time the clock can be set to (ISO string or epoch ms), or an error message. */
export function timeError(v: unknown, field: string): string | undefined {
  if (v === undefined || typeof v === 'boolean') return undefined;
  const ms = new Date(v as string | number).getTime();
  if (Number.isNaN(ms)) return `${field}: not a time: ${JSON.stringify(v)}`;
  if (ms < 0 || ms > MAX_TIME_MS) return `${field}: ${JSON.stringify(v)} is outside 1970..9999`;
  return undefined;
}

/** Whether `ms` after an advance still lies within the times the clock can show. */
export function inClockRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIME_MS;
}

/**
 * Refuses a fault operation that would never fire: an operationId the twin does
 * not have, or a glob matching none. The message names the closest operationId.
 */
export function operationError(operation: string | undefined, ids: string[]): string | undefined {
  if (operation === undefined) return undefined;
  if (operation.includes('*')) {
    const re = globToRe(operation);
    return ids.some((id) => re.test(id)) ? undefined : `operation pattern "${operation}" matches no operation of this twin`;
  }
  if (ids.includes(operation)) return undefined;
  const near = closest(operation, ids);
  return `unknown operation "${operation}"${near ? `; did you mean "${near}"?` : ''}`;
}

/** The candidate nearest by edit distance (case-insensitive), when it is near enough to be a plausible typo. */
export function closest(word: string, candidates: string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase(), bestD);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance, giving up once it exceeds `cap`. */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin >= cap) return cap;
    prev = cur;
  }
  return prev[b.length];
}
