/**
 * What the scale section asks a tenant of 100,000 records (made by scale-fixture.ts):
 * a first list page, a filter or search selecting ~1% (group g7), and the vendor's
 * query language where it has one — always one page of 20.
 */
import type { Shot } from './load.js';

async function json(res: Response): Promise<any> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

/**
 * search.messages with each query modifier an agent sends (https://slack.com/help/articles/202528808-Search-in-Slack):
 * author, conversation, dates, has:, quoted phrases (`"77 g77"` spans two words), punctuation (the form
 * body posts `bench N+gK` as `bench N gK`, so `+g77` matches nothing), and the modifiers the twin matches as text
 * (is:thread, -word). The bench messages are all the bot's, in one channel, posted on one day: `from:`, `in:`
 * and the dates select every message, `has:` none, so each form is measured at its widest.
 */
async function slackSearchForms(base: string, bot: Record<string, string>, userToken: string, newest: { ts: string }, channel: string): Promise<Record<string, Shot>> {
  const me = await json(await fetch(`${base}/api/auth.test`, { headers: bot }));
  const day = (offset: number) => new Date((Math.floor(Number(newest.ts)) + offset * 86400) * 1000).toISOString().slice(0, 10);
  const headers = { authorization: `Bearer ${userToken}` };
  const shot = (query: string): Shot => ({ url: `${base}/api/search.messages?query=${encodeURIComponent(query)}&count=20`, headers });
  const forms = [
    `g77 from:<@${me.user_id}>`,
    `from:@${me.user}`,
    `g77 in:<#${channel}>`,
    `g77 on:${day(0)}`,
    `before:${day(1)}`,
    `g7 after:${day(-1)}`,
    'has:reaction',
    'g7 has:pin',
    '"bench 1277"',
    '"77 g77"',
    '+g77',
    'g77 -g7',
    'g77 is:thread',
  ];
  return Object.fromEntries(forms.map((q) => [`search.messages ${q}`, shot(q)]));
}

export async function scaleQueries(vendor: string, base: string, c: Record<string, any>): Promise<Record<string, Shot>> {
  switch (vendor) {
    case 'okta': {
      const headers = { authorization: `SSWS ${c.token}`, accept: 'application/json' };
      return {
        'users, first page': { url: `${base}/api/v1/users?limit=20`, headers },
        'users?filter=status eq "STAGED"': { url: `${base}/api/v1/users?filter=${encodeURIComponent('status eq "STAGED"')}&limit=20`, headers },
        'users?search=profile.login sw (~1%)': { url: `${base}/api/v1/users?search=${encodeURIComponent('profile.login sw "bench99"')}&limit=20`, headers },
      };
    }
    case 'slack': {
      const headers = { authorization: `Bearer ${c.botToken}` };
      const list = await json(await fetch(`${base}/api/conversations.list?limit=1000&types=public_channel`, { headers }));
      const channel = (list.channels as Array<{ id: string; name: string }>).find((ch) => ch.name === 'bench-channel')?.id;
      if (!channel) throw new Error('slack: no bench-channel in the scale data');
      const deep = await json(await fetch(`${base}/api/conversations.history?channel=${channel}&limit=999`, { headers }));
      const cursor = deep.response_metadata?.next_cursor as string | undefined;
      if (!cursor) throw new Error('slack: the bench channel has no second history page');
      return {
        'conversations.history, first page': { url: `${base}/api/conversations.history?channel=${channel}&limit=20`, headers },
        'conversations.history, page after a cursor (message 1,000)': { url: `${base}/api/conversations.history?channel=${channel}&limit=20&cursor=${encodeURIComponent(cursor)}`, headers },
        // An agent waiting for replies asks for what came after the newest message it saw (here 19 newer ones).
        'conversations.history oldest=<20th newest> (new since)': { url: `${base}/api/conversations.history?channel=${channel}&limit=20&oldest=${deep.messages[19].ts}`, headers },
        // ...or whether anyone replied in a message's thread.
        'conversations.replies of the newest message': { url: `${base}/api/conversations.replies?channel=${channel}&ts=${deep.messages[0].ts}`, headers },
        'conversations.history latest=<1,000th newest>': { url: `${base}/api/conversations.history?channel=${channel}&limit=20&latest=${deep.messages[998].ts}`, headers },
        // Slack's twin matches substrings: `g7` is in g7 and g70–g79 (~11%), `g77` in ~1%.
        'search.messages g7 (~11%)': { url: `${base}/api/search.messages?query=g7&count=20`, headers: { authorization: `Bearer ${c.userToken}` } },
        'search.messages g77 (~1%)': { url: `${base}/api/search.messages?query=g77&count=20`, headers: { authorization: `Bearer ${c.userToken}` } },
        ...(await slackSearchForms(base, headers, c.userToken, deep.messages[0], channel)),
      };
    }
    case 'jira': {
      const headers = { authorization: `Basic ${Buffer.from(`${c.email}:${c.apiToken}`).toString('base64')}`, accept: 'application/json' };
      const projects = await json(await fetch(`${base}/rest/api/3/project/search`, { headers }));
      const key = projects.values[0].key as string;
      const jql = (q: string) => `${base}/rest/api/3/search/jql?jql=${encodeURIComponent(q)}&maxResults=20&fields=summary,status`;
      return {
        'JQL project, newest first': { url: jql(`project = ${key} ORDER BY created DESC`), headers },
        'JQL summary ~ g7 (~1%)': { url: jql(`project = ${key} AND summary ~ "g7" ORDER BY created DESC`), headers },
      };
    }
    case 'google': {
      const headers = { authorization: `Bearer ${c.accessToken}` };
      const q = (s: string) => `${base}/drive/v3/files?q=${encodeURIComponent(s)}&pageSize=20`;
      return {
        'files, first page': { url: `${base}/drive/v3/files?pageSize=20`, headers },
        // Drive's `name contains` matches word starts (developers.google.com/workspace/drive/api/guides/ref-search-terms):
        // `g7.` starts the word `g7.txt` of "bench 1207-g7.txt", ~1% of the files.
        "q name contains 'g7.' (~1%)": { url: q("name contains 'g7.' and trashed = false"), headers },
      };
    }
  }
  throw new Error(`no scale queries for ${vendor}`);
}

/**
 * A write that lands where the scale queries read, `{n}` standing for a record number (scale-fixture's labels):
 * scale-probe.ts --post sends one before each query, so the query pays for catching up with it.
 */
export async function scaleWrite(vendor: string, base: string, c: Record<string, any>): Promise<Shot> {
  if (vendor !== 'slack') throw new Error(`no scale write for ${vendor}`);
  const headers = { authorization: `Bearer ${c.botToken}`, 'content-type': 'application/x-www-form-urlencoded' };
  const list = await json(await fetch(`${base}/api/conversations.list?limit=1000&types=public_channel`, { headers }));
  const channel = (list.channels as Array<{ id: string; name: string }>).find((ch) => ch.name === 'bench-channel')!.id;
  return { method: 'POST', url: `${base}/api/chat.postMessage`, headers, body: `channel=${channel}&text=bench+{n}` };
}
