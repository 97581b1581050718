// Shared test setup: the cpu backend, and silence for fit's text progress.
import * as tf from '@tensorflow/tfjs';

export async function useCpu(): Promise<void> {
  await tf.setBackend('cpu');
}

/** Runs `fn` with stdout captured; returns what it printed. */
export async function captureStdout(fn: () => unknown): Promise<string> {
  const original = process.stdout.write.bind(process.stdout);
  let out = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  const log = console.log;
  console.log = (...args: unknown[]) => void (out += args.map(String).join(' ') + '\n');
  try {
    await fn();
  } finally {
    process.stdout.write = original;
    console.log = log;
  }
  return out;
}
