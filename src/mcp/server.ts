/** The dtu MCP server: tools, resources and prompts over one universe of twins, independent of transport. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { projectRoot } from '../core/paths.js';
import { loadFixture } from '../core/fixtures.js';
import { VENDORS, isVendor } from '../vendors.js';
import type { Universe } from './universe.js';
import { registerUniverseTools } from './tools/universe.js';
import { registerJournalTools } from './tools/journal.js';
import { registerInspectTools } from './tools/inspect.js';
import { registerActTools } from './tools/act.js';
import { registerControlTools } from './tools/control.js';
import { PROMPTS } from './prompts.js';

export const GUIDE_NAMES = ['index', ...VENDORS] as const;

export function guidePath(name: string): string {
  return join(projectRoot(), 'docs', 'agents', `${name}.md`);
}

export function createMcpServer(universe: Universe, version = packageVersion()): McpServer {
  const server = new McpServer({ name: 'dtu', version }, { instructions: INSTRUCTIONS });
  registerUniverseTools(server, universe);
  registerJournalTools(server, universe);
  registerInspectTools(server, universe);
  registerActTools(server, universe);
  registerControlTools(server, universe);

  server.registerResource('guide', new ResourceTemplate('dtu://guides/{name}', {
    list: () => ({ resources: GUIDE_NAMES.filter((n) => existsSync(guidePath(n))).map((n) => ({ uri: `dtu://guides/${n}`, name: `${n} guide`, mimeType: 'text/markdown' })) }),
  }), { title: 'Guides for coding agents', description: 'How to point each SDK at a twin, what behaves exactly like the vendor, known differences, recipes and common errors.', mimeType: 'text/markdown' },
  async (uri, { name }) => {
    const file = guidePath(String(name));
    if (!GUIDE_NAMES.includes(String(name) as never) || !existsSync(file)) throw new Error(`no guide ${String(name)}; guides: ${GUIDE_NAMES.join(', ')}`);
    return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: readFileSync(file, 'utf8') }] };
  });

  server.registerResource('coverage', new ResourceTemplate('dtu://coverage/{vendor}', {
    list: () => ({ resources: universe.vendors.map((v) => ({ uri: `dtu://coverage/${v}`, name: `${v} coverage`, mimeType: 'application/json' })) }),
  }), { title: 'Coverage report', description: 'Operations a twin serves with behavior, serves generically, or answers 501.', mimeType: 'application/json' },
  async (uri, { vendor }) => {
    const v = String(vendor);
    if (!isVendor(v)) throw new Error(`no twin ${v}`);
    return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(await universe.control(v, 'GET', '/coverage'), null, 1) }] };
  });

  server.registerResource('fixture', new ResourceTemplate('dtu://fixtures/{vendor}/{name}', { list: undefined }),
    { title: 'Seed fixture', description: 'A fixture document, the shape seed_tenant takes (name: default).', mimeType: 'application/json' },
    async (uri, { vendor, name }) => {
      const v = String(vendor);
      if (!isVendor(v)) throw new Error(`no twin ${v}`);
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(loadFixture(v, String(name).replace(/[^A-Za-z0-9_-]/g, '')), null, 1) }] };
    });

  for (const p of PROMPTS) {
    server.registerPrompt(p.name, { title: p.title, description: p.description, argsSchema: p.args }, (args: Record<string, string | undefined>) => ({
      messages: [{ role: 'user', content: { type: 'text', text: p.text(args) } }],
    }));
  }
  return server;
}

const INSTRUCTIONS = `dtu runs behavioral twins of Okta, Slack, Jira and Google Workspace. Point the official SDKs at the base URLs from list_twins (use its env vars), then use the journal tools to see what your code sent, explain_failure to learn why a call failed, inspect_* to see state as a person would, *_act to make people do things (the app under test gets the vendor's real events), add_fault and clock to test failures and time. Use one tenant per test (create_tenant). Guides: resource dtu://guides/index.`;

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

