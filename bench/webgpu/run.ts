/**
 * Training speed on the webgpu backend against cpu (the baseline) and wasm, all in one process so the ratios share
 * the machine's load: bench/cpu's dense and convnet models, one epoch of `samples` after a 2-batch warm-up, median of
 * `repeats`. Prints a JSON line per cell, then a Markdown table for bench/RESULTS.md.
 *   node -r esbuild-register bench/webgpu/run.ts [denseSamples=512] [convnetSamples=64] [repeats=3]
 * webgpu is forced (TSDL_BACKEND=webgpu), so it runs on whatever adapter Dawn finds, a software one included; set
 * VK_ICD_FILENAMES to SwiftShader's driver (/usr/lib/chromium/vk_swiftshader_icd.json) where there is no GPU.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../src/backend';
import { lossOf, SPECS } from '../cpu/models';

const BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;

/** Seconds for one epoch of `model` on `n` samples, median of `repeats`, after a 2-batch warm-up. */
async function epochSeconds(model: string, n: number, repeats: number): Promise<number> {
  const spec = SPECS[model];
  const net = spec.build(tf);
  net.compile({ optimizer: tf.train.rmsprop(1e-3, 0.9, 0, 1e-7), loss: lossOf(model) });
  const { x, y } = spec.data(tf, n);
  const warm = Math.min(n, spec.batchSize * 2);
  await net.fit(x.slice(0, warm), y.slice(0, warm), { epochs: 1, batchSize: spec.batchSize, verbose: 0, shuffle: false });
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await net.fit(x, y, { epochs: 1, batchSize: spec.batchSize, verbose: 0, shuffle: false });
    times.push((performance.now() - t0) / 1000);
  }
  tf.dispose([x, y]);
  net.dispose();
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const [dense, convnet, repeats] = process.argv.slice(2).map(Number);
  const samples: Record<string, number> = { dense: dense || 512, convnet: convnet || 64 };
  const devices: Record<string, string> = {};
  const seconds: Record<string, Record<string, number>> = {};
  for (const backend of BACKENDS) {
    const info = await initBackend({ forced: backend });
    devices[backend] = `${info.name} on ${info.device}${info.fastPath.active ? `, ${info.fastPath.detail}` : ''}`;
    for (const model of Object.keys(samples)) {
      const s = await epochSeconds(model, samples[model], repeats || 3);
      (seconds[model] ??= {})[backend] = s;
      console.log(JSON.stringify({ model, backend, samples: samples[model], seconds: s, device: devices[backend] }));
    }
  }
  const ratio = (a: number, b: number) => `${Number((a / b).toPrecision(2))}×`;
  console.log(`\n| model | samples | ${BACKENDS.join(' | ')} | wasm / cpu | webgpu / cpu | webgpu / wasm |\n|---|---|${BACKENDS.map(() => '---|').join('')}---|---|---|`);
  for (const [model, s] of Object.entries(seconds)) {
    const cells = BACKENDS.map((b) => `${Number(s[b].toPrecision(3))} s`).join(' | ');
    console.log(`| ${model} | ${samples[model]} | ${cells} | ${ratio(s.wasm, s.cpu)} | ${ratio(s.webgpu, s.cpu)} | ${ratio(s.webgpu, s.wasm)} |`);
  }
  for (const backend of BACKENDS) console.log(`\n${backend}: ${devices[backend]}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
