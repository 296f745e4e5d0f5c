// The Slack twin's layers point one way (docs/decisions/0006): the store and the model never import delivery, handlers, presenters or Hono.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../twins/slack');
const importsOf = (file: string): string[] => [...readFileSync(join(root, file), 'utf8').matchAll(/^(?:import|export)[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]);

describe('Slack twin layering', () => {
  it('store.ts, types.ts and model/ import nothing from handlers/, present/, realtime/, control or hono', () => {
    const files = ['store.ts', 'types.ts', ...readdirSync(join(root, 'model')).map((f) => `model/${f}`)];
    const upward = files.flatMap((f) => importsOf(f).filter((s) => /(^|\/)(handlers|present|realtime|control)(\/|\.js$)|^hono/.test(s)).map((s) => `${f} → ${s}`));
    expect(files.length).toBeGreaterThan(5);
    expect(upward).toEqual([]);
  });

  it('the realtime side hears the model only through model/events.ts', () => {
    expect(importsOf('model/messages.ts')).toContain('./events.js');
    expect(importsOf('realtime/workspace-events.ts')).toContain('../model/events.js');
  });
});
