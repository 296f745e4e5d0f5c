// Jira expressions: a small JavaScript-like language over the issue, project and user in context — tokenizer, parser and evaluator with step counting.
//
// Supported: number, string, boolean and null literals; arrays; member access and calls; arrow
// functions; + - * / %; comparisons; && || !; the conditional operator; list methods (map,
// filter, some, every, includes, indexOf, length, slice, reduce, join) and string methods.
// https://developer.atlassian.com/cloud/jira/platform/jira-expressions/

export class ExpressionError extends Error {
  constructor(message: string, readonly kind: 'syntax' | 'evaluation', readonly column = 0) {
    super(message);
  }
}

type Tok = { k: 'num' | 'str' | 'id' | 'op' | 'end'; v: string; col: number };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const start = i;
    if (/[0-9]/.test(c)) {
      while (i < src.length && /[0-9.]/.test(src[i]!)) i++;
      out.push({ k: 'num', v: src.slice(start, i), col: start + 1 });
    } else if (c === '"' || c === "'") {
      i++;
      let s = '';
      while (i < src.length && src[i] !== c) s += src[i] === '\\' ? src[++i] ?? '' : src[i], i++;
      if (i >= src.length) throw new ExpressionError(`Unterminated string literal at column ${start + 1}.`, 'syntax', start + 1);
      i++;
      out.push({ k: 'str', v: s, col: start + 1 });
    } else if (/[A-Za-z_$]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_$]/.test(src[i]!)) i++;
      out.push({ k: 'id', v: src.slice(start, i), col: start + 1 });
    } else {
      const two = src.slice(i, i + 3);
      const op = ['===', '!=='].includes(two) ? two : ['==', '!=', '<=', '>=', '&&', '||', '=>', '?.'].includes(src.slice(i, i + 2)) ? src.slice(i, i + 2) : c;
      if (!'+-*/%<>!=&|?:.,()[]{}'.includes(op[0]!)) throw new ExpressionError(`Unexpected character '${c}' at column ${i + 1}.`, 'syntax', i + 1);
      i += op.length;
      out.push({ k: 'op', v: op, col: start + 1 });
    }
  }
  out.push({ k: 'end', v: '', col: src.length + 1 });
  return out;
}

export type Expr =
  | { t: 'lit'; v: unknown }
  | { t: 'id'; name: string }
  | { t: 'arr'; items: Expr[] }
  | { t: 'obj'; entries: Array<[string, Expr]> }
  | { t: 'get'; obj: Expr; name: string }
  | { t: 'idx'; obj: Expr; index: Expr }
  | { t: 'call'; fn: Expr; args: Expr[] }
  | { t: 'fn'; params: string[]; body: Expr }
  | { t: 'un'; op: string; arg: Expr }
  | { t: 'bin'; op: string; l: Expr; r: Expr }
  | { t: 'cond'; test: Expr; yes: Expr; no: Expr };

const PREC: Record<string, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '===': 3, '!==': 3, '<': 4, '>': 4, '<=': 4, '>=': 4, '+': 5, '-': 5, '*': 6, '/': 6, '%': 6 };

