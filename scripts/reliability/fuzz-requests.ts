/**
 * Request generators for fuzzing a twin from its own spec digest: a fast-check
 * arbitrary per operation that yields valid, boundary and malformed requests
 * (wrong types, missing and extra fields, huge strings and arrays, deep nesting,
 * invalid UTF-8 and percent-encoding, odd and duplicated headers, wrong methods,
 * truncated bodies).
 */
import fc from 'fast-check';
import type { Digest, JsonSchema, OperationDigest } from '../../src/core/digest.js';

export interface FuzzRequest {
  op: string;
  strategy: string;
  method: string;
  /** Path and query, already encoded (possibly badly, on purpose). */
  url: string;
  headers: Array<[string, string]>;
  body?: Uint8Array | string;
}

const MAX_DEPTH = 3;

/** A value fitting a (digest) JSON schema; `$ref`s resolve against the digest's schemas. */
export function fromSchema(schema: JsonSchema | undefined, digest: Digest, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return fc.jsonValue({ maxDepth: 1 });
  const ref = schema.$ref as string | undefined;
  if (ref) {
    const target = digest.schemas[ref.replace('#/schemas/', '')];
    return depth >= MAX_DEPTH ? fc.constant({}) : fromSchema(target, digest, depth + 1);
  }
  if (Array.isArray(schema.enum) && schema.enum.length) return fc.constantFrom(...(schema.enum as unknown[]));
  for (const k of ['oneOf', 'anyOf'] as const) {
    const alts = schema[k] as JsonSchema[] | undefined;
    if (alts?.length) return fc.oneof(...alts.slice(0, 4).map((s) => fromSchema(s, digest, depth + 1)));
  }
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as JsonSchema[]).slice(0, 4).map((s) => fromSchema(s, digest, depth + 1));
    return fc.tuple(...parts).map((vs) => Object.assign({}, ...vs.filter((v) => v && typeof v === 'object' && !Array.isArray(v))));
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[])[0] : (schema.type as string | undefined);
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.format === 'email') return fc.emailAddress();
      return fc.string({ maxLength: 24 });
    case 'integer':
      return fc.integer({ min: typeof schema.minimum === 'number' ? schema.minimum : -1000, max: typeof schema.maximum === 'number' ? schema.maximum : 100_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth >= MAX_DEPTH ? fc.constant([]) : fc.array(fromSchema(schema.items as JsonSchema, digest, depth + 1), { maxLength: 3 });
    case 'object':
    default: {
      const props = schema.properties as Record<string, JsonSchema> | undefined;
      if (!props || depth >= MAX_DEPTH) return type === 'object' ? fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }) : fc.jsonValue({ maxDepth: 1 });
      const keys = Object.keys(props).slice(0, 24);
      const required = ((schema.required as string[] | undefined) ?? []).filter((k) => keys.includes(k));
      return fc.record(Object.fromEntries(keys.map((k) => [k, fromSchema(props[k], digest, depth + 1)])), { requiredKeys: required });
    }
  }
}

/** Nested arrays or objects this deep. */
const deep = (n: number, obj: boolean) => (obj ? '{"a":'.repeat(n) + '1' + '}'.repeat(n) : '['.repeat(n) + ']'.repeat(n));

/** Odd path segments: traversal, NUL, bad percent-encoding, huge, unicode. */
const oddSegment = fc.constantFrom('..', '%00', '%E0%A4%A', '%', '%ZZ', 'a'.repeat(10_000), '%F0%9F%92%A9', '\u{1F4A9}', ' ', '%2F..%2F', '-1', '0', '9'.repeat(40), 'null', '{id}', ';x=1');

