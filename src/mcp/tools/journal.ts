/** Journal tools: what a client sent and what the twin answered, why a call failed, and how two exchanges differ. */
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { JournalEntry } from '../../core/journal.js';
import { compareShapes, compareValues, shapeOf } from '../../fidelity/compare.js';
import type { Vendor } from '../../vendors.js';
import { explain, failed } from '../explain.js';
import { tool } from '../result.js';
import { ToolError, type Universe } from '../universe.js';
import { tenantArg, vendorArg } from './universe.js';

async function entries(u: Universe, vendor: Vendor, q: { tenant?: string; operationId?: string; status?: number; since?: number }): Promise<JournalEntry[]> {
  const r = (await u.control(vendor, 'GET', '/journal', {
    tenant: q.tenant,
    query: { operationId: q.operationId, status: q.status === undefined ? undefined : String(q.status), since: q.since === undefined ? undefined : String(q.since) },
  })) as { entries: JournalEntry[] };
  return r.entries;
}

async function entry(u: Universe, vendor: Vendor, seq: number): Promise<JournalEntry> {
  const found = (await entries(u, vendor, { since: seq - 1 })).find((e) => e.seq === seq);
  if (!found) throw new ToolError(`no ${vendor} journal entry #${seq}`, 'query_journal lists the sequence numbers still kept (the journal is bounded)');
  return found;
}

function summary(vendor: Vendor, e: JournalEntry) {
  const bad = failed(vendor, e.status, e.response.body);
  return {
    seq: e.seq, time: e.time, tenant: e.tenant, operation: e.operationId ?? null, method: e.method,
    path: e.path + (e.query ? `?${e.query}` : ''), status: e.status, ms: Math.round(e.durationMs * 10) / 10,
    ...(bad ? { error: explain(vendor, e.status, e.response.body, e.notes).vendorError } : {}),
  };
}

export function registerJournalTools(server: McpServer, u: Universe): void {
  server.registerTool('query_journal', {
    title: 'Query the journal',
    description: 'What clients sent to a twin and what it answered, newest last. Filter by tenant, operation (operationId or Slack method), status or status class, time, failures only, or text found in the request or response.',
    inputSchema: {
      vendor: vendorArg,
      tenant: tenantArg,
      operation: z.string().optional().describe('operationId, e.g. createUser, chat.postMessage, createIssue, drive.files.create'),
      status: z.union([z.number().int(), z.enum(['2xx', '3xx', '4xx', '5xx'])]).optional(),
      failedOnly: z.boolean().optional().describe('only exchanges the vendor would report as failures (Slack ok:false included)'),
      since: z.string().optional().describe('ISO time; only exchanges at or after it'),
      text: z.string().optional().describe('substring of the path, request body or response body'),
      limit: z.number().int().min(1).max(200).optional().describe('default 20'),
      full: z.boolean().optional().describe('include request and response bodies'),
    },
  }, tool(async (a) => {
    let list = await entries(u, a.vendor, { tenant: a.tenant, operationId: a.operation, status: typeof a.status === 'number' ? a.status : undefined });
    if (typeof a.status === 'string') {
      const cls = a.status[0];
      list = list.filter((e) => String(e.status)[0] === cls);
    }
    if (a.failedOnly) list = list.filter((e) => failed(a.vendor, e.status, e.response.body));
    if (a.since) {
      const t = Date.parse(a.since);
      if (Number.isNaN(t)) throw new ToolError(`"since" is not a time: ${a.since}`, 'use ISO 8601, e.g. 2026-01-31T12:00:00Z');
      list = list.filter((e) => Date.parse(e.time) >= t);
    }
    if (a.text) {
      const needle = a.text.toLowerCase();
      list = list.filter((e) => `${e.path}?${e.query} ${JSON.stringify(e.request.body ?? '')} ${JSON.stringify(e.response.body ?? '')}`.toLowerCase().includes(needle));
    }
    const total = list.length;
    list = list.slice(-(a.limit ?? 20));
    return {
      total,
      shown: list.length,
      exchanges: list.map((e) => (a.full ? { ...summary(a.vendor, e), request: e.request, response: e.response, notes: e.notes } : summary(a.vendor, e))),
    };
  }));

  server.registerTool('explain_failure', {
    title: 'Explain a failed request',
    description: 'Why a twin refused a request: the vendor error, the rule that refused it (missing scope, lifecycle state, permission, validation, not found, rate limit, injected fault, not implemented) and how to change the call. Without seq, explains the latest failure.',
    inputSchema: { vendor: vendorArg, seq: z.number().int().optional().describe('journal sequence number (query_journal shows it)'), tenant: tenantArg },
  }, tool(async ({ vendor, seq, tenant }) => {
    let e: JournalEntry | undefined;
    if (seq !== undefined) e = await entry(u, vendor, seq);
    else e = (await entries(u, vendor, { tenant })).filter((x) => failed(vendor, x.status, x.response.body)).at(-1);
    if (!e) throw new ToolError(`no failed ${vendor} request in the journal${tenant ? ` of tenant ${tenant}` : ''}`, 'query_journal shows what was sent');
    if (!failed(vendor, e.status, e.response.body)) return { ...summary(vendor, e), explanation: 'this exchange succeeded' };
    return { ...summary(vendor, e), request: { body: e.request.body }, ...explain(vendor, e.status, e.response.body, e.notes), notes: e.notes };
  }));

  server.registerTool('diff_exchanges', {
    title: 'Diff two exchanges',
    description: 'How two journaled exchanges differ: request line, request body and response status/body (shape and values). Use it to compare a failing call with a passing one.',
    inputSchema: { vendor: vendorArg, a: z.number().int().describe('first seq'), b: z.number().int().describe('second seq') },
  }, tool(async ({ vendor, a, b }) => {
    const [x, y] = [await entry(u, vendor, a), await entry(u, vendor, b)];
    const line = (e: JournalEntry) => `${e.method} ${e.path}${e.query ? `?${e.query}` : ''}`;
    return {
      a: summary(vendor, x),
      b: summary(vendor, y),
      requestLine: line(x) === line(y) ? 'same' : { a: line(x), b: line(y) },
      requestBody: compareValues(x.request.body, y.request.body).concat(compareShapes(shapeOf(x.request.body), shapeOf(y.request.body))),
      status: x.status === y.status ? 'same' : { a: x.status, b: y.status },
      responseBody: compareShapes(shapeOf(x.response.body), shapeOf(y.response.body)).concat(compareValues(x.response.body, y.response.body)),
    };
  }));
}
