// Small helpers shared by the realtime control-plane routes (tenant choice, JSON bodies, problem replies).
import type { Context } from 'hono';
import type { DtuEnv } from '../../../src/core/pipeline.js';
import { TenantRegistry } from '../../../src/core/registry.js';
import type { Twin } from '../../../src/core/twin.js';
import type { Tenant } from '../../../src/core/tenant.js';

export type C = Context<DtuEnv>;

/** The tenant named by the `/t/<name>` prefix or `?tenant=`, else `default` — as the core control plane chooses. */
export function controlTenant(c: C, twin: Twin): Tenant {
  const q = c.req.query('tenant');
  return twin.tenant(c.env.tenantName ?? (q && TenantRegistry.isValidName(q) ? q : 'default'));
}

/** A JSON object body, or undefined when absent or malformed (never throws). */
export async function jsonBody(c: C): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await c.req.text();
  } catch {
    return undefined;
  }
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Control-plane errors use the control plane's own shape, like the core routes. */
export const problem = (c: C, status: 400 | 404 | 409 | 422, message: string, extra: Record<string, unknown> = {}) =>
  c.json({ error: { status, message, ...extra } }, status);

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length ? v : undefined);

/** Base URL (origin + tenant prefix) as the caller addressed the twin. */
export const baseUrlOf = (c: C): string => `${c.env.origin}${c.env.prefix}`;
