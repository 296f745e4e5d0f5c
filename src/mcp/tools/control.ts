/** Faults, time and measurement: fail or slow chosen calls, move the one clock, and say what each twin serves. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../../core/paths.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { tool } from '../result.js';
import { ToolError, type Universe } from '../universe.js';
import { tenantArg, vendorArg } from './universe.js';

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7, w: 6.048e8 };

/** "90s", "15m", "2h", "1d" → milliseconds. */
export function durationMs(text: string): number {
  const m = DURATION.exec(text.trim());
  if (!m) throw new ToolError(`not a duration: ${text}`, 'write a number and a unit: 500ms, 90s, 15m, 2h, 1d, 1w');
  return Number(m[1]) * UNIT_MS[m[2]];
}

export function registerControlTools(server: McpServer, u: Universe): void {
  server.registerTool('add_fault', {
    title: 'Inject a fault',
    description: 'Makes chosen operations slow, fail with a vendor-format error, go down (outage) or answer rate-limited (429 with the vendor\'s headers), for every tenant or one, always or with a probability, forever or for the next N calls. Example: fail the next 3 chat.postMessage calls: {vendor:"slack", kind:"error", operation:"chat.postMessage", count:3, code:"channel_not_found"}.',
    inputSchema: {
      vendor: vendorArg,
      kind: z.enum(['latency', 'error', 'outage', 'rate_limit']),
      operation: z.string().optional().describe('operationId or glob (chat.*, *User*); default every operation'),
      tenant: tenantArg,
      count: z.number().int().min(1).optional().describe('fire this many times, then disappear'),
      probability: z.number().min(0).max(1).optional(),
      latencyMs: z.number().int().min(0).max(120_000).optional(),
      status: z.number().int().min(400).max(599).optional().describe('error: HTTP status'),
      code: z.string().optional().describe('error: vendor error code (Slack error, Okta errorCode, …)'),
      message: z.string().optional(),
      retryAfterSec: z.number().int().min(0).optional(),
    },
  }, tool(async ({ vendor, ...rule }) => ({ fault: await u.control(vendor, 'POST', '/faults', { body: rule }) })));

  server.registerTool('list_faults', {
    title: 'List faults',
    description: 'The fault rules in force on each running twin (or one).',
    inputSchema: { vendor: vendorArg.optional() },
  }, tool(async ({ vendor }) => {
    const out: Record<string, unknown> = {};
    for (const v of vendor ? [vendor] : u.vendors) out[v] = ((await u.control(v, 'GET', '/faults')) as { faults: unknown }).faults;
    return { faults: out };
  }));

  server.registerTool('clear_faults', {
    title: 'Clear faults',
    description: 'Removes one fault rule by id, or every rule (of one tenant, or all) on a twin or on every twin.',
    inputSchema: { vendor: vendorArg.optional(), id: z.string().optional(), tenant: tenantArg },
  }, tool(async ({ vendor, id, tenant }) => {
    if (id) {
      if (!vendor) throw new ToolError('clearing one rule by id needs its vendor');
      await u.control(vendor, 'DELETE', `/faults/${encodeURIComponent(id)}`);
      return { cleared: id };
    }
    for (const v of vendor ? [vendor] : u.vendors) await u.control(v, 'DELETE', '/faults', { query: { tenant } });
    return { cleared: 'all', vendors: vendor ? [vendor] : u.vendors };
  }));

  server.registerTool('clock', {
    title: 'Read or move the clock',
    description: 'The one clock behind every twin\'s timestamps, token expiry, scheduled messages, reminders and retries. Freeze it, set it, or advance it ("1d", "90m"): everything due in between fires.',
    inputSchema: {
      advance: z.string().optional().describe('duration to move forward: 500ms, 90s, 15m, 2h, 1d, 1w'),
      set: z.string().optional().describe('ISO time to jump to'),
      freeze: z.boolean().optional().describe('true: stop the clock; false: let it run'),
    },
  }, tool(async ({ advance, set, freeze }) => {
    const body: Record<string, unknown> = {};
    if (freeze !== undefined) body.freeze = freeze;
    if (set !== undefined) body.set = set;
    if (advance !== undefined) body.advanceMs = durationMs(advance);
    if (!Object.keys(body).length) return { clock: await u.control(u.vendors[0] ?? 'okta', 'GET', '/clock') };
    // Twins started together share one clock, so moving it once moves them all; twins attached from
    // separate processes have their own, and each is moved. A twin whose clock already reads what the
    // first one now reads is sharing it.
    const [first, ...rest] = u.vendors;
    const after = (await u.control(first, 'POST', '/clock', { body })) as { epochMs: number };
    const tolerance = Math.min(1000, Math.max(50, ((body.advanceMs as number | undefined) ?? 2000) / 2));
    const separate: string[] = [];
    for (const v of rest) {
      const now = (await u.control(v, 'GET', '/clock')) as { epochMs: number };
      // Freezing and setting are idempotent; only an advance must not be applied twice to one clock.
      if (body.advanceMs === undefined || Math.abs(now.epochMs - after.epochMs) > tolerance) {
        await u.control(v, 'POST', '/clock', { body });
        separate.push(v);
      }
    }
    return { clock: after, movedSeparately: separate };
  }));

  server.registerTool('coverage', {
    title: 'What a twin serves',
    description: 'Per twin: operations in the vendor spec, how many have hand-written behavior, how many are served by the generic CRUD layer, and how many answer 501 (optionally listing them, or checking one operation).',
    inputSchema: { vendor: vendorArg.optional(), operation: z.string().optional().describe('is this operationId served?'), listMissing: z.boolean().optional() },
  }, tool(async ({ vendor, operation, listMissing }) => {
    const out: Record<string, unknown> = {};
    for (const v of vendor ? [vendor] : u.vendors) {
      const c = (await u.control(v, 'GET', '/coverage')) as { missing: string[]; [k: string]: unknown };
      const { missing, ...counts } = c;
      out[v] = { ...counts, ...(operation ? { [operation]: missing.includes(operation) ? 'answers 501' : 'served' } : {}), ...(listMissing ? { missing } : {}) };
    }
    return { coverage: out };
  }));

  server.registerTool('fidelity', {
    title: 'How far each SDK is verified',
    description: 'Per vendor and SDK surface (from FIDELITY.md, written by a full `dtu compat` run): methods, how many are verified (a check read the result or effect), only called, only used to provoke errors, failing, or never exercised.',
    inputSchema: { vendor: vendorArg.optional() },
  }, tool(async ({ vendor }) => {
    const rows = fidelityRows().filter((r) => !vendor || r.vendor === vendor);
    if (!rows.length) throw new ToolError('no fidelity report found', 'run `npm run fidelity:write` in a checkout of dtu');
    return { surfaces: rows };
  }));
}

/** The headline table of FIDELITY.md, one row per SDK surface. */
export function fidelityRows(file = join(projectRoot(), 'FIDELITY.md')): Array<Record<string, string | number>> {
  if (!existsSync(file)) return [];
  const rows: Array<Record<string, string | number>> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/\*\*/g, ''));
    if (cells.length !== 8 || !/^\d+$/.test(cells[2])) continue;
    const n = (c: string) => Number(c.replace(/\s*\(.*\)$/, ''));
    rows.push({ vendor: cells[0], surface: cells[1], methods: n(cells[2]), verified: n(cells[3]), calledOnly: n(cells[4]), errorPathOnly: n(cells[5]), failing: n(cells[6]), notExercised: n(cells[7]) });
  }
  return rows;
}
