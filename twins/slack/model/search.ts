/** Slack search's message index: which messages search reads, their words, and a query's exact matches and first page from it. */
import type { Tenant } from '../../../src/core/tenant.js';
import { both, containing, termIndex, words } from '../../../src/core/lookup.js';
import { firstTsPlace, messages, messagesByTs, type MessageDoc } from '../store.js';

/** Kinds of message search finds besides plain ones (joins, topic changes and the like are not searched). */
const SEARCHED_SUBTYPES = ['thread_broadcast', 'file_share', 'bot_message', 'me_message'];

/** Whether search reads a message at all, whatever the query. */
export const searched = (m: MessageDoc): boolean => !m.subtype || SEARCHED_SUBTYPES.includes(m.subtype);

/**
 * A term that is not a word, filed beside them: `REPEATED + word` for a word the text holds more than once (its
 * score is read, not assumed). A needle is letters and digits, so it finds the marker only with the word itself.
 */
const REPEATED = '\u0000';

function searchTerms(m: MessageDoc): string[] {
  if (!searched(m)) return [];
  const terms = words(m.text ?? '');
  const n = terms.length;
  if (n > 1) {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      if (seen.has(terms[i])) terms.push(REPEATED + terms[i]);
      else seen.add(terms[i]);
    }
  }
  return terms;
}

/** The words of a conversation's searched messages (substring queries narrow through it), with the marker above. */
export const searchWords = (t: Tenant, channelId: string) => termIndex(messages(t, channelId), 'search-words', searchTerms);

/** A needle whose matches the word index gives exactly: one run of letters and digits lies inside one word of any text holding it. */
export const exactNeedle = (w: string): boolean => /^[\p{L}\p{N}]+$/u.test(w);

