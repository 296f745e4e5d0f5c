// The ceiling: a bare Hono route on @hono/node-server answering the bytes a twin answered (argv: file with {status, headers, body}).
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';

const reply = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = new Hono();
// For the soak: the process's memory as a twin's /_dtu/memory reports it (a route of its own only when asked, so the
// per-request ceiling routes exactly one).
if (process.argv[3] === '--memory') app.get('/_dtu/memory', (c) => c.json(process.memoryUsage()));
app.all('*', async (c) => {
  // A create reads its body like any route would; a GET has none.
  if (c.req.method !== 'GET') await c.req.json().catch(() => undefined);
  return c.body(reply.body, reply.status, reply.headers);
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