export function parseExpression(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p]!;
  const fail = (t: Tok, what: string): never => {
    throw new ExpressionError(t.k === 'end' ? `Unexpected end of expression: expected ${what}.` : `Unexpected '${t.v}' at column ${t.col}: expected ${what}.`, 'syntax', t.col);
  };
  const eat = (v: string) => (peek().k === 'op' && peek().v === v ? (p++, true) : false);
  const want = (v: string) => eat(v) || fail(peek(), `'${v}'`);

  function primary(): Expr {
    const t = peek();
    if (t.k === 'num') return p++, { t: 'lit', v: Number(t.v) };
    if (t.k === 'str') return p++, { t: 'lit', v: t.v };
    if (t.k === 'id') {
      // `x => …` arrow function with one parameter
      if (toks[p + 1]?.v === '=>') {
        p += 2;
        return { t: 'fn', params: [t.v], body: expr() };
      }
      p++;
      if (t.v === 'true' || t.v === 'false') return { t: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { t: 'lit', v: null };
      return { t: 'id', name: t.v };
    }
    if (eat('(')) {
      // `(a, b) => …`
      const save = p;
      const params: string[] = [];
      while (peek().k === 'id') {
        params.push(peek().v);
        p++;
        if (!eat(',')) break;
      }
      if (eat(')') && eat('=>')) return { t: 'fn', params, body: expr() };
      p = save;
      const e = expr();
      want(')');
      return e;
    }
    if (eat('[')) {
      const items: Expr[] = [];
      if (!eat(']')) {
        do items.push(expr());
        while (eat(','));
        want(']');
      }
      return { t: 'arr', items };
    }
    if (eat('{')) {
      const entries: Array<[string, Expr]> = [];
      if (!eat('}')) {
        do {
          const key = peek();
          if (key.k !== 'id' && key.k !== 'str') fail(key, 'a property name');
          p++;
          want(':');
          entries.push([key.v, expr()]);
        } while (eat(','));
        want('}');
      }
      return { t: 'obj', entries };
    }
    return fail(t, 'a value');
  }

  function postfix(): Expr {
    let e = primary();
    for (;;) {
      if (eat('.') || eat('?.')) {
        const name = peek();
        if (name.k !== 'id') fail(name, 'a property name');
        p++;
        e = { t: 'get', obj: e, name: name.v };
      } else if (eat('[')) {
        e = { t: 'idx', obj: e, index: expr() };
        want(']');
      } else if (eat('(')) {
        const args: Expr[] = [];
        if (!eat(')')) {
          do args.push(expr());
          while (eat(','));
          want(')');
        }
        e = { t: 'call', fn: e, args };
      } else return e;
    }
  }

  function unary(): Expr {
    if (eat('!')) return { t: 'un', op: '!', arg: unary() };
    if (eat('-')) return { t: 'un', op: '-', arg: unary() };
    return postfix();
  }

  function binary(min: number): Expr {
    let l = unary();
    for (;;) {
      const t = peek();
      const prec = t.k === 'op' ? PREC[t.v] : undefined;
      if (prec === undefined || prec < min) return l;
      p++;
      l = { t: 'bin', op: t.v, l, r: binary(prec + 1) };
    }
  }

  function expr(): Expr {
    const test = binary(1);
    if (!eat('?')) return test;
    const yes = expr();
    want(':');
    return { t: 'cond', test, yes, no: expr() };
  }

  const e = expr();
  if (peek().k !== 'end') fail(peek(), 'the end of the expression');
  return e;
}

export interface EvalResult {
  value: unknown;
  steps: number;
}

type Fn = (...args: unknown[]) => unknown;
const STEP_LIMIT = 10000;

/** Evaluates against a context of named values; objects may expose lazy getters (functions of no arguments named `get:…`). */
export function evaluateExpression(e: Expr, context: Record<string, unknown>): EvalResult {
  let steps = 0;
  const run = (x: Expr, scope: Record<string, unknown>): unknown => {
    if (++steps > STEP_LIMIT) throw new ExpressionError(`Evaluation failed: the expression took more than ${STEP_LIMIT} steps.`, 'evaluation');
    switch (x.t) {
      case 'lit': return x.v;
      case 'id':
        if (Object.hasOwn(scope, x.name)) return scope[x.name];
        throw new ExpressionError(`Evaluation failed: "${x.name}" - identifier not found or not available in this context.`, 'evaluation');
      case 'arr': return x.items.map((i) => run(i, scope));
      case 'obj': return Object.fromEntries(x.entries.map(([k, v]) => [k, run(v, scope)]));
      case 'fn': return (...args: unknown[]) => run(x.body, { ...scope, ...Object.fromEntries(x.params.map((n, i) => [n, args[i]])) });
      case 'get': return member(run(x.obj, scope), x.name);
      case 'idx': {
        const o = run(x.obj, scope);
        const k = run(x.index, scope);
        return Array.isArray(o) ? o[Number(k)] ?? null : member(o, String(k));
      }
      case 'call': {
        const f = run(x.fn, scope);
        if (typeof f !== 'function') throw new ExpressionError('Evaluation failed: the value called is not a function.', 'evaluation');
        return (f as Fn)(...x.args.map((a) => run(a, scope)));
      }
      case 'un': {
        const v = run(x.arg, scope);
        return x.op === '!' ? !v : -Number(v);
      }
      case 'cond': return run(x.test, scope) ? run(x.yes, scope) : run(x.no, scope);
      case 'bin': {
        if (x.op === '&&') return run(x.l, scope) && run(x.r, scope);
        if (x.op === '||') return run(x.l, scope) || run(x.r, scope);
        const l = run(x.l, scope) as never;
        const r = run(x.r, scope) as never;
        switch (x.op) {
          case '+': return typeof l === 'string' || typeof r === 'string' ? `${l}${r}` : Number(l) + Number(r);
          case '-': return l - r;
          case '*': return l * r;
          case '/': return l / r;
          case '%': return l % r;
          case '==': case '===': return JSON.stringify(l) === JSON.stringify(r);
          case '!=': case '!==': return JSON.stringify(l) !== JSON.stringify(r);
          case '<': return l < r;
          case '>': return l > r;
          case '<=': return l <= r;
          case '>=': return l >= r;
        }
      }
    }
    throw new ExpressionError('Evaluation failed: unsupported expression.', 'evaluation');
  };
  return { value: run(e, context), steps };
}

