// Indexed JQL against the plain reading of the query: `summary ~` narrowing and ORDER BY created paging give what filtering every issue gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { startJira, type Site } from './helpers.js';

let jira: Awaited<ReturnType<typeof startJira>>;
let site: Site;
beforeAll(async () => {
  jira = await startJira();
  site = await jira.site();
});
afterAll(async () => {
  await jira.server.close();
});

const WORDS = ['crash', 'crashes', 'crashing', 'login', 'logins', 'g7', 'g70', 'bug', 'bugs'];

/** Every page of /search/jql, following nextPageToken. */
async function pages(jql: string, maxResults: number): Promise<string[]> {
  const out: string[] = [];
  let nextPageToken: string | undefined;
  for (let n = 0; n < 50; n++) {
    const res = await site.raw('POST', '/rest/api/3/search/jql', { body: JSON.stringify({ jql, fields: ['summary'], maxResults, nextPageToken }), headers: { 'content-type': 'application/json' } });
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as { issues: Array<{ key: string }>; nextPageToken?: string; isLast: boolean };
    out.push(...page.issues.map((i) => i.key));
    expect(page.isLast).toBe(!page.nextPageToken);
    if (!page.nextPageToken) return out;
    nextPageToken = page.nextPageToken;
  }
  throw new Error('no last page');
}

describe('JQL through indexes (the suite runs with DTU_CHECK_INDEXES=1: every indexed query is also scanned)', () => {
  it('summary ~ words, stems and phrases, newest or oldest first, over pages of any size, match the legacy /search (which reads every match)', async () => {
    const project = ((await (await site.raw('GET', '/rest/api/3/project/search')).json()) as { values: Array<{ key: string; id: string }> }).values[0];
    const before = (await pages(`project = ${project.key}`, 100)).length;
    const summaries = fc.sample(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), { numRuns: 30, seed: 13 });
    for (const words of summaries) {
      const res = await site.raw('POST', '/rest/api/3/issue', { body: JSON.stringify({ fields: { project: { id: project.id }, issuetype: { name: 'Task' }, summary: words.join(' ') } }), headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(201);
    }
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WORDS), fc.boolean(), fc.constantFrom('', ' ORDER BY created DESC', ' ORDER BY created ASC', ' ORDER BY summary ASC'), fc.integer({ min: 1, max: 7 }), async (word, phrase, order, size) => {
        const jql = `project = ${project.key} AND summary ~ "${phrase ? `\\"${word}\\"` : word}"${order}`;
        const legacy = (await (await site.raw('GET', `/rest/api/3/search?jql=${encodeURIComponent(jql)}&maxResults=100&fields=summary`)).json()) as { issues: Array<{ key: string; fields: { summary: string } }> };
        // Stemming: `crash` finds `crashes` and `crashing`; an unrelated word finds nothing extra.
        const stem = (w: string) => w.replace(/(ing|es|s)$/, '');
        for (const i of legacy.issues) expect(i.fields.summary.toLowerCase().split(/[^a-z0-9]+/).some((w) => stem(w) === stem(word) || w === word)).toBe(true);
        expect(await pages(jql, size)).toEqual(legacy.issues.map((i) => i.key));
        const all = await pages(`project = ${project.key}${order}`, size);
        expect(all.length).toBe(before + summaries.length);
      }),
      { numRuns: 25, seed: 7 },
    );
  });
});
