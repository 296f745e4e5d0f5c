/**
 * The generic stateful resource layer, for genuine CRUD only. `inferred/crud-shape.ts`
 * decides which operations are collection create/list or item get/replace/patch/delete;
 * `inferred/key-space.ts` keeps only those whose collection something in the twin writes;
 * this file serves them from documents stored in the tenant under the concrete collection
 * path (`/api/v1/groups/00g1/users`) — the same keys hand-written handlers use, so both
 * see one state. Everything else answers 501 until written by hand.
 */
import type { Digest, JsonSchema, OperationDigest } from './digest.js';
import type { Handler, OpContext, Reply } from './handler.js';
import type { Doc, Tenant } from './tenant.js';
import { fail } from './errors.js';
import { isParam, planFor, type Plan } from './inferred/crud-shape.js';
import { withWriters } from './inferred/key-space.js';
import { pageList, type PaginationStyle } from './inferred/paging.js';
import { SchemaReader } from './inferred/schema.js';

export type { PaginationStyle } from './inferred/paging.js';
export { withQuery } from './inferred/paging.js';

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
  /**
   * The one value a parent path parameter stands for, so every alias addresses one record
   * (Jira: an issue key and its id); called for the parameters of a collection's path.
   */
  canonicalParam?(tenant: Tenant, name: string, value: string): string;
}

/** The concrete key of a collection: its path with parameters filled in. */
export function collectionKey(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_m, n: string) => params[n] ?? `{${n}}`);
}

export class Inference {
  private plans = new Map<string, Plan>();
  private creatable = new Set<string>();
  private schemas: SchemaReader;

  /** `handwritten`: operationIds with behavior of their own (their writes count as writers of a collection). */
  constructor(
    digest: Digest,
    private readonly opts: InferenceOptions,
    handwritten: Set<string> = new Set(),
  ) {
    this.schemas = new SchemaReader(digest);
    if (opts.disabled) return;
    const plans = new Map<string, Plan>();
    for (const op of digest.operations) {
      if (opts.exclude?.(op)) continue;
      const plan = planFor(op, this.schemas, !!opts.postOnItemUpdates);
      if (plan) plans.set(op.id, plan);
    }
    this.plans = withWriters(plans, digest.operations, handwritten);
    for (const p of this.plans.values()) if (p.kind === 'create') this.creatable.add(p.collection);
  }

  handlerFor(op: OperationDigest): Handler | undefined {
    const plan = this.plans.get(op.id);
    return plan ? (ctx) => this.run(plan, ctx) : undefined;
  }

  resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
    return this.schemas.resolve(schema);
  }

  private responseSchema(ctx: OpContext, status: number): JsonSchema | undefined {
    return this.schemas.resolve(ctx.op.responses[String(status)]?.content?.['application/json']?.schema);
  }

  /** Path parameters with each parent alias replaced by the value it stands for. */
  private canonical(plan: Plan, ctx: OpContext): Record<string, string> {
    const canon = this.opts.canonicalParam;
    if (!canon) return ctx.params;
    const out = { ...ctx.params };
    for (const m of plan.collection.matchAll(/\{([^}]+)\}/g)) if (out[m[1]] !== undefined) out[m[1]] = canon(ctx.tenant, m[1], out[m[1]]);
    return out;
  }

  private run(plan: Plan, ctx: OpContext): Reply {
    const params = this.canonical(plan, ctx);
    this.checkParents(plan, ctx, params);
    const key = collectionKey(plan.collection, params);
    const coll = ctx.tenant.collection(key);
    const itemId = plan.itemParam ? params[plan.itemParam] : '';
    if (plan.property) return this.property(plan, ctx, coll, itemId);
    const present = (d: Doc) => (this.opts.present ? this.opts.present(d, ctx, key) : structuredClone(d));
    const reply = (doc: Doc | undefined, status = plan.successStatus): Reply => (plan.hasBody && doc ? { status, body: present(doc) } : { status });
    const body = (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {}) as Record<string, unknown>;
    const stamp = (doc: Doc, created: boolean) => this.stamp(doc, this.responseSchema(ctx, plan.successStatus), ctx.now().toISOString(), created);

    switch (plan.kind) {
      case 'create': {
        const id = this.opts.newId?.(ctx.tenant, plan.collection) ?? ctx.tenant.random.uuid();
        return reply(coll.put(stamp({ ...structuredClone(body), id } as Doc, true)));
      }
      case 'list':
        return pageList(coll.values().map(present), ctx, this.opts.pagination ?? 'none', this.responseSchema(ctx, plan.successStatus), this.schemas);
      case 'get':
        return reply(coll.get(itemId) ?? fail({ kind: 'not_found', resource: plan.collection, id: itemId }));
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
        for (const sub of ctx.tenant.collectionKeys(`${key}/${itemId}/`)) ctx.tenant.collection(sub).clear();
        return { status: plan.successStatus };
      }
    }
  }

  /** Entity properties: any JSON value kept whole under its key, answered as `{key, value}`; the list names the keys. */
  private property(plan: Plan, ctx: OpContext, coll: ReturnType<Tenant['collection']>, key: string): Reply {
    const missing = () => fail({ kind: 'not_found', resource: plan.collection, id: key });
    switch (plan.kind) {
      case 'replace': {
        const existed = coll.has(key);
        coll.put({ id: key, key, value: structuredClone(ctx.body ?? null) } as Doc);
        // Created and updated answer differently where the vendor says so (Jira: 201 and 200).
        return { status: !existed && ctx.op.responses['201'] ? 201 : plan.successStatus };
      }
      case 'get': {
        const doc = coll.get(key) ?? missing();
        return { status: plan.successStatus, body: { key: doc.key, value: structuredClone(doc.value) } };
      }
      case 'delete':
        if (!coll.delete(key)) missing();
        return { status: plan.successStatus };
      case 'list': {
        const self = `${ctx.baseUrl}${collectionKey(ctx.op.path, ctx.params)}`;
        const keys = coll.values().map((d) => ({ key: d.key, self: `${self}/${encodeURIComponent(String(d.key))}` }));
        const schema = this.responseSchema(ctx, plan.successStatus);
        const prop = schema && schema.type !== 'array' ? this.schemas.arrayProperty(schema) : undefined;
        return { status: plan.successStatus, body: prop ? { [prop]: keys } : keys };
      }
      default:
        return missing();
    }
  }

  /** Parent resources in the path must exist when the twin can create them. */
  private checkParents(plan: Plan, ctx: OpContext, params: Record<string, string>): void {
    const segs = plan.collection.split('/');
    for (let i = segs.length - 1; i > 0; i--) {
      if (!isParam(segs[i])) continue;
      const parent = segs.slice(0, i).join('/');
      if (!this.creatable.has(parent)) continue;
      const id = params[segs[i].slice(1, -1)];
      if (!ctx.tenant.collection(collectionKey(parent, params)).has(id)) fail({ kind: 'not_found', resource: parent, id });
    }
  }

  /** Sets created/updated timestamps and schema defaults the response schema declares. */
  private stamp(doc: Doc, schema: JsonSchema | undefined, now: string, created: boolean): Doc {
    const props = (schema?.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, raw] of Object.entries(props)) {
      const p = this.schemas.resolve(raw) ?? {};
      const isTime = p.format === 'date-time' || /(time|date|At)$/i.test(name) || /^(created|lastUpdated|updated)$/.test(name);
      if (isTime && (p.type === 'string' || p.format === 'date-time')) {
        if (/^creat/i.test(name) && created) doc[name] ??= now;
        else if (/(updat|modif)/i.test(name)) doc[name] = now;
      }
      if (created && doc[name] === undefined && p.default !== undefined) doc[name] = structuredClone(p.default);
    }
    return doc;
  }
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
