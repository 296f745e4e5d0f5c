/** Streamable HTTP for MCP, as the suite serves it at /_dtu/mcp: stateless, one server per request, JSON replies. */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { createMcpServer } from './server.js';
import type { Universe } from './universe.js';

export function mcpHttpHandler(universe: Universe): (req: Request) => Promise<Response> {
  return async (req) => {
    // Stateless: each POST carries a whole JSON-RPC exchange, so nothing is kept between requests.
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    const server = createMcpServer(universe);
    await server.connect(transport);
    try {
      return await transport.handleRequest(req);
    } finally {
      // The reply is complete (JSON mode), so the per-request server can go.
      void server.close();
    }
  };
}
