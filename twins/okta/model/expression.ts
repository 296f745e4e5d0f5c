// A subset of the Okta Expression Language used by group rules and realm assignments: user attributes, ==/!=, &&/||/!, String.* and group functions.
export interface ExprEnv {
  /** The user's profile (`user.department` reads `profile.department`). */
  profile: Record<string, unknown>;
  /** Ids of the groups the user belongs to. */
  groupIds: string[];
  /** Group id → name, for `isMemberOfGroupName`. */
  groupName(id: string): string | undefined;
}

type Tok = { t: 'id' | 'str' | 'num' | 'op'; v: string };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    const two = src.slice(i, i + 2);
    if (['==', '!=', '&&', '||', '>=', '<='].includes(two)) { out.push({ t: 'op', v: two }); i += 2; continue; }
    if ('()!,<>'.includes(c)) { out.push({ t: 'op', v: c }); i++; continue; }
    if (c === '"' || c === "'") {
      let s = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        s += src[i++];
      }
      if (i >= src.length) throw new SyntaxError('unterminated string');
      i++;
      out.push({ t: 'str', v: s });
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(src.slice(i));
    if (num) { out.push({ t: 'num', v: num[0] }); i += num[0].length; continue; }
    const id = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*/.exec(src.slice(i));
    if (id) { out.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    throw new SyntaxError(`unexpected character ${c}`);
  }
  return out;
}

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'ref'; path: string }
  | { k: 'call'; fn: string; args: Node[] }
  | { k: 'not'; e: Node }
  | { k: 'bin'; op: string; l: Node; r: Node };

const FUNCTIONS = new Set([
  'String.stringContains', 'String.startsWith', 'String.endsWith', 'String.toLowerCase', 'String.toUpperCase', 'String.len',
  'String.substringBefore', 'String.substringAfter',
  'isMemberOfAnyGroup', 'isMemberOfGroup', 'isMemberOfGroupName', 'isMemberOfGroupNameStartsWith', 'isMemberOfGroupNameContains',
]);

/**
 * String methods called on an attribute, as realm assignments write them (terraform cassettes
 * TestAccResourceOktaRealmAssignment_crud: `user.profile.login.contains("@acctest.com")` is accepted), read as the
 * String.* function of the same meaning.
 */
const METHODS: Record<string, string> = {
  contains: 'String.stringContains', startsWith: 'String.startsWith', endsWith: 'String.endsWith', toLowerCase: 'String.toLowerCase', toUpperCase: 'String.toUpperCase',
};

/** Parses an expression; throws SyntaxError with a reason Okta-style validation can report. */
export function parseRuleExpression(src: string): Node {
  const toks = lex(src);
  let p = 0;
  const isOp = (v: string) => toks[p]?.t === 'op' && toks[p].v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new SyntaxError(`expected ${v}`);
    p++;
  };
  const or = (): Node => {
    let l = and();
    while (isOp('||')) { p++; l = { k: 'bin', op: '||', l, r: and() }; }
    return l;
  };
  const and = (): Node => {
    let l = cmp();
    while (isOp('&&')) { p++; l = { k: 'bin', op: '&&', l, r: cmp() }; }
    return l;
  };
  const cmp = (): Node => {
    const l = unary();
    for (const op of ['==', '!=', '>=', '<=', '>', '<']) {
      if (isOp(op)) { p++; return { k: 'bin', op, l, r: unary() }; }
    }
    return l;
  };
  const unary = (): Node => {
    if (isOp('!')) { p++; return { k: 'not', e: unary() }; }
    const t = toks[p++];
    if (!t) throw new SyntaxError('unexpected end of expression');
    if (t.t === 'op' && t.v === '(') {
      const e = or();
      expectOp(')');
      return e;
    }
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'num') return { k: 'lit', v: Number(t.v) };
    if (t.t === 'id') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      if (isOp('(')) {
        const dot = t.v.lastIndexOf('.');
        const method = t.v.startsWith('user.') && dot > 4 ? METHODS[t.v.slice(dot + 1)] : undefined;
        if (!FUNCTIONS.has(t.v) && !method) throw new SyntaxError(`Invalid function ${t.v}`);
        p++;
        const args: Node[] = method ? [{ k: 'ref', path: t.v.slice(5, dot) }] : [];
        if (!isOp(')')) {
          args.push(or());
          while (isOp(',')) { p++; args.push(or()); }
        }
        expectOp(')');
        return { k: 'call', fn: method ?? t.v, args };
      }
      if (!t.v.startsWith('user.')) throw new SyntaxError(`Invalid property ${t.v}`);
      return { k: 'ref', path: t.v.slice(5) };
    }
    throw new SyntaxError(`unexpected ${t.v}`);
  };
  const root = or();
  if (p !== toks.length) throw new SyntaxError(`unexpected ${toks[p].v}`);
  return root;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

