// Jira wiki markup ⇄ Atlassian Document Format: the v2 API's plain-string rich text against the ADF the site stores (a common subset of both).
import type { AdfNode } from '../model/adf.js';

type Mark = NonNullable<AdfNode['marks']>[number];
export type AdfDoc = AdfNode & { type: 'doc'; version: 1; content: AdfNode[] };

/** Display names for `[~accountid:…]` mentions (ADF mentions carry the name as `@Name`). */
export type NameOf = (accountId: string) => string | undefined;

const WORD = /[\p{L}\p{N}]/u;
const isWord = (c: string | undefined) => !!c && WORD.test(c);
const isSpace = (c: string | undefined) => !c || /\s/.test(c);

/** Wiki text-effect characters and the ADF marks they stand for. */
const EFFECTS: Record<string, Mark> = {
  '*': { type: 'strong' },
  _: { type: 'em' },
  '-': { type: 'strike' },
  '+': { type: 'underline' },
  '^': { type: 'subsup', attrs: { type: 'sup' } },
  '~': { type: 'subsup', attrs: { type: 'sub' } },
};

const text = (t: string, marks: Mark[]): AdfNode => (marks.length ? { type: 'text', text: t, marks: marks.map((m) => ({ ...m })) } : { type: 'text', text: t });
const isUrl = (s: string) => /^([a-z][a-z0-9+.-]*:|\/|#)/i.test(s.trim());

/** Inline wiki (one line) to ADF inline nodes. */
function inline(s: string, marks: Mark[], nameOf: NameOf): AdfNode[] {
  const out: AdfNode[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push(text(buf, marks));
    buf = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      buf += s[i + 1];
      i += 2;
      continue;
    }
    if (s.startsWith('{{', i)) {
      const end = s.indexOf('}}', i + 2);
      if (end > i + 2) {
        flush();
        out.push(text(s.slice(i + 2, end), [...marks, { type: 'code' }]));
        i = end + 2;
        continue;
      }
    }
    if (c === '[') {
      const end = s.indexOf(']', i + 1);
      const body = end > i ? s.slice(i + 1, end) : '';
      const mention = /^~accountid:([^\]\s|]+)$/i.exec(body);
      if (mention) {
        flush();
        out.push({ type: 'mention', attrs: { id: mention[1], text: `@${nameOf(mention[1]) ?? 'Unknown user'}`, accessLevel: '' } });
        i = end + 1;
        continue;
      }
      const bar = body.lastIndexOf('|');
      const href = bar >= 0 ? body.slice(bar + 1) : body;
      if (end > i && href && isUrl(href)) {
        flush();
        const label = bar >= 0 ? body.slice(0, bar) : body;
        out.push(...inline(label || href, [...marks, { type: 'link', attrs: { href: href.trim() } }], nameOf));
        i = end + 1;
        continue;
      }
    }
    const effect = Object.hasOwn(EFFECTS, c) ? EFFECTS[c] : undefined;
    if (effect && !isWord(s[i - 1]) && !isSpace(s[i + 1])) {
      let j = i + 2;
      while (j < s.length && !(s[j] === c && !isSpace(s[j - 1]) && !isWord(s[j + 1]))) j++;
      if (j < s.length) {
        flush();
        out.push(...inline(s.slice(i + 1, j), [...marks, effect], nameOf));
        i = j + 1;
        continue;
      }
    }
    // Bare URLs link themselves, except where a link is already being written.
    const url = isWord(s[i - 1]) || marks.some((m) => m.type === 'link') ? null : /^https?:\/\/[^\s\]|]+/.exec(s.slice(i));
    if (url) {
      flush();
      out.push(text(url[0], [...marks, { type: 'link', attrs: { href: url[0] } }]));
      i += url[0].length;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

const paragraph = (lines: string[], nameOf: NameOf): AdfNode => ({
  type: 'paragraph',
  content: lines.flatMap((l, n) => [...(n ? [{ type: 'hardBreak' }] : []), ...inline(l, [], nameOf)]),
});

/** Line-oriented blocks: headings, rules, `bq.` quotes, nested `*`/`#` lists and paragraphs. */
function lineBlocks(src: string, nameOf: NameOf): AdfNode[] {
  const out: AdfNode[] = [];
  let para: string[] = [];
  let lists: Array<{ kind: string; node: AdfNode }> = [];
  const flushPara = () => {
    if (para.length) out.push(paragraph(para, nameOf));
    para = [];
  };
  for (const line of src.split('\n')) {
    const heading = /^\s*h([1-6])\.\s+(.*)$/.exec(line);
    const item = /^\s*([*#]+|-)\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flushPara();
      lists = [];
    } else if (heading) {
      flushPara();
      lists = [];
      out.push({ type: 'heading', attrs: { level: Number(heading[1]) }, content: inline(heading[2], [], nameOf) });
    } else if (/^\s*-{4,}\s*$/.test(line)) {
      flushPara();
      lists = [];
      out.push({ type: 'rule' });
    } else if (/^\s*bq\.\s/.test(line)) {
      flushPara();
      lists = [];
      out.push({ type: 'blockquote', content: [paragraph([line.replace(/^\s*bq\.\s+/, '')], nameOf)] });
    } else if (item) {
      flushPara();
      const marker = item[1] === '-' ? '*' : item[1];
      lists = lists.slice(0, marker.length);
      const top = lists[marker.length - 1];
      if (top && top.kind !== marker[marker.length - 1]) lists.pop();
      while (lists.length < marker.length) {
        const kind = marker[lists.length];
        const node: AdfNode = kind === '#' ? { type: 'orderedList', attrs: { order: 1 }, content: [] } : { type: 'bulletList', content: [] };
        const parent = lists[lists.length - 1]?.node;
        if (!parent) out.push(node);
        else {
          if (!parent.content!.length) parent.content!.push({ type: 'listItem', content: [] });
          parent.content![parent.content!.length - 1].content!.push(node);
        }
        lists.push({ kind, node });
      }
      lists[lists.length - 1].node.content!.push({ type: 'listItem', content: [paragraph([item[2]], nameOf)] });
    } else {
      lists = [];
      para.push(line);
    }
  }
  flushPara();
  return out;
}

/** Blocks, with `{code}`, `{noformat}` and `{quote}` sections cut out first (they span lines). */
function blocks(src: string, nameOf: NameOf, depth = 0): AdfNode[] {
  const out: AdfNode[] = [];
  // A macro tag is not one when escaped or when it is the inside of `{{…}}` monospace.
  const open = /(?<![{\\])\{(code|noformat|quote)(?::([^}]*))?\}/g;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = open.exec(src))) {
    const closeRe = new RegExp(`(?<![{\\\\])\\{${m[1]}\\}`, 'g');
    closeRe.lastIndex = open.lastIndex;
    const close = closeRe.exec(src)?.index ?? -1;
    if (close < 0) break;
    out.push(...lineBlocks(src.slice(pos, m.index), nameOf));
    const inner = src.slice(open.lastIndex, close);
    if (m[1] === 'quote') {
      out.push({ type: 'blockquote', content: depth < 8 ? blocks(inner, nameOf, depth + 1) : lineBlocks(inner, nameOf) });
    } else {
      const body = inner.replace(/^\n/, '').replace(/\n$/, '');
      const language = m[1] === 'code' ? (m[2] ?? '').split('|')[0].replace(/^language=/, '').trim() : '';
      out.push({ type: 'codeBlock', ...(language ? { attrs: { language } } : {}), content: body ? [{ type: 'text', text: body }] : [] });
    }
    pos = close + m[1].length + 2;
    open.lastIndex = pos;
  }
  out.push(...lineBlocks(src.slice(pos), nameOf));
  return out;
}

