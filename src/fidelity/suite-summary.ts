/** Reads an upstream suite's `run.sh` output (a line per file, failing tests indented, `N passed, N failed, N skipped` last) and groups its failures by cause. */

export interface SuiteSummary {
  suite: string;
  passed: number;
  failed: number;
  skipped: number;
  /** Set when the suite could not run at all. */
  error?: string;
  causes: Array<{ cause: string; count: number; tests: string[] }>;
}

/** Ids, numbers and quoted names vary per test; the cause is what is left. */
export function causeOf(message: string): string {
  return message
    .replace(/\b[0-9a-zA-Z]{20}\b/g, '<id>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f-]{27}\b/gi, '<uuid>')
    // HTTP statuses and vendor error codes (Okta's E0000060) are the cause; other long numbers are ids.
    .replace(/\b([A-Za-z]*)(\d{3,})\b/g, (m, pre: string, n: string) => (pre || /^[1-5]\d\d$/.test(n) ? m : '<n>'))
    .replace(/'[^']{1,80}'/g, "'…'")
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

export function summarizeSuite(suite: string, output: string): SuiteSummary {
  const last = [...output.matchAll(/^(\d+) passed, (\d+) failed, (\d+) skipped\s*$/gm)].pop();
  const groups = new Map<string, { cause: string; count: number; tests: string[] }>();
  for (const m of output.matchAll(/^\s+x (.*?)(?: -- (.*))?$/gm)) {
    const cause = causeOf(m[2] ?? 'no message');
    const g = groups.get(cause) ?? { cause, count: 0, tests: [] };
    g.count++;
    if (g.tests.length < 3) g.tests.push(m[1]);
    groups.set(cause, g);
  }
  // A global setup failure is a file-level line with no indented tests under it.
  for (const m of output.matchAll(/^FAIL (\S+): (?:global setup failed[^-]*)-- (.*)$/gm)) {
    const cause = causeOf(m[2]);
    groups.set(cause, { cause, count: (groups.get(cause)?.count ?? 0) + 1, tests: [m[1]] });
  }
  const causes = [...groups.values()].sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
  if (!last) return { suite, passed: 0, failed: 0, skipped: 0, error: output.trim().split('\n').slice(-3).join(' ').slice(0, 300) || 'no output', causes };
  return { suite, passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3]), causes };
}
