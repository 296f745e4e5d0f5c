/**
 * Request (and, for contract checks, response) validation with ajv against the
 * digest's schemas. Validators compile lazily per operation on first use, so a
 * twin starts without compiling hundreds of schemas. Parameters and form bodies
 * arrive as strings and are coerced to the declared types; JSON bodies are not.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Digest, JsonSchema, OperationDigest } from './digest.js';
import type { ValidationIssue } from './errors.js';

// ajv-formats ships CJS with a default export; under NodeNext it arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => void;

/** OpenAPI numeric/binary formats that describe storage, not syntax. */
const OPAQUE_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'uint32', 'uint64', 'google-datetime', 'google-duration', 'google-fieldmask'];

const SPEC_ID = 'spec';

function makeAjv(digest: Digest, coerce: boolean, allErrors = true): Ajv {
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
  ajv.addSchema({ $id: SPEC_ID, schemas: digest.schemas }, SPEC_ID);
  return ajv;
}

/** Points operation-level refs (`#/schemas/X`) at the shared spec document. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(schema)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : rebase(v);
    }
    return out;
  }
  return schema;
}

type Location = 'path' | 'query' | 'header';

export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
  mediaType: string;
}

export class Validator {
  private coercingAjv: Ajv | undefined;
  private strictJsonAjv: Ajv | undefined;
  private firstErrorAjv: Ajv | undefined;
  private cache = new Map<string, ValidateFunction | null>();

  constructor(private readonly digest: Digest) {}

  /** Built on first use, so a twin that is only started pays nothing for validation. */
  private get coercing(): Ajv {
    return (this.coercingAjv ??= makeAjv(this.digest, true));
  }

  private get strictJson(): Ajv {
    return (this.strictJsonAjv ??= makeAjv(this.digest, false));
  }

  /** For bulky bodies: collecting every error of 20,000 items under a `oneOf` takes ajv tens of seconds. */
  private get firstError(): Ajv {
    return (this.firstErrorAjv ??= makeAjv(this.digest, false, false));
  }

  /** Validates and coerces in place; returns the issues found (empty when valid). */
  request(op: OperationDigest, parts: RequestParts): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    for (const loc of ['path', 'query', 'header'] as Location[]) {
      // Path parameters are validated on a copy: coercion would turn `10001` into a number,
      // and ids must stay the strings the caller sent.
      const target = loc === 'path' ? { ...parts.params } : loc === 'query' ? parts.query : parts.headers;
      const fn = this.paramValidator(op, loc);
      if (fn && !fn(target)) issues.push(...toIssues(fn.errors, loc));
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
          const fn = json && isBulky(parts.body) ? this.compile(`${op.id} body ${media} first`, schema, false, this.firstError) : this.compile(`${op.id} body ${media}`, schema, !json);
          if (fn && !fn(parts.body)) issues.push(...toIssues(fn.errors, 'body'));
        }
      }
    }
    return issues;
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

  private paramValidator(op: OperationDigest, loc: Location): ValidateFunction | null {
    const params = op.parameters.filter((p) => p.in === loc);
    if (!params.length) return null;
    const name = (n: string) => (loc === 'header' ? n.toLowerCase() : n);
    const schema: JsonSchema = {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [name(p.name), p.schema ?? {}])),
      required: params.filter((p) => p.required).map((p) => name(p.name)),
    };
    return this.compile(`${op.id} ${loc}`, schema, true);
  }

  private compile(key: string, schema: JsonSchema, coerce: boolean, ajv?: Ajv): ValidateFunction | null {
    if (this.cache.has(key)) return this.cache.get(key)!;
    let fn: ValidateFunction | null;
    try {
      fn = (ajv ?? (coerce ? this.coercing : this.strictJson)).compile(rebase(schema) as JsonSchema);
    } catch {
      // A schema ajv cannot compile is a spec defect: validate nothing rather than reject callers.
      fn = null;
    }
    this.cache.set(key, fn);
    return fn;
  }
}

function pickMedia(content: Record<string, unknown>, mediaType: string): string {
  if (mediaType && content[mediaType]) return mediaType;
  const keys = Object.keys(content);
  return keys.find((k) => k === 'application/json') ?? keys.find((k) => k.endsWith('json')) ?? keys[0] ?? '';
}

/** Whether a body holds an array longer than BULKY_ITEMS (looked for breadth-first, a bounded number of nodes). */
const BULKY_ITEMS = 1000;
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
