/** Names what a recorded request addressed when the twin gives it no operationId: its method and path, ids templated. */
import { looksLikeId } from './ids.js';

/** `/api/v1/users/00u1abc/roles` → `/api/v1/users/{id}/roles`: segments with digits or the vendor's id shape are ids. */
export function pathTemplate(path: string, vendor?: string): string {
  const segs = path.split('?')[0].split('/');
  return segs
    .map((seg, i) => {
      // API versions are not ids: `/api/v1`, `/rest/api/3`, `/drive/v3`.
      if (/^v\d+(\.\d+)?(beta\d*|alpha\d*)?$/i.test(seg) || (/^\d{1,2}$/.test(seg) && segs[i - 1] === 'api')) return seg;
      let d = seg;
      try {
        d = decodeURIComponent(seg);
      } catch {
        // keep as sent
      }
      return /\d/.test(d) || looksLikeId(d, vendor) || d.includes('@') ? '{id}' : seg;
    })
    .join('/');
}

/** A request the twin did not journal (no route matched) still gets a name of its own. */
export const unroutedName = (method: string, path: string, vendor?: string) => `unrouted ${method.toUpperCase()} ${pathTemplate(path, vendor)}`;

/** The API area a request belongs to: the first two naming segments after the version (`/api/v1/users/{id}/roles` → `users/roles`). */
export function apiArea(path: string, vendor?: string): string {
  const segs = pathTemplate(path, vendor).split('/').filter(Boolean);
  const naming = segs.filter((s) => s !== '{id}' && !/^(api|rest|v\d+(\.\d+)?|latest|drive|sheets|admin|directory)$/i.test(s));
  return naming.slice(0, 2).join('/') || '/';
}
