/** Compares one recorded response with the twin's: body shape (what the score counts), normalized values, and the headers SDKs act on. */
import { mediaType } from './exchange.js';
import { parseLink } from './ids.js';

export type DiffKind =
  /** Counted by the score. */
  | 'status'
  | 'type'
  | 'missing'
  | 'extra'
  /** A non-empty recorded array the twin answered empty. */
  | 'empty'
  /** A different error (code, reason) under the same status. */
  | 'error'
  /** Reported, not counted: state-dependent or informational. */
  | 'nullability'
  | 'value'
  | 'length'
  | 'header';

export interface Diff {
  kind: DiffKind;
  /** JSON path (`$.profile.email`, `$[*].id`), `status`, or `headers.<name>`. */
  path: string;
  recorded?: unknown;
  twin?: unknown;
}

export const SHAPE_KINDS: DiffKind[] = ['status', 'type', 'missing', 'extra', 'empty', 'error'];

export type ShapeType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'text' | 'binary' | 'empty' | 'mixed';

export interface Shape {
  t: ShapeType;
  keys?: Record<string, Shape>;
  /** Merged shape of every element; absent for an empty array. */
  items?: Shape;
  /** For `mixed`: the types seen. */
  of?: ShapeType[];
  nullable?: boolean;
}

function typeOf(v: unknown): ShapeType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'boolean' || t === 'number' || t === 'string' || t === 'object' ? t : 'null';
}

/** The type skeleton of a parsed JSON body; `key` renames object keys that are ids. */
export function shapeOf(v: unknown, key: (k: string) => string = (k) => k): Shape {
  const t = typeOf(v);
  if (t === 'object') {
    const keys: Record<string, Shape> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) keys[key(k)] = shapeOf(x, key);
    return { t, keys };
  }
  if (t === 'array') {
    let items: Shape | undefined;
    for (const x of v as unknown[]) items = items ? mergeShape(items, shapeOf(x, key)) : shapeOf(x, key);
    return items ? { t, items } : { t };
  }
  return { t };
}

export function mergeShape(a: Shape, b: Shape): Shape {
  if (a.t === 'null' && b.t !== 'null') return { ...b, nullable: true };
  if (b.t === 'null' && a.t !== 'null') return { ...a, nullable: true };
  if (a.t !== b.t) return { t: 'mixed', of: [...new Set([...(a.of ?? [a.t]), ...(b.of ?? [b.t])])].sort() as ShapeType[] };
  const nullable = a.nullable || b.nullable || undefined;
  if (a.t === 'object') {
    const keys: Record<string, Shape> = { ...a.keys };
    for (const [k, s] of Object.entries(b.keys ?? {})) keys[k] = keys[k] ? mergeShape(keys[k], s) : s;
    return { t: 'object', keys, nullable };
  }
  if (a.t === 'array') {
    const items = a.items && b.items ? mergeShape(a.items, b.items) : (a.items ?? b.items);
    return { t: 'array', ...(items ? { items } : {}), nullable };
  }
  return { t: a.t, nullable };
}

const child = (path: string, k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`);

/** Every field path a shape holds, written as compareShapes writes them (`$.a.b`, `$[*].c`). */
export function shapePaths(shape: Shape, path = '$', out = new Set<string>()): Set<string> {
  if (shape.t === 'object') {
    for (const [k, s] of Object.entries(shape.keys ?? {})) {
      out.add(child(path, k));
      shapePaths(s, child(path, k), out);
    }
  } else if (shape.t === 'array' && shape.items) {
    shapePaths(shape.items, `${path}[*]`, out);
  }
  return out;
}

export function compareShapes(rec: Shape, twin: Shape, path = '$', out: Diff[] = []): Diff[] {
  if (rec.t !== twin.t) {
    const soft = rec.t === 'null' || twin.t === 'null';
    out.push({ kind: soft ? 'nullability' : 'type', path, recorded: rec.t === 'mixed' ? rec.of : rec.t, twin: twin.t === 'mixed' ? twin.of : twin.t });
    return out;
  }
  if (rec.t === 'object') {
    const r = rec.keys ?? {};
    const t = twin.keys ?? {};
    for (const k of Object.keys(r)) {
      if (!(k in t)) out.push({ kind: 'missing', path: child(path, k), recorded: r[k].t });
      else compareShapes(r[k], t[k], child(path, k), out);
    }
    for (const k of Object.keys(t)) if (!(k in r)) out.push({ kind: 'extra', path: child(path, k), twin: t[k].t });
  } else if (rec.t === 'array' && rec.items && twin.items) {
    compareShapes(rec.items, twin.items, `${path}[*]`, out);
  } else if (rec.t === 'array' && rec.items && !twin.items) {
    // An empty list where the service had data is not a match.
    out.push({ kind: 'empty', path, recorded: 'non-empty', twin: 'empty' });
  }
  return out;
}

/** Differences between normalized values at the same paths (arrays by index). */
export function compareValues(rec: unknown, twin: unknown, path = '$', out: Diff[] = [], limit = 50): Diff[] {
  if (out.length >= limit) return out;
  const rt = typeOf(rec);
  if (rt !== typeOf(twin)) return out; // a shape difference, reported there
  if (rt === 'object') {
    const t = twin as Record<string, unknown>;
    for (const [k, v] of Object.entries(rec as Record<string, unknown>)) if (k in t) compareValues(v, t[k], child(path, k), out, limit);
  } else if (rt === 'array') {
    const r = rec as unknown[];
    const t = twin as unknown[];
    if (r.length !== t.length) out.push({ kind: 'length', path, recorded: r.length, twin: t.length });
    for (let i = 0; i < Math.min(r.length, t.length); i++) compareValues(r[i], t[i], `${path}[${i}]`, out, limit);
  } else if (rec !== twin) {
    out.push({ kind: 'value', path, recorded: rec, twin });
  }
  return out;
}

const RATE_HEADERS = ['x-rate-limit-limit', 'x-rate-limit-remaining', 'x-rate-limit-reset', 'retry-after'];

/** Content type (media type only), pagination rels, and the presence of rate-limit headers. */
export function compareHeaders(rec: Record<string, string>, twin: Record<string, string>, hasBody: boolean, link: (side: 'recorded' | 'twin', v: string) => string): Diff[] {
  const out: Diff[] = [];
  if (hasBody) {
    const r = mediaType(rec['content-type']);
    const t = mediaType(twin['content-type']);
    if (r !== t) out.push({ kind: 'header', path: 'headers.content-type', recorded: r || undefined, twin: t || undefined });
  }
  const rl = parseLink(rec.link);
  const tl = parseLink(twin.link);
  const rels = [...new Set([...Object.keys(rl), ...Object.keys(tl)])].sort();
  for (const rel of rels) {
    if (!(rel in tl)) out.push({ kind: 'header', path: `headers.link.${rel}`, recorded: link('recorded', rl[rel]) });
    else if (!(rel in rl)) out.push({ kind: 'header', path: `headers.link.${rel}`, twin: link('twin', tl[rel]) });
    else {
      const a = link('recorded', rl[rel]);
      const b = link('twin', tl[rel]);
      if (a !== b) out.push({ kind: 'header', path: `headers.link.${rel}`, recorded: a, twin: b });
    }
  }
  for (const h of RATE_HEADERS) {
    if ((h in rec) !== (h in twin)) out.push({ kind: 'header', path: `headers.${h}`, recorded: h in rec ? 'present' : 'absent', twin: h in twin ? 'present' : 'absent' });
  }
  return out;
}
