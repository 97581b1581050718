// Sends the worker's stdout and stderr (console.*, process.stdout.write) to the notebook as stream output.
import { Buffer } from 'buffer';
import { writeStream } from './outbox';

function toText(chunk: unknown, encoding?: BufferEncoding): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString(encoding ?? 'utf8');
  return String(chunk);
}

export function captureStdio(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    // console holds a reference to these stream objects and calls .write on them, so replacing the method is enough.
    stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
      writeStream(name, toText(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : undefined));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
}
