/** The Drive search query language (`q`): tokenizer, parser and evaluator. */
/*
 * The Drive search query language (the `q` parameter): a tokenizer, a
 * recursive-descent parser and an evaluator for the terms and operators in
 * https://developers.google.com/workspace/drive/api/guides/ref-search-terms.
 * Anything it cannot parse is a syntax error, which Drive answers with 400
 * "Invalid Value" on `q`.
 */
export type Value = string | boolean | number;

export type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'cmp'; field: string; op: string; value: Value }
  | { kind: 'in'; value: string; field: string }
  | { kind: 'has'; field: 'properties' | 'appProperties'; key: string; value: string }
  | { kind: 'bare'; field: string };

export class QuerySyntaxError extends Error {}

type Tok = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: 'punct'; v: string };

function tokenize(q: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= q.length) throw new QuerySyntaxError('unterminated string');
        if (q[i] === '\\' && i + 1 < q.length) {
          s += q[i + 1];
          i += 2;
        } else if (q[i] === c) {
          i++;
          break;
        } else s += q[i++];
      }
      out.push({ t: 'str', v: s });
    } else if ('()={}'.includes(c)) {
      out.push(c === '=' ? { t: 'op', v: '=' } : { t: 'punct', v: c });
      i++;
    } else if (c === '!' && q[i + 1] === '=') {
      out.push({ t: 'op', v: '!=' });
      i += 2;
    } else if (c === '<' || c === '>') {
      const two = q[i + 1] === '=';
      out.push({ t: 'op', v: two ? `${c}=` : c });
      i += two ? 2 : 1;
    } else if (/[A-Za-z0-9_.\-:+]/.test(c)) {
      let s = '';
      while (i < q.length && /[A-Za-z0-9_.\-:+]/.test(q[i])) s += q[i++];
      out.push({ t: 'word', v: s });
    } else {
      throw new QuerySyntaxError(`unexpected ${c}`);
    }
  }
  return out;
}

const STRING_FIELDS = ['name', 'fullText', 'mimeType', 'modifiedTime', 'viewedByMeTime', 'createdTime', 'sharedWithMeTime', 'visibility', 'shortcutDetails.targetId', 'description'];
const BOOL_FIELDS = ['trashed', 'starred', 'sharedWithMe', 'hidden'];
const COLLECTION_FIELDS = ['parents', 'owners', 'writers', 'readers'];
const OPS: Record<string, string[]> = {
  name: ['contains', '=', '!='],
  fullText: ['contains'],
  description: ['contains'],
  mimeType: ['contains', '=', '!='],
  modifiedTime: ['<=', '<', '=', '!=', '>', '>='],
  viewedByMeTime: ['<=', '<', '=', '!=', '>', '>='],
  createdTime: ['<=', '<', '=', '!=', '>', '>='],
  sharedWithMeTime: ['<=', '<', '=', '!=', '>', '>='],
  visibility: ['=', '!='],
  'shortcutDetails.targetId': ['=', '!='],
  trashed: ['=', '!='],
  starred: ['=', '!='],
  sharedWithMe: ['=', '!='],
  hidden: ['=', '!='],
};