/** Property and method access with Jira expressions' list and string methods. */
function member(o: unknown, name: string): unknown {
  if (o === null || o === undefined) throw new ExpressionError(`Evaluation failed: cannot read "${name}" of null.`, 'evaluation');
  if (Array.isArray(o)) {
    const list = o as unknown[];
    const call = (f: unknown) => f as Fn;
    switch (name) {
      case 'length': return list.length;
      case 'map': return (f: unknown) => list.map((x) => call(f)(x));
      case 'filter': return (f: unknown) => list.filter((x) => call(f)(x));
      case 'some': return (f: unknown) => list.some((x) => call(f)(x));
      case 'every': return (f: unknown) => list.every((x) => call(f)(x));
      case 'includes': return (v: unknown) => list.some((x) => JSON.stringify(x) === JSON.stringify(v));
      case 'indexOf': return (v: unknown) => list.findIndex((x) => JSON.stringify(x) === JSON.stringify(v));
      case 'slice': return (a: unknown, b: unknown) => list.slice(Number(a), b === undefined ? undefined : Number(b));
      case 'join': return (sep: unknown) => list.join(sep === undefined ? ',' : String(sep));
      case 'reduce': return (f: unknown, init: unknown) => list.reduce((acc, x) => call(f)(acc, x), init);
      case 'flatten': return () => list.flat();
      case 'first': return list[0] ?? null;
      case 'last': return list[list.length - 1] ?? null;
    }
  }
  if (typeof o === 'string') {
    switch (name) {
      case 'length': return o.length;
      case 'toLowerCase': return () => o.toLowerCase();
      case 'toUpperCase': return () => o.toUpperCase();
      case 'includes': return (v: unknown) => o.includes(String(v));
      case 'startsWith': return (v: unknown) => o.startsWith(String(v));
      case 'endsWith': return (v: unknown) => o.endsWith(String(v));
      case 'split': return (v: unknown) => o.split(String(v));
      case 'trim': return () => o.trim();
      case 'substring': return (a: unknown, b: unknown) => o.substring(Number(a), b === undefined ? undefined : Number(b));
    }
  }
  if (typeof o === 'object') {
    const rec = o as Record<string, unknown>;
    if (Object.hasOwn(rec, name)) {
      const v = rec[name];
      // Lazy members (an issue's comments, say) are computed when read.
      return typeof v === 'function' && (v as { lazy?: boolean }).lazy ? (v as Fn)() : v ?? null;
    }
    return null;
  }
  throw new ExpressionError(`Evaluation failed: "${name}" is not a property of ${typeof o}.`, 'evaluation');
}

/** Marks a zero-argument function as a lazily read member. */
export function lazy<T>(f: () => T): () => T {
  return Object.assign(f, { lazy: true });
}