/** A v2 string as the ADF document v3 stores. */
export function wikiToAdf(src: string, nameOf: NameOf = () => undefined): AdfDoc {
  return { type: 'doc', version: 1, content: blocks(src.replace(/\r\n?/g, '\n'), nameOf) };
}

/** Escapes what the parser above would otherwise read as markup (effects, links, macros). */
function escapeText(t: string): string {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    const effect = Object.hasOwn(EFFECTS, c);
    const opens = effect && !isWord(t[i - 1]) && !isSpace(t[i + 1]);
    const closes = effect && !isSpace(t[i - 1]) && !isWord(t[i + 1]);
    out += opens || closes || c === '[' || c === '{' || c === '\\' ? `\\${c}` : c;
  }
  return out;
}

function markWrap(s: string, m: Mark): string {
  switch (m.type) {
    case 'strong': return `*${s}*`;
    case 'em': return `_${s}_`;
    case 'strike': return `-${s}-`;
    case 'underline': return `+${s}+`;
    case 'subsup': return m.attrs?.type === 'sub' ? `~${s}~` : `^${s}^`;
    default: return s;
  }
}

function inlineWiki(nodes: AdfNode[] | undefined): string {
  return (nodes ?? []).map((n) => {
    if (n.type === 'hardBreak') return '\n';
    if (n.type === 'mention') return `[~accountid:${String(n.attrs?.id ?? '')}]`;
    if (n.type === 'emoji') return String(n.attrs?.text ?? n.attrs?.shortName ?? '');
    if (n.type === 'inlineCard') return n.attrs?.url ? `[${String(n.attrs.url)}]` : '';
    if (n.type !== 'text') return inlineWiki(n.content);
    const marks = n.marks ?? [];
    const link = marks.find((m) => m.type === 'link');
    let s = marks.some((m) => m.type === 'code') ? `{{${n.text ?? ''}}}` : escapeText(n.text ?? '');
    for (const m of marks) s = markWrap(s, m);
    if (link) {
      const href = String(link.attrs?.href ?? '');
      s = s === href || s === escapeText(href) ? `[${href}]` : `[${s}|${href}]`;
    }
    return s;
  }).join('');
}