/** Values that break parsers: wrong types, boundaries, huge things. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom<unknown>('', null, -1, 0, 2 ** 53, -(2 ** 63), 1e308, 'x'.repeat(200_000), '\u0000', '\uD800', 'NaN', 'true', [], {}, ['a', 1, null]),
  fc.constant(Array.from({ length: 10_000 }, (_, i) => i)),
);

function mutate(value: unknown, how: 'wrong_type' | 'missing' | 'extra' | 'huge'): fc.Arbitrary<unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return nasty;
  const keys = Object.keys(value as object);
  if (!keys.length) return how === 'extra' ? fc.record({ unexpected: nasty }) : nasty;
  return fc.nat(keys.length - 1).chain((i) => {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (how === 'missing') {
      delete copy[keys[i]];
      return fc.constant(copy);
    }
    if (how === 'extra') return nasty.map((v) => ({ ...copy, [`extra_${i}`]: v }));
    if (how === 'huge') return fc.constantFrom<unknown>('x'.repeat(300_000), Array.from({ length: 20_000 }, () => 'y')).map((v) => ({ ...copy, [keys[i]]: v }));
    return nasty.map((v) => ({ ...copy, [keys[i]]: v }));
  });
}

const STRATEGIES = ['valid', 'valid', 'valid', 'wrong_type', 'missing', 'extra', 'huge', 'deep', 'truncated', 'bad_utf8', 'bad_percent', 'wrong_method', 'odd_headers', 'wrong_media', 'no_auth', 'bad_auth'] as const;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** One request for `op`; `auth` are the header pairs that authenticate as the tenant's admin. */
export function requestFor(op: OperationDigest, digest: Digest, prefix: string, auth: Array<[string, string]>): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters.filter((p) => p.in === 'path' || p.in === 'query');
  const paramArbs = Object.fromEntries(params.map((p) => [`${p.in}:${p.name}`, fromSchema(p.schema, digest)]));
  const media = Object.keys(op.requestBody?.content ?? {})[0];
  const bodyArb = media ? fromSchema(op.requestBody!.content[media]?.schema, digest) : fc.constant(undefined);
  return fc.record({ strategy: fc.constantFrom(...STRATEGIES), params: fc.record(paramArbs), body: bodyArb, seg: oddSegment, junk: nasty, method: fc.constantFrom(...METHODS) }).chain((g) => {
    const bodyMutation = (['wrong_type', 'missing', 'extra', 'huge'] as const).find((s) => s === g.strategy);
    return (bodyMutation ? mutate(g.body, bodyMutation) : fc.constant(g.body)).map((body) => build(op, prefix, auth, g.strategy, g.params, body, g.seg, g.junk, g.method, media));
  });
}

/** Percent-encodes; a string with a lone surrogate goes out with the invalid UTF-8 (`%ED%A0%80`) it would be on the wire. */
function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return `${encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, ''))}%ED%A0%80`;
  }
}

function build(op: OperationDigest, prefix: string, auth: Array<[string, string]>, strategy: string, params: Record<string, unknown>, body: unknown, seg: string, junk: unknown, method: string, media: string | undefined): FuzzRequest {
  const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
  let path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = params[`path:${name}`];
    return strategy === 'bad_percent' ? seg : encode(str(v) || 'x');
  });
  if (strategy === 'wrong_type' && op.path.includes('{')) path = path.replace(/\/[^/]*$/, `/${encode(str(junk)).slice(0, 2000)}`);
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (k.startsWith('query:') && v !== undefined) query.append(k.slice(6), str(v));
  let qs = query.toString();
  if (strategy === 'bad_percent') qs = `${qs}${qs ? '&' : ''}q=%E0%A4%A&%ZZ=1&limit=%`;
  const headers: Array<[string, string]> = [];
  if (strategy !== 'no_auth') headers.push(...(strategy === 'bad_auth' ? ([['authorization', str(junk).slice(0, 500) || 'Bearer']] as Array<[string, string]>) : auth));
  headers.push(['accept', 'application/json']);
  let payload: Uint8Array | string | undefined;
  const json = media?.includes('json') ?? true;
  if (body !== undefined || strategy === 'deep' || strategy === 'truncated' || strategy === 'bad_utf8') {
    const text = strategy === 'deep' ? deep(5000, junk !== null) : JSON.stringify(body ?? {});
    payload = strategy === 'truncated' ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
    if (strategy === 'bad_utf8') payload = Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d]);
    if (!json && media === 'application/x-www-form-urlencoded' && typeof payload === 'string' && strategy !== 'truncated') {
      payload = new URLSearchParams(Object.entries(body && typeof body === 'object' ? (body as Record<string, unknown>) : { junk: body }).map(([k, v]) => [k, str(v)])).toString();
    }
    headers.push(['content-type', strategy === 'wrong_media' ? 'application/xml' : media && !media.includes('*') ? media : 'application/json']);
  }
  if (strategy === 'odd_headers') {
    headers.push(['content-type', 'text/plain; charset=bogus'], ['accept', '*/*;q=oops'], ['x-forwarded-for', '::1, 999.1.1.1'], ['if-match', '"\u00ff"'], ['range', 'bytes=9-1'], ['accept-encoding', 'zstd, gzip;q=x']);
    if (auth[0]) headers.push(auth[0]);
  }
  return {
    op: op.id,
    strategy,
    method: strategy === 'wrong_method' ? method : op.method.toUpperCase(),
    url: `${prefix}${path}${qs ? `?${qs}` : ''}`,
    headers,
    body: payload,
  };
}
