// Connect app requests: the JWT in `Authorization: JWT …`, its HS256 signature over the app's shared secret, expiry, and the query string hash (qsh).
import { createHash } from 'node:crypto';
import { decodeJwt, jwtVerify } from 'jose';

/** RFC 3986 percent-encoding, as Atlassian's canonical request asks (`encodeURIComponent` leaves `!'()*` alone). */
const rfc3986 = (v: string) => encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The canonical request `METHOD&uri&query` whose SHA-256 is the `qsh` claim: the path without a trailing slash and
 * with `&` escaped, and the query without `jwt`, sorted by encoded name, each name's values sorted and comma-joined.
 * https://developer.atlassian.com/cloud/jira/platform/understanding-jwt-for-connect-apps/#qsh
 */
export function canonicalRequest(method: string, path: string, search: URLSearchParams): string {
  let uri = path || '/';
  if (!uri.startsWith('/')) uri = `/${uri}`;
  if (uri.length > 1 && uri.endsWith('/')) uri = uri.slice(0, -1);
  const names = [...new Set(search.keys())].filter((k) => k !== 'jwt').sort((a, b) => (rfc3986(a) < rfc3986(b) ? -1 : rfc3986(a) > rfc3986(b) ? 1 : 0));
  const query = names.map((k) => `${rfc3986(k)}=${search.getAll(k).sort().map(rfc3986).join(',')}`).join('&');
  return `${method.toUpperCase()}&${uri.replace(/&/g, '%26')}&${query}`;
}

export const queryStringHash = (method: string, path: string, search: URLSearchParams) => createHash('sha256').update(canonicalRequest(method, path, search)).digest('hex');

/** The `iss` of a JWT read without trusting it (to find whose secret to check it with); undefined when it is not a JWT. */
export function issuerOf(token: string): string | undefined {
  try {
    const iss = decodeJwt(token).iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a Connect JWT: HS256 with the shared secret, `exp` against the site's clock (30 s leeway, as Atlassian's
 * libraries allow), and `qsh` against one of the request's canonical paths. Answers false on any failure.
 */
export async function verifyConnectJwt(token: string, secret: string, now: Date, method: string, paths: string[], search: URLSearchParams): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], currentDate: now, clockTolerance: 30 });
    if (typeof payload.exp !== 'number' || typeof payload.qsh !== 'string') return false;
    return paths.some((p) => queryStringHash(method, p, search) === payload.qsh);
  } catch {
    return false;
  }
}
