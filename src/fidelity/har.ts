/** HAR 1.2: the recorder's output format, written from raw exchanges and read back into recorded exchanges. */
import { addHeader, bodyFromBytes, mediaType, type RecordedExchange, type Recording } from './exchange.js';
import type { Redactor } from './redact.js';

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData?: { mimeType: string; text: string; params?: HarNameValue[]; _encoding?: 'base64' };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string; encoding?: 'base64' };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { blocked: number; dns: number; connect: number; ssl: number; send: number; wait: number; receive: number };
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
    comment?: string;
    /** Recorder metadata (HAR allows custom fields that start with an underscore). */
    _dtu?: { vendor?: string; upstream?: string };
  };
}

/** What the recorder saw on the wire, before redaction. */
export interface RawExchange {
  startedAt: Date;
  method: string;
  url: string;
  httpVersion: string;
  /** Flat [name, value, name, value, …] as node gives them (`rawHeaders`). */
  requestHeaders: string[];
  requestBody: Uint8Array;
  status: number;
  statusText: string;
  responseHeaders: string[];
  /** As received (still content-encoded). */
  responseBody: Uint8Array;
  /** Decoded per content-encoding; undefined if decoding failed. */
  responseDecoded?: Uint8Array;
  timings: { send: number; wait: number; receive: number };
}

function pairs(flat: string[]): HarNameValue[] {
  const out: HarNameValue[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ name: flat[i], value: flat[i + 1] });
  return out;
}

const header = (h: HarNameValue[], name: string) => h.find((x) => x.name.toLowerCase() === name)?.value;

function queryString(url: string): HarNameValue[] {
  const q = url.indexOf('?');
  if (q < 0) return [];
  return url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      const dec = (s: string) => {
        try {
          return decodeURIComponent(s.replace(/\+/g, ' '));
        } catch {
          return s;
        }
      };
      return eq < 0 ? { name: dec(p), value: '' } : { name: dec(p.slice(0, eq)), value: dec(p.slice(eq + 1)) };
    });
}

/** One HAR entry with secrets redacted; binary bodies base64 with `encoding`. */
export function harEntry(x: RawExchange, redactor: Redactor): HarEntry {
  // A first pass only teaches the redactor this exchange's secrets, so the second removes them everywhere (a password echoed in a URL, a token in a body).
  build(x, redactor);
  return build(x, redactor);
}

function build(x: RawExchange, redactor: Redactor): HarEntry {
  const reqHeaders = pairs(x.requestHeaders).map((h) => ({ name: h.name, value: redactor.header(h.name, h.value) }));
  const resHeaders = pairs(x.responseHeaders).map((h) => ({ name: h.name, value: redactor.header(h.name, h.value) }));
  const url = redactor.url(x.url);
  const reqType = header(reqHeaders, 'content-type') ?? '';
  let postData: HarEntry['request']['postData'];
  if (x.requestBody.byteLength) {
    const body = bodyFromBytes(x.requestBody, reqType);
    if (body.body !== undefined) {
      const text = redactor.body(body.body, reqType);
      postData = { mimeType: reqType, text };
      if (mediaType(reqType) === 'application/x-www-form-urlencoded') postData.params = queryString(`?${text}`);
    } else {
      postData = { mimeType: reqType, text: body.bodyBase64!, _encoding: 'base64' };
    }
  }
  const resType = header(resHeaders, 'content-type') ?? '';
  const decoded = x.responseDecoded ?? x.responseBody;
  const content: HarEntry['response']['content'] = { size: decoded.byteLength, mimeType: resType };
  if (decoded.byteLength) {
    const body = x.responseDecoded ? bodyFromBytes(decoded, resType) : { bodyBase64: Buffer.from(decoded).toString('base64') };
    if (body.body !== undefined) content.text = redactor.body(body.body, resType);
    else {
      content.text = body.bodyBase64;
      content.encoding = 'base64';
    }
  }
  const time = x.timings.send + x.timings.wait + x.timings.receive;
  return {
    startedDateTime: x.startedAt.toISOString(),
    time: Math.round(time * 1000) / 1000,
    request: {
      method: x.method,
      url,
      httpVersion: `HTTP/${x.httpVersion}`,
      cookies: [],
      headers: reqHeaders,
      queryString: queryString(url),
      ...(postData ? { postData } : {}),
      headersSize: -1,
      bodySize: x.requestBody.byteLength,
    },
    response: {
      status: x.status,
      statusText: x.statusText,
      httpVersion: `HTTP/${x.httpVersion}`,
      cookies: [],
      headers: resHeaders,
      content,
      redirectURL: header(resHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: x.responseBody.byteLength,
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: round(x.timings.send), wait: round(x.timings.wait), receive: round(x.timings.receive) },
  };
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export function newHar(creatorVersion: string, meta?: Har['log']['_dtu']): Har {
  return { log: { version: '1.2', creator: { name: 'dtu', version: creatorVersion }, entries: [], ...(meta ? { _dtu: meta } : {}) } };
}

export function isHar(doc: unknown): doc is Har {
  return !!doc && typeof doc === 'object' && Array.isArray((doc as Har).log?.entries);
}

export function fromHar(har: Har, source: string): Recording {
  const exchanges: RecordedExchange[] = har.log.entries.map((e) => {
    const reqHeaders: Record<string, string> = {};
    for (const h of e.request.headers ?? []) addHeader(reqHeaders, h.name, h.value);
    const resHeaders: Record<string, string> = {};
    for (const h of e.response.headers ?? []) addHeader(resHeaders, h.name, h.value);
    const pd = e.request.postData;
    const c = e.response.content;
    // Browsers write form posts as `params` only, and some tools base64 even text bodies.
    const postText = pd?.text ?? (pd?.params ? pd.params.map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(p.value)}`).join('&') : undefined);
    const resBody = c?.text === undefined ? {} : c.encoding === 'base64' ? bodyFromBytes(Buffer.from(c.text, 'base64'), c.mimeType) : { body: c.text };
    return {
      startedAt: e.startedDateTime,
      request: {
        method: e.request.method,
        url: e.request.url,
        headers: reqHeaders,
        ...(postText !== undefined ? (pd?._encoding === 'base64' ? { bodyBase64: postText } : { body: postText }) : {}),
      },
      response: {
        status: e.response.status,
        statusText: e.response.statusText,
        headers: resHeaders,
        ...resBody,
      },
    };
  });
  let basePath: string | undefined;
  if (har.log._dtu?.upstream) {
    const p = new URL(har.log._dtu.upstream).pathname.replace(/\/+$/, '');
    if (p) basePath = p;
  }
  return { format: 'har', source, vendor: har.log._dtu?.vendor, basePath, exchanges };
}
