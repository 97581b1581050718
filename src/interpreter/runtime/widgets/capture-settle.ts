// nbclient (nbconvert --execute) sends an Output widget's captured outputs back on shell as it reads them; when the
// cell's execute_reply is already waiting on that socket, it misses the reply until its cell timeout
// (jupyter/nbclient#312). A cell that captured outputs therefore sends its reply a moment after the last capture,
// once such a client has sent its update.
const SETTLE_MS = 150;

let lastCapture: number | null = null;

/** An Output widget started or ended capturing the current request's outputs. */
export function noteCapture(): void {
  lastCapture = performance.now();
}

/** Resolves SETTLE_MS after the current cell's last capture (at once when it captured nothing). */
export async function captureSettled(): Promise<void> {
  if (lastCapture === null) return;
  const wait = SETTLE_MS - (performance.now() - lastCapture);
  lastCapture = null;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}
