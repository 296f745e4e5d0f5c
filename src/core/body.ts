/**
 * Reads and parses a request body under a size limit, without trusting the
 * client's Content-Length or encoding. Failures become EngineFailures that the
 * twin renders in its vendor's format.
 */
import { fail } from './errors.js';

export interface ParsedBody {
  raw: Uint8Array;
  /** JSON value, form fields as an object, multipart fields/files, or undefined when empty. */
  value: unknown;
  /** Lower-cased media type without parameters (`application/json`), or '' when absent. */
  mediaType: string;
  /** The bytes as text, when parsing already decoded them (JSON and forms): the journal keeps this. */
  text?: string;
}

export interface UploadedFile {
  filename: string;
  type: string;
  data: Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Jackson, behind Jira and many Java services, refuses nesting deeper than 1000 by default. */
export const MAX_JSON_DEPTH = 1000;

/** Iterative, so measuring depth cannot itself overflow. */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (d > max) return true;
    for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, d + 1]);
  }
  return false;
}

const EMPTY = new Uint8Array();

/**
 * Whether a request can carry a body at all. HTTP/1.1 frames a body only by
 * Content-Length or Transfer-Encoding (RFC 9112 §6.3); without either there is
 * nothing to read, and touching the stream would cost a full Request object.
 * A request built in process (`framed` false) may hold a body without saying so.
 */
export function hasBody(req: Request, framed = false): boolean {
  const length = req.headers.get('content-length');
  if (length !== null) return length.trim() !== '0';
  if (req.headers.has('transfer-encoding')) return true;
  return !framed && req.method !== 'GET' && req.method !== 'HEAD' && req.body !== null;
}

/**
 * `hasBody` for a request the HTTP parser framed, read from the header lines it delivered
 * (name, value, …) rather than looked up through the request's Headers: the same answer.
 */
export function framesBody(lines: string[]): boolean {
  let length: string | undefined;
  let chunked = false;
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const name = lines[i];
    if (name.length === 14 && name.toLowerCase() === 'content-length') length = length === undefined ? lines[i + 1] : `${length}, ${lines[i + 1]}`;
    else if (name.length === 17 && name.toLowerCase() === 'transfer-encoding') chunked = true;
  }
  if (length !== undefined) return length.trim() !== '0';
  return chunked;
}

/**
 * The stream a socket adapter received a request's body on (Node's `IncomingMessage`), for reading it without
 * the Request wrapped around it: its chunks as they came, with no ArrayBuffer copy or promise chain between.
 */
export interface BodyStream {
  readonly readableEnded: boolean;
  // Node's emitter signature: each event passes its own arguments.
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
}

/** Every chunk of a body stream until its end: one chunk as a view of itself, several joined once. */
export function readStream(s: BodyStream): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const stop = () => {
      s.off('data', onData);
      s.off('end', onEnd);
      s.off('error', onError);
      s.off('close', onClose);
    };
    const onData = (c: Uint8Array) => {
      chunks.push(c);
      size += c.byteLength;
    };
    const onEnd = () => {
      stop();
      resolve(join(chunks, size));
    };
    const onError = (e: unknown) => {
      stop();
      reject(e);
    };
    const onClose = () => (s.readableEnded ? onEnd() : onError(new Error('the connection closed before the request body arrived')));
    s.on('data', onData);
    s.on('end', onEnd);
    s.on('error', onError);
    s.on('close', onClose);
  });
}

