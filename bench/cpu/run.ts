/**
 * CPU benchmark: each model on PyTorch (+OpenBLAS, 1 thread), tsdl's default backend and stock
 * tfjs wasm, one process per run, all in one sitting so the ratios share the machine's load.
 *   node -r esbuild-register bench/cpu/run.ts [--quick] [--models=a,b,...] [--no-stock] [--repeats=N]
 * --quick runs a fifth of each epoch (ratios only; for iterating); --models picks models (default: issue 6's
 * dense, convnet, lstm); --no-stock skips stock tfjs wasm (it cannot train the recurrent models); --repeats times N
 * epochs per run on both sides and takes the median (short epochs on a shared machine).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { SPECS, type ModelName } from './models';

interface Row {
  model: string;
  backend: string;
  detail?: string;
  samples?: number;
  seconds?: number;
  fullEpochSeconds?: number;
  tensorsDelta?: number;
  bytesDelta?: number;
  error?: string;
  /** Not measured (--no-stock). */
  skipped?: boolean;
}

const here = __dirname;
const quick = process.argv.includes('--quick');
const noStock = process.argv.includes('--no-stock');
const modelsArg = process.argv.find((a) => a.startsWith('--models='));
const repeats = process.argv.find((a) => a.startsWith('--repeats='))?.slice('--repeats='.length) ?? '1';
const MODELS = modelsArg ? modelsArg.slice('--models='.length).split(',') : ['dense', 'convnet', 'lstm'];
/** Stock wasm needs ~35 s for a dense epoch: it runs a tenth of one and is scaled up. */
const STOCK_FRACTION = 0.1;

function run(model: ModelName, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Row {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, cwd: path.join(here, '../..'), maxBuffer: 1 << 24 });
  const line = r.stdout.split('\n').reverse().find((l) => l.startsWith('{'));
  if (!line) return { model, backend: cmd, error: (r.stderr || r.stdout).trim().split('\n').slice(-1)[0] };
  return JSON.parse(line) as Row;
}

const node = (model: ModelName, backend: string, n: number, env: NodeJS.ProcessEnv = {}) =>
  run(model, process.execPath, ['-r', 'esbuild-register', path.join(here, 'train.ts'), model, backend, String(n), repeats], env);
const torch = (model: ModelName, n: number) => run(model, '/usr/bin/python3', [path.join(here, 'torch_ref.py'), model, String(n), repeats], { OPENBLAS_NUM_THREADS: '1' });

const fmt = (r: Row) => (r.skipped ? '—' : r.error ? `fails: ${r.error.slice(0, 80)}` : `${r.fullEpochSeconds!.toFixed(2)} s`);
const ratio = (a: Row, b: Row) => (a.error || b.error ? '—' : `${(a.fullEpochSeconds! / b.fullEpochSeconds!).toFixed(2)}×`);

/** The tsdl variants measured: default, one BLAS thread, and without the native addon. */
const VARIANTS: [string, NodeJS.ProcessEnv][] = [
  ['tsdl default (all cores)', {}],
  ['tsdl, TSDL_THREADS=1', { TSDL_THREADS: '1' }],
  ['tsdl without addon (TSDL_NATIVE=0)', { TSDL_NATIVE: '0' }],
];

function main(): void {
  const head = ['model', 'PyTorch+OpenBLAS 1 thread', ...VARIANTS.map(([v]) => v), 'stock tfjs wasm', ...VARIANTS.map(([v]) => `${v.split(' (')[0]} / PyTorch`), 'stock wasm / tsdl default', 'tensors Δ per epoch (tsdl)'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  let detail = '';
  for (const model of MODELS) {
    if (!SPECS[model]) throw new Error(`unknown model ${model}; known: ${Object.keys(SPECS).join(', ')}`);
    const full = SPECS[model].fullSamples;
    const n = quick ? Math.max(SPECS[model].batchSize * 2, Math.round(full / 5)) : full;
    const stockN = Math.max(SPECS[model].batchSize * 2, Math.round(n * STOCK_FRACTION));
    const p = torch(model, n);
    const ts = VARIANTS.map(([, env]) => node(model, 'tsdl', n, env));
    const s: Row = noStock ? { model, backend: 'wasm-stock', error: 'not run (--no-stock)', skipped: true } : node(model, 'wasm-stock', stockN);
    detail = ts[0].detail ?? detail;
    for (const r of [p, ...ts, s]) console.error(JSON.stringify(r));
    const mem = ts[0].error ? '—' : `${ts[0].tensorsDelta} tensors, ${ts[0].bytesDelta} bytes`;
    lines.push(`| ${[model, fmt(p), ...ts.map(fmt), fmt(s), ...ts.map((t) => ratio(t, p)), ratio(s, ts[0]), mem].join(' | ')} |`);
  }
  console.log(lines.join('\n'));
  console.log(`\nSeconds per full epoch (stock wasm: measured on ${STOCK_FRACTION * 100}% of the samples and scaled).`);
  console.log(`tsdl backend: ${detail}`);
}

main();
