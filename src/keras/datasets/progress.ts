// A one-line terminal progress bar for downloads, redrawn with `\r` (which Jupyter front ends honour too).

const WIDTH = 30;
const REDRAW_MS = 100;

export interface Progress {
  update(received: number): void;
  done(): void;
}

/** A download progress bar on `out` (bytes received, of `total` when known, and the rate). */
export function progressBar(out: NodeJS.WritableStream, total: number | null): Progress {
  const start = Date.now();
  let lastDraw = 0;
  let received = 0;
  const draw = () => {
    const seconds = Math.max((Date.now() - start) / 1000, 1e-3);
    const rate = `${megabytes(received / seconds)}/s`;
    if (total) {
      const filled = Math.min(WIDTH, Math.floor((received / total) * WIDTH));
      const percent = Math.floor((received / total) * 100);
      const bar = '='.repeat(filled) + (filled < WIDTH ? '>' : '') + ' '.repeat(Math.max(0, WIDTH - filled - 1));
      out.write(`\r[${bar}] ${String(percent).padStart(3)}% ${megabytes(received)}/${megabytes(total)} ${rate}   `);
    } else {
      out.write(`\r${megabytes(received)} ${rate}   `);
    }
  };
  return {
    update(bytes: number) {
      received = bytes;
      if (Date.now() - lastDraw >= REDRAW_MS) {
        lastDraw = Date.now();
        draw();
      }
    },
    done() {
      draw();
      out.write('\n');
    },
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
