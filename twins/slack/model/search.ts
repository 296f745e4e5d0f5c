/** Slack search's message index: which messages search reads, their words, and a query's exact matches and first page from it. */
import type { Tenant } from '../../../src/core/tenant.js';
import { both, termIndex, words } from '../../../src/core/lookup.js';
import { messages, messagesByTs, type MessageDoc } from '../store.js';

/** Kinds of message search finds besides plain ones (joins, topic changes and the like are not searched). */
const SEARCHED_SUBTYPES = ['thread_broadcast', 'file_share', 'bot_message', 'me_message'];

/** Whether search reads a message at all, whatever the query. */
export const searched = (m: MessageDoc): boolean => !m.subtype || SEARCHED_SUBTYPES.includes(m.subtype);

/**
 * Terms that are not words, filed beside them: `REPEATED + word` for a word the text holds more than once (its
 * score is read, not assumed), and `ODD_TS` for a ts that is not plain `seconds[.up to 6 digits]` (past six
 * digits the ts order index sorts by text, which `Number(ts)` may not agree with). A needle is letters and
 * digits, so it finds a repeated word's marker only with the word itself, and never `ODD_TS`.
 */
const REPEATED = '\u0000';
const ODD_TS = '\u0001';
const PLAIN_TS = /^\d{1,15}(?:\.\d{1,6})?$/;

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
  if (!PLAIN_TS.test(m.ts)) terms.push(ODD_TS);
  return terms;
}

/** The words of a conversation's searched messages (substring queries narrow through it), with the markers above. */
export const searchWords = (t: Tenant, channelId: string) => termIndex(messages(t, channelId), 'search-words', searchTerms);

/** A needle whose matches the word index gives exactly: one run of letters and digits lies inside one word of any text holding it. */
export const exactNeedle = (w: string): boolean => /^[\p{L}\p{N}]+$/u.test(w);

/** How many times `word` occurs in `text`, without overlaps (what `text.split(word).length - 1` counts). */
export function occurrences(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

export interface RankedHit {
  m: MessageDoc;
  key: number;
}

/**
 * The searched messages of one conversation containing every needle (all `exactNeedle`s, lower-cased), counted
 * from the index and ranked without reading them all: `total` is the size of the needles' intersection, and
 * `hits` holds every match that can be among the first `keep` by `key` (score × 1e11 + ts, or ts alone), in
 * whichever order, for the caller's heap to rank with its ties. Scores come from the index: a match scores one
 * per needle unless a word holding a needle repeats in its text, holds the needle twice, or it has two words
 * holding one needle; those few are read and scored by `score`. The rest are met in ts order (the order
 * index's), where `key` never goes back, so the walk stops once `keep` are taken and the key changes.
 * Undefined when the index cannot say (a ts the order cannot place, two words holding one needle in some
 * message): the caller then reads every match.
 */
export function rankFromIndex(
  t: Tenant,
  channelId: string,
  needles: string[],
  { byTimestamp, asc, keep, score }: { byTimestamp: boolean; asc: boolean; keep: number; score: (m: MessageDoc) => number },
): { total: number; hits: RankedHit[] } | undefined {
  const order = messagesByTs(t, channelId);
  const index = searchWords(t, channelId);
  if (order.unkeyed || index.ids(ODD_TS).size) return undefined;
  const col = messages(t, channelId);
  let found: ReadonlySet<string> | undefined;
  const extra = new Set<string>();
  for (const w of needles) {
    const ids = index.withFragment(w);
    if (!byTimestamp) {
      let filed = 0;
      for (const term of index.termsWithFragment(w)) {
        const holders = index.ids(term);
        if (term[0] === REPEATED) {
          for (const id of holders) extra.add(id);
          continue;
        }
        filed += holders.size;
        if (occurrences(term, w) > 1) for (const id of holders) extra.add(id);
      }
      // More filings than messages: some message has two words holding the needle.
      if (filed !== ids.size) return undefined;
    }
    found = both(found, ids);
  }
  if (!found) return undefined;
  const hits: RankedHit[] = [];
  for (const id of extra) {
    if (!found.has(id)) continue;
    const m = col.get(id)!;
    hits.push({ m, key: score(m) * 1e11 + Number(m.ts) });
  }
  const base = byTimestamp ? 0 : needles.length * 1e11;
  const ids = order.ascending();
  const plain = found.size - hits.length;
  // Few matches in a long conversation: keying them all costs less than walking the order to them.
  if (plain * plain * 4 < keep * ids.length) {
    for (const id of found) {
      if (extra.has(id)) continue;
      const m = col.get(id)!;
      hits.push({ m, key: base + Number(m.ts) });
    }
    return { total: found.size, hits };
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
  if (asc) for (let k = 0; k < ids.length && take(ids[k]); k++);
  else for (let k = ids.length - 1; k >= 0 && take(ids[k]); k--);
  return { total: found.size, hits };
}
