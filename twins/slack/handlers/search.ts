/** search.messages / search.files / search.all over what the calling person can see, with Slack's query modifiers. */
import type { OpContext } from '../../../src/core/handler.js';
import { SlackError } from '../errors.js';
import { TwinBug } from '../../../src/core/errors.js';
import { str, type Args } from './args.js';
import type { SlackPrincipal } from '../auth.js';
import { conversations, files, getUser, messages, team, users, type Conversation, type MessageDoc } from '../store.js';
import { both, checkingIndexes, containing, FirstK, matching, select, type Candidates } from '../../../src/core/lookup.js';
import { messageOut } from '../present/messages.js';
import { fileView } from '../present/files.js';
import { pageNumbers, pageWindow } from './common.js';
import { keptMethod } from './kept.js';
import { ReplyCache } from '../../../src/core/reply-cache.js';
import type { Handlers } from '../generated/operations.js';
import { canSee } from '../model/conversations.js';
import { exactNeedle, occurrences, rankFromIndex, searched, searchWords, type SearchFilter } from '../model/search.js';
import { permalink } from './items.js';

interface Query {
  words: string[];
  from?: string[];
  in?: string[];
  before?: number;
  after?: number;
  on?: [number, number];
  hasReaction?: boolean;
  hasPin?: boolean;
  raw: string;
}

const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 1000;

/**
 * Query syntax (https://slack.com/help/articles/202528808-Search-in-Slack):
 * words (all must match), "quoted phrases", from:@name / from:<@U…>,
 * in:#channel / in:<#C…>, before:/after:/on:YYYY-MM-DD, has:reaction, has:pin.
 */
