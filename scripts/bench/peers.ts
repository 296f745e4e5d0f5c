/**
 * Peers measured on the same operation when they are installed: WireMock standalone
 * (the `wiremock` npm package ships its jar; Java 17+) and Prism (`@stoplight/prism-cli`).
 * Each serves a stub with the bytes the twin answered.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { spawnPinned, type Server } from './servers.js';

/** The WireMock jar: $WIREMOCK_JAR, else the `wiremock` package in node_modules. */
export function wiremockJar(): string | undefined {
  if (process.env.WIREMOCK_JAR && existsSync(process.env.WIREMOCK_JAR)) return process.env.WIREMOCK_JAR;
  const dir = join(process.cwd(), 'node_modules', 'wiremock', 'build');
  const jar = existsSync(dir) ? readdirSync(dir).find((f) => /^wiremock-standalone-.*\.jar$/.test(f)) : undefined;
  return jar ? join(dir, jar) : undefined;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** WireMock with its defaults, or tuned (no request journal, no request logging). */
export async function startWiremock(core: string, jar: string, tuned: boolean, reply: { path: string; status: number; headers: Record<string, string>; body: string }): Promise<Server> {
  const port = await freePort();
  const args = ['java', '-jar', jar, '--port', String(port), '--bind-address', '127.0.0.1', ...(tuned ? ['--no-request-journal', '--disable-request-logging'] : [])];
  // WireMock prints no JSON: a small wrapper waits for its admin API.
  const server = await spawnPinned(core, args, undefined, process.env, { url: `http://127.0.0.1:${port}` });
  for (let i = 0; i < 300; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/__admin/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const res = await fetch(`http://127.0.0.1:${port}/__admin/mappings`, {
    method: 'POST',
    body: JSON.stringify({ request: { method: 'ANY', urlPath: reply.path }, response: { status: reply.status, body: reply.body, headers: reply.headers } }),
  });
  if (!res.ok) throw new Error(`WireMock refused the stub: ${res.status}`);
  return server;
}
