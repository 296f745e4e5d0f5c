// Wiki markup ⇄ ADF conversion (the v2 API's rich text): each construct both ways, escaping, and stable round trips.
import { describe, expect, it } from 'vitest';
import { adfToWiki, wikiToAdf } from '../../twins/jira/platform/present/wiki.js';

const t = (text: string, ...marks: Array<Record<string, unknown>>) => (marks.length ? { type: 'text', text, marks } : { type: 'text', text });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });

describe('wiki markup → ADF', () => {
  it('headings h1–h6, paragraphs split by blank lines, single newlines as hard breaks', () => {
    expect(wikiToAdf('h1. Title\nline one\nline two\n\nh6. Small')).toEqual(doc(
      { type: 'heading', attrs: { level: 1 }, content: [t('Title')] },
      p(t('line one'), { type: 'hardBreak' }, t('line two')),
      { type: 'heading', attrs: { level: 6 }, content: [t('Small')] },
    ));
  });

  it('text effects: *strong*, _em_, {{monospace}}, -strike-, +underline+, nested, and not inside words', () => {
    expect(wikiToAdf('*b* _i_ {{m}} -s- +u+ *_both_* snake_case_name 5-3-1').content[0]).toEqual(p(
      t('b', { type: 'strong' }), t(' '), t('i', { type: 'em' }), t(' '), t('m', { type: 'code' }), t(' '),
      t('s', { type: 'strike' }), t(' '), t('u', { type: 'underline' }), t(' '), t('both', { type: 'strong' }, { type: 'em' }),
      t(' snake_case_name 5-3-1'),
    ));
  });

  it('links with and without labels, bare URLs, and account mentions with the display name', () => {
    const out = wikiToAdf('[docs|https://d.example] [https://x.example] see http://y.example/a now [~accountid:abc]', (id) => (id === 'abc' ? 'Priya Shah' : undefined));
    expect(out.content[0]).toEqual(p(
      t('docs', { type: 'link', attrs: { href: 'https://d.example' } }), t(' '),
      t('https://x.example', { type: 'link', attrs: { href: 'https://x.example' } }), t(' see '),
      t('http://y.example/a', { type: 'link', attrs: { href: 'http://y.example/a' } }), t(' now '),
      { type: 'mention', attrs: { id: 'abc', text: '@Priya Shah', accessLevel: '' } },
    ));
  });

  it('nested bullet and numbered lists', () => {
    const item = (text: string, ...more: unknown[]) => ({ type: 'listItem', content: [p(t(text)), ...more] });
    expect(wikiToAdf('* a\n** a1\n* b\n# one').content).toEqual([
      { type: 'bulletList', content: [item('a', { type: 'bulletList', content: [item('a1')] }), item('b')] },
      { type: 'orderedList', attrs: { order: 1 }, content: [item('one')] },
    ]);
  });

  it('{code:lang}, {noformat}, {quote}, bq. and ----', () => {
    expect(wikiToAdf('{code:python}\nx = 1\n{code}\n{noformat}raw *text*{noformat}\n{quote}\nwise\n{quote}\nbq. short\n----').content).toEqual([
      { type: 'codeBlock', attrs: { language: 'python' }, content: [t('x = 1')] },
      { type: 'codeBlock', content: [t('raw *text*')] },
      { type: 'blockquote', content: [p(t('wise'))] },
      { type: 'blockquote', content: [p(t('short'))] },
      { type: 'rule' },
    ]);
  });
});

describe('ADF → wiki markup', () => {
  it('writes each construct the way the parser reads it', () => {
    const d = doc(
      { type: 'heading', attrs: { level: 2 }, content: [t('H')] },
      p(t('bold', { type: 'strong' }), t(' and '), t('site', { type: 'link', attrs: { href: 'https://s.example' } }), { type: 'hardBreak' }, { type: 'mention', attrs: { id: 'u1', text: '@U' } }),
      { type: 'codeBlock', content: [t('a\nb')] },
    );
    expect(adfToWiki(d)).toBe('h2. H\n\n*bold* and [site|https://s.example]\n[~accountid:u1]\n\n{code}\na\nb\n{code}');
  });

  it('escapes text that would otherwise read as markup', () => {
    const d = doc(p(t('*not bold* [not a link] {braces}')), p(t('* not a list')), p(t('h1. not a heading')));
    const wiki = adfToWiki(d);
    expect(wiki).toBe('\\*not bold\\* \\[not a link] \\{braces}\n\n\\* not a list\n\n\\h1. not a heading');
    expect(wikiToAdf(wiki)).toEqual(d);
  });

  it('round trips are stable: wiki → ADF → wiki gives the same text for the canonical form', () => {
    const wiki = 'h1. Plan\n\nIntro _with_ {{code}} and [link|https://l.example].\nNext line.\n\n* one\n** one.a\n* two\n\n# first\n# second\n\n{code:java}\nint x;\n{code}\n\n{quote}\nquoted\n{quote}\n\n----';
    expect(adfToWiki(wikiToAdf(wiki))).toBe(wiki);
  });
});
