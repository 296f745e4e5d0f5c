// Helper for the jira.js scenarios (no scenarios here): tracked Version3 and Version2 clients for the tenant's admin.
import { Version2Client, Version3Client } from 'jira.js';
import type { CompatContext, Scenario, Tracker } from '../types.js';

const config = (ctx: CompatContext) => ({ host: ctx.baseUrl, authentication: { basic: { email: ctx.credentials.email as string, apiToken: ctx.credentials.apiToken as string } } });

export const v3Client = (ctx: CompatContext, t: Tracker) => t.track(new Version3Client(config(ctx)), '');

/** A tracked Version2Client: the report tells its calls from Version3Client's by function identity (its own surface). */
export const v2Client = (ctx: CompatContext, t: Tracker): Version2Client => t.track(new Version2Client(config(ctx)), 'v2');

/** The seeded non-admin, active teammate. */
export const teammate = (ctx: CompatContext) =>
  (ctx.credentials.users as Array<{ accountId: string; displayName: string; email: string; apiToken: string; active: boolean; admin: boolean }>).find((u) => u.active && !u.admin)!;

/** Which platform API a scenario drives: 3 (ADF text) or 2 (wiki markup); everything else is the same operation. */
export type PlatformApi = 2 | 3;

/**
 * One platform scenario over both jira.js clients. Version2Client has Version3Client's methods (only rich-text
 * fields differ), so the body is written once against the Version3 types; each variant tracks its own client,
 * so every check reads that client's result and counts on that client's surface.
 */
export function overBothClients(
  base: Omit<Scenario, 'run' | 'vendor' | 'sdk'>,
  run: (jira: Version3Client, ctx: CompatContext, t: Tracker, api: PlatformApi) => Promise<void>,
): Scenario[] {
  return [
    { ...base, vendor: 'jira', sdk: 'jira.js', run: (ctx, t) => run(v3Client(ctx, t), ctx, t, 3) },
    { ...base, vendor: 'jira', sdk: 'jira.js', name: `REST API v2: ${base.name}`, run: (ctx, t) => run(v2Client(ctx, t) as unknown as Version3Client, ctx, t, 2) },
  ];
}

/**
 * The same admin with `noCheckAtlassianToken`: jira.js sends bodiless POSTs form-encoded, which Jira's XSRF check
 * refuses unless `X-Atlassian-Token: no-check` comes with them. Tracked on the given API's surface.
 */
export function noCheckClient(ctx: CompatContext, t: Tracker, api: PlatformApi): Version3Client {
  const c = { ...config(ctx), noCheckAtlassianToken: true };
  return api === 3 ? t.track(new Version3Client(c), '') : (t.track(new Version2Client(c), 'v2') as unknown as Version3Client);
}

/**
 * The site's installed app calling as itself, tracked on the given API's surface: the Connect app signs each
 * request with a JWT over its shared secret (qsh per request); the Forge app sends its app token as a bearer.
 */
export function appClient(ctx: CompatContext, t: Tracker, api: PlatformApi, kind: 'connect' | 'forge'): Version3Client {
  const connect = ctx.credentials.connectApp as { key: string; sharedSecret: string };
  const forge = ctx.credentials.forgeApp as { accessToken: string };
  const authentication = kind === 'connect' ? { jwt: { issuer: connect.key, secret: connect.sharedSecret } } : { oauth2: { accessToken: forge.accessToken } };
  const c = { host: ctx.baseUrl, authentication } as ConstructorParameters<typeof Version3Client>[0];
  return api === 3 ? t.track(new Version3Client(c), '') : (t.track(new Version2Client(c), 'v2') as unknown as Version3Client);
}
