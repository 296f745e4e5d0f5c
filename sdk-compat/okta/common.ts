/** Shared helpers for the Okta SDK scenarios: an SDK client on the scenario's tenant, collection draining, error matchers. */
import okta from '@okta/okta-sdk-nodejs';
import type { CompatContext } from '../types.js';

/** The official client on the twin, without the SDK's GET cache (it would hide state changes). */
export const oktaClient = (ctx: CompatContext, extra: Record<string, unknown> = {}) =>
  new okta.Client({ orgUrl: ctx.baseUrl, token: ctx.credentials.token, cacheMiddleware: null, ...extra } as ConstructorParameters<typeof okta.Client>[0]);

export async function collect<T>(c: AsyncIterable<T> | Promise<AsyncIterable<T>>): Promise<Array<NonNullable<T>>> {
  const out: Array<NonNullable<T>> = [];
  for await (const x of await c) if (x !== null && x !== undefined) out.push(x);
  return out;
}

/** An OktaApiError with this status and errorCode (and summary, when given). */
export const oktaErr = (status: number, code: string, summary?: string) => (e: any) =>
  e?.status === status && e?.errorCode === code && (summary === undefined || e?.errorSummary === summary);

/** A valid user body with a unique login. */
export function userBody(login: string, profile: Record<string, unknown> = {}, password: string | null = 'Xk4!vR9qzTq') {
  const first = login.split('@')[0];
  return {
    profile: { firstName: first.charAt(0).toUpperCase() + first.slice(1), lastName: 'Compat', email: login, login, ...profile },
    ...(password ? { credentials: { password: { value: password } } } : {}),
  };
}

export const SDK = '@okta/okta-sdk-nodejs';
