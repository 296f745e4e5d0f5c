/** The `mcp` entry: an MCP server over running twins (stdio or Streamable HTTP). */
export { createMcpServer } from './mcp/server.js';
export { mcpHttpHandler } from './mcp/http.js';
export { serveStdio } from './mcp/stdio.js';
export { Universe, ToolError, type Urls } from './mcp/universe.js';
export { envVars } from './mcp/env-vars.js';