export function parseQuery(q: string): Node {
  const toks = tokenize(q);
  let i = 0;
  const peekWord = (w: string) => toks[i]?.t === 'word' && toks[i].v.toLowerCase() === w;
  const expect = (pred: boolean, what: string) => {
    if (!pred) throw new QuerySyntaxError(`expected ${what}`);
  };

  const or = (): Node => {
    let left = and();
    while (peekWord('or')) {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): Node => {
    let left = not();
    while (peekWord('and')) {
      i++;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const not = (): Node => {
    if (peekWord('not')) {
      i++;
      return { kind: 'not', inner: not() };
    }
    return primary();
  };
  const primary = (): Node => {
    const tok = toks[i];
    expect(!!tok, 'a term');
    if (tok.t === 'punct' && tok.v === '(') {
      i++;
      const inner = or();
      expect(toks[i]?.t === 'punct' && toks[i].v === ')', ')');
      i++;
      return inner;
    }
    if (tok.t === 'str') {
      i++;
      expect(peekWord('in'), 'in');
      i++;
      const field = toks[i++];
      expect(field?.t === 'word' && COLLECTION_FIELDS.includes(field.v), 'a collection field');
      return { kind: 'in', value: tok.v, field: field.v };
    }
    expect(tok.t === 'word', 'a field');
    const field = tok.v;
    i++;
    if (field === 'properties' || field === 'appProperties') {
      expect(peekWord('has'), 'has');
      i++;
      expect(toks[i]?.t === 'punct' && toks[i].v === '{', '{');
      i++;
      const kv: Record<string, string> = {};
      for (const part of ['key', 'value']) {
        expect(peekWord(part), part);
        i++;
        expect(toks[i]?.t === 'op' && toks[i].v === '=', '=');
        i++;
        expect(toks[i]?.t === 'str', 'a string');
        kv[part] = toks[i++].v;
        if (part === 'key') {
          expect(peekWord('and'), 'and');
          i++;
        }
      }
      expect(toks[i]?.t === 'punct' && toks[i].v === '}', '}');
      i++;
      return { kind: 'has', field, key: kv.key, value: kv.value };
    }
    expect(!!OPS[field], 'a known field');
    const next = toks[i];
    // `sharedWithMe` alone is a term of its own.
    if (BOOL_FIELDS.includes(field) && (!next || (next.t === 'word' && ['and', 'or'].includes(next.v.toLowerCase())) || (next.t === 'punct' && next.v === ')'))) {
      return { kind: 'bare', field };
    }
    let op: string;
    if (next?.t === 'op') op = next.v;
    else if (next?.t === 'word' && next.v.toLowerCase() === 'contains') op = 'contains';
    else throw new QuerySyntaxError('expected an operator');
    i++;
    expect(OPS[field].includes(op), `an operator valid for ${field}`);
    const v = toks[i++];
    expect(!!v, 'a value');
    let value: Value;
    if (BOOL_FIELDS.includes(field)) {
      expect(v.t === 'word' && /^(true|false)$/i.test(v.v), 'true or false');
      value = v.v.toLowerCase() === 'true';
    } else {
      expect(v.t === 'str' && STRING_FIELDS.includes(field), 'a quoted string');
      value = v.v;
      if (/Time$/.test(field) && Number.isNaN(Date.parse(value))) throw new QuerySyntaxError('bad date');
    }
    return { kind: 'cmp', field, op, value };
  };

  const tree = or();
  if (i !== toks.length) throw new QuerySyntaxError('trailing input');
  return tree;
}

/** What the evaluator needs to know about one file. */
export interface QueryView {
  name: string;
  mimeType: string;
  description?: string;
  text?: string;
  trashed: boolean;
  starred: boolean;
  sharedWithMe: boolean;
  hidden?: boolean;
  createdTime: string;
  modifiedTime: string;
  viewedByMeTime?: string;
  visibility: string;
  parents: string[];
  owners: string[];
  writers: string[];
  readers: string[];
  properties: Record<string, string>;
  appProperties: Record<string, string>;
}

/**
 * `name contains` matches word prefixes ("HelloWorld" contains "Hello" but not
 * "World"); `fullText contains` matches whole terms anywhere in name,
 * description or text (per the search-terms guide).
 */
function nameContains(name: string, needle: string): boolean {
  const n = needle.toLowerCase();
  return n === '' || nameWordStarts(name).some((tail) => tail.startsWith(n));
}

/** The tails of the lower-cased name that begin at a word start: what `name contains` matches prefixes of. */
export function nameWordStarts(name: string): string[] {
  const s = name.toLowerCase();
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) if (i === 0 || !/[\p{L}\p{N}]/u.test(s[i - 1])) out.push(s.slice(i));
  return out;
}

function compare(a: Value, op: string, b: Value): boolean {
  switch (op) {
    case '=': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
  return false;
}

export function evaluate(n: Node, f: QueryView, resolveParent: (id: string) => string = (id) => id): boolean {
  switch (n.kind) {
    case 'and': return evaluate(n.left, f, resolveParent) && evaluate(n.right, f, resolveParent);
    case 'or': return evaluate(n.left, f, resolveParent) || evaluate(n.right, f, resolveParent);
    case 'not': return !evaluate(n.inner, f, resolveParent);
    case 'bare': return !!(f as unknown as Record<string, unknown>)[n.field];
    case 'has': return f[n.field][n.key] === n.value;
    case 'in': {
      const v = n.field === 'parents' ? resolveParent(n.value) : n.value.toLowerCase();
      return (f[n.field as 'parents' | 'owners' | 'writers' | 'readers'] as string[]).includes(v);
    }
    case 'cmp': {
      const { field, op, value } = n;
      if (field === 'name') return op === 'contains' ? nameContains(f.name, String(value)) : compare(f.name.toLowerCase(), op, String(value).toLowerCase());
      if (field === 'fullText') {
        const needle = String(value).toLowerCase();
        return [f.name, f.description ?? '', f.text ?? ''].some((s) => s.toLowerCase().includes(needle));
      }
      if (field === 'description') return (f.description ?? '').toLowerCase().includes(String(value).toLowerCase());
      if (field === 'mimeType') return op === 'contains' ? f.mimeType.includes(String(value)) : compare(f.mimeType, op, value);
      if (/Time$/.test(field)) {
        const have = (f as unknown as Record<string, string | undefined>)[field];
        if (!have) return op === '!=';
        return compare(Date.parse(have), op, Date.parse(String(value)));
      }
      if (field === 'visibility') return compare(f.visibility, op, value);
      return compare(!!(f as unknown as Record<string, unknown>)[field], op, value);
    }
  }
}
