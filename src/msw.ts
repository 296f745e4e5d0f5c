/**
 * The in-process adapter: MSW request handlers that hand every request for a
 * twin's origin to `twin.fetch`. Any host works, so SDKs whose URLs cannot be
 * overridden (Google media uploads, token endpoints) can be captured too.
 */
import { http } from 'msw';
import type { Twin } from './core/twin.js';

export interface MswTwinOptions {
  /** Origins served by this twin, e.g. `https://dev-1.okta.com`, `https://slack.com`. */
  origins: string[];
}

export function mswHandlers(twin: Twin, opts: MswTwinOptions) {
  const origins = opts.origins.map((o) => new URL(o).origin);
  return [
    http.all('*', async ({ request }) => {
      const u = new URL(request.url);
      // Not ours: fall through to the next handler (another twin, or the network).
      if (!origins.includes(u.origin)) return undefined;
      return twin.fetch(request);
    }),
  ];
}
