/**
 * Matches a request path and method to a spec operation. A segment trie keeps
 * matching cheap with ~600 operations per twin, and tells "no such path" (404)
 * apart from "path exists, wrong method" (405). Literal segments win over
 * patterned ones (`{id}:batchUpdate`), which win over bare parameters, so
 * `/users/me` beats `/users/{userId}` regardless of spec order.
 */
import type { OperationDigest } from './digest.js';

interface ParamSegment {
  /** Matches the whole segment; capture groups map to `names`. */
  re: RegExp;
  names: string[];
  /** Literal characters in the pattern: more means more specific. */
  weight: number;
  node: Node;
}

interface Node {
  literal: Map<string, Node>;
  patterns: ParamSegment[];
  /** `{+rest}` style: matches all remaining segments. */
  rest?: { name: string; node: Node };
  ops: Map<string, OperationDigest>;
}

export type RouteMatch =
  | { kind: 'match'; op: OperationDigest; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: string[] }
  | { kind: 'not_found' };

const newNode = (): Node => ({ literal: new Map(), patterns: [], ops: new Map() });
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
        node.rest ??= { name: rest[1], node: newNode() };
        node = node.rest.node;
        break;
      }
      if (!seg.includes('{')) {
        let next = node.literal.get(seg);
        if (!next) node.literal.set(seg, (next = newNode()));
        node = next;
        continue;
      }
      const names: string[] = [];
      let literal = 0;
      const source = seg.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name: string | undefined, lit: string | undefined) => {
        if (name) {
          names.push(name.replace(/^\+/, ''));
          return '([^/]+?)';
        }
        literal += lit!.length;
        return escapeRe(lit!);
      });
      const key = `^${source}$`;
      let pat = node.patterns.find((p) => p.re.source === key);
      if (!pat) {
        pat = { re: new RegExp(key), names, weight: literal, node: newNode() };
        node.patterns.push(pat);
        node.patterns.sort((a, b) => b.weight - a.weight);
      }
      node = pat.node;
    }
    const method = this.anyMethod ? '*' : op.method;
    if (!node.ops.has(method)) node.ops.set(method, op);
  }

  match(method: string, path: string): RouteMatch {
    const segments = path.split('/').filter(Boolean);
    let decoded: string[];
    try {
      decoded = segments.map((s) => decodeURIComponent(s));
    } catch {
      return { kind: 'not_found' };
    }
    const found = this.walk(this.root, decoded, 0, {});
    if (!found) return { kind: 'not_found' };
    const m = method.toLowerCase();
    const op = this.anyMethod
      ? found.node.ops.get('*')
      : (found.node.ops.get(m) ?? (m === 'head' ? found.node.ops.get('get') : undefined));
    if (op && (!this.anyMethod || m === 'get' || m === 'post' || m === 'head')) {
      return { kind: 'match', op, params: found.params };
    }
    const allowed = this.anyMethod ? ['GET', 'POST'] : [...found.node.ops.keys()].map((k) => k.toUpperCase());
    return { kind: 'method_not_allowed', allowed };
  }

  private walk(node: Node, segs: string[], i: number, params: Record<string, string>): { node: Node; params: Record<string, string> } | undefined {
    if (i === segs.length) return node.ops.size ? { node, params } : undefined;
    const seg = segs[i];
    const lit = node.literal.get(seg);
    if (lit) {
      const r = this.walk(lit, segs, i + 1, params);
      if (r) return r;
    }
    for (const p of node.patterns) {
      const m = p.re.exec(seg);
      if (!m) continue;
      const next = { ...params };
      p.names.forEach((n, k) => (next[n] = m[k + 1]));
      const r = this.walk(p.node, segs, i + 1, next);
      if (r) return r;
    }
    if (node.rest && node.rest.node.ops.size) {
      return { node: node.rest.node, params: { ...params, [node.rest.name]: segs.slice(i).join('/') } };
    }
    return undefined;
  }
}
