import { expect } from 'vitest';

/**
 * JSON calls to an in-process twin: `call` answers the raw Response, `ok` expects a 2xx and answers the parsed
 * body (the failing status and text name the call). `headers` gives the caller's credentials at call time, so a
 * test can set its token and twin in `beforeAll`.
 */
export function jsonCalls(twin: () => { fetch(req: Request): Promise<Response> }, origin: string, headers: () => Record<string, string>) {
  const call = (method: string, path: string, body?: unknown, as: Record<string, string> = headers()): Promise<Response> => {
    const h: Record<string, string> = { ...as };
    if (body !== undefined) h['content-type'] = 'application/json';
    return twin().fetch(new Request(`${origin}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) }));
  };
  const ok = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await call(method, path, body);
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return text ? JSON.parse(text) : undefined;
  };
  return { call, ok };
}
