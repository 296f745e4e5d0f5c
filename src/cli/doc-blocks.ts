/** Generated blocks inside hand-written docs (the README's at-a-glance tables): found between `<!-- name:begin -->` and `<!-- name:end -->`. */

const markers = (name: string) => [`<!-- ${name}:begin (generated, do not edit) -->`, `<!-- ${name}:end -->`] as const;

export function readBlock(text: string, name: string): string | undefined {
  const [begin, end] = markers(name);
  const a = text.indexOf(begin);
  const b = text.indexOf(end, a);
  return a < 0 || b < 0 ? undefined : text.slice(a + begin.length, b).trim();
}

/** Replaces the block's content; a doc without the markers is an error, not a silent no-op. */
export function replaceBlock(text: string, name: string, content: string): string {
  const [begin, end] = markers(name);
  const a = text.indexOf(begin);
  const b = text.indexOf(end, a);
  if (a < 0 || b < 0) throw new Error(`no ${begin} … ${end} block to fill`);
  return `${text.slice(0, a + begin.length)}\n${content.trim()}\n${text.slice(b)}`;
}
