// Okta's `filter` and `search` expressions (SCIM-like): parsed once, evaluated against stored documents.
import { oktaError } from '../errors.js';
import { both, either, type Candidates, type TermIndex } from '../../../src/core/lookup.js';

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'cmp'; attr: string; op: 'eq' | 'ne' | 'sw' | 'ew' | 'co' | 'gt' | 'ge' | 'lt' | 'le'; value: unknown }
  | { kind: 'pr'; attr: string };

type Token = { t: 'lp' | 'rp' | 'word' | 'str'; v: string };

const OPS = new Set(['eq', 'ne', 'sw', 'ew', 'co', 'gt', 'ge', 'lt', 'le']);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(') { out.push({ t: 'lp', v: c }); i++; continue; }
    if (c === ')') { out.push({ t: 'rp', v: c }); i++; continue; }
    if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new SyntaxError('unterminated string');
        if (src[i] === '\\' && i + 1 < src.length) { s += src[i + 1]; i += 2; continue; }
        if (src[i] === '"') { i++; break; }
        s += src[i++];
      }
      out.push({ t: 'str', v: s });
      continue;
    }
    let w = '';
    while (i < src.length && !/[\s()"]/.test(src[i])) w += src[i++];
    out.push({ t: 'word', v: w });
  }
  return out;
}

/** Parses an expression; throws SyntaxError on anything Okta would reject. */
export function parseExpr(src: string): Expr {
  const toks = tokenize(src);
  let pos = 0;
  const peek = () => toks[pos];
  const word = (w: string) => peek()?.t === 'word' && peek().v.toLowerCase() === w;

  const parseOr = (): Expr => {
    let left = parseAnd();
    while (word('or')) { pos++; left = { kind: 'or', left, right: parseAnd() }; }
    return left;
  };
  const parseAnd = (): Expr => {
    let left = parseUnary();
    while (word('and')) { pos++; left = { kind: 'and', left, right: parseUnary() }; }
    return left;
  };
  const parseUnary = (): Expr => {
    if (word('not')) { pos++; return { kind: 'not', expr: parseUnary() }; }
    const tok = toks[pos++];
    if (!tok) throw new SyntaxError('unexpected end');
    if (tok.t === 'lp') {
      const e = parseOr();
      if (toks[pos++]?.t !== 'rp') throw new SyntaxError('missing )');
      return e;
    }
    if (tok.t !== 'word' || !/^[A-Za-z_][\w.:$-]*$/.test(tok.v)) throw new SyntaxError(`bad attribute ${tok.v}`);
    const opTok = toks[pos++];
    if (!opTok || opTok.t !== 'word') throw new SyntaxError('missing operator');
    const op = opTok.v.toLowerCase();
    if (op === 'pr') return { kind: 'pr', attr: tok.v };
    if (!OPS.has(op)) throw new SyntaxError(`bad operator ${op}`);
    const valTok = toks[pos++];
    if (!valTok) throw new SyntaxError('missing value');
    let value: unknown;
    if (valTok.t === 'str') value = valTok.v;
    else if (valTok.t === 'word') {
      const v = valTok.v;
      if (v === 'true' || v === 'false') value = v === 'true';
      else if (v === 'null') value = null;
      else if (/^-?\d+(\.\d+)?$/.test(v)) value = Number(v);
      else throw new SyntaxError(`bad value ${v}`);
    } else throw new SyntaxError('bad value');
    return { kind: 'cmp', attr: tok.v, op: op as Extract<Expr, { kind: 'cmp' }>['op'], value };
  };

  const e = parseOr();
  if (pos !== toks.length) throw new SyntaxError(`unexpected ${toks[pos].v}`);
  return e;
}

/**
 * Parsed expressions by their text: clients repeat the same few filters on every page, and an
 * expression is never changed once parsed. Bounded, so distinct filters cannot grow it.
 */
const parsedExprs = new Map<string, Expr>();
const remember = <V>(m: Map<string, V>, k: string, v: V): V => {
  if (m.size >= 1000) m.clear();
  m.set(k, v);
  return v;
};

