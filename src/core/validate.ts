/**
 * Request (and, for contract checks, response) validation with ajv against the
 * digest's schemas. Validators compile lazily per operation on first use, so a
 * twin starts without compiling hundreds of schemas. Parameters and form bodies
 * arrive as strings and are coerced to the declared types; JSON bodies are not.
 */
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Digest, JsonSchema, OperationDigest } from './digest.js';
import type { ValidationIssue } from './errors.js';

/**
 * ajv and its formats load on the first validation, not at import: they are a
 * sizeable share of a twin's start-up and a twin that is only started needs neither.
 */
const require = createRequire(import.meta.url);
let ajvModule: { Ajv: typeof Ajv; addFormats: (ajv: Ajv) => void } | undefined;
function loadAjv() {
  if (!ajvModule) {
    const formats = require('ajv-formats') as { default?: (ajv: Ajv) => void } & ((ajv: Ajv) => void);
    ajvModule = { Ajv: (require('ajv') as { Ajv: typeof Ajv }).Ajv, addFormats: formats.default ?? formats };
  }
  return ajvModule;
}

/** OpenAPI numeric/binary formats that describe storage, not syntax. */
const OPAQUE_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'uint32', 'uint64', 'google-datetime', 'google-duration', 'google-fieldmask'];

const SPEC_ID = 'spec';

function makeAjv(digest: Digest, coerce: boolean, allErrors = true): Ajv {
  const { Ajv, addFormats } = loadAjv();
  const ajv = new Ajv({
    strict: false,
    allErrors,
    coerceTypes: coerce ? 'array' : false,
    validateFormats: false,
    discriminator: false,
    allowUnionTypes: true,
    // The digest's schemas were validated by the spec pipeline; checking a
    // megabyte of them against the meta-schema again would dominate start-up.
    validateSchema: false,
  });
  addFormats(ajv);
  for (const f of OPAQUE_FORMATS) ajv.addFormat(f, true);
  // Refs inside the shared document are already relative to it.
  ajv.addSchema({ $id: SPEC_ID, schemas: rebase(digest.schemas, false) }, SPEC_ID);
  return ajv;
}

/**
 * Points operation-level refs (`#/schemas/X`) at the shared spec document (unless `refs`
 * is false: the shared document itself), and spells
 * OpenAPI's `nullable` on a schema without `type` (legal beside `$ref` or `allOf`) as
 * the JSON Schema it means, which ajv's own `nullable` keyword refuses to compile.
 */
function rebase(schema: unknown, refs = true): unknown {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, refs));
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] = refs && k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : rebase(v, refs);
    }
    if ('nullable' in out && out.type === undefined) {
      const { nullable, ...rest } = out;
      return nullable === true ? { anyOf: [rest, { type: 'null' }] } : rest;
    }
    return out;
  }
  return schema;
}

type Location = 'path' | 'query' | 'header';

export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, unknown>;
  /** The request's headers; only those the operation declares are read. */
  headers: Headers;
  body: unknown;
  mediaType: string;
  /** The body's size in bytes, when the engine read it: a body too short to hold a bulky array is not searched for one. */
  bodyBytes?: number;
}

interface ParamValidators {
  path: ValidateFunction | null;
  query: ValidateFunction | null;
  header: ValidateFunction | null;
  headerNames: string[];
  /** Query parameters the spec types boolean. */
  booleanQuery: string[];
}

export class Validator {
  private coercingAjv: Ajv | undefined;
  private strictJsonAjv: Ajv | undefined;
  private firstErrorAjv: Ajv | undefined;
  private cache = new Map<string, ValidateFunction>();
  private params = new WeakMap<OperationDigest, ParamValidators>();
  /** Body validators per operation and media type, found without building their cache key per request. */
  private bodies = new WeakMap<OperationDigest, Map<string, ValidateFunction>>();

  constructor(private readonly digest: Digest) {}

  /** Built on first use, so a twin that is only started pays nothing for validation. */
  private get coercing(): Ajv {
    return (this.coercingAjv ??= makeAjv(this.digest, true));
  }

