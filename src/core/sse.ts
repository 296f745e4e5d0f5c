/** A minimal, correct text/event-stream writer over a web ReadableStream. */

export interface SseChannel {
  send(event: { data: unknown; event?: string; id?: string | number }): void;
  comment(text: string): void;
  close(): void;
  readonly closed: boolean;
}

/**
 * Returns an SSE Response and hands its channel to `start`. `start` may return a
 * cleanup function, run when the client goes away or the channel closes.
 */
export function sseResponse(start: (ch: SseChannel) => (() => void) | void, headers: Record<string, string> = {}): Response {
  const enc = new TextEncoder();
  let cleanup: (() => void) | void;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (s: string) => {
        if (!closed) controller.enqueue(enc.encode(s));
      };
      const ch: SseChannel = {
        send({ data, event, id }) {
          let s = '';
          if (id !== undefined) s += `id: ${id}\n`;
          if (event) s += `event: ${event}\n`;
          const text = typeof data === 'string' ? data : JSON.stringify(data);
          for (const line of text.split('\n')) s += `data: ${line}\n`;
          write(`${s}\n`);
        },
        comment(text) {
          write(`: ${text}\n\n`);
        },
        close() {
          if (closed) return;
          closed = true;
          clearInterval(heartbeat);
          cleanup?.();
          controller.close();
        },
        get closed() {
          return closed;
        },
      };
      // Proxies and some clients drop idle streams; a comment every 15 s keeps it open.
      heartbeat = setInterval(() => ch.comment('keep-alive'), 15_000);
      heartbeat.unref?.();
      ch.comment('connected');
      cleanup = start(ch);
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      cleanup?.();
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers },
  });
}
