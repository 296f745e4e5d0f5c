/** The recording proxy: forwards every request to one upstream and writes each exchange, redacted, to a HAR file. */
// The file is rewritten (atomically) before the response is released to the
// client, so an exchange the client has seen is never lost.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { decodeContent } from './exchange.js';
import { harEntry, newHar, type Har, type RawExchange } from './har.js';
import { Redactor } from './redact.js';

export interface RecorderOptions {
  upstream: string;
  out: string;
  vendor?: string;
  host?: string;
  /** 0 or absent: ephemeral. */
  port?: number;
  /** Extra body/query fields to redact. */
  redact?: string[];
  /** Called for exchanges that could not be completed (upstream unreachable). */
  onError?: (message: string) => void;
}

export interface Recorder {
  url: string;
  port: number;
  /** Exchanges written so far. */
  readonly count: number;
  har: Har;
  flush(): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

const VERSION = '0.1.0';

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startRecorder(opts: RecorderOptions): Promise<Recorder> {
  const upstream = new URL(opts.upstream);
  const basePath = upstream.pathname.replace(/\/+$/, '');
  const redactor = new Redactor(opts.redact);
  const har = newHar(VERSION, { vendor: opts.vendor, upstream: `${upstream.origin}${basePath}` });
  let proxyOrigin = '';

  const flush = () => {
    mkdirSync(dirname(opts.out), { recursive: true });
    const tmp = `${opts.out}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(har, null, 2)}\n`);
    renameSync(tmp, opts.out);
  };

  /** Links and redirects must lead back through the proxy, or the client would leave the recording. */
  const toProxy = (v: string) => v.split(`${upstream.origin}${basePath}`).join(proxyOrigin);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const startedAt = new Date();
    const t0 = performance.now();
    const body = await readAll(req);
    // A client using us as an HTTP proxy sends an absolute URL; only its path matters.
    const path = /^https?:\/\//i.test(req.url ?? '') ? ((u) => `${u.pathname}${u.search}`)(new URL(req.url!)) : (req.url ?? '/');
    const target = new URL(`${upstream.origin}${basePath}${path}`);
    const headers: Record<string, string | string[]> = {};
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const k = req.rawHeaders[i];
      if (HOP_BY_HOP.has(k.toLowerCase())) continue;
      const prev = headers[k];
      headers[k] = prev === undefined ? req.rawHeaders[i + 1] : [...(Array.isArray(prev) ? prev : [prev]), req.rawHeaders[i + 1]];
    }
    headers.host = target.host;
    if (body.byteLength) headers['content-length'] = String(body.byteLength);
    const send = performance.now() - t0;
    const t1 = performance.now();
    const upstreamRes = await new Promise<IncomingMessage>((resolve, reject) => {
      const r = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, { method: req.method, headers }, resolve);
      r.on('error', reject);
      r.end(body);
    });
    const wait = performance.now() - t1;
    const t2 = performance.now();
    const resBody = await readAll(upstreamRes);
    const receive = performance.now() - t2;
    const raw: RawExchange = {
      startedAt,
      method: req.method ?? 'GET',
      url: target.toString(),
      httpVersion: req.httpVersion,
      requestHeaders: req.rawHeaders,
      requestBody: body,
      status: upstreamRes.statusCode ?? 0,
      statusText: upstreamRes.statusMessage ?? '',
      responseHeaders: upstreamRes.rawHeaders,
      responseBody: resBody,
      responseDecoded: decodeContent(resBody, upstreamRes.headers['content-encoding']),
      timings: { send, wait, receive },
    };
    har.log.entries.push(harEntry(raw, redactor));
    flush();
    const out: Array<[string, string]> = [];
    for (let i = 0; i < upstreamRes.rawHeaders.length; i += 2) {
      const k = upstreamRes.rawHeaders[i];
      const lk = k.toLowerCase();
      if (HOP_BY_HOP.has(lk)) continue;
      const v = upstreamRes.rawHeaders[i + 1];
      out.push([k, lk === 'link' || lk === 'location' ? toProxy(v) : v]);
    }
    out.push(['content-length', String(resBody.byteLength)]);
    res.writeHead(raw.status, raw.statusText, out.flat());
    res.end(resBody);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const message = `dtu record: ${req.method} ${req.url}: ${(e as Error).message}`;
      opts.onError?.(message);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'dtu_record_upstream_failed', message }));
    });
  });
  // WebSocket upgrades cannot be recorded as HAR entries; refuse them plainly.
  server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 501 Not Implemented\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  proxyOrigin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  flush();
  return {
    url: proxyOrigin,
    port,
    har,
    get count() {
      return har.log.entries.length;
    },
    flush,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      flush();
    },
  };
}
