/**
 * Matches a request path and method to a spec operation. A segment trie keeps
 * matching cheap with ~600 operations per twin, and tells "no such path" (404)
 * apart from "path exists, wrong method" (405). Literal segments win over
 * patterned ones (`{id}:batchUpdate`), which win over bare parameters, so
 * `/users/me` beats `/users/{userId}` regardless of spec order.
 */
import type { OperationDigest } from './digest.js';

interface ParamSegment {
  /**
   * Matches the whole segment; capture groups are the parameter values in order. Undefined for a bare
   * parameter (`{id}`), which takes a segment whole unless it decoded to one holding a `/`: no expression is run.
   */
  re: RegExp | undefined;
  source: string;
  /** Literal characters in the pattern: more means more specific. */
  weight: number;
  node: Node;
}

interface Node {
  literal: Map<string, Node>;
  patterns: ParamSegment[];
  /** `{+rest}` style: matches all remaining segments. */
  rest?: { node: Node };
  ops: Map<string, OperationDigest>;
  /** Each operation's parameter names in path order (`{+rest}` as `rest`), beside it. */
  names: Map<OperationDigest, string[]>;
}

export type RouteMatch =
  | { kind: 'match'; op: OperationDigest; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

const newNode = (): Node => ({ literal: new Map(), patterns: [], ops: new Map(), names: new Map() });
/** The expression of a bare parameter: one capture of the whole segment. */
const BARE = '^([^/]+?)$';
/** Lower-case method names as the trie keys them, without lower-casing the request's text every time. */
const LOWER: Record<string, string> = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete', HEAD: 'head', OPTIONS: 'options' };
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class OperationRouter {
  private root = newNode();

  /** With `anyMethod`, every operation answers GET and POST alike (Slack's Web API). */
  constructor(operations: OperationDigest[], private readonly anyMethod = false) {
    for (const op of operations) this.add(op);
  }

  private add(op: OperationDigest): void {
    let node = this.root;
    const segments = op.path.split('/').filter(Boolean);
    for (const seg of segments) {
      const rest = /^\{\+([^}]+)\}$/.exec(seg);
      if (rest) {
        node.rest ??= { node: newNode() };
        node = node.rest.node;
        break;
      }
      if (!seg.includes('{')) {
        let next = node.literal.get(seg);
        if (!next) node.literal.set(seg, (next = newNode()));
        node = next;
        continue;
      }
      let literal = 0;
      const source = seg.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name: string | undefined, lit: string | undefined) => {
        if (name) return '([^/]+?)';
        literal += lit!.length;
        return escapeRe(lit!);
      });
      const key = `^${source}$`;
      let pat = node.patterns.find((p) => p.source === key);
      if (!pat) {
        pat = { re: key === BARE ? undefined : new RegExp(key), source: key, weight: literal, node: newNode() };
        node.patterns.push(pat);
        node.patterns.sort((a, b) => b.weight - a.weight);
      }
      node = pat.node;
    }
    const method = this.anyMethod ? '*' : op.method;
    if (!node.ops.has(method)) {
      node.ops.set(method, op);
      node.names.set(op, paramNames(op.path));
    }
  }

  match(method: string, path: string): RouteMatch {
    const decoded: string[] = [];
    for (const s of path.split('/')) {
      if (!s) continue;
      // Most segments hold no escapes: decoding them would only copy them.
      if (!s.includes('%')) decoded.push(s);
      else {
        try {
          decoded.push(decodeURIComponent(s));
        } catch {
          return { kind: 'not_found' };
        }
      }
    }
    const found = this.walk(this.root, decoded, 0, []);
    if (!found) return { kind: 'not_found' };
    const m = Object.hasOwn(LOWER, method) ? LOWER[method] : method.toLowerCase();
    const op = this.anyMethod
      ? found.node.ops.get('*')
      : (found.node.ops.get(m) ?? (m === 'head' ? found.node.ops.get('get') : undefined));
    if (op && (!this.anyMethod || m === 'get' || m === 'post' || m === 'head')) {
      // Operations sharing a trie node may name their parameters differently
      // (`/dashboard/{id}` and `/dashboard/{dashboardId}/items`): name by the op's own path.
      const names = found.node.names.get(op)!;
      const params: Record<string, string> = {};
      for (let k = 0; k < names.length; k++) params[names[k]] = found.values[k];
      return { kind: 'match', op, params };
    }
    const allowed = this.anyMethod ? ['GET', 'POST'] : [...found.node.ops.keys()].map((k) => k.toUpperCase());
    return { kind: 'method_not_allowed', allowed };
  }

  /**
   * Captured values in path order; names come from the matched operation's own template.
   * `values` is one array for the whole walk: a branch that fails takes its captures back off.
   */
  private walk(node: Node, segs: string[], i: number, values: string[]): { node: Node; values: string[] } | undefined {
    if (i === segs.length) return node.ops.size ? { node, values } : undefined;
    const seg = segs[i];
    const lit = node.literal.get(seg);
    if (lit) {
      const r = this.walk(lit, segs, i + 1, values);
      if (r) return r;
    }
    for (const p of node.patterns) {
      const depth = values.length;
      if (p.re) {
        const m = p.re.exec(seg);
        if (!m) continue;
        for (let k = 1; k < m.length; k++) values.push(m[k]);
      } else if (seg.includes('/')) continue; // a decoded `%2F`, which `[^/]` refuses
      else values.push(seg);
      const r = this.walk(p.node, segs, i + 1, values);
      if (r) return r;
      values.length = depth;
    }
    if (node.rest && node.rest.node.ops.size) {
      values.push(segs.slice(i).join('/'));
      return { node: node.rest.node, values };
    }
    return undefined;
  }
}

/** Parameter names of a path template, in order (`{+rest}` as `rest`). */
function paramNames(path: string): string[] {
  return [...path.matchAll(/\{\+?([^}]+)\}/g)].map((m) => m[1]);
}
