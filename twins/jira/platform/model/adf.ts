// Atlassian Document Format: the v3 API's rich-text values — shape checks, plain-text extraction (for JQL text search) and HTML rendering (renderedFields).

export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

/** A v3 rich-text value must be a `doc` node of version 1 whose children are nodes. */
export function isAdfDoc(v: unknown): v is AdfNode {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const d = v as Record<string, unknown>;
  return d.type === 'doc' && d.version === 1 && Array.isArray(d.content) && d.content.every((c) => isNode(c, 1));
}

/** Real documents nest a handful of levels; the bound keeps hostile input from exhausting the stack. */
const MAX_DEPTH = 64;

function isNode(v: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH || !v || typeof v !== 'object' || Array.isArray(v)) return false;
  const n = v as Record<string, unknown>;
  if (typeof n.type !== 'string') return false;
  if (n.type === 'text' && typeof n.text !== 'string') return false;
  return n.content === undefined || (Array.isArray(n.content) && n.content.every((c) => isNode(c, depth + 1)));
}

/** A one-paragraph document, for seed data and for text the twin writes itself. */
export function adfParagraphs(...paras: string[]): AdfNode & { version: 1 } {
  return {
    type: 'doc',
    version: 1,
    content: paras.map((p) => ({ type: 'paragraph', content: p ? [{ type: 'text', text: p }] : [] })),
  };
}

/** Plain text of a document: what Jira indexes for `~` searches. */
export function adfText(v: unknown): string {
  if (typeof v === 'string') return v;
  const out: string[] = [];
  const walk = (n: AdfNode) => {
    if (n.type === 'text' && n.text) out.push(n.text);
    else if (n.type === 'mention') out.push(String(n.attrs?.text ?? ''));
    else if (n.type === 'emoji') out.push(String(n.attrs?.text ?? n.attrs?.shortName ?? ''));
    else if (n.type === 'hardBreak') out.push('\n');
    for (const c of n.content ?? []) walk(c);
    if (['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote'].includes(n.type)) out.push('\n');
  };
  if (v && typeof v === 'object') walk(v as AdfNode);
  return out.join('').replace(/\n+$/, '');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** HTML as Jira's renderer produces it for the common node types. */
export function adfHtml(v: unknown): string {
  if (!v || typeof v !== 'object') return '';
  const render = (n: AdfNode): string => {
    const inner = () => (n.content ?? []).map(render).join('');
    switch (n.type) {
      case 'doc': return inner();
      case 'paragraph': return `<p>${inner()}</p>`;
      case 'heading': return `<h${Number(n.attrs?.level ?? 1)}>${inner()}</h${Number(n.attrs?.level ?? 1)}>`;
      case 'bulletList': return `<ul>${inner()}</ul>`;
      case 'orderedList': return `<ol>${inner()}</ol>`;
      case 'listItem': return `<li>${inner()}</li>`;
      case 'blockquote': return `<blockquote>${inner()}</blockquote>`;
      case 'codeBlock': return `<div class="code panel"><pre>${esc((n.content ?? []).map((c) => c.text ?? '').join(''))}</pre></div>`;
      case 'rule': return '<hr />';
      case 'hardBreak': return '<br/>';
      case 'mention': return `<a class="user-hover" rel="${esc(String(n.attrs?.id ?? ''))}">${esc(String(n.attrs?.text ?? ''))}</a>`;
      case 'emoji': return esc(String(n.attrs?.text ?? n.attrs?.shortName ?? ''));
      case 'text': {
        let s = esc(n.text ?? '');
        for (const m of n.marks ?? []) {
          if (m.type === 'strong') s = `<b>${s}</b>`;
          else if (m.type === 'em') s = `<em>${s}</em>`;
          else if (m.type === 'code') s = `<tt>${s}</tt>`;
          else if (m.type === 'strike') s = `<del>${s}</del>`;
          else if (m.type === 'link') s = `<a href="${esc(String(m.attrs?.href ?? ''))}" class="external-link" rel="nofollow noreferrer">${s}</a>`;
        }
        return s;
      }
      default: return inner();
    }
  };
  return render(v as AdfNode);
}
