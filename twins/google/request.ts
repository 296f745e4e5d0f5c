/** Reading Google's request arguments, shared by every API's handlers: JSON bodies, partial responses, page tokens, integers. */
import { createHash } from 'node:crypto';
import type { OpContext } from '../../src/core/handler.js';
import type { Digest, JsonSchema, OperationDigest } from '../../src/core/digest.js';
import type { RequestParts } from '../../src/core/validate.js';
import { E, type Api } from './errors.js';
import { applyFields, FieldSyntaxError, NOTHING, selection, type FieldTree } from './fields.js';
import { googleError } from './errors.js';

/** Google reads request bodies as JSON only; anything else on a metadata endpoint is refused. */
export function jsonObject(ctx: OpContext, api: Api): Record<string, unknown> {
  const b = ctx.body;
  if (b === undefined) return {};
  if (b instanceof Uint8Array) {
    const type = ctx.headers.get('content-type') ?? '';
    throw E.badRequest(api, `Media type '${type.split(';')[0] || 'application/octet-stream'}' is not supported. Valid media types: [application/json]`);
  }
  if (!b || typeof b !== 'object' || Array.isArray(b)) {
    throw api === 'sheets' || api === 'docs'
      ? googleError(api, { code: 400, message: `Invalid JSON payload received. Expected an object at the top level.` })
      : E.badRequest(api, 'Invalid JSON payload received.');
  }
  return b as Record<string, unknown>;
}

/**
 * Parsed and checked selections by schema, fallback and `fields` text (a selection depends on nothing
 * else), so a repeated mask is read once; bounded, since the texts come from callers. Kept in maps by
 * each text in turn: the schema and fallback are the handlers' own strings, so only the caller's text is
 * hashed per request.
 */
const selections = new WeakMap<Digest, Map<string, Map<string, Map<string, FieldTree | FieldSyntaxError>>>>();
const MAX_SELECTIONS = 1000;

function selectionFor(digest: Digest, fields: string | undefined, fallback: string, schemaName: string): FieldTree {
  let bySchema = selections.get(digest);
  if (!bySchema) selections.set(digest, (bySchema = new Map()));
  let byFallback = bySchema.get(schemaName);
  if (!byFallback) bySchema.set(schemaName, (byFallback = new Map()));
  let byText = byFallback.get(fallback);
  if (!byText) byFallback.set(fallback, (byText = new Map()));
  const key = fields ?? '';
  let s = byText.get(key);
  if (!s) {
    try {
      s = selection(fields, fallback, { $ref: `#/schemas/${schemaName}` } as JsonSchema, digest);
    } catch (e) {
      if (!(e instanceof FieldSyntaxError)) throw e;
      s = e;
    }
    if (byText.size >= MAX_SELECTIONS) byText.clear();
    byText.set(key, s);
  }
  if (s instanceof FieldSyntaxError) throw s;
  return s;
}

/** `fields` selection against a named digest schema, with Google's 400 for unknown fields. */
export function pick(ctx: OpContext, api: Api, value: unknown, fallback: string, schemaName: string): unknown {
  return applyFields(value, selectionOf(ctx, api, fallback, schemaName));
}

/**
 * The selection `pick` applies, for a presenter that builds only what it selects; the caller's mask is
 * refused with Google's 400 as `pick` refuses it.
 */
export function selectionOf(ctx: OpContext, api: Api, fallback: string, schemaName: string): FieldTree {
  const fields = typeof ctx.query.fields === 'string' ? ctx.query.fields : undefined;
  try {
    return selectionFor(ctx.twin.def.digest, fields, fallback, schemaName);
  } catch (e) {
    if (e instanceof FieldSyntaxError) throw E.invalidFieldSelection(api, e.field);
    throw e;
  }
}

/**
 * `pick` for a value built to the selection: `build` is told what the mask keeps and builds at least that. A
 * refused mask still runs `build` (keeping nothing) before the 400, so what building does besides (Drive gives
 * a person it shows their permission id) happens as it did when the whole value was built before the mask was read.
 */
export function pickBuilt(ctx: OpContext, api: Api, fallback: string, schemaName: string, build: (want: FieldTree) => unknown): unknown {
  let tree: FieldTree;
  try {
    tree = selectionOf(ctx, api, fallback, schemaName);
  } catch (e) {
    build(NOTHING);
    throw e;
  }
  return applyFields(build(tree), tree);
}

/**
 * Opaque page tokens that remember the offset and the query they belong to;
 * a token replayed with a different query is rejected as Google does.
 */
export function encodePageToken(offset: number, query: unknown): string {
  const h = createHash('sha1').update(JSON.stringify(query)).digest('hex').slice(0, 10);
  return Buffer.from(JSON.stringify({ o: offset, h })).toString('base64url');
}

export function decodePageToken(token: unknown, query: unknown, api: Api): number {
  if (token === undefined || token === '') return 0;
  try {
    const v = JSON.parse(Buffer.from(String(token), 'base64url').toString()) as { o: number; h: string };
    const h = createHash('sha1').update(JSON.stringify(query)).digest('hex').slice(0, 10);
    if (Number.isInteger(v.o) && v.o >= 0 && v.h === h) return v.o;
  } catch {
    // fall through
  }
  throw E.invalidValue(api, 'pageToken');
}

export function intParam(ctx: OpContext, api: Api, name: string, dflt: number, min: number, max: number): number {
  const v = ctx.query[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw E.invalidValue(api, name, `Invalid value '${String(v)}'. Values must be within the range: [${min}, ${max}]`);
  }
  return n;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const bool = (v: unknown): boolean => v === true || v === 'true';

/**
 * Proto3 JSON: `null` for any field is that field's default, i.e. unset; Google's front end drops it before reading
 * the message. A value with no null in it is handed on as it is (nothing reads the parsed body but the handler),
 * and only the objects and arrays on the way to a null are copied.
 */
function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = dropNulls(v[i]);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return out ?? v;
  }
  if (!v || typeof v !== 'object' || v instanceof Uint8Array) return v;
  const obj = v as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    const x = obj[k];
    // An own `__proto__` (JSON.parse makes one) is copied as a copy always copied it: by assignment.
    if (x === null || k === '__proto__' || (x && typeof x === 'object' && dropNulls(x) !== x)) return withoutNulls(obj);
  }
  return v;
}

function withoutNulls(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = dropNulls(x);
  return out;
}

/**
 * An operation's boolean query parameters, found once. A request's own query names are walked against them (most
 * requests send none or few), rather than asking the query for each of the operation's parameters by name.
 */
const booleanParams = new WeakMap<OperationDigest, Set<string>>();

function booleansOf(op: OperationDigest): Set<string> {
  let names = booleanParams.get(op);
  if (!names) booleanParams.set(op, (names = new Set(op.parameters.filter((p) => p.in === 'query' && p.schema?.type === 'boolean').map((p) => p.name))));
  return names;
}

/**
 * Reads arguments the way Google's front end does, before validation: booleans in any case
 * (`supportsAllDrives=True`, as Python clients write them), `fields` given several times is one
 * mask, and JSON `null` means unset.
 */
export function normalizeRequest(op: OperationDigest, parts: RequestParts): void {
  const booleans = booleansOf(op);
  for (const name of Object.keys(parts.query)) {
    if (!booleans.has(name)) continue;
    const v = parts.query[name];
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) parts.query[name] = v.toLowerCase();
  }
  if (Array.isArray(parts.query.fields)) parts.query.fields = parts.query.fields.join(',');
  if (parts.body !== undefined && !(parts.body instanceof Uint8Array) && parts.body !== null) parts.body = dropNulls(parts.body);
}
