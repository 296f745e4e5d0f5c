/** Gmail's search language (`q`): operators, quoted phrases, OR, `-` negation, `{…}` and parentheses, evaluated over one message. */
import { addresses, attachments, header, plainText, type MimePart } from './mime.js';
import type { LabelRec, MessageRec } from './mailbox.js';

type Node =
  | { k: 'and' | 'or'; xs: Node[] }
  | { k: 'not'; x: Node }
  | { k: 'term'; op: string; value: string };

export class SearchSyntaxError extends Error {}

function tokenize(q: string): string[] {
  const out: string[] = [];
  const re = /\s*(\(|\)|\{|\}|-?[a-zA-Z_]+:\([^)]*\)|-?[a-zA-Z_]+:"[^"]*"|-?"[^"]*"|[^\s(){}]+)/y;
  let m: RegExpExecArray | null;
  while ((m = re.exec(q))) out.push(m[1]);
  return out;
}

export function parseQuery(q: string): Node {
  const toks = tokenize(q);
  let i = 0;
  const seq = (end?: string): Node => {
    const parts: Node[] = [];
    while (i < toks.length && toks[i] !== end) {
      if (toks[i] === ')' || toks[i] === '}') throw new SearchSyntaxError(`Unbalanced ${toks[i]}`);
      let node = unit();
      while (toks[i] === 'OR') {
        i++;
        node = { k: 'or', xs: [node, unit()] };
      }
      parts.push(node);
    }
    if (end) {
      if (toks[i] !== end) throw new SearchSyntaxError(`Missing ${end}`);
      i++;
    }
    return { k: 'and', xs: parts };
  };
  const unit = (): Node => {
    const t = toks[i++];
    if (t === undefined) throw new SearchSyntaxError('Dangling OR');
    if (t === '(') return seq(')');
    if (t === '{') {
      const inner = seq('}');
      return { k: 'or', xs: (inner as { xs: Node[] }).xs };
    }
    if (t === '-' ) return { k: 'not', x: unit() };
    if (t.startsWith('-') && t.length > 1) {
      i--;
      toks[i] = t.slice(1);
      return { k: 'not', x: unit() };
    }
    const m = /^([a-zA-Z_]+):(.*)$/.exec(t);
    if (m) {
      const v = m[2].replace(/^\((.*)\)$/, '$1').replace(/^"(.*)"$/, '$1');
      // `subject:(a b)` means both words in the subject.
      if (/^\(.*\)$/.test(m[2]) && v.includes(' ')) return { k: 'and', xs: v.split(/\s+/).map((w) => ({ k: 'term' as const, op: m[1].toLowerCase(), value: w })) };
      return { k: 'term', op: m[1].toLowerCase(), value: v };
    }
    return { k: 'term', op: 'text', value: t.replace(/^"(.*)"$/, '$1') };
  };
  return seq();
}

export interface SearchView {
  m: MessageRec;
  mime: MimePart;
  labels: LabelRec[];
  now: number;
}

const DAY = 86_400_000;

