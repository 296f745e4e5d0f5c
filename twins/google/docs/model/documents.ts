/** Documents: body text kept as a string, with the Docs API's structural JSON and indexes derived from it. */
/*
 * Documents: the body is kept as its text (always ending in a newline), and
 * the structural JSON — section break, paragraphs, text runs with UTF-16
 * start/end indexes from 1 — is derived from it on read, the way the Docs API
 * counts positions (https://developers.google.com/workspace/docs/api/concepts/structure).
 */
import type { Doc, Tenant } from '../../../../src/core/tenant.js';
import { K } from '../../store.js';

export interface DocumentRec extends Doc {
  /** Body text; paragraphs end with `\n`, and the last character is always `\n`. */
  text: string;
  /** Named style per paragraph (`NORMAL_TEXT`, `HEADING_1`, …), aligned with the text's paragraphs. */
  styles: string[];
  revision: number;
}

export const documents = (t: Tenant) => t.collection<DocumentRec>(K.documents);

export function newDocument(id: string, text = ''): DocumentRec {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return { id, text: body, styles: body.split('\n').slice(0, -1).map(() => 'NORMAL_TEXT'), revision: 1 };
}

export function revisionId(d: DocumentRec): string {
  return `ALBJ4Ls${Buffer.from(`${d.id}:${d.revision}`).toString('base64url').slice(-40)}`;
}

/** End index of the body segment (one past the final newline). */
export const endIndex = (d: DocumentRec) => d.text.length + 1;

/** Paragraph number that contains text offset `pos` (0-based). */
function paragraphAt(text: string, pos: number): number {
  let n = 0;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === '\n') n++;
  return n;
}

export function insertText(d: DocumentRec, index: number, s: string): void {
  const pos = index - 1;
  const para = paragraphAt(d.text, pos);
  const added = (s.match(/\n/g) ?? []).length;
  // New paragraphs split from the one the text lands in, and take its style.
  d.styles.splice(para, 0, ...Array.from({ length: added }, () => d.styles[para] ?? 'NORMAL_TEXT'));
  d.text = d.text.slice(0, pos) + s + d.text.slice(pos);
}

export function deleteRange(d: DocumentRec, startIndex: number, endIndex: number): void {
  const a = startIndex - 1;
  const b = endIndex - 1;
  const firstPara = paragraphAt(d.text, a);
  const removed = (d.text.slice(a, b).match(/\n/g) ?? []).length;
  d.styles.splice(firstPara + 1, removed);
  d.text = d.text.slice(0, a) + d.text.slice(b);
}

export function replaceAll(d: DocumentRec, find: string, replacement: string, matchCase: boolean): number {
  if (!find) return 0;
  let count = 0;
  let out = '';
  let i = 0;
  const hay = matchCase ? d.text : d.text.toLowerCase();
  const needle = matchCase ? find : find.toLowerCase();
  for (;;) {
    const j = hay.indexOf(needle, i);
    if (j < 0) break;
    out += d.text.slice(i, j) + replacement;
    i = j + find.length;
    count++;
  }
  if (!count) return 0;
  d.text = out + d.text.slice(i);
  if (!d.text.endsWith('\n')) d.text += '\n';
  const paras = d.text.split('\n').length - 1;
  d.styles = d.styles.slice(0, paras);
  while (d.styles.length < paras) d.styles.push('NORMAL_TEXT');
  return count;
}

/** Paragraph indexes overlapping a range, for paragraph-style updates. */
export function paragraphsIn(d: DocumentRec, startIndex: number, endIndex: number): number[] {
  const first = paragraphAt(d.text, startIndex - 1);
  const last = paragraphAt(d.text, Math.max(startIndex, endIndex - 1) - 1);
  const out: number[] = [];
  for (let p = first; p <= last; p++) out.push(p);
  return out;
}

export const plainText = (d: DocumentRec) => d.text;
