// Time of one live-chart update (history → Vega-Lite spec → SVG → PNG), cold (first in a fresh process, module
// loading included) and warm. Run: node -r esbuild-register bench/display/chart.bench.ts
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { historyChart, type HistoryLike } from '../../src/display/render/chart';

const COLD_RUNS = 5;
const WARM_RUNS = 30;

/** A history of `epochs` epochs of loss and accuracy, training and validation. */
function history(epochs: number): HistoryLike {
  const series = (f: (e: number) => number) => Array.from({ length: epochs }, (_, e) => f(e));
  return {
    epoch: series((e) => e),
    history: {
      loss: series((e) => 1 / (e + 1)),
      accuracy: series((e) => 1 - 0.5 / (e + 1)),
      val_loss: series((e) => 1.1 / (e + 1)),
      val_accuracy: series((e) => 1 - 0.6 / (e + 1)),
    },
  };
}

async function timed(epochs: number): Promise<number> {
  const start = performance.now();
  await historyChart(history(epochs));
  return performance.now() - start;
}

function stats(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(0);
  return `median ${at(0.5)} ms, p90 ${at(0.9)} ms, min ${sorted[0].toFixed(0)} ms (n=${ms.length})`;
}

async function main(): Promise<void> {
  if (process.argv.includes('--cold-once')) {
    process.stdout.write(String(await timed(10)));
    return;
  }
  const cold = Array.from({ length: COLD_RUNS }, () =>
    Number(execFileSync(process.execPath, ['-r', 'esbuild-register', __filename, '--cold-once'], { encoding: 'utf8' })),
  );
  console.log(`cold, 10 epochs (fresh process, vega + vega-lite + resvg loaded): ${stats(cold)}`);
  for (const epochs of [10, 100]) {
    await timed(epochs); // warm-up
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timed(epochs));
    console.log(`warm, ${epochs} epochs: ${stats(warm)}`);
  }
}

void main();
