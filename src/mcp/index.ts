/** The `dtu/mcp` entry: an MCP server over running twins (stdio or Streamable HTTP). */
export { createMcpServer } from './server.js';
export { mcpHttpHandler } from './http.js';
export { serveStdio } from './stdio.js';
export { Universe, ToolError, type Urls } from './universe.js';
export { envVars } from './env-vars.js';