function parse(ctx: OpContext, raw: string): Query {
  const q: Query = { words: [], raw };
  for (const m of raw.matchAll(/"([^"]+)"|(\S+)/g)) {
    const tok = m[1] ?? m[2];
    if (m[1]) { q.words.push(tok.toLowerCase()); continue; }
    const [key, ...rest] = tok.split(':');
    const val = rest.join(':');
    if (key === 'from' && val) {
      const id = /^<@([A-Z0-9]+)(\|[^>]*)?>$/.exec(val)?.[1] ?? users(ctx.tenant).find((u) => u.name === val.replace(/^@/, '') || u.profile.display_name === val.replace(/^@/, ''))?.id ?? '∅';
      (q.from ??= []).push(id);
    } else if (key === 'in' && val) {
      const id = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(val)?.[1] ?? conversations(ctx.tenant).find((c) => c.name === val.replace(/^#/, ''))?.id
        ?? conversations(ctx.tenant).find((c) => c.is_im && c.user === users(ctx.tenant).find((u) => u.name === val.replace(/^@/, ''))?.id)?.id ?? '∅';
      (q.in ??= []).push(id);
    } else if ((key === 'before' || key === 'after' || key === 'on') && /^\d{4}-\d{2}-\d{2}$/.test(val)) {
      if (key === 'before') q.before = day(val);
      if (key === 'after') q.after = day(val) + 86400;
      if (key === 'on') q.on = [day(val), day(val) + 86400];
    } else if (key === 'has' && (val === 'reaction' || val === 'pin')) {
      if (val === 'reaction') q.hasReaction = true; else q.hasPin = true;
    } else q.words.push(tok.toLowerCase());
  }
  return q;
}

/** The conditions other than the words: kinds of message, author, conversation, dates, reactions and pins. */
function qualifies(m: MessageDoc, c: Conversation, q: Query): boolean {
  if (!searched(m)) return false;
  if (q.from && !q.from.includes(m.user ?? '')) return false;
  if (q.in && !q.in.includes(c.id)) return false;
  if (q.before !== undefined || q.after !== undefined || q.on) {
    const sec = Number(m.ts.split('.')[0]);
    if (q.before !== undefined && sec >= q.before) return false;
    if (q.after !== undefined && sec < q.after) return false;
    if (q.on && (sec < q.on[0] || sec >= q.on[1])) return false;
  }
  if (q.hasReaction && !m.reactions?.length) return false;
  if (q.hasPin && !m.pinned_to?.length) return false;
  return true;
}

function matches(m: MessageDoc, c: Conversation, q: Query): boolean {
  if (!qualifies(m, c, q)) return false;
  const text = m.text.toLowerCase();
  return q.words.every((w) => text.includes(w));
}

/**
 * The query as the indexes read it: needles counted or read, authors, has:, and the dates as one stretch of
 * seconds (a date that is no day, like 2024-13-45, parses to NaN and constrains nothing, as in `qualifies`).
 */
function searchFilter(q: Query): SearchFilter {
  const known = (xs: Array<number | undefined>) => xs.filter((x): x is number => x !== undefined && !Number.isNaN(x));
  const since = known([q.after, q.on?.[0]]);
  const until = known([q.before, q.on?.[1]]);
  return {
    needles: q.words.filter(exactNeedle),
    loose: q.words.filter((w) => !exactNeedle(w)),
    from: q.from,
    hasReaction: q.hasReaction,
    hasPin: q.hasPin,
    since: since.length ? Math.max(...since) : undefined,
    until: until.length ? Math.min(...until) : undefined,
  };
}

/** A message's relevance: how often the query's words occur in it. */
const score = (text: string, q: Query) => q.words.reduce((s, w) => s + occurrences(text, w), 0);

const channelInfo = (ctx: OpContext, c: Conversation) => ({
  id: c.id, is_channel: c.is_channel, is_group: c.is_group, is_im: c.is_im, is_mpim: c.is_mpim, is_shared: false, is_org_shared: false, is_ext_shared: false,
  is_private: c.is_private, is_pending_ext_shared: false, pending_shared: [], name: c.is_im ? c.user : c.name, ...(c.is_im ? { user: c.user } : {}),
});

function sorted<T>(items: T[], a: Args, score: (x: T) => number, ts: (x: T) => number): T[] {
  const by = str(a, 'sort') ?? 'score';
  const asc = (str(a, 'sort_dir') ?? 'desc') === 'asc';
  const key = by === 'timestamp' ? ts : (x: T) => score(x) * 1e11 + ts(x);
  // Keys computed once per item, not per comparison (a search may match thousands of messages).
  const keyed = items.map((x) => ({ x, k: key(x) }));
  keyed.sort((p, q) => (asc ? p.k - q.k : q.k - p.k));
  return keyed.map((p) => p.x);
}

interface Hit {
  m: MessageDoc;
  c: Conversation;
  /** What the ranking sorts by (see `sorted`). */
  key: number;
  /** Where the message came in the scan: its conversation's place, then its place in that conversation. */
  conv: number;
  place: () => number;
}

/**
 * The messages the query finds, ranked as `sorted` ranks them (score or timestamp; equal keys keep the order
 * a scan meets them in), of which only the asked page is ranked: a bounded heap keeps the best `page × count`
 * while every match is counted. Keys that are not numbers (a malformed ts) leave the order to a full sort.
 */
function rankedMessages(ctx: OpContext, a: Args, who: SlackPrincipal, q: Query, keep: number): { total: number; top: Array<{ m: MessageDoc; c: Conversation }> } {
  const byTimestamp = str(a, 'sort') === 'timestamp';
  const asc = (str(a, 'sort_dir') ?? 'desc') === 'asc';
  const tie = (x: Hit, y: Hit) => x.conv - y.conv || x.place() - y.place();
  const top = new FirstK<Hit>(keep, asc ? (x, y) => x.key - y.key || tie(x, y) : (x, y) => y.key - x.key || tie(x, y));
  let total = 0;
  let conv = 0;
  const filter = searchFilter(q);
  const scoreOf = (m: MessageDoc) => score(m.text.toLowerCase(), q);
  for (const c of conversations(ctx.tenant).values()) {
    conv++;
    if (!canSee(c, who)) continue;
    if (q.in && !q.in.includes(c.id)) continue;
    const index = searchWords(ctx.tenant, c.id);
    const ranked = rankFromIndex(ctx.tenant, c.id, filter, { byTimestamp, asc, keep, score: scoreOf, check: (m) => matches(m, c, q) });
    if (ranked) {
      total += ranked.total;
      for (const { m, key } of ranked.hits) top.push({ m, c, key, conv, place: () => index.placeOf(m.id) });
      continue;
    }
    // A ts the order cannot place: the words narrow through the word index; `matches` still decides every message.
    let candidates: Candidates;
    for (const w of q.words) candidates = both(candidates, containing(index, w));
    for (const m of matching(messages(ctx.tenant, c.id), candidates, (m) => matches(m, c, q))) {
      const key = byTimestamp ? Number(m.ts) : score(m.text.toLowerCase(), q) * 1e11 + Number(m.ts);
      if (Number.isNaN(key)) return { total: -1, top: [] };
      total++;
      // A key worse than the worst kept cannot enter, whatever the tie: no hit is made for it.
      const worst = top.worst;
      if (worst && (asc ? key > worst.key : key < worst.key)) continue;
      top.push({ m, c, key, conv, place: () => index.placeOf(m.id) });
    }
  }
  return { total, top: top.sorted() };
}

/** The same ranking by sorting every match (for keys a heap cannot order). */
function rankAll(ctx: OpContext, a: Args, who: SlackPrincipal, q: Query): Array<{ m: MessageDoc; c: Conversation }> {
  const hits: Array<{ m: MessageDoc; c: Conversation; score: number }> = [];
  for (const c of conversations(ctx.tenant).values()) {
    if (!canSee(c, who)) continue;
    if (q.in && !q.in.includes(c.id)) continue;
    const index = searchWords(ctx.tenant, c.id);
    let candidates: Candidates;
    for (const w of q.words) candidates = both(candidates, containing(index, w));
    for (const m of select(messages(ctx.tenant, c.id), index, candidates, (m) => matches(m, c, q))) hits.push({ m, c, score: score(m.text.toLowerCase(), q) });
  }
  return sorted(hits, a, (h) => h.score, (h) => Number(h.m.ts));
}

function searchMessages(ctx: OpContext, a: Args, who: SlackPrincipal, q: Query) {
  let { total, top } = rankedMessages(ctx, a, who, q, pageWindow(0, a, 20).end);
  if (total < 0) {
    top = rankAll(ctx, a, who, q);
    total = top.length;
  } else if (checkingIndexes) {
    const all = rankAll(ctx, a, who, q);
    if (all.length !== total || top.some((h, i) => h.m !== all[i].m)) throw new TwinBug(`search.messages ranked ${total} matches where sorting every match ranks ${all.length}`);
  }
  const { start, end, paging } = pageWindow(total, a, 20);
  const page = top.slice(start, end);
  const t = team(ctx.tenant);
  return {
    total,
    pagination: { total_count: total, page: paging.page, per_page: paging.count, page_count: paging.pages, first: (paging.page - 1) * paging.count + 1, last: Math.min(paging.page * paging.count, total) },
    paging,
    matches: page.map(({ m, c }) => ({
      ...messageOut(ctx.tenant, m, c.id), iid: `${c.id}-${m.ts}`, team: t.id, channel: channelInfo(ctx, c), type: 'message',
      username: getUser(ctx.tenant, m.user ?? '')?.name ?? '', permalink: permalink(ctx.tenant, c.id, m.ts),
    })),
  };
}

function searchFiles(ctx: OpContext, a: Args, who: SlackPrincipal, q: Query) {
  const hits = files(ctx.tenant).filter((f) => {
    if (!f.completed) return false;
    const where = [...f.channels, ...f.groups, ...f.ims];
    if (f.user !== who.user_id && !where.some((id) => { const c = conversations(ctx.tenant).get(id); return !!c && canSee(c, who); })) return false;
    if (q.from && !q.from.includes(f.user)) return false;
    if (q.in && !q.in.some((id) => where.includes(id))) return false;
    const hay = `${f.name} ${f.title}`.toLowerCase();
    return q.words.every((w) => hay.includes(w));
  });
  const ordered = sorted(hits, a, () => 1, (f) => f.created);
  const { page, paging } = pageNumbers(ordered, a, 20);
  return { total: ordered.length, pagination: { total_count: ordered.length, page: paging.page, per_page: paging.count, page_count: paging.pages, first: 1, last: page.length }, paging, matches: page.map(fileView) };
}

function query(ctx: OpContext, a: Args): Query {
  const raw = str(a, 'query');
  if (!raw || !raw.trim()) throw new SlackError('no_query');
  return parse(ctx, raw);
}

/** Search answers kept until the workspace changes (a repeated search reads neither index nor messages). */
const searches = new ReplyCache('slack search');

export const searchHandlers = {
  'search.messages': keptMethod(searches, (ctx, a, who) => { const q = query(ctx, a); return { query: q.raw, messages: searchMessages(ctx, a, who, q) }; }),
  'search.files': keptMethod(searches, (ctx, a, who) => { const q = query(ctx, a); return { query: q.raw, files: searchFiles(ctx, a, who, q) }; }),
  'search.all': keptMethod(searches, (ctx, a, who) => {
    const q = query(ctx, a);
    return { query: q.raw, messages: searchMessages(ctx, a, who, q), files: searchFiles(ctx, a, who, q), posts: { total: 0, matches: [] } };
  }),
} satisfies Handlers;
