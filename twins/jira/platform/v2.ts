// REST API v2 served by the v3 operations: one site state, two representations — wiki-markup strings in v2 where v3 speaks ADF.
import type { Context, Hono } from 'hono';
import { extraRoute } from '../../../src/core/extra-route.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import type { Tenant } from '../../../src/core/tenant.js';
import type { Twin } from '../../../src/core/twin.js';
import { isAdfDoc } from './model/adf.js';
import { credentialOf, signedPaths } from '../auth.js';
import { fieldErrors } from '../errors.js';
import { isTextareaField } from './model/custom-fields.js';
import { errorMap, users } from '../store.js';
import { adfToWiki, wikiToAdf } from './present/wiki.js';

/**
 * "Version 2 and version 3 of the API offer the same collection of operations.
 * However, version 3 provides support for the Atlassian Document Format (ADF)"
 * in comment bodies (issues, issue links, transitions), worklog comments, the
 * description and environment fields, and textarea custom fields.
 * https://developer.atlassian.com/cloud/jira/platform/rest/v2/intro/#version
 */
const SYSTEM_RICH = new Set(['description', 'environment']);
const NOT_STRING = 'Operation value must be a string';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** Converts the rich-text parts of a v2 request body in place; collects Jira's per-field errors. */
class RequestRewriter {
  readonly errors = errorMap();
  constructor(private readonly t: Tenant) {}

  private rich(field: string): boolean {
    return SYSTEM_RICH.has(field) || isTextareaField(this.t, field);
  }

  /** A v2 string becomes ADF; null clears; anything else is refused as v2 refuses it. */
  value(v: unknown, field: string, emptyIsNull: boolean): unknown {
    if (v === null || v === undefined) return v;
    if (typeof v !== 'string') {
      this.errors[field] = NOT_STRING;
      return v;
    }
    if (v === '') return emptyIsNull ? null : v;
    return wikiToAdf(v, (id) => users(this.t).get(id)?.displayName);
  }

  comment(c: unknown): void {
    if (isObj(c) && 'body' in c) c.body = this.value(c.body, 'comment', false);
  }

  /** IssueUpdateDetails: `fields`, `update` operations (`set`/`add`) and `update.comment[].add`. */
  issue(b: unknown): void {
    if (!isObj(b)) return;
    if (isObj(b.fields)) for (const k of Object.keys(b.fields)) if (this.rich(k)) b.fields[k] = this.value(b.fields[k], k, true);
    if (!isObj(b.update)) return;
    for (const [k, ops] of Object.entries(b.update)) {
      if (!Array.isArray(ops)) continue;
      for (const op of ops) {
        if (!isObj(op)) continue;
        if (k === 'comment') this.comment(op.add);
        else if (this.rich(k)) for (const verb of Object.keys(op)) op[verb] = this.value(op[verb], k, true);
      }
    }
  }

  /** Dispatches on the v3 path the request maps to. */
  body(method: string, path: string, b: unknown): void {
    const m = method.toUpperCase();
    const rel = path.replace(/^\/rest\/api\/3/, '');
    if ((m === 'POST' && (rel === '/issue' || /^\/issue\/[^/]+\/transitions$/.test(rel))) || (m === 'PUT' && /^\/issue\/[^/]+$/.test(rel))) this.issue(b);
    else if (m === 'POST' && rel === '/issue/bulk' && isObj(b) && Array.isArray(b.issueUpdates)) b.issueUpdates.forEach((u) => this.issue(u));
    else if ((m === 'POST' || m === 'PUT') && /^\/issue\/[^/]+\/comment(\/[^/]+)?$/.test(rel)) this.comment(b);
    else if ((m === 'POST' || m === 'PUT') && /^\/issue\/[^/]+\/worklog(\/[^/]+)?$/.test(rel) && isObj(b) && 'comment' in b) b.comment = this.value(b.comment, 'comment', false);
    else if (m === 'POST' && rel === '/issueLink' && isObj(b)) this.comment(b.comment);
  }
}

/** v3 links name the v3 API; the same resources under v2 link to v2. */
const relink = (s: string, base: string) => (s.startsWith(`${base}/rest/api/3/`) ? `${base}/rest/api/2/${s.slice(base.length + 12)}` : s);

/**
 * A v3 answer in v2 terms: every ADF document becomes its wiki string and
 * self links point at v2. Entity property values are the caller's own JSON,
 * so they are left as stored.
 */
function toV2(v: unknown, base: string, keepValues: boolean, depth = 0): unknown {
  if (depth > 200) return v;
  if (typeof v === 'string') return relink(v, base);
  if (Array.isArray(v)) return v.map((x) => toV2(x, base, keepValues, depth + 1));
  if (!isObj(v)) return v;
  if (!keepValues && isAdfDoc(v)) return adfToWiki(v);
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) out[k] = keepValues && k === 'value' ? x : toV2(x, base, keepValues, depth + 1);
  return out;
}

async function serveV2(c: Context<DtuEnv>, twin: Twin): Promise<Response> {
  const req = c.req.raw;
  // The site the v3 pipeline will pick: the URL's prefix, else the credential's site.
  const credential = credentialOf(req);
  const tenant = twin.registry.get(c.env.tenantName ?? (credential ? twin.registry.tenantForCredential(credential) : undefined) ?? 'default');
  const url = new URL(req.url);
  url.pathname = url.pathname.replace(/^\/rest\/api\/2\//, '/rest/api/3/');
  const base = `${c.env.origin}${c.env.prefix}`;
  const headers = new Headers(req.headers);
  headers.delete('content-length');
  let body: Uint8Array | undefined = req.body ? new Uint8Array(await req.arrayBuffer()) : undefined;

  if (body?.byteLength && /json/i.test(req.headers.get('content-type') ?? '')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(body));
    } catch {
      parsed = undefined; // malformed JSON goes through untouched, for v3's own parse error
    }
    if (parsed !== undefined) {
      const rw = new RequestRewriter(tenant);
      rw.body(req.method, url.pathname, parsed);
      if (Object.keys(rw.errors).length) {
        // Jira checks credentials before it reads a body: a bad token still gets its 401.
        const match = twin.router.match(req.method, url.pathname);
        if (match.kind === 'match') await twin.def.authenticate({ req, op: match.op, tenant, body: parsed, twin, baseUrl: base });
        throw fieldErrors(rw.errors);
      }
      body = new TextEncoder().encode(JSON.stringify(parsed));
    }
  }

  const v3 = new Request(url, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : (body as BodyInit | undefined) });
  signedPaths.set(v3, new URL(req.url).pathname);
  const inner = await twin.app.fetch(v3, c.env);
  const out = new Headers(inner.headers);
  const location = out.get('location');
  if (location) out.set('location', relink(location, base));
  if (!/json/i.test(out.get('content-type') ?? '') || inner.status === 204) return new Response(inner.body, { status: inner.status, headers: out });
  const text = await inner.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new Response(text, { status: inner.status, headers: out });
  }
  out.delete('content-length');
  const keepValues = /\/properties(\/|$)/.test(url.pathname);
  return new Response(JSON.stringify(toV2(json, base, keepValues)), { status: inner.status, headers: out });
}

/** Mounts `/rest/api/2/*`; each v2 exchange is journaled, and so is the v3 operation that served it. */
export function mountV2(app: Hono<DtuEnv>, twin: Twin): void {
  app.all('/rest/api/2/*', extraRoute(twin, 'rest/api/2', (c) => serveV2(c, twin)));
}