/** Chunks as one plain Uint8Array: a single chunk is viewed where it lies, several are copied together. */
function join(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return new Uint8Array(chunks[0].buffer, chunks[0].byteOffset, chunks[0].byteLength);
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

/**
 * Bytes that own their buffer exactly. A body viewed in the socket's read buffer (`readStream`) is fine to decode;
 * bytes a handler may keep (uploads, files) are copied out, so they neither hold that buffer nor carry its offset.
 */
export function ownBytes(raw: Uint8Array): Uint8Array {
  if (raw.byteOffset === 0 && raw.buffer.byteLength === raw.byteLength && raw.constructor === Uint8Array) return raw;
  const out = new Uint8Array(raw.byteLength);
  out.set(raw);
  return out;
}

/**
 * Reads a request's body under `limit`. `stream` is the socket's own body stream when the request came from one
 * (its declared length is then read straight from the stream, as `req.arrayBuffer()` would read it): that read is
 * one promise, settled when the stream ends, with no async frames around it. Failures are rejections.
 */
export function readRaw(req: Request, limit: number, stream?: BodyStream): Promise<Uint8Array> {
  try {
    const length = req.headers.get('content-length');
    const declared = Number(length ?? NaN);
    if (Number.isFinite(declared) && declared > limit) fail({ kind: 'body_too_large', limit });
    if (!hasBody(req)) return Promise.resolve(EMPTY);
    // A declared length within the limit: the HTTP parser holds the sender to it, so read in one go
    // (in-process callers can declare anything, hence the check after).
    if (length !== null && Number.isFinite(declared)) {
      const within = (buf: Uint8Array) => (buf.byteLength > limit ? fail({ kind: 'body_too_large', limit }) : buf);
      return stream ? readStream(stream).then(within) : req.arrayBuffer().then((b) => within(new Uint8Array(b)));
    }
    return readChunks(req, limit);
  } catch (e) {
    return Promise.reject(e);
  }
}

/** A body of undeclared length (chunked, or built in process), read chunk by chunk under `limit`. */
async function readChunks(req: Request, limit: number): Promise<Uint8Array> {
  if (!req.body) return EMPTY;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      fail({ kind: 'body_too_large', limit });
    }
    chunks.push(value);
  }
  return join(chunks, size);
}

export function decodeText(raw: Uint8Array): string {
  try {
    return utf8.decode(raw);
  } catch {
    return fail({ kind: 'invalid_encoding' });
  }
}

/** Form fields: repeated keys become arrays, like every vendor's form parser. */
export function formToObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of params) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export async function parseBody(req: Request, limit: number): Promise<ParsedBody> {
  const contentType = req.headers.get('content-type') ?? '';
  return parseBytes(await readRaw(req, limit), contentType);
}

/** The lower-cased media type of a Content-Type, without parameters ('' when absent). */
export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

/**
 * A body's bytes parsed by their Content-Type: at once for JSON, forms and opaque bytes, through a promise only
 * for multipart. Failures are thrown (the pipeline holds them until after authentication).
 */
export function parseBytes(raw: Uint8Array, contentType: string): ParsedBody | Promise<ParsedBody> {
  const mediaType = mediaTypeOf(contentType);
  if (raw.byteLength === 0) return { raw, value: undefined, mediaType };

  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    const text = decodeText(raw);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return fail({ kind: 'malformed_body', detail: (e as Error).message });
    }
    // Recursive consumers (validation, handlers, the journal) must never see a body deep enough to overflow the stack.
    // Each level of nesting is an opening and a closing bracket, so a shorter text cannot exceed the bound.
    if (text.length > 2 * MAX_JSON_DEPTH && depthExceeds(value, MAX_JSON_DEPTH)) fail({ kind: 'malformed_body', detail: `nesting depth exceeds ${MAX_JSON_DEPTH}` });
    return { raw, value, mediaType, text };
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    const text = decodeText(raw);
    return { raw, value: formToObject(new URLSearchParams(text)), mediaType, text };
  }
  if (mediaType === 'multipart/form-data' || mediaType === 'multipart/related') {
    const own = ownBytes(raw);
    return parseMultipart(own, contentType).then((value) => ({ raw: own, value, mediaType }));
  }
  // Anything else (uploads, text) stays raw; handlers decide.
  const own = ownBytes(raw);
  return { raw: own, value: own, mediaType };
}

/** multipart/form-data through the platform's own parser; files keep their bytes. */
async function parseMultipart(raw: Uint8Array, contentType: string): Promise<Record<string, unknown>> {
  if (contentType.toLowerCase().startsWith('multipart/related')) return { related: raw };
  try {
    const form = await new Response(raw as unknown as BodyInit, { headers: { 'content-type': contentType } }).formData();
    const out: Record<string, unknown> = {};
    for (const [k, v] of form) {
      const value = typeof v === 'string' ? v : ({ filename: v.name, type: v.type, data: new Uint8Array(await v.arrayBuffer()) } satisfies UploadedFile);
      // Repeated fields (several `file` parts) become arrays, as with form bodies.
      const prev = out[k];
      out[k] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
    }
    return out;
  } catch (e) {
    return fail({ kind: 'malformed_body', detail: `multipart: ${(e as Error).message}` });
  }
}
