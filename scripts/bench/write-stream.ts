/**
 * A stream of writes for measuring reads while a tenant changes: the bench's create, then its update, then
 * its deletes of the record just created, round and round, so the record count stays where it was.
 */
import type { Shot } from './load.js';
import type { Lifecycle, Prepared } from './scenarios.js';

/** Sends a request and answers its status and text (a socket's `fetch`, or a twin's own `fetch` in-process). */
type Send = (url: string, init: RequestInit) => Promise<Response>;

/** One write per call of the function returned: create, update, delete(s), then the next record. */
export function writeCycle(send: Send, prepared: Prepared, life: Lifecycle): () => Promise<void> {
  let n = 0;
  let steps: Shot[] = [];
  let id = '';
  const go = async (shot: Shot): Promise<string> => {
    const res = await send(shot.url.replaceAll('{id}', id), { method: shot.method ?? 'GET', headers: shot.headers, body: shot.body?.replaceAll('{n}', `w${n}`).replaceAll('{id}', id) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`write ${shot.method ?? 'GET'} ${shot.url} answered ${res.status}: ${text.slice(0, 200)}`);
    return text;
  };
  return async () => {
    const step = steps.shift();
    if (step) return void (await go(step));
    n++;
    id = life.idOf(await go(prepared.create));
    steps = [life.update, ...life.remove];
  };
}

/**
 * Writes at `perSecond` (one at a time, paced by the clock) until stopped; answers how many were made. A
 * write that fails stops the stream and is reported by `stop`, so a figure never hides refused writes.
 */
export function writeStream(next: () => Promise<void>, perSecond: number): { stop(): Promise<number> } {
  let writes = 0;
  let running = true;
  let failure: unknown;
  const t0 = performance.now();
  const loop = (async () => {
    while (running) {
      const due = t0 + (writes * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (!running) break;
      try {
        await next();
      } catch (e) {
        failure = e;
        return;
      }
      writes++;
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      if (failure) throw failure;
      return writes;
    },
  };
}
