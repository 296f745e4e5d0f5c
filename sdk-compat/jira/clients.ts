// Helper for the jira.js scenarios (no scenarios here): tracked Version3 and Version2 clients for the tenant's admin.
import { Version2Client, Version3Client } from 'jira.js';
import type { CompatContext, Tracker } from '../types.js';

const config = (ctx: CompatContext) => ({ host: ctx.baseUrl, authentication: { basic: { email: ctx.credentials.email as string, apiToken: ctx.credentials.apiToken as string } } });

export const v3Client = (ctx: CompatContext, t: Tracker) => t.track(new Version3Client(config(ctx)), '');

/**
 * A Version2Client whose calls are recorded as `v2:<group>.<method>`. The
 * report matches call names against the Version3Client surface by their last
 * segments, so a plain `v2.issues.createIssue` would be counted as the v3
 * method; the `v2:` group prefix keeps v2 calls apart (they list as other calls).
 */
export function v2Client(ctx: CompatContext, t: Tracker): Version2Client {
  const client = new Version2Client(config(ctx));
  return new Proxy(client, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      return v && typeof v === 'object' && typeof prop === 'string' ? t.track(v as object, `v2:${prop}`) : v;
    },
  });
}

/** The seeded non-admin, active teammate. */
export const teammate = (ctx: CompatContext) =>
  (ctx.credentials.users as Array<{ accountId: string; displayName: string; email: string; apiToken: string; active: boolean; admin: boolean }>).find((u) => u.active && !u.admin)!;
