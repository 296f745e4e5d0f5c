/** Slack method arguments: merged from query string, form, multipart or JSON body, read with Slack's coercions. */
import type { OpContext } from '../../../src/core/handler.js';
import type { UploadedFile } from '../../../src/core/body.js';
import type { OperationDigest } from '../../../src/core/digest.js';
import type { RequestParts } from '../../../src/core/validate.js';
import { SlackError, invalidArguments } from '../errors.js';

export type Args = Record<string, unknown>;

const cache = new WeakMap<Request, Args>();

/** text/plain bodies are read as url-encoded forms, as Slack's form parser does. */
function bodyArgs(body: unknown): Args {
  if (body === undefined || body === null) return {};
  if (body instanceof Uint8Array) {
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      return Object.fromEntries(new URLSearchParams(text));
    } catch {
      throw new SlackError('invalid_form_data');
    }
  }
  if (typeof body !== 'object' || Array.isArray(body)) throw new SlackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] request body must be an object'] } });
  return body as Args;
}

/** Query-string arguments and body arguments together; the body wins on conflicts. */
function mergedArgs(query: unknown, body: unknown): Args {
  const out: Args = { ...(query as Args), ...bodyArgs(body) };
  // Deleting a property turns the object into a slow dictionary for every later read: only when there is one.
  if ('token' in out) delete out.token;
  return out;
}

/** The arguments as the caller sent them, for handlers: never the validator's coerced copy. */
export function readArgs(ctx: Pick<OpContext, 'req' | 'query' | 'body'>): Args {
  const hit = cache.get(ctx.req) ?? sentArgs.get(ctx.body as object) ?? sentArgs.get(ctx.query as object);
  if (hit) return hit;
  const out = mergedArgs(ctx.query, ctx.body);
  cache.set(ctx.req, out);
  return out;
}

/** Validation copy → the arguments as sent. */
const sentArgs = new WeakMap<object, Args>();

/**
 * Lays a call's arguments out where the spec declares them, for the engine's
 * validator. Slack reads one set of arguments from the query string and the
 * body alike (form, multipart, JSON or text/plain) and reads them as strings
 * (https://docs.slack.dev/apis/web-api/#POST), so the validator sees all of
 * them merged, as text: JSON values as their JSON, files as their names.
 * Booleans are read as Slack reads them (true/1/yes), so they never fail.
 * The validator checks and coerces this copy; handlers keep reading what was
 * sent (readArgs). A body Slack cannot read is left to the handler's errors.
 */
export function layOutArguments(op: OperationDigest, parts: RequestParts): void {
  let sent: Args;
  try {
    sent = mergedArgs(parts.query, parts.body);
  } catch {
    return;
  }
  const copy: Args = {};
  const booleans = booleanArguments(op);
  for (const [k, v] of Object.entries(sent)) {
    if (v === undefined || v === null) continue;
    copy[k] = booleans.has(k) ? String(bool(sent, k)) : asText(v);
  }
  sentArgs.set(copy, sent);
  // Every Slack method declares its arguments either as query parameters or as one form body, never both.
  if (op.requestBody) {
    parts.body = copy;
    parts.mediaType = 'application/x-www-form-urlencoded';
  } else {
    parts.query = copy;
  }
}

function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return '';
  if (typeof v === 'object' && v && 'data' in v && (v as UploadedFile).data instanceof Uint8Array) return (v as UploadedFile).filename;
  return JSON.stringify(v);
}

const booleanCache = new WeakMap<OperationDigest, Set<string>>();

/** Names of the arguments an operation declares as booleans, in its query parameters or form body. */
function booleanArguments(op: OperationDigest): Set<string> {
  let out = booleanCache.get(op);
  if (out) return out;
  out = new Set(op.parameters.filter((p) => p.schema?.type === 'boolean').map((p) => p.name));
  for (const media of Object.values(op.requestBody?.content ?? {})) {
    const props = (media.schema?.properties ?? {}) as Record<string, { type?: unknown }>;
    for (const [name, s] of Object.entries(props)) if (s?.type === 'boolean') out.add(name);
  }
  booleanCache.set(op, out);
  return out;
}

/** A string argument; numbers and booleans (JSON bodies) read as their text; repeated form keys take the first. */
export function str(a: Args, key: string): string | undefined {
  let v = a[key];
  if (Array.isArray(v) && (typeof v[0] === 'string' || typeof v[0] === 'number')) v = v[0];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A required string argument: absent or empty fails with `code` (Slack's per-method error), else invalid_arguments. */
export function need(a: Args, key: string, code?: string): string {
  const v = str(a, key);
  if (v === undefined || v === '') {
    if (code) throw new SlackError(code);
    throw invalidArguments(`missing required field: ${key}`);
  }
  return v;
}

/** Slack booleans: true/1/"true"/"1" (and "yes" for legacy callers). */
export function bool(a: Args, key: string, dflt = false): boolean {
  const v = a[key];
  if (v === undefined || v === null || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return ['true', '1', 'yes'].includes(String(v).toLowerCase());
}

/** An integer argument; junk fails as invalid_arguments rather than reaching a handler as NaN. */
export function int(a: Args, key: string, dflt?: number): number | undefined {
  const v = a[key];
  if (v === undefined || v === null || v === '') return dflt;
  const n = typeof v === 'number' ? v : Number(String(v));
  if (!Number.isFinite(n)) throw invalidArguments(`invalid value for ${key}: expected an integer`);
  return Math.trunc(n);
}

/** A JSON argument: already-structured (JSON bodies) or a JSON string (forms). */
export function json<T = unknown>(a: Args, key: string, code = 'invalid_arguments'): T | undefined {
  const v = a[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') return v as T;
  try {
    return JSON.parse(v) as T;
  } catch {
    if (code === 'invalid_arguments') throw invalidArguments(`${key} must be valid JSON`);
    throw new SlackError(code);
  }
}

/** A list argument: comma-separated string, array, or a JSON array string (the SDK stringifies arrays in forms). */
export function list(a: Args, key: string): string[] | undefined {
  let v = a[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string' && v.trim().startsWith('[')) {
    try {
      v = JSON.parse(v);
    } catch {
      throw invalidArguments(`${key} must be a list`);
    }
  }
  if (Array.isArray(v)) return v.flatMap((x) => String(x).split(',')).map((s) => s.trim()).filter(Boolean);
  return String(v).split(',').map((s) => s.trim()).filter(Boolean);
}

/** An uploaded file part of a multipart body. */
export function filePart(a: Args, key: string): UploadedFile | undefined {
  const v = a[key];
  if (v && typeof v === 'object' && 'data' in v && (v as UploadedFile).data instanceof Uint8Array) return v as UploadedFile;
  return undefined;
}
