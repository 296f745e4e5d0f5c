/** RFC 2822 / MIME messages: headers (folded, encoded-words), multipart trees, transfer encodings, and addresses. */

export interface Header {
  name: string;
  value: string;
}

export interface MimePart {
  headers: Header[];
  mimeType: string;
  filename: string;
  /** Decoded body bytes of a leaf part (empty for multipart containers). */
  body: Uint8Array;
  parts: MimePart[];
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** RFC 2047 encoded words (`=?UTF-8?B?...?=`), as Gmail decodes them in header values. */
export function decodeWords(v: string): string {
  return v.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=(\s+(?==\?))?/g, (_m, _cs, kind: string, text: string) => {
    if (kind.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    return dec.decode(qpBytes(text.replace(/_/g, ' ')));
  });
}

function qpBytes(s: string): Uint8Array {
  const out: number[] = [];
  const src = enc.encode(s.replace(/=\r?\n/g, ''));
  for (let i = 0; i < src.length; i++) {
    if (src[i] === 0x3d && i + 2 < src.length && /^[0-9A-Fa-f]{2}$/.test(String.fromCharCode(src[i + 1], src[i + 2]))) {
      out.push(parseInt(String.fromCharCode(src[i + 1], src[i + 2]), 16));
      i += 2;
    } else out.push(src[i]);
  }
  return Uint8Array.from(out);
}

function splitHead(bytes: Uint8Array): { head: string; body: Uint8Array } {
  const text = Buffer.from(bytes).toString('latin1');
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text, body: new Uint8Array() };
  return { head: text.slice(0, m.index), body: bytes.slice(m.index + m[0].length) };
}

export function parseHeaders(head: string): Header[] {
  const out: Header[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length) out[out.length - 1].value += ` ${line.trim()}`;
    else {
      const i = line.indexOf(':');
      if (i > 0) out.push({ name: line.slice(0, i).trim(), value: line.slice(i + 1).trim() });
    }
  }
  // Header bytes are UTF-8 in practice (RFC 6532); they were read as latin1 to keep offsets.
  return out.map((h) => ({ name: h.name, value: decodeWords(Buffer.from(h.value, 'latin1').toString('utf8')) }));
}

export const header = (hs: Header[], name: string) => hs.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

/** `text/plain; charset="UTF-8"; name=a.txt` → type and parameters. */
export function contentType(v: string | undefined): { type: string; params: Record<string, string> } {
  const [type, ...rest] = (v ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase() || 'text/plain', params };
}

function decodeBody(body: Uint8Array, encoding: string | undefined): Uint8Array {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64': return Uint8Array.from(Buffer.from(Buffer.from(body).toString('latin1').replace(/\s+/g, ''), 'base64'));
    case 'quoted-printable': return qpBytes(Buffer.from(body).toString('latin1'));
    default: return body;
  }
}

export function parseMime(bytes: Uint8Array, depth = 0): MimePart {
  const { head, body } = splitHead(bytes);
  const headers = parseHeaders(head);
  const ct = contentType(header(headers, 'Content-Type'));
  const disposition = contentType(header(headers, 'Content-Disposition'));
  const filename = disposition.params.filename ?? ct.params.name ?? '';
  if (ct.type.startsWith('multipart/') && ct.params.boundary && depth < 20) {
    const text = Buffer.from(body).toString('latin1');
    const delim = `--${ct.params.boundary}`;
    const chunks = text.split(new RegExp(`\\r?\\n?${delim.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const parts = chunks.slice(1).filter((c) => !c.startsWith('--')).map((c) => parseMime(Uint8Array.from(Buffer.from(c.replace(/^[ \t]*\r?\n/, ''), 'latin1')), depth + 1));
    return { headers, mimeType: ct.type, filename, body: new Uint8Array(), parts };
  }
  return { headers, mimeType: ct.type, filename, body: decodeBody(body, header(headers, 'Content-Transfer-Encoding')), parts: [] };
}

/** Every address in a header (`"Bob B" <bob@x.com>, carol@x.com`), lower-cased. */
export function addresses(v: string | undefined): string[] {
  if (!v) return [];
  const out: string[] = [];
  for (const m of v.matchAll(/<([^<>\s]+@[^<>\s]+)>|([^\s<>,;"]+@[^\s<>,;"]+)/g)) out.push((m[1] ?? m[2]).toLowerCase());
  return out;
}

/** Replaces (or adds) a header in a raw message's header block, leaving the body untouched. */
export function setHeader(raw: Uint8Array, name: string, value: string | undefined): Uint8Array {
  const { head, body } = splitHead(raw);
  const lines = head.split(/\r?\n/);
  const kept: string[] = [];
  let skipping = false;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && skipping) continue;
    skipping = line.toLowerCase().startsWith(`${name.toLowerCase()}:`);
    if (!skipping) kept.push(line);
  }
  if (value !== undefined) kept.unshift(`${name}: ${Buffer.from(value, 'utf8').toString('latin1')}`);
  return Uint8Array.from(Buffer.concat([Buffer.from(`${kept.join('\r\n')}\r\n\r\n`, 'latin1'), Buffer.from(body)]));
}

/** A plain-text message, as seeded mail and auto-replies are written. */
export function composeText(h: Record<string, string | undefined>, text: string): Uint8Array {
  const lines = Object.entries(h).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`);
  lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset="UTF-8"');
  return enc.encode(`${lines.join('\r\n')}\r\n\r\n${text.replace(/\r?\n/g, '\r\n')}\r\n`);
}

/** The first text/plain (else text/html, tags stripped) body, for snippets and search. */
export function plainText(p: MimePart): string {
  const leaves: MimePart[] = [];
  const walk = (x: MimePart) => (x.parts.length ? x.parts.forEach(walk) : leaves.push(x));
  walk(p);
  const plain = leaves.find((l) => l.mimeType === 'text/plain' && !l.filename);
  if (plain) return dec.decode(plain.body);
  const html = leaves.find((l) => l.mimeType === 'text/html' && !l.filename);
  return html ? dec.decode(html.body).replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ') : '';
}

export function attachments(p: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const walk = (x: MimePart) => (x.parts.length ? x.parts.forEach(walk) : x.filename ? out.push(x) : undefined);
  walk(p);
  return out;
}
