/**
 * The generic stateful resource layer. From the REST shape of a spec path it
 * infers collection create/list and item get/replace/patch/delete, storing
 * documents in the tenant under the concrete collection path (`/api/v1/groups`,
 * `/api/v1/groups/00g1/users`), so operations without hand-written behavior are
 * still consistent with each other from day one. Hand-written handlers use the
 * same collection keys (see `collectionKey`) and so share the state.
 *
 * What it cannot infer (actions like `/lifecycle/activate`, RPC methods,
 * `:batchUpdate` verbs) is left to hand-written handlers or answers 501.
 */
import type { Digest, JsonSchema, OperationDigest } from './digest.js';
import type { Handler, OpContext, Reply } from './handler.js';
import type { Doc, Tenant } from './tenant.js';
import { fail } from './errors.js';

export type PaginationStyle = 'okta-link' | 'jira-offset' | 'google-token' | 'none';

export interface InferenceOptions {
  /** Turn inference off for a twin whose API is not resource-shaped (Slack). */
  disabled?: boolean;
  pagination?: PaginationStyle;
  /** A new id for a document created in the collection at `template`. */
  newId?(tenant: Tenant, template: string): string;
  /** POST on an item path is a partial update (Okta's convention). */
  postOnItemUpdates?: boolean;
  /** Shapes a stored document for a reply (links, self URLs). */
  present?(doc: Doc, ctx: OpContext, collection: string): unknown;
  /** Operations never to infer, even if they look like CRUD. */
  exclude?(op: OperationDigest): boolean;
}

type Kind = 'create' | 'list' | 'get' | 'replace' | 'patch' | 'delete';

interface Plan {
  kind: Kind;
  /** Collection path template (`/api/v1/groups/{groupId}/users`). */
  collection: string;
  /** Name of the item's path parameter, for item operations. */
  itemParam?: string;
  successStatus: number;
  hasBody: boolean;
}

const isParam = (seg: string) => /^\{[^}]+\}$/.test(seg);

/** The concrete key of a collection: its path with parameters filled in. */
export function collectionKey(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_m, n: string) => params[n] ?? `{${n}}`);
}

export class Inference {
  private plans = new Map<string, Plan>();
  private creatable = new Set<string>();

  constructor(
    private readonly digest: Digest,
    private readonly opts: InferenceOptions,
  ) {
    if (opts.disabled) return;
    for (const op of digest.operations) {
      if (opts.exclude?.(op)) continue;
      const plan = this.planFor(op);
      if (plan) this.plans.set(op.id, plan);
      if (plan?.kind === 'create') this.creatable.add(plan.collection);
    }
  }

  handlerFor(op: OperationDigest): Handler | undefined {
    const plan = this.plans.get(op.id);
    return plan ? (ctx) => this.run(plan, ctx) : undefined;
  }

  /** Resolves `#/schemas/X` references one level at a time. */
  resolve(schema: JsonSchema | undefined, depth = 0): JsonSchema | undefined {
    if (!schema || depth > 8) return schema;
    const ref = schema.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/schemas/')) return this.resolve(this.digest.schemas[ref.slice(10)], depth + 1);
    const all = schema.allOf as JsonSchema[] | undefined;
    if (all?.length) {
      const merged: JsonSchema = { type: 'object', properties: {} };
      for (const part of all) {
        const r = this.resolve(part, depth + 1) ?? {};
        Object.assign(merged.properties as object, r.properties ?? {});
        if (r.type) merged.type = r.type;
      }
      return merged;
    }
    return schema;
  }

