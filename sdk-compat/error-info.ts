/** Pulls status, code and body out of each SDK's error type (Okta, Slack, jira.js/axios, gaxios), bounded for the report. */
import type { ErrorInfo } from './calls.js';

export function errorInfo(e: unknown): ErrorInfo {
  if (!(e instanceof Error) && (typeof e !== 'object' || e === null)) return { name: typeof e, message: String(e) };
  const err = e as Record<string, any>;
  const response = err.response && typeof err.response === 'object' ? err.response : undefined;
  const status = num(err.status) ?? num(err.statusCode) ?? num(response?.status) ?? num(err.cause?.response?.status);
  let body: unknown;
  if (err.errorCode !== undefined || err.errorSummary !== undefined) {
    body = { errorCode: err.errorCode, errorSummary: err.errorSummary, errorCauses: err.errorCauses, errorId: err.errorId, errorLink: err.errorLink };
  } else if (err.data !== undefined && err.code && String(err.code).startsWith('slack_')) {
    body = err.data;
  } else if (response && 'data' in response) {
    body = response.data;
  } else if (err.cause?.response?.data !== undefined) {
    body = err.cause.response.data;
  }
  const code = err.errorCode ?? (typeof err.data?.error === 'string' ? err.data.error : undefined) ?? err.code;
  return {
    name: String(err.name ?? err.constructor?.name ?? 'Error'),
    message: String(err.message ?? e),
    status,
    code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    body: body === undefined ? undefined : clip(body),
  };
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 100 && v < 600 ? v : undefined;
}

/** Keeps report entries bounded: bodies are evidence, not archives. */
export function clip(v: unknown): unknown {
  try {
    const s = JSON.stringify(v);
    if (s === undefined) return String(v);
    return s.length > 4000 ? `${s.slice(0, 4000)}…` : JSON.parse(s);
  } catch {
    return String(v);
  }
}