  private get strictJson(): Ajv {
    return (this.strictJsonAjv ??= makeAjv(this.digest, false));
  }
  /** For bulky bodies: collecting every error of 20,000 items under a `oneOf` takes ajv minutes. */
  private get firstError(): Ajv {
    return (this.firstErrorAjv ??= makeAjv(this.digest, false, false));
  }


  /** Validates and coerces in place; returns the issues found (empty when valid). */
  request(op: OperationDigest, parts: RequestParts): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    const v = this.paramValidators(op);
    // Path parameters are validated on a copy: coercion would turn `10001` into a number,
    // and ids must stay the strings the caller sent.
    if (v.path && !v.path({ ...parts.params })) issues.push(...toIssues(v.path.errors, 'path'));
    booleansAsSent(v.booleanQuery, parts.query);
    if (v.query && !v.query(parts.query)) issues.push(...toIssues(v.query.errors, 'query'));
    if (v.header) {
      const declared: Record<string, unknown> = {};
      for (const n of v.headerNames) {
        const value = parts.headers.get(n);
        if (value !== null) declared[n] = value;
      }
      if (!v.header(declared)) issues.push(...toIssues(v.header.errors, 'header'));
    }
    const rb = op.requestBody;
    if (rb) {
      if (parts.body === undefined) {
        if (rb.required) issues.push({ location: 'body', path: '', message: 'request body is required', keyword: 'required' });
      } else {
        const media = pickMedia(rb.content, parts.mediaType);
        const schema = media ? rb.content[media]?.schema : undefined;
        // Multipart parts carry files, which a `format: binary` string schema cannot describe; they are the handler's to check.
        if (schema && !(parts.body instanceof Uint8Array) && !media.startsWith('multipart/')) {
          const json = media === 'application/json' || media.endsWith('+json');
          const bulky = json && (parts.bodyBytes === undefined || parts.bodyBytes > MIN_BULKY_BYTES) && isBulky(parts.body);
          const fn = bulky ? this.compile(`${op.id} body ${media} first`, schema, false, this.firstError) : this.bodyValidator(op, media, schema, !json);
          if (fn && !fn(parts.body)) issues.push(...toIssues(fn.errors, 'body'));
        }
      }
    }
    return issues;
  }

  private bodyValidator(op: OperationDigest, media: string, schema: JsonSchema, coerce: boolean): ValidateFunction {
    let byMedia = this.bodies.get(op);
    if (!byMedia) this.bodies.set(op, (byMedia = new Map()));
    let fn = byMedia.get(media);
    if (!fn) byMedia.set(media, (fn = this.compile(`${op.id} body ${media}`, schema, coerce)));
    return fn;
  }

  /** Contract check of a response body against the spec's schema for its status. */
  response(op: OperationDigest, status: number | string, mediaType: string, body: unknown): ValidationIssue[] {
    const entry = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
    if (!entry?.content) return [];
    const media = pickMedia(entry.content, mediaType);
    const schema = media ? entry.content[media]?.schema : undefined;
    if (!schema) return [];
    const fn = this.compile(`${op.id} response ${status} ${media}`, schema, false);
    if (!fn || fn(body)) return [];
    return toIssues(fn.errors, 'body');
  }

  /** Built once per operation: the schema objects and compiled functions for its parameters. */
  private paramValidators(op: OperationDigest): ParamValidators {
    let v = this.params.get(op);
    if (v) return v;
    const one = (loc: Location): ValidateFunction | null => {
      const params = op.parameters.filter((p) => p.in === loc);
      if (!params.length) return null;
      const name = (n: string) => (loc === 'header' ? n.toLowerCase() : n);
      const schema: JsonSchema = {
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [name(p.name), p.schema ?? {}])),
        required: params.filter((p) => p.required).map((p) => name(p.name)),
      };
      return this.compile(`${op.id} ${loc}`, schema, true);
    };
    v = {
      path: one('path'),
      query: one('query'),
      header: one('header'),
      headerNames: op.parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()),
      booleanQuery: op.parameters.filter((p) => p.in === 'query' && p.schema?.type === 'boolean').map((p) => p.name),
    };
    this.params.set(op, v);
    return v;
  }

  /**
   * Compiles every schema of every operation (parameters, request bodies, responses) and
   * names the ones that do not compile. The spec pipeline and a test call it: a schema ajv
   * cannot compile is a build error, fixed by an overlay, never a check skipped at run time.
   */
  compileAll(): Array<{ key: string; error: string }> {
    const failures: Array<{ key: string; error: string }> = [];
    const attempt = (key: string, build: () => unknown) => {
      try {
        build();
      } catch (e) {
        failures.push({ key, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
      }
    };
    for (const op of this.digest.operations) {
      attempt(`${op.id} parameters`, () => this.paramValidators(op));
      for (const [media, m] of Object.entries(op.requestBody?.content ?? {})) {
        if (m.schema && !media.startsWith('multipart/')) attempt(`${op.id} body ${media}`, () => this.compile(`${op.id} body ${media}`, m.schema!, !(media === 'application/json' || media.endsWith('+json'))));
      }
      for (const [status, r] of Object.entries(op.responses)) {
        for (const [media, m] of Object.entries(r.content ?? {})) if (m.schema) attempt(`${op.id} response ${status} ${media}`, () => this.compile(`${op.id} response ${status} ${media}`, m.schema!, false));
      }
    }
    return failures;
  }

  private compile(key: string, schema: JsonSchema, coerce: boolean, ajv?: Ajv): ValidateFunction {
    const hit = this.cache.get(key);
    if (hit) return hit;
    try {
      const fn = (ajv ?? (coerce ? this.coercing : this.strictJson)).compile(rebase(schema) as JsonSchema);
      this.cache.set(key, fn);
      return fn;
    } catch (e) {
      // A twin bug, not the caller's: `compileAll` keeps such schemas out of every build.
      throw new Error(`schema for ${key} does not compile: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/**
 * Python clients send booleans as `True`/`False` (gspread: `supportsAllDrives=True`) and the
 * services accept them; ajv coerces only the lower-case spelling, so spell them that way first.
 */
function booleansAsSent(names: string[], query: Record<string, unknown>): void {
  for (const name of names) {
    const v = query[name];
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) query[name] = v.toLowerCase();
  }
}

function pickMedia(content: Record<string, unknown>, mediaType: string): string {
  if (mediaType && content[mediaType]) return mediaType;
  const keys = Object.keys(content);
  return keys.find((k) => k === 'application/json') ?? keys.find((k) => k.endsWith('json')) ?? keys[0] ?? '';
}

/** Whether a body holds an array longer than BULKY_ITEMS (looked for breadth-first, over a bounded number of nodes). */
const BULKY_ITEMS = 1000;
/** JSON text holding an array of more than BULKY_ITEMS items: two brackets, the items and the commas between them. */
const MIN_BULKY_BYTES = 2 * BULKY_ITEMS + 2;
function isBulky(body: unknown): boolean {
  const queue: unknown[] = [body];
  for (let seen = 0; queue.length && seen < 10_000; seen++) {
    const v = queue.shift();
    if (Array.isArray(v)) {
      if (v.length > BULKY_ITEMS) return true;
      queue.push(...v.slice(0, 100));
    } else if (v && typeof v === 'object') queue.push(...Object.values(v).slice(0, 100));
  }
  return false;
}

/** Issues kept per check: a body with 20,000 bad items yields as many errors, more than a spread can pass and any vendor lists. */
const MAX_ISSUES = 100;

function toIssues(errors: ErrorObject[] | null | undefined, location: ValidationIssue['location']): ValidationIssue[] {
  return (errors ?? []).slice(0, MAX_ISSUES).map((e) => {
    // Name the property itself for `required` and `additionalProperties`, as vendors do in their error causes.
    const missing =
      e.keyword === 'required'
        ? `/${(e.params as { missingProperty: string }).missingProperty}`
        : e.keyword === 'additionalProperties'
          ? `/${(e.params as { additionalProperty: string }).additionalProperty}`
          : '';
    const path = `${e.instancePath}${missing}`;
    return {
      location,
      path: location === 'body' ? path : path.replace(/^\//, ''),
      message: e.message ?? e.keyword,
      keyword: e.keyword,
      params: e.params as Record<string, unknown>,
    };
  });
}
