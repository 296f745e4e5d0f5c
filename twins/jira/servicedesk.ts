// `/rest/servicedeskapi/*`: Jira Service Management is installed on the site but nobody holds an agent licence, so `info` answers and every service-desk resource refuses with 403.
import type { Hono } from 'hono';
import { extraRoute } from '../../src/core/extra-route.js';
import type { OperationDigest } from '../../src/core/digest.js';
import type { DtuEnv } from '../../src/core/pipeline.js';
import type { Twin } from '../../src/core/twin.js';

/** Stands in for the operation the credential check is asked about (these routes have no spec operation). */
const op = (method: string, path: string): OperationDigest => ({ id: 'servicedeskapi', method: method.toLowerCase(), path, tags: ['Service Management'], parameters: [], responses: {}, security: [] }) as unknown as OperationDigest;

/**
 * `GET /info` needs no agent licence; everything else does, and the site licenses Jira Software only
 * (`/rest/api/3/instance/license`), so it answers 403 with an empty body, as Cloud does for unlicensed accounts.
 * https://developer.atlassian.com/cloud/jira/service-desk/rest/api-group-info/
 */
export function mountServiceDeskApi(app: Hono<DtuEnv>, twin: Twin): void {
  app.all('/rest/servicedeskapi/*', extraRoute(twin, 'rest/servicedeskapi', async (c, tenant) => {
    const req = c.req.raw;
    const url = new URL(req.url);
    const base = `${c.env.origin}${c.env.prefix}`;
    await twin.def.authenticate?.({ req, op: op(req.method, url.pathname), tenant, body: undefined, twin, baseUrl: base });
    if (req.method === 'GET' && /\/rest\/servicedeskapi\/info\/?$/.test(url.pathname)) {
      return Response.json({
        version: '10.3.0',
        platformVersion: '1001.0.0-SNAPSHOT',
        buildDate: { iso8601: '2025-06-02T00:00:00+0000', jira: '2025-06-02T00:00:00.000+0000', friendly: 'Monday 12:00 AM', epochMillis: 1748822400000 },
        buildChangeSet: '5bb1b3dc18a5c5c5e5f6b4b1a3a3d6b0a1b2c3d4',
        isLicensedForUse: true,
        _links: { self: `${base}/rest/servicedeskapi/info` },
      });
    }
    return new Response(null, { status: 403 });
  }));
}
