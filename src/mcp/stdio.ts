/** MCP over stdio, for agents that start `dtu mcp` as a local process. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createMcpServer } from './server.js';
import type { Universe } from './universe.js';

export async function serveStdio(universe: Universe, io?: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream }): Promise<() => Promise<void>> {
  const server = createMcpServer(universe);
  const transport = io ? new StdioServerTransport(io.stdin as never, io.stdout as never) : new StdioServerTransport();
  await server.connect(transport);
  return () => server.close();
}