/** Paragraph lines that would read as block markup get their first character escaped. */
const guardLine = (l: string) => (/^\s*(h[1-6]\.\s|bq\.\s|[*#]+\s|-\s|-{4,}\s*$)/.test(l) ? l.replace(/^(\s*)(.)/, '$1\\$2') : l);

function listWiki(list: AdfNode, prefix: string): string[] {
  const marker = `${prefix}${list.type === 'orderedList' ? '#' : '*'}`;
  const lines: string[] = [];
  for (const item of list.content ?? []) {
    // Wiki items are one line: text before a nested list makes the item's line; later text becomes sibling items.
    let texts: string[] = [];
    let emitted = false;
    for (const child of item.content ?? []) {
      if (child.type === 'bulletList' || child.type === 'orderedList') {
        if (!emitted || texts.length) lines.push(`${marker} ${texts.join(' ')}`);
        texts = [];
        emitted = true;
        lines.push(...listWiki(child, marker));
      } else texts.push(inlineWiki(child.content).replace(/\n/g, ' '));
    }
    if (!emitted || texts.length) lines.push(`${marker} ${texts.join(' ')}`);
  }
  return lines;
}

function blockWiki(n: AdfNode, depth: number): string {
  switch (n.type) {
    case 'paragraph': return inlineWiki(n.content).split('\n').map(guardLine).join('\n');
    case 'heading': return `h${Math.min(6, Math.max(1, Number(n.attrs?.level ?? 1)))}. ${inlineWiki(n.content)}`;
    case 'bulletList':
    case 'orderedList': return listWiki(n, '').join('\n');
    case 'codeBlock': {
      const lang = typeof n.attrs?.language === 'string' && n.attrs.language ? `:${n.attrs.language}` : '';
      return `{code${lang}}\n${(n.content ?? []).map((c) => c.text ?? '').join('')}\n{code}`;
    }
    case 'blockquote': return `{quote}\n${blocksWiki(n.content, depth + 1)}\n{quote}`;
    case 'rule': return '----';
    default: return depth < 32 ? blocksWiki(n.content, depth + 1) : '';
  }
}

const blocksWiki = (nodes: AdfNode[] | undefined, depth: number): string =>
  (nodes ?? []).map((n) => blockWiki(n, depth)).filter((s) => s !== '').join('\n\n');

/** An ADF document as the v2 API's wiki string. */
export function adfToWiki(doc: unknown): string {
  if (!doc || typeof doc !== 'object') return '';
  return blocksWiki((doc as AdfNode).content, 0);
}
