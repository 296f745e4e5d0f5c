// Okta Application Settings API: session limits of Okta's own apps (only the Admin Console has them).
import type { OpContext } from '../../../src/core/handler.js';
import { notFound, validationError } from '../errors.js';
import { bodyObject } from './common.js';
import type { Handlers } from '../generated/operations.js';

/** Defaults and bounds from the API reference ("Replace the Okta application settings": idle 5..720, default 15; lifetime 5..10080, default 720). */
const LIMITS = { sessionIdleTimeoutMinutes: [5, 720, 15], sessionMaxLifetimeMinutes: [5, 10080, 720] } as const;
type Settings = { sessionIdleTimeoutMinutes: number; sessionMaxLifetimeMinutes: number };

function settings(ctx: OpContext<{ appName: string }>): Settings {
  // "Supported apps: Okta Admin Console (admin-console)".
  if (ctx.params.appName !== 'admin-console') throw notFound(ctx.params.appName, 'FirstPartyApp');
  return ctx.tenant.meta<Settings>('okta:adminConsoleSettings', () => ({ sessionIdleTimeoutMinutes: LIMITS.sessionIdleTimeoutMinutes[2], sessionMaxLifetimeMinutes: LIMITS.sessionMaxLifetimeMinutes[2] }));
}

export const firstPartyAppHandlers = {
  getFirstPartyAppSettings: (ctx) => ({ status: 200, body: { ...settings(ctx) } }),
  replaceFirstPartyAppSettings: (ctx) => {
    const current = settings(ctx);
    const b = bodyObject(ctx);
    const next = { ...current };
    for (const [k, [min, max, dflt]] of Object.entries(LIMITS) as Array<[keyof Settings, readonly [number, number, number]]>) {
      const v = b[k] ?? dflt; // a replace without the field puts its default back
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw validationError(k, `${k} must be between ${min} and ${max} minutes`);
      next[k] = v;
    }
    if (next.sessionIdleTimeoutMinutes > next.sessionMaxLifetimeMinutes) throw validationError('sessionIdleTimeoutMinutes', 'The idle timeout cannot exceed the maximum session lifetime');
    ctx.tenant.setMeta('okta:adminConsoleSettings', next);
    return { status: 200, body: next };
  },
} satisfies Handlers;