const groupNames = (env: ExprEnv) => env.groupIds.map((id) => env.groupName(id) ?? '');

type Compiled = (env: ExprEnv) => unknown;

/**
 * An expression as a function of the user: every user create and profile update evaluates every active
 * rule, so each parsed expression is turned into closures once (kept beside its tree) rather than walked
 * node by node, allocating its arguments, on each evaluation.
 */
const compiled = new WeakMap<Node, Compiled>();

function compile(n: Node): Compiled {
  switch (n.k) {
    case 'lit': {
      const v = n.v;
      return () => v;
    }
    case 'ref': {
      // `user.profile.title` (realm assignments) and `user.title` (group rules) both read the profile's title.
      const path = n.path;
      const rest = path.startsWith('profile.') ? path.slice(8) : undefined;
      return rest === undefined ? (env) => env.profile[path] ?? null : (env) => env.profile[path] ?? env.profile[rest] ?? null;
    }
    case 'not': {
      const e = compile(n.e);
      return (env) => !e(env);
    }
    case 'bin': {
      const l = compile(n.l);
      const r = compile(n.r);
      switch (n.op) {
        case '&&': return (env) => !!l(env) && !!r(env);
        case '||': return (env) => !!l(env) || !!r(env);
        case '==': return (env) => l(env) === r(env);
        case '!=': return (env) => l(env) !== r(env);
      }
      const op = n.op;
      return (env) => {
        const a = l(env) as number | string;
        const b = r(env) as number | string;
        if (typeof a !== typeof b || a === null) return false;
        return op === '>' ? a > b : op === '<' ? a < b : op === '>=' ? a >= b : a <= b;
      };
    }
    case 'call': {
      // Arguments are pure reads of the user, so each function evaluates only those it uses.
      const args = n.args.map(compile);
      const none: Compiled = () => undefined;
      const a0 = args[0] ?? none;
      const a1 = args[1] ?? none;
      switch (n.fn) {
        case 'String.stringContains': return (env) => str(a0(env)).includes(str(a1(env)));
        case 'String.startsWith': return (env) => str(a0(env)).startsWith(str(a1(env)));
        case 'String.endsWith': return (env) => str(a0(env)).endsWith(str(a1(env)));
        case 'String.toLowerCase': return (env) => str(a0(env)).toLowerCase();
        case 'String.toUpperCase': return (env) => str(a0(env)).toUpperCase();
        case 'String.len': return (env) => str(a0(env)).length;
        case 'String.substringBefore': return (env) => str(a0(env)).split(str(a1(env)))[0];
        case 'String.substringAfter':
          return (env) => {
            const s = str(a0(env));
            const find = str(a1(env));
            const i = s.indexOf(find);
            return i < 0 ? '' : s.slice(i + find.length);
          };
        case 'isMemberOfAnyGroup': return (env) => args.some((arg) => env.groupIds.includes(str(arg(env))));
        case 'isMemberOfGroup': return (env) => env.groupIds.includes(str(a0(env)));
        case 'isMemberOfGroupName': return (env) => groupNames(env).includes(str(a0(env)));
        case 'isMemberOfGroupNameStartsWith': return (env) => { const p = str(a0(env)); return groupNames(env).some((g) => g.startsWith(p)); };
        case 'isMemberOfGroupNameContains': return (env) => { const p = str(a0(env)); return groupNames(env).some((g) => g.includes(p)); };
      }
      return () => false;
    }
  }
}

/** True when the rule's expression holds for the user. */
export function evaluateRule(n: Node, env: ExprEnv): boolean {
  let fn = compiled.get(n);
  if (!fn) compiled.set(n, (fn = compile(n)));
  return !!fn(env);
}

export type RuleExpression = Node;
