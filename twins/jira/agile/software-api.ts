// `/rest/software/1.0/*`: the newer name Jira Software serves its board, sprint and epic resources under, answered by the same Agile operations.
import type { Hono } from 'hono';
import { extraRoute } from '../../../src/core/extra-route.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import type { Twin } from '../../../src/core/twin.js';

/** Re-dispatches to `/rest/agile/1.0/…`, so routing, auth, validation and journaling are the Agile operation's own. */
export function mountSoftwareApi(app: Hono<DtuEnv>, twin: Twin): void {
  app.all('/rest/software/1.0/*', extraRoute(twin, 'rest/software/1.0', async (c) => {
    const req = c.req.raw;
    const url = new URL(req.url);
    url.pathname = url.pathname.replace('/rest/software/1.0/', '/rest/agile/1.0/');
    const headers = new Headers(req.headers);
    headers.delete('content-length');
    const body = req.method === 'GET' || req.method === 'HEAD' || !req.body ? undefined : new Uint8Array(await req.arrayBuffer());
    return twin.app.fetch(new Request(url, { method: req.method, headers, body: body as BodyInit | undefined }), c.env);
  }));
}