  private planFor(op: OperationDigest): Plan | undefined {
    const segs = op.path.split('/').filter(Boolean);
    const last = segs[segs.length - 1];
    if (!last || /[:+]/.test(last) || /[.]/.test(last.replace(/\{[^}]+\}/g, ''))) return undefined;
    const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s)).sort();
    const successStatus = Number(success[0] ?? 200);
    const hasBody = !!Object.values(op.responses[String(successStatus)]?.content ?? {}).some((m) => m.schema);
    const bodySchema = this.resolve(op.requestBody?.content['application/json']?.schema);
    const jsonObjectBody = !!bodySchema && (bodySchema.type === 'object' || !!bodySchema.properties);

    if (isParam(last)) {
      const collection = `/${segs.slice(0, -1).join('/')}`;
      const itemParam = last.slice(1, -1);
      if (isParam(segs[segs.length - 2] ?? '')) return undefined; // /{a}/{b}: not a collection
      const base = { collection, itemParam, successStatus, hasBody };
      switch (op.method) {
        case 'get': return { kind: 'get', ...base };
        case 'delete': return { kind: 'delete', ...base };
        case 'put': return { kind: 'replace', ...base };
        case 'patch': return jsonObjectBody ? { kind: 'patch', ...base } : undefined;
        case 'post': return this.opts.postOnItemUpdates && jsonObjectBody ? { kind: 'patch', ...base } : undefined;
        default: return undefined;
      }
    }
    const collection = `/${segs.join('/')}`;
    if (op.method === 'get') {
      const schema = this.resolve(op.responses[String(successStatus)]?.content?.['application/json']?.schema);
      if (schema && (schema.type === 'array' || this.arrayProperty(schema))) return { kind: 'list', collection, successStatus, hasBody };
      return undefined;
    }
    if (op.method === 'post' && jsonObjectBody) return { kind: 'create', collection, successStatus, hasBody };
    return undefined;
  }

  /** The property of a list envelope that holds the items (`values`, `files`, `users`, …). */
  arrayProperty(schema: JsonSchema): string | undefined {
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    if (props.values && this.resolve(props.values)?.type === 'array') return 'values';
    return Object.keys(props).find((k) => this.resolve(props[k])?.type === 'array');
  }

  private responseSchema(ctx: OpContext, status: number): JsonSchema | undefined {
    return this.resolve(ctx.op.responses[String(status)]?.content?.['application/json']?.schema);
  }

  private run(plan: Plan, ctx: OpContext): Reply {
    const { tenant, params } = ctx;
    this.checkParents(plan, ctx);
    const key = collectionKey(plan.collection, params);
    const coll = tenant.collection(key);
    const present = (d: Doc) => (this.opts.present ? this.opts.present(d, ctx, key) : structuredClone(d));
    const itemId = plan.itemParam ? params[plan.itemParam] : '';
    const reply = (doc: Doc | undefined, status = plan.successStatus): Reply =>
      plan.hasBody && doc ? { status, body: present(doc) } : { status };
    const body = (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {}) as Record<string, unknown>;
    const stamp = (doc: Doc, created: boolean) => this.stamp(doc, this.responseSchema(ctx, plan.successStatus), ctx.now().toISOString(), created);

    switch (plan.kind) {
      case 'create': {
        const id = this.opts.newId?.(tenant, plan.collection) ?? tenant.random.uuid();
        const doc = stamp({ ...structuredClone(body), id } as Doc, true);
        return reply(coll.put(doc));
      }
      case 'list':
        return this.list(coll.values().map(present), ctx, plan);
      case 'get': {
        const doc = coll.get(itemId) ?? fail({ kind: 'not_found', resource: plan.collection, id: itemId });
        return reply(doc);
      }
      case 'replace': {
        const existing = coll.get(itemId);
        if (!existing && this.creatable.has(plan.collection)) fail({ kind: 'not_found', resource: plan.collection, id: itemId });
        const doc = stamp({ ...structuredClone(body), id: itemId } as Doc, !existing);
        for (const k of Object.keys(existing ?? {})) if (/^creat/i.test(k) && doc[k] === undefined) doc[k] = existing![k];
        return reply(coll.put(doc));
      }
      case 'patch': {
        const existing = coll.get(itemId) ?? fail({ kind: 'not_found', resource: plan.collection, id: itemId });
        const doc = stamp(deepMerge(existing, body) as Doc, false);
        doc.id = itemId;
        return reply(coll.put(doc));
      }
      case 'delete': {
        if (!coll.delete(itemId)) fail({ kind: 'not_found', resource: plan.collection, id: itemId });
        for (const sub of tenant.collectionKeys(`${key}/${itemId}/`)) tenant.collection(sub).clear();
        return { status: plan.successStatus };
      }
    }
  }

  /** Parent resources in the path must exist when the twin can create them. */
  private checkParents(plan: Plan, ctx: OpContext): void {
    const segs = plan.collection.split('/');
    for (let i = segs.length - 1; i > 0; i--) {
      if (!isParam(segs[i])) continue;
      const parent = segs.slice(0, i).join('/');
      if (!this.creatable.has(parent)) continue;
      const id = ctx.params[segs[i].slice(1, -1)];
      if (!ctx.tenant.collection(collectionKey(parent, ctx.params)).has(id)) fail({ kind: 'not_found', resource: parent, id });
    }
  }

  /** Sets created/updated timestamps and schema defaults the response schema declares. */
  private stamp(doc: Doc, schema: JsonSchema | undefined, now: string, created: boolean): Doc {
    const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, raw] of Object.entries(props)) {
      const p = this.resolve(raw) ?? {};
      const isTime = p.format === 'date-time' || /(time|date|At)$/i.test(name) || /^(created|lastUpdated|updated)$/.test(name);
      if (isTime && (p.type === 'string' || p.format === 'date-time')) {
        if (/^creat/i.test(name) && created) doc[name] ??= now;
        else if (/(updat|modif)/i.test(name)) doc[name] = now;
      }
      if (created && doc[name] === undefined && p.default !== undefined) doc[name] = structuredClone(p.default);
    }
    return doc;
  }

  private list(items: unknown[], ctx: OpContext, plan: Plan): Reply {
    const style = this.opts.pagination ?? 'none';
    const q = ctx.query as Record<string, unknown>;
    const schema = this.responseSchema(ctx, plan.successStatus);
    const arrayProp = schema && schema.type !== 'array' ? this.arrayProperty(schema) : undefined;
    const wrap = (page: unknown[], extra: Record<string, unknown>) => (arrayProp ? { ...defaults(schema, this), ...extra, [arrayProp]: page } : page);

    if (style === 'okta-link') {
      const limit = clampInt(q.limit, 200, 1, 200);
      const ids = items.map((d) => (d as Doc).id);
      const start = typeof q.after === 'string' ? ids.indexOf(q.after) + 1 : 0;
      const page = items.slice(start, start + limit);
      const self = new URL(ctx.baseUrl + new URL(ctx.req.url).pathname);
      const links = [`<${withQuery(self, { ...strings(q) })}>; rel="self"`];
      if (start + limit < items.length) links.push(`<${withQuery(self, { ...strings(q), limit: String(limit), after: ids[start + limit - 1] })}>; rel="next"`);
      return { body: page, headers: { link: links.join(', ') } };
    }
    if (style === 'jira-offset') {
      const startAt = clampInt(q.startAt, 0, 0, Number.MAX_SAFE_INTEGER);
      const maxResults = clampInt(q.maxResults, 50, 1, 1000);
      const page = items.slice(startAt, startAt + maxResults);
      if (!arrayProp) return { body: page };
      return { body: wrap(page, { startAt, maxResults, total: items.length, isLast: startAt + page.length >= items.length }) };
    }
    if (style === 'google-token') {
      const size = clampInt(q.pageSize ?? q.maxResults, 100, 1, 1000);
      const start = typeof q.pageToken === 'string' ? Number(Buffer.from(q.pageToken, 'base64url').toString()) || 0 : 0;
      const page = items.slice(start, start + size);
      const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64url') : undefined;
      return { body: wrap(page, next ? { nextPageToken: next } : {}) };
    }
    return { body: wrap(items, {}) };
  }
}

function defaults(schema: JsonSchema | undefined, inf: Inference): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((schema?.properties ?? {}) as Record<string, JsonSchema>)) {
    const d = inf.resolve(v)?.default;
    if (d !== undefined) out[k] = d;
  }
  return out;
}

function deepMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(target);
  for (const [k, v] of Object.entries(patch)) {
    const cur = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' && !Array.isArray(cur)
      ? deepMerge(cur as Record<string, unknown>, v as Record<string, unknown>)
      : structuredClone(v);
  }
  return out;
}

function clampInt(v: unknown, dflt: number, min: number, max: number): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : dflt;
}

function strings(q: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
}

export function withQuery(url: URL, q: Record<string, string>): string {
  const u = new URL(url);
  u.search = new URLSearchParams(q).toString();
  return u.toString();
}
