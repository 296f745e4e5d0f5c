/** What an upload on Drive's upload URI carries: media bytes, multipart metadata and media, or resumable metadata. */
/*
 * What an upload carries, as files.create/update see it on Drive's upload URI
 * (`/upload/drive/v3/files…`, the `*.media` operations): `uploadType=media`
 * is the bare bytes, `multipart` a `multipart/related` body of JSON metadata
 * and media, `resumable` the metadata that opens a session
 * (https://developers.google.com/workspace/drive/api/guides/manage-uploads).
 */
import type { OpContext } from '../../../../src/core/handler.js';
import { E } from '../../errors.js';

export interface Upload {
  metadata: Record<string, unknown>;
  media?: { bytes: Uint8Array; mimeType: string };
  /** A resumable session is being opened: no bytes yet. */
  resumable?: { contentType?: string; contentLength?: number };
}

/** Uploads may be larger than the JSON payload limit. */
export const isUploadOp = (opId: string) => opId.endsWith('.media') || opId.endsWith('.resumable');

export function uploadOf(ctx: OpContext): Upload {
  const contentType = ctx.headers.get('content-type') ?? '';
  const media = (bytes: Uint8Array, type: string) => ({ bytes, mimeType: type.split(';')[0].trim() || 'application/octet-stream' });
  const uploadType = ctx.query.uploadType;
  if (uploadType === 'media') return { metadata: {}, media: media(ctx.rawBody, contentType) };
  if (uploadType === 'resumable') {
    const len = ctx.headers.get('x-upload-content-length');
    return {
      metadata: ctx.rawBody.byteLength ? parseJson(ctx.rawBody) : {},
      resumable: { contentType: ctx.headers.get('x-upload-content-type') ?? undefined, contentLength: len && /^\d+$/.test(len) ? Number(len) : undefined },
    };
  }
  if (uploadType !== 'multipart') throw E.invalidValue('drive', 'uploadType', `Invalid value for UploadType: ${String(uploadType ?? '')}`);
  const parts = splitMultipart(ctx.rawBody, contentType);
  if (!parts || parts.length !== 2) throw E.badRequest('drive', 'Malformed multipart body.');
  const [meta, body] = parts;
  if (!/^application\/json\b/i.test(meta.type)) throw E.badRequest('drive', 'Malformed multipart body.');
  return { metadata: parseJson(meta.bytes), media: media(body.bytes, body.type) };
}

function parseJson(bytes: Uint8Array): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw E.parseError('drive', '');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw E.parseError('drive', '');
  return v as Record<string, unknown>;
}

export interface Part {
  type: string;
  bytes: Uint8Array;
}

/** Binary-safe split of a multipart body on its boundary. */
export function splitMultipart(raw: Uint8Array, contentType: string): Part[] | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return undefined;
  const buf = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const delim = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = buf.indexOf(delim);
  if (pos < 0) return undefined;
  for (;;) {
    let start = pos + delim.length;
    if (buf.subarray(start, start + 2).toString() === '--') return parts;
    if (buf.subarray(start, start + 2).toString() === '\r\n') start += 2;
    else if (buf[start] === 0x0a) start += 1;
    const next = buf.indexOf(delim, start);
    if (next < 0) return undefined;
    let end = next;
    if (buf[end - 1] === 0x0a) end--;
    if (buf[end - 1] === 0x0d) end--;
    const chunk = buf.subarray(start, end);
    if (chunk.subarray(0, 2).toString() === '\r\n') {
      parts.push({ type: 'application/octet-stream', bytes: new Uint8Array(chunk.subarray(2)) });
      pos = next;
      continue;
    }
    let sep = chunk.indexOf('\r\n\r\n');
    let skip = 4;
    if (sep < 0) {
      sep = chunk.indexOf('\n\n');
      skip = 2;
    }
    if (sep < 0) return undefined;
    const head = chunk.subarray(0, sep).toString('latin1');
    const type = /^content-type:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? 'application/octet-stream';
    parts.push({ type, bytes: new Uint8Array(chunk.subarray(sep + skip)) });
    pos = next;
  }
}
