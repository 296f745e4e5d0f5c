/**
 * The contract for SDK-compatibility scenarios. A scenario drives one official
 * SDK through a realistic workflow against a twin; every SDK method it calls is
 * recorded (through `t.track(client)`) as passing or failing, so the report can
 * set exercised methods against the SDK's whole surface.
 */

export type CompatVendor = 'okta' | 'slack' | 'jira' | 'google';

export interface CompatContext {
  vendor: CompatVendor;
  /** Base URL of the twin for this scenario, tenant prefix included (`http://127.0.0.1:7010/t/compat-3`). */
  baseUrl: string;
  /** Origin without the tenant prefix. */
  origin: string;
  /** A fresh tenant, private to this scenario. */
  tenant: string;
  /** The twin's `/_dtu/credentials` answer for that tenant. */
  credentials: Record<string, any>;
  /** `socket` (real HTTP port) or `inprocess` (MSW interception, no socket for HTTP). */
  mode: 'socket' | 'inprocess';
  /** Calls the twin's control plane for this tenant (`control('POST', 'reset')`). */
  control(method: string, path: string, body?: unknown): Promise<any>;
}

export interface Tracker {
  /**
   * Wraps an SDK client (or a sub-object such as `client.userApi`, `web.chat`) so
   * every method call is recorded under `<prefix>.<method>`. Nested objects are
   * wrapped on access, so `t.track(web, '')` records `chat.postMessage`.
   */
  track<T extends object>(client: T, prefix: string): T;
  /** Fails the scenario (and every method call recorded since the last check) when false. */
  check(condition: unknown, message: string, detail?: unknown): void;
  /** Runs a call that must fail; the recorded method passes only if it fails as `matches` says. */
  expectError(fn: () => Promise<unknown>, matches: (err: any) => boolean, message: string): Promise<void>;
  log(message: string): void;
}

export interface Scenario {
  vendor: CompatVendor;
  /** npm package driven, e.g. `@okta/okta-sdk-nodejs`. */
  sdk: string;
  name: string;
  /** Only in these modes (default both), with the reason for any exclusion. */
  modes?: Array<'socket' | 'inprocess'>;
  modesReason?: string;
  run(ctx: CompatContext, t: Tracker): Promise<void>;
}
