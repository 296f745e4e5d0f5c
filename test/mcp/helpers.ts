/** An MCP client over a suite of twins: Streamable HTTP at /_dtu/mcp, or stdio through `dtu mcp --url`. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { fileURLToPath } from 'node:url';

export type Json = Record<string, any>;

export async function httpClient(url: string): Promise<Client> {
  const client = new Client({ name: 'dtu-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/_dtu/mcp`)));
  return client;
}

export async function stdioClient(args: string[]): Promise<Client> {
  const client = new Client({ name: 'dtu-test', version: '1.0.0' });
  const bin = fileURLToPath(new URL('../../bin/dtu.js', import.meta.url));
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [bin, 'mcp', ...args], env: { ...process.env, DTU_FROM_SOURCE: '1' } as Record<string, string>, stderr: 'pipe' }));
  return client;
}

/** Calls a tool and returns its structured output, failing the test on an error result. */
export async function callOk(client: Client, name: string, args: Json = {}): Promise<Json> {
  const r = (await client.callTool({ name, arguments: args })) as { isError?: boolean; structuredContent?: Json; content: Array<{ text: string }> };
  if (r.isError) throw new Error(`${name} failed: ${r.content.map((c) => c.text).join('\n')}`);
  return r.structuredContent!;
}

/** Calls a tool that must fail, and returns its message (which must say what to do next). */
export async function callFails(client: Client, name: string, args: Json = {}): Promise<string> {
  const r = (await client.callTool({ name, arguments: args })) as { isError?: boolean; content: Array<{ text: string }> };
  if (!r.isError) throw new Error(`${name} was expected to fail`);
  return r.content.map((c) => c.text).join('\n');
}

export async function slack(apiUrl: string, token: string, method: string, args: Json): Promise<Json> {
  const res = await fetch(`${apiUrl}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(args) });
  return (await res.json()) as Json;
}
