/** Routes outside the Web API that files need: the upload target of files.getUploadURLExternal and url_private downloads. */
import type { Context, Hono } from 'hono';
import type { Twin } from '../../../src/core/twin.js';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import type { Tenant } from '../../../src/core/tenant.js';
import { parseBody, type UploadedFile } from '../../../src/core/body.js';
import { EngineError } from '../../../src/core/errors.js';
import { files, findToken } from '../store.js';

const UPLOAD_LIMIT = 50 * 1024 * 1024;

function bearer(c: Context<DtuEnv>): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
  return m?.[1];
}

/** The workspace a side route serves: the path prefix, else the bearer token's workspace. */
function tenantOf(c: Context<DtuEnv>, twin: Twin): Tenant {
  const token = bearer(c);
  const name = c.env.tenantName ?? (token ? twin.registry.tenantForCredential(token) : undefined) ?? 'default';
  return twin.registry.get(name);
}

/** The uploaded bytes: the first file part of a multipart body (files.uploadV2 sends one), else the raw body. */
function bytesOf(value: unknown, raw: Uint8Array): Uint8Array {
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const v of Object.values(value as Record<string, unknown>)) {
      if (v && typeof v === 'object' && (v as UploadedFile).data instanceof Uint8Array) return (v as UploadedFile).data;
    }
    for (const k of ['file', 'content', 'body']) {
      const v = (value as Record<string, unknown>)[k];
      if (typeof v === 'string') return new TextEncoder().encode(v);
    }
  }
  return raw;
}

export function uploadRoutes(app: Hono<DtuEnv>, twin: Twin): void {
  // Slack's upload host answers `OK - <bytes>` with 200; the SDK only checks the status.
  app.post('/upload/v1/:fileId', async (c) => {
    const tenant = tenantOf(c, twin);
    const f = files(tenant).get(c.req.param('fileId'));
    if (!f || f.completed) return c.text('file_not_found', 404);
    let parsed;
    try {
      parsed = await parseBody(c.req.raw, UPLOAD_LIMIT);
    } catch (e) {
      if (e instanceof EngineError && e.failure.kind === 'body_too_large') return c.text('request_too_large', 413);
      return c.text('invalid_form_data', 400);
    }
    const data = bytesOf(parsed.value, parsed.raw);
    files(tenant).patch(f.id, { content_b64: Buffer.from(data).toString('base64'), size: data.byteLength });
    return c.text(`OK - ${data.byteLength}`, 200);
  });

  // url_private / url_private_download: bytes for any valid token of the workspace, as Slack serves them.
  app.get('/files-pri/:teamFile/*', (c) => {
    const tenant = tenantOf(c, twin);
    const token = bearer(c);
    const tok = token ? findToken(tenant, token) : undefined;
    if (!tok || tok.revoked) return c.text('not authorized', 403);
    const id = c.req.param('teamFile').split('-').pop() ?? '';
    const f = files(tenant).get(id);
    if (!f || !f.completed || f.content_b64 === undefined) return c.text('file not found', 404);
    const body = Buffer.from(f.content_b64, 'base64');
    const download = c.req.path.includes('/download/');
    return new Response(body, {
      status: 200,
      headers: { 'content-type': f.mimetype, 'content-length': String(body.byteLength), ...(download ? { 'content-disposition': `attachment; filename="${encodeURIComponent(f.name)}"` } : {}) },
    });
  });
}
