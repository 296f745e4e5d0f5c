/** The one shape every recording format (HAR, vcrpy, go-vcr, Ruby VCR) is read into, plus small header and body helpers. */
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';

export interface RecordedMessage {
  /** Lower-case names; repeated headers joined with `, ` (`set-cookie` with a newline). */
  headers: Record<string, string>;
  /** Decoded text, when the body is text. */
  body?: string;
  /** Base64, when the body is binary. */
  bodyBase64?: string;
}

export interface RecordedRequest extends RecordedMessage {
  method: string;
  url: string;
}

export interface RecordedResponse extends RecordedMessage {
  status: number;
  statusText?: string;
}

export interface RecordedExchange {
  request: RecordedRequest;
  response: RecordedResponse;
  startedAt?: string;
}

export type RecordingFormat = 'har' | 'vcrpy' | 'go-vcr' | 'ruby-vcr';

export interface Recording {
  format: RecordingFormat;
  /** File it came from. */
  source: string;
  /** Declared by the recorder (HAR `log._dtu.vendor`), if any. */
  vendor?: string;
  /** Path prefix of the recorded upstream (`/t/acme` when a twin tenant was recorded); stripped before replay. */
  basePath?: string;
  exchanges: RecordedExchange[];
}

/** Adds a header value the way HTTP folds repeats (Set-Cookie lines stay separate). */
export function addHeader(out: Record<string, string>, name: string, value: unknown): void {
  const k = name.toLowerCase();
  const v = Array.isArray(value) ? value.map(String) : [String(value ?? '')];
  for (const one of v) out[k] = out[k] === undefined ? one : `${out[k]}${k === 'set-cookie' ? '\n' : ', '}${one}`;
}

/** Header maps from VCR flavors: `{Name: [v, …]}` or `{Name: v}`. */
export function headerMap(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) addHeader(out, k, v);
  return out;
}

export const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();

export function isTextual(contentType: string | undefined): boolean {
  const m = mediaType(contentType);
  return !m || m.startsWith('text/') || /[/+](json|xml|javascript|x-www-form-urlencoded|yaml|csv|html)$/.test(m) || m === 'application/problem+json';
}

/** Decodes a content-encoded body; undefined when the bytes are not what the header says. */
export function decodeContent(bytes: Uint8Array, encoding: string | undefined): Uint8Array | undefined {
  const e = (encoding ?? '').trim().toLowerCase();
  try {
    if (e === 'gzip' || e === 'x-gzip') return gunzipSync(bytes);
    if (e === 'deflate') return inflateSync(bytes);
    if (e === 'br') return brotliDecompressSync(bytes);
    if (!e || e === 'identity') return bytes;
  } catch {
    return undefined;
  }
  return undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text when the bytes are valid UTF-8 and the type is textual, else base64. */
export function bodyFromBytes(bytes: Uint8Array, contentType?: string): Pick<RecordedMessage, 'body' | 'bodyBase64'> {
  if (!bytes.byteLength) return {};
  // Recordings often carry gzip bytes the recording library did not decode.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const unzipped = decodeContent(bytes, 'gzip');
    if (unzipped) bytes = unzipped;
  }
  if (isTextual(contentType)) {
    try {
      return { body: utf8.decode(bytes) };
    } catch {
      // not UTF-8: keep the bytes
    }
  }
  return { bodyBase64: Buffer.from(bytes).toString('base64') };
}

export function bodyBytes(m: RecordedMessage): Uint8Array | undefined {
  if (m.bodyBase64 !== undefined) return Buffer.from(m.bodyBase64, 'base64');
  if (m.body !== undefined && m.body !== '') return Buffer.from(m.body, 'utf8');
  return undefined;
}

/** JSON when the body parses as JSON, else undefined. */
export function jsonBody(m: RecordedMessage): unknown {
  if (m.body === undefined || m.body.trim() === '') return undefined;
  try {
    return JSON.parse(m.body);
  } catch {
    return undefined;
  }
}
