/** The runnable TypeScript blocks of a Markdown document: every ```ts block no `<!-- not run … -->` comment exempts (that comment says why, for the reader too). */
export function runnableBlocks(text: string): string[] {
  const out: string[] = [];
  const re = /(<!--[^>]*-->\n)?```ts\n([\s\S]*?)```/g;
  for (let m = re.exec(text); m; m = re.exec(text)) if (!m[1]?.includes('not run')) out.push(m[2]);
  return out;
}