/** Parses a request's expression, turning syntax errors into Okta's 400 E0000031. */
export function parseOrReject(src: string): Expr {
  const hit = parsedExprs.get(src);
  if (hit) return hit;
  try {
    return remember(parsedExprs, src, parseExpr(src));
  } catch {
    throw oktaError('E0000031');
  }
}

/** A path's parts, split once per path rather than once per document a filter reads (bounded: paths come from requests). */
const PARTS = new Map<string, string[]>();
const pathParts = (path: string): string[] => PARTS.get(path) ?? remember(PARTS, path, path.split('.'));

/** Reads a dotted attribute path from a document (`profile.department`, `type.id`). */
export function attrOf(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of pathParts(path)) {
    // Arrays of objects (System Log `target`) fan out: `target.id` is every target's id.
    if (Array.isArray(cur)) cur = cur.map((c) => (c && typeof c === 'object' ? (c as Record<string, unknown>)[part] : undefined));
    else if (cur === null || typeof cur !== 'object') return undefined;
    else cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

const ISO = /^\d{4}-\d{2}-\d{2}T/;

function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'string' && typeof b === 'string' && ISO.test(a) && ISO.test(b)) {
    const x = Date.parse(a);
    const y = Date.parse(b);
    if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  }
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase().localeCompare(b.toLowerCase());
  return undefined;
}

function matchOne(actual: unknown, op: string, expected: unknown): boolean {
  // Array attributes (multi-valued profile fields) match when any element does.
  if (Array.isArray(actual)) return actual.some((v) => matchOne(v, op, expected));
  const lc = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);
  switch (op) {
    case 'eq': return lc(actual) === lc(expected) || (expected === null && actual === undefined);
    case 'ne': return lc(actual) !== lc(expected);
    case 'sw': return typeof actual === 'string' && typeof expected === 'string' && actual.toLowerCase().startsWith(expected.toLowerCase());
    case 'ew': return typeof actual === 'string' && typeof expected === 'string' && actual.toLowerCase().endsWith(expected.toLowerCase());
    case 'co': return typeof actual === 'string' && typeof expected === 'string' && actual.toLowerCase().includes(expected.toLowerCase());
    default: {
      const c = compare(actual, expected);
      if (c === undefined) return false;
      return op === 'gt' ? c > 0 : op === 'ge' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
    }
  }
}

export function evaluate(e: Expr, doc: unknown): boolean {
  switch (e.kind) {
    case 'and': return evaluate(e.left, doc) && evaluate(e.right, doc);
    case 'or': return evaluate(e.left, doc) || evaluate(e.right, doc);
    case 'not': return !evaluate(e.expr, doc);
    case 'pr': {
      const v = attrOf(doc, e.attr);
      return v !== undefined && v !== null && v !== '';
    }
    case 'cmp': return matchOne(attrOf(doc, e.attr), e.op, e.value);
  }
}

/** Every attribute an expression names (to check them against what an endpoint supports). */
export function attributes(e: Expr): string[] {
  switch (e.kind) {
    case 'and':
    case 'or': return [...attributes(e.left), ...attributes(e.right)];
    case 'not': return attributes(e.expr);
    default: return [e.attr];
  }
}

/** Okta's `q`: a case-insensitive prefix match over a few fields. */
export function quickMatch(q: string, ...fields: unknown[]): boolean {
  const needle = q.toLowerCase();
  return fields.some((f) => typeof f === 'string' && f.toLowerCase().startsWith(needle));
}

/**
 * The ids an expression can match, from term indexes on some attributes (`eq` → the term, `sw` → its
 * prefix), or undefined when part of it needs a scan. Always a superset: `evaluate` still decides.
 */
export function narrow(e: Expr, lookups: Record<string, TermIndex<any>>): Candidates {
  switch (e.kind) {
    case 'and': return both(narrow(e.left, lookups), narrow(e.right, lookups));
    case 'or': return either(narrow(e.left, lookups), narrow(e.right, lookups));
    case 'cmp': {
      const index = Object.hasOwn(lookups, e.attr) ? lookups[e.attr] : undefined;
      if (!index || typeof e.value !== 'string') return undefined;
      if (e.op === 'eq') return index.ids(e.value.toLowerCase());
      if (e.op === 'sw') return index.withPrefix(e.value.toLowerCase());
      return undefined;
    }
    default: return undefined;
  }
}
