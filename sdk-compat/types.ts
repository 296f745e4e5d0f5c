/**
 * The contract for SDK-compatibility scenarios. A scenario drives one official
 * SDK through a realistic workflow against a twin; every SDK method it calls is
 * recorded (through `t.track(client)`), and the report sets each method against
 * the SDK's whole surface as verified, called, error-path only or failing.
 *
 * A call counts as verified only when a passing check read what it did:
 * - `t.check(cond, msg)` verifies the latest call (the response `cond` reads);
 * - `t.checkEffect(cond, msg)` verifies every call since the previous check (the
 *   writes whose effect `cond` reads back, and the read that shows it);
 * - calls inside `t.expectError` that fail as wanted are error-path calls; with
 *   `{ effect: true }` the expected error is the effect of the calls since the previous
 *   check (`await del(); await t.expectError(() => get(), is404, 'gone', { effect: true })`)
 *   and verifies them;
 * - a call no passing check reached was only called.
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
  /**
   * Asserts something about the latest call's result (`t.check(user.status === 'ACTIVE', …)`).
   * When true it verifies that call; when false it fails the scenario and every call since the last check.
   */
  check(condition: unknown, message: string, detail?: unknown): void;
  /**
   * Asserts the effect of the calls since the last check, read back by the latest one
   * (`await suspend(); t.checkEffect((await get()).status === 'SUSPENDED', …)`). When true it
   * verifies every one of those calls, so use it only when the condition depends on each.
   */
  checkEffect(condition: unknown, message: string, detail?: unknown): void;
  /**
   * Runs a call that must fail; the recorded method passes (as an error-path call) only if it fails as
   * `matches` says. With `effect: true` a match also verifies every call since the previous check.
   */
  expectError(fn: () => Promise<unknown>, matches: (err: any) => boolean, message: string, opts?: { effect?: boolean }): Promise<void>;
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
