// What code under test prints: progress bars, summaries, download notices.

/** Runs `fn` with stdout (process.stdout.write and console.log) captured; returns its result and what it printed. */
export async function captureStdout<T>(fn: () => T | Promise<T>): Promise<{ result: T; output: string }> {
  const write = process.stdout.write;
  const log = console.log;
  let output = '';
  process.stdout.write = ((chunk: string | Uint8Array) => {
    output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  console.log = (...args: unknown[]) => void (output += args.map(String).join(' ') + '\n');
  try {
    return { result: await fn(), output };
  } finally {
    process.stdout.write = write;
    console.log = log;
  }
}