/** How many times `word` occurs in `text`, without overlaps (what `text.split(word).length - 1` counts). */
export function occurrences(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

/**
 * What queries filter a conversation's messages by besides words, filed per conversation: `SEARCHED` for
 * every message search reads, with its author (`FROM + user`), `REACTED` and `PINNED`; `UNSEARCHED` for the
 * rest (joins, topic changes); and `ODD_TS` for a message whose ts is not plain `seconds[.up to 6 digits]`
 * (past six digits the ts order sorts by text, which `Number(ts)` may not agree with, so neither a date's
 * stretch of the order nor a walk through it can be trusted).
 */
const SEARCHED = 'searched';
const UNSEARCHED = 'unsearched';
const FROM = 'from:';
const REACTED = 'has:reaction';
const PINNED = 'has:pin';
const ODD_TS = 'odd-ts';
const PLAIN_TS = /^\d{1,15}(?:\.\d{1,6})?$/;

function facetTerms(m: MessageDoc): string[] {
  const out = PLAIN_TS.test(m.ts) ? [] : [ODD_TS];
  if (!searched(m)) {
    out.push(UNSEARCHED);
    return out;
  }
  out.push(SEARCHED, FROM + (m.user ?? ''));
  if (m.reactions?.length) out.push(REACTED);
  if (m.pinned_to?.length) out.push(PINNED);
  return out;
}

/** A conversation's messages by author, reactions, pins and whether search reads them (see `facetTerms`). */
export const searchFacets = (t: Tenant, channelId: string) => termIndex(messages(t, channelId), 'search-facets', facetTerms);

/** What a query asks of one conversation's messages, in the terms the indexes answer. */
export interface SearchFilter {
  /** Lower-cased needles of letters and digits (`exactNeedle`): counted from the word index without reading. */
  needles: string[];
  /** Other lower-cased needles (quoted phrases, punctuation): narrowed by their runs of letters and digits, then read. */
  loose: string[];
  /** Authors (user ids), any of them. */
  from?: string[];
  hasReaction?: boolean;
  hasPin?: boolean;
  /** Dates in seconds: a match's whole seconds are at least `since` and below `until`. */
  since?: number;
  until?: number;
}

export interface RankedHit {
  m: MessageDoc;
  key: number;
}

/**
 * The searched messages of one conversation that `f` selects, counted from the indexes and ranked without
 * reading them all: the word, author, reaction and pin postings are intersected (smallest first), dates are
 * a stretch of the ts order, and `total` is the size of what is left. `hits` holds every match that can be
 * among the first `keep` by `key` (score × 1e11 + ts, or ts alone), in whichever order, for the caller's
 * heap to rank with its ties. Scores come from the index: a match scores one per needle unless a word
 * holding a needle repeats in its text, holds the needle twice, or it has two words holding one needle;
 * those few are read and scored by `score`. The rest are met in ts order, where `key` never goes back, so
 * the walk stops once `keep` are taken and the key changes. Loose needles cannot be counted: their
 * candidates are read and decided by `check` (the query's whole predicate). Undefined when the ts order
 * cannot place every message: the caller then reads every match.
 */
export function rankFromIndex(
  t: Tenant,
  channelId: string,
  f: SearchFilter,
  { byTimestamp, asc, keep, score, check }: { byTimestamp: boolean; asc: boolean; keep: number; score: (m: MessageDoc) => number; check: (m: MessageDoc) => boolean },
): { total: number; hits: RankedHit[] } | undefined {
  const order = messagesByTs(t, channelId);
  const facets = searchFacets(t, channelId);
  if (order.unkeyed || facets.ids(ODD_TS).size) return undefined;
  const index = searchWords(t, channelId);
  const col = messages(t, channelId);
  const ids = order.ascending();
  // The dates as places [lo, hi) of the ts order: for a plain ts and whole seconds s, floor(ts) ≥ s ⇔ ts ≥ s.
  const bound = (s: number) => firstTsPlace(t, channelId, (ts) => Number(ts) >= s);
  const lo = f.since === undefined ? 0 : bound(f.since);
  const hi = f.until === undefined ? ids.length : Math.max(lo, bound(f.until));
  const dated = lo > 0 || hi < ids.length;
  const inDates = (m: MessageDoc) => {
    const s = Number(m.ts);
    return (f.since === undefined || s >= f.since) && (f.until === undefined || s < f.until);
  };

  const sets: ReadonlySet<string>[] = [];
  for (const w of f.needles) sets.push(index.withFragment(w));
  for (const w of f.loose) {
    const runs = containing(index, w);
    if (runs) sets.push(runs);
  }
  if (f.from) sets.push(f.from.map((u) => facets.ids(FROM + u)).reduce((a, b) => (a.size ? (b.size ? new Set([...a, ...b]) : a) : b)));
  if (f.hasReaction) sets.push(facets.ids(REACTED));
  if (f.hasPin) sets.push(facets.ids(PINNED));
  // Word postings hold searched messages only, like the facets; with no condition at all, every searched one matches.
  const everything = !sets.length;
  let found: ReadonlySet<string> = facets.ids(SEARCHED);
  if (!everything) {
    sets.sort((a, b) => a.size - b.size);
    found = sets.reduce((a, b) => both(a, b)!);
  }
  // Each id in `found` within the dates, from whichever is smaller: the set (reading each ts) or the dates' stretch.
  const eachMatch = (visit: (id: string) => void) => {
    if (!dated) for (const id of found) visit(id);
    else if (found.size <= hi - lo) {
      for (const id of found) if (inDates(col.get(id)!)) visit(id);
    } else for (let k = lo; k < hi; k++) if (found.has(ids[k])) visit(ids[k]);
  };

  if (f.loose.length) {
    const hits: RankedHit[] = [];
    eachMatch((id) => {
      const m = col.get(id)!;
      if (check(m)) hits.push({ m, key: byTimestamp ? Number(m.ts) : score(m) * 1e11 + Number(m.ts) });
    });
    return { total: hits.length, hits };
  }

  let total = 0;
  if (!dated) total = found.size;
  else if (everything) {
    // Every message of the stretch but the few search never reads.
    total = hi - lo;
    for (const id of facets.ids(UNSEARCHED)) if (inDates(col.get(id)!)) total--;
  } else eachMatch(() => total++);

  const extra = new Set<string>();
  if (!byTimestamp) {
    for (const w of f.needles) {
      const terms = index.termsWithFragment(w);
      let filed = 0;
      for (const term of terms) {
        const holders = index.ids(term);
        if (term[0] === REPEATED) {
          for (const id of holders) extra.add(id);
          continue;
        }
        filed += holders.size;
        if (occurrences(term, w) > 1) for (const id of holders) extra.add(id);
      }
      // More filings than messages: some message has two words holding the needle; those are read too.
      if (filed !== index.withFragment(w).size) {
        const once = new Set<string>();
        for (const term of terms) {
          if (term[0] === REPEATED) continue;
          for (const id of index.ids(term)) {
            if (once.has(id)) extra.add(id);
            else once.add(id);
          }
        }
      }
    }
  }
  const hits: RankedHit[] = [];
  for (const id of extra) {
    if (!found.has(id)) continue;
    const m = col.get(id)!;
    if (dated && !inDates(m)) continue;
    hits.push({ m, key: score(m) * 1e11 + Number(m.ts) });
  }
  const base = byTimestamp ? 0 : f.needles.length * 1e11;
  const plain = total - hits.length;
  // Few matches in a long stretch: keying them all costs less than walking the order to them.
  if (plain * plain * 4 < keep * (hi - lo)) {
    eachMatch((id) => {
      if (extra.has(id)) return;
      const m = col.get(id)!;
      hits.push({ m, key: base + Number(m.ts) });
    });
    return { total, hits };
  }
  let taken = 0;
  let last = NaN;
  const take = (id: string): boolean => {
    if (taken === plain) return false;
    if (!found.has(id) || extra.has(id)) return true;
    const m = col.get(id)!;
    const key = base + Number(m.ts);
    if (taken >= keep && key !== last) return false;
    hits.push({ m, key });
    taken++;
    last = key;
    return true;
  };
  if (asc) for (let k = lo; k < hi && take(ids[k]); k++);
  else for (let k = hi - 1; k >= lo && take(ids[k]); k--);
  return { total, hits };
}
