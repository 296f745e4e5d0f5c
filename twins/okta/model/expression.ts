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

function evalNode(n: Node, env: ExprEnv): unknown {
  switch (n.k) {
    case 'lit': return n.v;
    // `user.profile.title` (realm assignments) and `user.title` (group rules) both read the profile's title.
    case 'ref': return env.profile[n.path] ?? (n.path.startsWith('profile.') ? env.profile[n.path.slice(8)] : undefined) ?? null;
    case 'not': return !evalNode(n.e, env);
    case 'bin': {
      if (n.op === '&&') return !!evalNode(n.l, env) && !!evalNode(n.r, env);
      if (n.op === '||') return !!evalNode(n.l, env) || !!evalNode(n.r, env);
      const l = evalNode(n.l, env);
      const r = evalNode(n.r, env);
      if (n.op === '==') return l === r;
      if (n.op === '!=') return l !== r;
      if (typeof l !== typeof r || l === null) return false;
      const a = l as number | string;
      const b = r as number | string;
      return n.op === '>' ? a > b : n.op === '<' ? a < b : n.op === '>=' ? a >= b : a <= b;
    }
    case 'call': {
      const a = n.args.map((x) => evalNode(x, env));
      switch (n.fn) {
        case 'String.stringContains': return str(a[0]).includes(str(a[1]));
        case 'String.startsWith': return str(a[0]).startsWith(str(a[1]));
        case 'String.endsWith': return str(a[0]).endsWith(str(a[1]));
        case 'String.toLowerCase': return str(a[0]).toLowerCase();
        case 'String.toUpperCase': return str(a[0]).toUpperCase();
        case 'String.len': return str(a[0]).length;
        case 'String.substringBefore': return str(a[0]).split(str(a[1]))[0];
        case 'String.substringAfter': { const s = str(a[0]); const i = s.indexOf(str(a[1])); return i < 0 ? '' : s.slice(i + str(a[1]).length); }
        case 'isMemberOfAnyGroup': return a.some((id) => env.groupIds.includes(str(id)));
        case 'isMemberOfGroup': return env.groupIds.includes(str(a[0]));
        case 'isMemberOfGroupName': return groupNames(env).includes(str(a[0]));
        case 'isMemberOfGroupNameStartsWith': return groupNames(env).some((g) => g.startsWith(str(a[0])));
        case 'isMemberOfGroupNameContains': return groupNames(env).some((g) => g.includes(str(a[0])));
      }
      return false;
    }
  }
}

/** True when the rule's expression holds for the user. */
export function evaluateRule(n: Node, env: ExprEnv): boolean {
  return !!evalNode(n, env);
}

export type RuleExpression = Node;
