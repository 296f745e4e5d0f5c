/** Universe tools: which twins run and how to reach them; create, seed, snapshot, restore and reset tenants. */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { VENDORS, type Vendor } from '../../vendors.js';
import { loadFixture } from '../../core/fixtures.js';
import { envVars } from '../env-vars.js';
import { tool } from '../result.js';
import { ToolError, type Universe } from '../universe.js';

export const vendorArg = z.enum(VENDORS).describe('which twin: okta, slack, jira or google');
export const tenantArg = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional().describe('tenant name (default: "default"); each tenant is an isolated org/workspace/site/customer');

const SEED_SHAPES = `Entries of "add" use the fixture's own shape, for example —
okta: users [{profile:{firstName,lastName,email,login}, status?:"ACTIVE"|"STAGED"|"LOCKED_OUT"|…, groups?:[groupKey]}], groups [{key,name,description}];
slack: users [{key,name,real_name,email}], channels [{key,name,creator,members:[userKey|"*"],topic?,purpose?,is_private?}], messages [{channel,from,text,thread?}];
jira: users [{ref,displayName,email,groups}], projects [{key,name,type:"software"|"business",lead}], issues [{project,type,summary,status?,assignee?,reporter?}];
google: users [{email:"local-part",givenName,familyName}], files [{key,owner,name,parent?,shares?}], groups [{email,name,members}].
Read resource dtu://fixtures/<vendor>/default for complete examples.`;

export function registerUniverseTools(server: McpServer, u: Universe): void {
  server.registerTool('list_twins', {
    title: 'List twins',
    description: 'The running twins with base URLs, SDK-ready credentials and the environment variables that point each official SDK at them.',
    inputSchema: { tenant: tenantArg },
  }, tool(async ({ tenant }) => {
    const twins: Record<string, unknown> = {};
    for (const v of u.vendors) {
      const credentials = await u.credentials(v, tenant);
      twins[v] = { baseUrl: u.base(v, tenant), credentials, env: envVars(v, credentials, u.base(v, tenant)) };
    }
    return { tenant: tenant ?? 'default', twins };
  }));

  server.registerTool('create_tenant', {
    title: 'Create a tenant',
    description: 'Creates (or opens) an isolated tenant on every running twin, seeded from the default fixture, and returns its base URLs and credentials. Use one tenant per test so tests never see each other\'s state.',
    inputSchema: { tenant: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).describe('name of the new tenant'), vendors: z.array(vendorArg).optional().describe('default: every running twin') },
  }, tool(async ({ tenant, vendors }) => {
    const out: Record<string, unknown> = {};
    for (const v of vendors ?? u.vendors) {
      const credentials = await u.credentials(v, tenant);
      out[v] = { baseUrl: u.base(v, tenant), credentials, env: envVars(v, credentials, u.base(v, tenant)) };
    }
    return { tenant, twins: out };
  }));

  server.registerTool('seed_tenant', {
    title: 'Seed a tenant',
    description: `Replaces a tenant's state with a fixture: a base fixture ("default" or "empty") plus entries added inline, or a whole fixture document. ${SEED_SHAPES}`,
    inputSchema: {
      vendor: vendorArg,
      tenant: tenantArg,
      base: z.enum(['default', 'empty']).optional().describe('fixture to start from (default: "default")'),
      add: z.record(z.string(), z.array(z.unknown())).optional().describe('fixture arrays to append to, e.g. {"channels":[…],"users":[…]}'),
      fixture: z.record(z.string(), z.unknown()).optional().describe('a whole fixture document instead of base+add'),
    },
  }, tool(async ({ vendor, tenant, base, add, fixture }) => {
    const doc = fixture ?? mergeFixture(vendor, base ?? 'default', add ?? {});
    await u.control(vendor, 'POST', '/seed', { body: { fixture: doc, tenant: tenant ?? 'default' } });
    u.forget(vendor, tenant ?? 'default');
    const added = Object.fromEntries(Object.entries(add ?? {}).map(([k, v]) => [k, v.length]));
    return { vendor, tenant: tenant ?? 'default', seeded: fixture ? 'fixture document' : base ?? 'default', added };
  }));

  server.registerTool('snapshot_tenant', {
    title: 'Snapshot a tenant',
    description: 'Serialized state of a tenant (including the random source\'s position) to pass to restore_tenant later. Large: keep it, do not read it.',
    inputSchema: { vendor: vendorArg, tenant: tenantArg },
  }, tool(async ({ vendor, tenant }) => ({ snapshot: await u.control(vendor, 'GET', '/snapshot', { tenant: tenant ?? 'default' }) })));

  server.registerTool('restore_tenant', {
    title: 'Restore a tenant',
    description: 'Puts back the state captured by snapshot_tenant.',
    inputSchema: { vendor: vendorArg, snapshot: z.record(z.string(), z.unknown()).describe('the "snapshot" value snapshot_tenant returned') },
  }, tool(async ({ vendor, snapshot }) => {
    const r = await u.control(vendor, 'POST', '/restore', { body: snapshot });
    u.forget(vendor);
    return r as Record<string, unknown>;
  }));

  server.registerTool('reset_tenant', {
    title: 'Reset',
    description: 'Back to the fixture: one tenant, or every tenant when none is named. Credentials may change after a reset; call list_twins again.',
    inputSchema: { vendor: vendorArg.optional().describe('default: every running twin'), tenant: tenantArg },
  }, tool(async ({ vendor, tenant }) => {
    const done: Record<string, unknown> = {};
    for (const v of vendor ? [vendor] : u.vendors) done[v] = ((await u.control(v, 'POST', '/reset', { tenant })) as { reset?: unknown }).reset;
    u.forget(vendor, tenant);
    return { reset: done };
  }));
}

/** The base fixture with inline entries appended to its arrays. */
export function mergeFixture(vendor: Vendor, base: 'default' | 'empty', add: Record<string, unknown[]>): Record<string, unknown> {
  const doc = structuredClone((loadFixture(vendor, base) ?? {}) as Record<string, unknown>);
  for (const [key, entries] of Object.entries(add)) {
    const cur = doc[key];
    if (cur !== undefined && !Array.isArray(cur)) throw new ToolError(`the ${vendor} fixture's "${key}" is not a list`, `lists in the ${vendor} fixture: ${Object.keys(doc).filter((k) => Array.isArray(doc[k])).join(', ')}`);
    doc[key] = [...((cur as unknown[]) ?? []), ...entries];
  }
  return doc;
}
