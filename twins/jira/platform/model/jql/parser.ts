// JQL grammar: clauses joined by AND/OR/NOT with parentheses, list and function operands, and ORDER BY — with Jira's syntax-error wording.
import { RESERVED_WORDS, syntaxError, tokenize, type Token } from './lexer.js';

export interface Pos {
  line: number;
  col: number;
}

export type Operand =
  | { kind: 'value'; value: string; quoted: boolean; pos: Pos }
  | { kind: 'empty'; pos: Pos }
  | { kind: 'function'; name: string; args: string[]; pos: Pos }
  | { kind: 'list'; items: Operand[]; pos: Pos };

export type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not' | 'was' | 'was not' | 'was in' | 'was not in' | 'changed';

export interface Clause {
  kind: 'clause';
  field: string;
  pos: Pos;
  op: Operator;
  operand?: Operand;
}

export type Node = Clause | { kind: 'and' | 'or'; items: Node[] } | { kind: 'not'; item: Node };

export interface SortKey {
  field: string;
  dir: 'asc' | 'desc';
  pos: Pos;
}

export interface Query {
  where?: Node;
  orderBy: SortKey[];
}

const at = (t: Token): Pos => ({ line: t.line, col: t.col });

const VALID_OPERATORS = "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

/** Deeper nesting than any real query needs; bounded so a hostile query cannot exhaust the stack. */
const MAX_DEPTH = 100;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(n = 0): Token {
    return this.toks[Math.min(this.i + n, this.toks.length - 1)];
  }
  private next(): Token {
    return this.toks[Math.min(this.i++, this.toks.length - 1)];
  }
  private isWord(t: Token, w: string): boolean {
    return t.type === 'word' && t.value.toLowerCase() === w;
  }
  private shown(t: Token): string {
    return t.value;
  }

  parse(): Query {
    const q: Query = { orderBy: [] };
    if (this.peek().type !== 'eof' && !this.isWord(this.peek(), 'order')) q.where = this.or();
    if (this.isWord(this.peek(), 'order')) {
      this.next();
      const by = this.next();
      if (!this.isWord(by, 'by')) throw by.type === 'eof' ? syntaxError("Expecting 'by' before the end of the query.") : syntaxError(`Expecting 'by' but got '${this.shown(by)}'.`, by);
      q.orderBy = this.sortList();
    }
    const t = this.peek();
    if (t.type !== 'eof') {
      if (t.type === 'rparen') throw syntaxError(`Expecting either 'OR' or 'AND' but got ')'.`, t);
      throw syntaxError(`Expecting either 'OR' or 'AND' but got '${this.shown(t)}'.`, t);
    }
    return q;
  }

  private sortList(): SortKey[] {
    const keys: SortKey[] = [];
    for (;;) {
      const t = this.next();
      if (t.type === 'eof') throw syntaxError('Expecting a field name at the end of the query.');
      if (t.type !== 'word' && t.type !== 'string') throw syntaxError(`Expecting a field name but got '${this.shown(t)}'.`, t);
      let dir: 'asc' | 'desc' = 'asc';
      if (this.isWord(this.peek(), 'asc') || this.isWord(this.peek(), 'desc')) dir = this.next().value.toLowerCase() as 'asc' | 'desc';
      keys.push({ field: t.value, dir, pos: at(t) });
      if (this.peek().type !== 'comma') return keys;
      this.next();
    }
  }

  private or(): Node {
    const items = [this.and()];
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      items.push(this.and());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private and(): Node {
    const items = [this.not()];
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      items.push(this.not());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private not(): Node {
    if (++this.depth > MAX_DEPTH) throw syntaxError('The query is nested too deeply.', this.peek());
    try {
      return this.notInner();
    } finally {
      this.depth--;
    }
  }

  private notInner(): Node {
    if (this.isWord(this.peek(), 'not')) {
      this.next();
      return { kind: 'not', item: this.not() };
    }
    if (this.peek().type === 'lparen') {
      this.next();
      const inner = this.or();
      const close = this.next();
      if (close.type === 'eof') throw syntaxError("Expecting ')' before the end of the query.");
      if (close.type !== 'rparen') throw syntaxError(`Expecting ')' but got '${this.shown(close)}'.`, close);
      return inner;
    }
    return this.clause();
  }

  private clause(): Clause {
    const f = this.next();
    if (f.type === 'eof') throw syntaxError('Expecting a field name at the end of the query.');
    if (f.type === 'word' && RESERVED_WORDS.has(f.value.toLowerCase())) {
      throw syntaxError(`'${f.value}' is a reserved JQL word. You must surround it in quotation marks to use it in a query.`, f);
    }
    if (f.type !== 'word' && f.type !== 'string') throw syntaxError(`Expecting a field name but got '${this.shown(f)}'.`, f);
    const op = this.operator();
    const clause: Clause = { kind: 'clause', field: f.value, pos: at(f), op };
    if (op === 'changed') return clause;
    clause.operand = this.operand(op);
    return clause;
  }

  private operator(): Operator {
    const t = this.next();
    if (t.type === 'op') return t.value as Operator;
    if (t.type === 'eof') throw syntaxError(`Expecting operator before the end of the query. ${VALID_OPERATORS}`);
    const w = t.type === 'word' ? t.value.toLowerCase() : '';
    if (w === 'in') return 'in';
    if (w === 'changed') return 'changed';
    if (w === 'not' && this.isWord(this.peek(), 'in')) {
      this.next();
      return 'not in';
    }
    if (w === 'is') {
      if (this.isWord(this.peek(), 'not')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    if (w === 'was') {
      const negated = this.isWord(this.peek(), 'not') ? (this.next(), true) : false;
      const inList = this.isWord(this.peek(), 'in') ? (this.next(), true) : false;
      return `was${negated ? ' not' : ''}${inList ? ' in' : ''}` as Operator;
    }
    throw syntaxError(`Expecting operator but got '${this.shown(t)}'. ${VALID_OPERATORS}`, t);
  }

  private operand(op: Operator): Operand {
    const t = this.peek();
    const listOp = op === 'in' || op === 'not in' || op === 'was in' || op === 'was not in';
    if (t.type === 'lparen') {
      this.next();
      const items: Operand[] = [];
      for (;;) {
        items.push(this.single());
        const sep = this.next();
        if (sep.type === 'rparen') break;
        if (sep.type === 'eof') throw syntaxError("Expecting ')' before the end of the query.");
        if (sep.type !== 'comma') throw syntaxError(`Expecting ',' or ')' but got '${this.shown(sep)}'.`, sep);
      }
      return { kind: 'list', items, pos: at(t) };
    }
    const single = this.single();
    if (listOp && single.kind !== 'function') throw syntaxError(`Expecting '(' but got '${single.kind === 'value' ? single.value : 'EMPTY'}'.`, single.pos);
    return single;
  }

  private single(): Operand {
    const t = this.next();
    if (t.type === 'eof') throw syntaxError('Expecting either a value, list or function before the end of the query.');
    if (t.type === 'string') return { kind: 'value', value: t.value, quoted: true, pos: at(t) };
    if (t.type !== 'word') throw syntaxError(`Expecting either a value, list or function but got '${this.shown(t)}'.`, t);
    const lower = t.value.toLowerCase();
    if (lower === 'empty' || lower === 'null') return { kind: 'empty', pos: at(t) };
    if (this.peek().type === 'lparen') {
      this.next();
      const args: string[] = [];
      if (this.peek().type === 'rparen') this.next();
      else {
        for (;;) {
          const a = this.next();
          if (a.type === 'eof') throw syntaxError("Expecting ')' before the end of the query.");
          if (a.type !== 'word' && a.type !== 'string') throw syntaxError(`Expecting a function argument but got '${this.shown(a)}'.`, a);
          args.push(a.value);
          const sep = this.next();
          if (sep.type === 'rparen') break;
          if (sep.type !== 'comma') throw syntaxError(`Expecting ',' or ')' but got '${this.shown(sep)}'.`, sep);
        }
      }
      return { kind: 'function', name: t.value, args, pos: at(t) };
    }
    if (RESERVED_WORDS.has(lower)) {
      throw syntaxError(`Expecting either a value, list or function but got '${t.value}'. You must surround '${t.value}' in quotation marks to use it as a value.`, t);
    }
    return { kind: 'value', value: t.value, quoted: false, pos: at(t) };
  }
}

export function parseJql(input: string): Query {
  return new Parser(tokenize(input)).parse();
}