function date(v: string): number {
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(v);
  if (!m) throw new SearchSyntaxError(`Bad date ${v}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function age(v: string): number {
  const m = /^(\d+)([dmy])$/.exec(v.toLowerCase());
  if (!m) throw new SearchSyntaxError(`Bad period ${v}`);
  return Number(m[1]) * { d: DAY, m: 30 * DAY, y: 365 * DAY }[m[2] as 'd' | 'm' | 'y'];
}

function size(v: string): number {
  const m = /^(\d+)([kmKM]?)$/.exec(v);
  if (!m) throw new SearchSyntaxError(`Bad size ${v}`);
  return Number(m[1]) * (m[2] ? (m[2].toLowerCase() === 'k' ? 1024 : 1024 * 1024) : 1);
}


/** Gmail matches whole words (a phrase as consecutive words), not substrings: "report" does not find "reports". */
function hasWords(hay: string, needle: string): boolean {
  const split = (x: string) => x.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const h = split(hay);
  const n = split(needle);
  if (!n.length) return true;
  for (let i = 0; i + n.length <= h.length; i++) if (n.every((w, j) => h[i + j] === w)) return true;
  return false;
}

function addressMatch(h: string | undefined, v: string): boolean {
  const want = v.toLowerCase().replace(/^me$/, '');
  return (h ?? '').toLowerCase().includes(want) || addresses(h).some((a) => a === want || a.split('@')[0] === want);
}

function labelMatch(view: SearchView, v: string): boolean {
  const want = v.toLowerCase().replace(/[-/ ]/g, '');
  return view.m.labelIds.some((id) => {
    const name = view.labels.find((l) => l.id === id)?.name ?? id;
    return name.toLowerCase().replace(/[-/ ]/g, '') === want || id.toLowerCase() === want;
  });
}

function term(view: SearchView, op: string, v: string, me: string): boolean {
  const hs = view.mime.headers;
  const has = (l: string) => view.m.labelIds.includes(l);
  const value = v === 'me' ? me : v;
  switch (op) {
    case 'from': return addressMatch(header(hs, 'From'), value);
    case 'to': return addressMatch(header(hs, 'To'), value) || addressMatch(header(hs, 'Cc'), value) || addressMatch(header(hs, 'Bcc'), value);
    case 'cc': return addressMatch(header(hs, 'Cc'), value);
    case 'bcc': return addressMatch(header(hs, 'Bcc'), value);
    case 'subject': return hasWords(header(hs, 'Subject') ?? '', v);
    case 'label': return labelMatch(view, v);
    case 'in':
      if (v === 'anywhere') return true;
      if (v === 'drafts' || v === 'draft') return has('DRAFT');
      return has(v.toUpperCase());
    case 'is':
      switch (v.toLowerCase()) {
        case 'unread': return has('UNREAD');
        case 'read': return !has('UNREAD');
        case 'starred': return has('STARRED');
        case 'important': return has('IMPORTANT');
        default: return labelMatch(view, v);
      }
    case 'category': return has(`CATEGORY_${v.toUpperCase()}`);
    case 'has':
      if (v === 'attachment') return attachments(view.mime).length > 0;
      if (v === 'userlabels') return view.m.labelIds.some((l) => l.startsWith('Label_'));
      if (v === 'nouserlabels') return !view.m.labelIds.some((l) => l.startsWith('Label_'));
      return false;
    case 'filename': return attachments(view.mime).some((a) => a.filename.toLowerCase().includes(v.toLowerCase()));
    case 'after': return view.m.internalDate >= date(v);
    case 'before': return view.m.internalDate < date(v);
    case 'newer_than': return view.m.internalDate > view.now - age(v);
    case 'older_than': return view.m.internalDate < view.now - age(v);
    case 'larger': return Buffer.from(view.m.raw, 'base64url').length > size(v);
    case 'smaller': return Buffer.from(view.m.raw, 'base64url').length < size(v);
    case 'rfc822msgid': return (header(hs, 'Message-ID') ?? '').includes(v);
    case 'text': {
      return hasWords(`${header(hs, 'Subject') ?? ''} ${header(hs, 'From') ?? ''} ${header(hs, 'To') ?? ''} ${plainText(view.mime)}`, v);
    }
    default:
      // Unknown operators are searched as text, as Gmail does ("foo:bar" finds the words).
      return term(view, 'text', `${op}:${v}`, me);
  }
}

export function matches(node: Node, view: SearchView, me: string): boolean {
  switch (node.k) {
    case 'and': return node.xs.every((x) => matches(x, view, me));
    case 'or': return node.xs.some((x) => matches(x, view, me));
    case 'not': return !matches(node.x, view, me);
    case 'term': return term(view, node.op, node.value, me);
  }
}

/** Whether the query itself says where to look (then SPAM and TRASH are not excluded by default). */
export function namesLocation(node: Node): boolean {
  switch (node.k) {
    case 'and':
    case 'or': return node.xs.some(namesLocation);
    case 'not': return namesLocation(node.x);
    case 'term': return node.op === 'in' || (node.op === 'label' && /^(spam|trash)$/i.test(node.value));
  }
}
