// Helper for the jira.js scenarios (no scenarios here): tracked Version3 and Version2 clients for the tenant's admin.
import { Version2Client, Version3Client } from 'jira.js';
import type { CompatContext, Tracker } from '../types.js';

const config = (ctx: CompatContext) => ({ host: ctx.baseUrl, authentication: { basic: { email: ctx.credentials.email as string, apiToken: ctx.credentials.apiToken as string } } });

export const v3Client = (ctx: CompatContext, t: Tracker) => t.track(new Version3Client(config(ctx)), '');

/** A tracked Version2Client: the report tells its calls from Version3Client's by function identity (its own surface). */
export const v2Client = (ctx: CompatContext, t: Tracker): Version2Client => t.track(new Version2Client(config(ctx)), 'v2');

/** The seeded non-admin, active teammate. */
export const teammate = (ctx: CompatContext) =>
  (ctx.credentials.users as Array<{ accountId: string; displayName: string; email: string; apiToken: string; active: boolean; admin: boolean }>).find((u) => u.active && !u.admin)!;
