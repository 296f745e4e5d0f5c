/** Shared helpers for the googleapis scenarios: clients on the scenario's tenant, the token-endpoint redirect, error matchers. */
import { google } from 'googleapis';
import type { CompatContext } from '../types.js';

export const SDK = 'googleapis';

export const SCOPE = {
  drive: 'https://www.googleapis.com/auth/drive',
  sheets: 'https://www.googleapis.com/auth/spreadsheets',
  docs: 'https://www.googleapis.com/auth/documents',
  adminUser: 'https://www.googleapis.com/auth/admin.directory.user',
};

/**
 * API clients for one access token. The per-API rootUrl keeps only the origin
 * (SDK-NOTES §4), so the token picks the tenant; uploads pass `ctx.credentials.rootUrl` per call.
 * Retries are off so an error is one exchange, not four.
 */
export function apis(ctx: CompatContext, token: string = ctx.credentials.accessToken) {
  const auth = new google.auth.OAuth2();
  auth.setCredentials({ access_token: token });
  const rootUrl = `${ctx.origin}/`;
  return {
    drive: google.drive({ version: 'v3', auth, rootUrl, retry: false }),
    sheets: google.sheets({ version: 'v4', auth, rootUrl, retry: false }),
    docs: google.docs({ version: 'v1', auth, rootUrl, retry: false }),
    admin: google.admin({ version: 'directory_v1', auth, rootUrl, retry: false }),
  };
}

export const userToken = (ctx: CompatContext, who: string) => ctx.credentials.userTokens[`${who}@${ctx.credentials.domain}`] as string;
export const email = (ctx: CompatContext, who: string) => `${who}@${ctx.credentials.domain}`;

/** gtoken always posts to https://oauth2.googleapis.com/token; send it to the twin instead (same path). */
export function redirectTokenEndpoint(client: { transporter: { interceptors: { request: { add(i: { resolved: (c: any) => Promise<any> }): unknown } } } }, ctx: CompatContext): void {
  client.transporter.interceptors.request.add({
    resolved: async (c) => {
      const u = new URL(String(c.url));
      if (u.origin === 'https://oauth2.googleapis.com') c.url = new URL(`${ctx.origin}${u.pathname}`);
      return c;
    },
  });
}

/** A GaxiosError with this HTTP status whose body matches. */
export const gerr = (status: number, pred: (error: any) => boolean = () => true) => (e: any) => e?.status === status && pred(e?.response?.data?.error);
/** Drive/Admin shape: `errors[0].reason`, and no `status`. */
export const classic = (status: number, reason: string, message?: string) =>
  gerr(status, (b) => b?.errors?.[0]?.reason === reason && !('status' in b) && (message === undefined || b.message === message));
/** Sheets/Docs shape: `status`, and no `errors[]`. */
export const onePlatform = (status: number, grpc: string, message?: string | RegExp) =>
  gerr(status, (b) => b?.status === grpc && !('errors' in b) && (message === undefined || (typeof message === 'string' ? b.message === message : message.test(b.message))));

/** A push address on the twin itself: deliveries stay inside the run (the twin records them; no request escapes to another host). */
export const sink = (ctx: CompatContext) => `${ctx.baseUrl}/_dtu/google/push/deliveries`;
