/**
 * Decides whether one operation is genuine collection/item CRUD, and which: its path
 * shape, its method, its operationId's verb and the words of its path must all agree.
 * Actions and RPC calls (`/lifecycle/activate`, `search`, `bulk*`, `verify`, …) and
 * singleton objects (settings, license, configuration, `current`) never qualify.
 */
import type { JsonSchema, OperationDigest } from '../digest.js';
import type { SchemaReader } from './schema.js';

export type Kind = 'create' | 'list' | 'get' | 'replace' | 'patch' | 'delete';

export interface Plan {
  kind: Kind;
  /** Collection path template (`/api/v1/groups/{groupId}/users`). */
  collection: string;
  /** Name of the item's path parameter, for item operations. */
  itemParam?: string;
  successStatus: number;
  hasBody: boolean;
  /** Entity properties (`…/properties/{propertyKey}`): stored and answered as `{key, value}`. */
  property?: boolean;
}

export const isParam = (seg: string) => /^\{[^}]+\}$/.test(seg);

/** Words of a path segment or operationId: `bulk-delete` → bulk, delete; `getAllAgents` → get, all, agents. */
export function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Words that make a path an action or an RPC call, wherever they appear in it. */
const ACTION = new Set([
  'activate', 'deactivate', 'reactivate', 'lifecycle', 'suspend', 'unsuspend', 'unlock', 'lock', 'expire', 'reset',
  'evaluate', 'parse', 'bulk', 'bulkfetch', 'search', 'notify', 'execute', 'send', 'rotate', 'verify', 'match',
  'read', 'publish', 'clone', 'generate', 'preview', 'validate', 'simulate', 'simulation', 'test', 'trigger', 'run',
  'start', 'stop', 'pause', 'resume', 'retry', 'cancel', 'restore', 'archive', 'unarchive', 'move', 'copy', 'merge',
  'import', 'export', 'upload', 'download', 'refresh', 'revoke', 'approve', 'decline', 'sync', 'reindex', 'migrate',
  'migration', 'calculate', 'analyze', 'estimate', 'rank', 'close', 'claim', 'prepare', 'subscribe', 'unsubscribe',
  'optin', 'opt', 'failover', 'failback', 'enable', 'disable', 'remove', 'assign', 'unassign', 'transition',
  'transitions', 'watch', 'unwatch', 'check', 'count', 'query', 'lookup', 'resolve', 'apply', 'render', 'convert',
  'submit', 'upsert', 'set', 'toggle', 'mark', 'dismiss', 'acknowledge', 'emit', 'fire', 'invoke', 'login', 'logout',
]);

/** Verbs that name an RPC when they stand in a path (`/workflows/create`), though an operationId may start with them. */
const PATH_ACTION = new Set(['create', 'update', 'delete', 'add', 'get', 'list']);

/** Words that make a path a singleton object rather than a collection of records. */
const SINGLETON = new Set(['settings', 'setting', 'license', 'configuration', 'current', 'me', 'myself', 'mypermissions', 'mypreferences', 'preferences', 'serverinfo', 'metadata', 'default', 'well', 'known', 'status']);

/** The verbs an operationId may start with for each kind (`drive.files.list` is read by its last segment). */
const VERBS: Record<Kind, Set<string>> = {
  create: new Set(['create', 'add', 'insert', 'post', 'new']),
  list: new Set(['list', 'get', 'getall']),
  get: new Set(['get', 'retrieve']),
  replace: new Set(['replace', 'update', 'set', 'put', 'edit']),
  patch: new Set(['update', 'patch', 'modify', 'edit']),
  delete: new Set(['delete', 'remove', 'revoke', 'end']),
};

function verbFits(op: OperationDigest, kind: Kind): boolean {
  const id = op.id.includes('.') ? op.id.slice(op.id.lastIndexOf('.') + 1) : op.id;
  const w = words(id);
  if (w[0] === 'partial') w.shift(); // partialUpdateSmsTemplate: a patch
  if (!w.length) return false;
  if (w.some((x) => ACTION.has(x) && !VERBS[kind].has(x)) || w.some((x) => SINGLETON.has(x))) return false;
  return VERBS[kind].has(w[0]) || (w[0] === 'get' && w[1] === 'all' && kind === 'list');
}

