/** Directory paths googleapis sends with reserved expansion (`{+orgUnitPath}`, `{+parent}`, `{+name}`), folded into the spec's one-segment templates. */
import type { Hono } from 'hono';
import type { DtuEnv } from '../../../../src/core/pipeline.js';
import type { Twin } from '../../../../src/core/twin.js';

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Segments joined into one, their slashes double-encoded (the router decodes once; handlers turn `%2F` back into `/`). */
const fold = (path: string) => path.split('/').filter(Boolean).map((s) => encodeURIComponent(safeDecode(s))).join('%252F');

/**
 * Re-dispatches a request whose path matches `re` with the path `rewrite`
 * builds from the match, or passes it on (null).
 */
function refold(app: Hono<DtuEnv>, twin: Twin, mount: string, re: RegExp, rewrite: (m: RegExpExecArray) => string | null): void {
  app.use(mount, async (c, next) => {
    const url = new URL(c.req.url);
    const m = re.exec(url.pathname);
    const path = m && rewrite(m);
    if (!path) return next();
    url.pathname = path;
    const init: RequestInit & { duplex?: string } = { method: c.req.method, headers: c.req.raw.headers, body: c.req.raw.body, duplex: 'half' };
    return twin.app.fetch(new Request(url, init), c.env);
  });
}

export function directoryRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  // Nested org unit paths: /customer/{id}/orgunits/Engineering/Backend → one `orgUnitPath` segment.
  refold(app, twin, '/admin/directory/v1/customer/:customerId/orgunits/*', /^(\/admin\/directory\/v1\/customer\/[^/]+\/orgunits\/)(.+)$/, (m) => (m[2].includes('/') ? m[1] + fold(m[2]) : null));
  // Chrome printers and print servers: `customers/{id}` is one `parent`, `customers/{id}/chrome/printers/{id}` one `name`.
  refold(app, twin, '/admin/directory/v1/customers/*', /^\/admin\/directory\/v1\/(customers\/[^/]+)\/chrome\/(printers|printServers)(\/[^/]+)?(:[A-Za-z]+)?$/, (m) =>
    m[3] ? `/admin/directory/v1/${fold(`${m[1]}/chrome/${m[2]}${m[3]}`)}` : `/admin/directory/v1/${fold(m[1])}/chrome/${m[2]}${m[4] ?? ''}`,
  );
}
