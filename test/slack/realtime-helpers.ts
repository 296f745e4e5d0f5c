// Harness for realtime tests: a workspace with ids by name, control-plane shortcuts, bounded polling and a local signed-request receiver.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { Listening } from '../../src/server/node.js';
import { workspace, type Workspace } from './helpers.js';

export interface RtWorkspace extends Workspace {
  /** Ids by fixture name: people and channels. */
  person(name: string): string;
  channel(name: string): string;
  /** POST /_dtu/slack/act/<path> as a simulated person. */
  act(path: string, body: Record<string, unknown>): Promise<any>;
  /** Any /_dtu/slack/<path> control route; returns status and JSON. */
  slack(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  freeze(): Promise<void>;
  advance(ms: number): Promise<void>;
  now(): Promise<number>;
}

export async function rtWorkspace(server: Listening, label: string): Promise<RtWorkspace> {
  const ws = await workspace(server, label);
  const snap = await (await fetch(`${ws.base}/_dtu/snapshot`)).json();
  const cols = snap.tenants[ws.tenant].collections as Record<string, Array<Record<string, any>>>;
  const byName = (list: Array<Record<string, any>> | undefined, name: string) => {
    const hit = (list ?? []).find((x) => x.name === name);
    if (!hit) throw new Error(`no ${name} in fixture`);
    return String(hit.id);
  };
  const slack = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${ws.base}/_dtu/slack/${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  return {
    ...ws,
    person: (name) => byName(cols.users, name),
    channel: (name) => byName(cols.conversations, name),
    act: async (path, body) => (await slack('POST', `act/${path}`, body)).body,
    slack,
    freeze: async () => void (await ws.control('POST', 'clock', { freeze: true })),
    advance: async (ms) => void (await ws.control('POST', 'clock', { advanceMs: ms })),
    now: async () => (await ws.control('GET', 'clock')).epochMs,
  };
}

/** Polls `fn` until it returns something truthy, failing with `what` after `timeoutMs` of real time. */
export async function until<T>(fn: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** A raw WebSocket that records every frame, for wire-level checks the SDK hides. */
export async function rawSocket(url: string): Promise<{ ws: WebSocket; frames: any[]; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(url);
  const frames: any[] = [];
  ws.on('message', (d, isBinary) => {
    if (isBinary) return;
    try {
      frames.push(JSON.parse(d.toString()));
    } catch {
      frames.push(d.toString());
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, closed };
}

export interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Real-time arrival, for ordering checks. */
  at: number;
}

export type Responder = (r: Received, n: number) => { status?: number; body?: string; headers?: Record<string, string>; hang?: boolean } | Promise<{ status?: number; body?: string; headers?: Record<string, string>; hang?: boolean }>;

/** A local 127.0.0.1 HTTP server standing in for an app's request URL. */
export async function receiver(respond: Responder = () => ({ status: 200 })): Promise<{ url: string; requests: Received[]; setResponder(r: Responder): void; close(): Promise<void> }> {
  const requests: Received[] = [];
  let responder = respond;
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const r: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(r);
      const out = await responder(r, requests.length);
      if (out.hang) {
        hanging.push(res);
        return;
      }
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json', ...out.headers });
      res.end(out.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    requests,
    setResponder: (r) => {
      responder = r;
    },
    close: async () => {
      for (const h of hanging) h.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