/** Literal segments after the API's base (`/api/v1`, `/rest/api/3`, `/drive/v3`): the ones that name things. */
function namingSegments(segs: string[]): string[] {
  const first = segs.findIndex((s, i) => i > 0 && !/^(api|rest|v\d+(\.\d+)?|\d+|latest)$/i.test(s));
  return segs.slice(Math.max(first, 0)).filter((s) => !isParam(s));
}

export function planFor(op: OperationDigest, schemas: SchemaReader, postOnItemUpdates: boolean): Plan | undefined {
  const segs = op.path.split('/').filter(Boolean);
  const last = segs[segs.length - 1];
  if (!last || /[:+]/.test(last) || /[.]/.test(last.replace(/\{[^}]+\}/g, ''))) return undefined;
  const naming = namingSegments(segs).flatMap(words);
  if (naming.some((w) => ACTION.has(w) || PATH_ACTION.has(w) || SINGLETON.has(w))) return undefined;
  // A required query parameter selects part of the key space the path does not name (`/user/properties?accountId=`).
  if (op.parameters.some((p) => p.in === 'query' && p.required)) return undefined;
  const plan = shapeOf(op, segs, schemas, postOnItemUpdates);
  return plan && verbFits(op, plan.kind) ? plan : undefined;
}

function shapeOf(op: OperationDigest, segs: string[], schemas: SchemaReader, postOnItemUpdates: boolean): Plan | undefined {
  const last = segs[segs.length - 1];
  const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s)).sort();
  const successStatus = Number(success[0] ?? 200);
  const hasBody = !!Object.values(op.responses[String(successStatus)]?.content ?? {}).some((m) => m.schema);
  const bodySchema = schemas.resolve(op.requestBody?.content['application/json']?.schema);
  const jsonObjectBody = !!bodySchema && (bodySchema.type === 'object' || !!bodySchema.properties);

  if (isParam(last)) {
    const collection = `/${segs.slice(0, -1).join('/')}`;
    const itemParam = last.slice(1, -1);
    if (isParam(segs[segs.length - 2] ?? '')) return undefined; // /{a}/{b}: not a collection
    // An entity property's value is any JSON the caller sends, kept whole under its key.
    const property = segs[segs.length - 2] === 'properties' && /key/i.test(itemParam);
    const base = { collection, itemParam, successStatus, hasBody, ...(property ? { property } : {}) };
    switch (op.method) {
      case 'get': return { kind: 'get', ...base };
      case 'delete': return { kind: 'delete', ...base };
      case 'put': return { kind: 'replace', ...base };
      case 'patch': return jsonObjectBody ? { kind: 'patch', ...base } : undefined;
      case 'post': return postOnItemUpdates && jsonObjectBody && !property ? { kind: 'patch', ...base } : undefined;
      default: return undefined;
    }
  }
  const collection = `/${segs.join('/')}`;
  if (op.method === 'get') {
    const schema = schemas.resolve(op.responses[String(successStatus)]?.content?.['application/json']?.schema);
    // Entity property keys (`…/properties` answering `{keys: [{key, self}]}`).
    if (last === 'properties' && schema && schemas.arrayProperty(schema) === 'keys') return { kind: 'list', collection, successStatus, hasBody, property: true };
    if (schema && isListSchema(schema, schemas)) return { kind: 'list', collection, successStatus, hasBody };
    return undefined;
  }
  if (op.method === 'post' && jsonObjectBody) return { kind: 'create', collection, successStatus, hasBody };
  return undefined;
}

function isListSchema(schema: JsonSchema, schemas: SchemaReader): boolean {
  return schema.type === 'array' || !!schemas.arrayProperty(schema);
}
