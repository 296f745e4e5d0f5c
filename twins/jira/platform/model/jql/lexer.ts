// JQL tokens: unquoted words, quoted strings, operators and punctuation, with Jira's reserved-character and unterminated-string errors.

export type TokenType = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  type: TokenType;
  value: string;
  /** Line and character (1-based) where the token starts, as Jira's messages cite them. */
  line: number;
  col: number;
}

export class JqlError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join(' '));
    this.name = 'JqlError';
  }
}

export const syntaxError = (message: string, at?: { line: number; col: number }) =>
  new JqlError([`Error in the JQL Query: ${message}${at ? ` (line ${at.line}, character ${at.col})` : ''}`]);

/**
 * Characters Jira reserves outside quotes.
 * https://support.atlassian.com/jira-software-cloud/docs/use-advanced-search-with-jira-query-language-jql/ (reserved characters)
 */
const RESERVED_CHARS = new Set(['+', '.', ',', ';', '?', '|', '*', '/', '%', '^', '$', '#', '@', '[', ']']);
const OPERATOR_START = new Set(['=', '!', '<', '>', '~']);

const escapeOf = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function tokenize(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const at = (pos: number) => ({ line, col: pos - lineStart + 1 });
  while (i < input.length) {
    const ch = input[i];
    if (ch === '\n') {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = at(i);
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ type: ch === '(' ? 'lparen' : ch === ')' ? 'rparen' : 'comma', value: ch, ...start });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < input.length) {
        const c = input[j];
        if (c === '\\' && j + 1 < input.length) {
          const n = input[j + 1];
          if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(input.slice(j + 2, j + 6))) {
            value += String.fromCharCode(parseInt(input.slice(j + 2, j + 6), 16));
            j += 6;
          } else {
            value += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n;
            j += 2;
          }
          continue;
        }
        if (c === ch) {
          closed = true;
          break;
        }
        value += c;
        j++;
      }
      if (!closed) throw syntaxError(`The quoted string '${value}' has not been completed.`, start);
      out.push({ type: 'string', value, ...start });
      i = j + 1;
      continue;
    }
    if (OPERATOR_START.has(ch)) {
      const two = input.slice(i, i + 2);
      const op = ['!=', '<=', '>=', '!~'].includes(two) ? two : ch;
      if (op === '!') {
        // `!` alone is NOT.
        out.push({ type: 'word', value: 'NOT', ...start });
        i++;
        continue;
      }
      out.push({ type: 'op', value: op, ...start });
      i += op.length;
      continue;
    }
    if (input.startsWith('&&', i) || input.startsWith('||', i)) {
      out.push({ type: 'word', value: input[i] === '&' ? 'AND' : 'OR', ...start });
      i += 2;
      continue;
    }
    if (RESERVED_CHARS.has(ch) || ch === '&') {
      throw syntaxError(`The character '${ch}' is a reserved JQL character. You must enclose it in a string or use the escape '${escapeOf(ch)}' instead.`, start);
    }
    let j = i;
    let word = '';
    while (j < input.length) {
      const c = input[j];
      if (/\s/.test(c) || c === '(' || c === ')' || c === ',' || c === '"' || c === "'" || OPERATOR_START.has(c)) break;
      // `cf[10000]` names a custom field; its brackets are part of the word.
      const cf = c === '[' && word.toLowerCase() === 'cf' ? /^\[\d+\]/.exec(input.slice(j)) : null;
      if (cf) {
        word += cf[0];
        j += cf[0].length;
        continue;
      }
      if (RESERVED_CHARS.has(c) || c === '&' || c === '|') {
        if (c === '|' && input[j + 1] === '|') break;
        throw syntaxError(`The character '${c}' is a reserved JQL character. You must enclose it in a string or use the escape '${escapeOf(c)}' instead.`, at(j));
      }
      if (c === '\\' && j + 1 < input.length) {
        word += input[j + 1];
        j += 2;
        continue;
      }
      word += c;
      j++;
    }
    out.push({ type: 'word', value: word, ...start });
    i = j;
  }
  out.push({ type: 'eof', value: '', ...at(i) });
  return out;
}

/**
 * Words Jira reserves: unquoted, they cannot be field names or values.
 * https://support.atlassian.com/jira-software-cloud/docs/use-advanced-search-with-jira-query-language-jql/ (reserved words)
 */
export const RESERVED_WORDS = new Set(
  ('a an abort access add after alias all alter and any are as asc at audit avg before begin between boolean break by byte ' +
    'catch cf char character check checkpoint collate collation column commit connect continue count create current date decimal ' +
    'declare decrement default defaults define delete delimiter desc difference distinct divide do double drop else empty encoding ' +
    'end equals escape exclusive exec execute exists explain false fetch file field first float for from function go goto grant ' +
    'greater group having identified if immediate in increment index initial inner inout input insert int integer intersect ' +
    'intersection into is isempty isnull join last left less like limit lock long max min minus mode modify modulo more multiply ' +
    'next noaudit not notin nowait null number object of on option or order outer output power previous prior privileges public ' +
    'raise raw remainder rename resource return returns revoke right row rowid rownum rows select session set share size sqrt ' +
    'start strict string subtract sum synonym table then to trans transaction trigger true uid union unique update user validate ' +
    'values view when whenever where while with').split(' '),
);
