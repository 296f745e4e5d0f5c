/** How tools answer: concise structured output, and errors that say what to do next. */
import { ToolError } from './universe.js';

export interface ToolResult {
  [k: string]: unknown;
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export function ok(value: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 1) }], structuredContent: value };
}

export function fail(message: string, next?: string): ToolResult {
  return { content: [{ type: 'text', text: next ? `${message}\nNext: ${next}` : message }], isError: true };
}

/** Runs a tool body; a ToolError (or any failure) becomes an error result instead of a protocol error. */
export function tool<A>(fn: (args: A) => Promise<Record<string, unknown>>): (args: A) => Promise<ToolResult> {
  return async (args) => {
    try {
      return ok(await fn(args));
    } catch (e) {
      if (e instanceof ToolError) return fail(e.message, e.next);
      return fail(`unexpected failure: ${(e as Error).message}`, 'this is a defect in dtu itself; the journal (query_journal) shows what the twins answered');
    }
  };
}
