import { expect } from 'chai';
import type { FitParams, Logs } from '../../src/shared/presenter';
import { VEGALITE_MIME } from '../../src/display/render/chart';
import type { MimeBundle } from '../../src/display/render/mime';
import { NotebookFitProgress, type DisplaySink } from '../../src/display/render/progress';

interface Call {
  kind: 'display' | 'update';
  id: string;
  bundle: MimeBundle;
}

class RecordingSink implements DisplaySink {
  readonly calls: Call[] = [];
  display(bundle: MimeBundle, id: string): void {
    this.calls.push({ kind: 'display', id, bundle });
  }
  update(bundle: MimeBundle, id: string): void {
    this.calls.push({ kind: 'update', id, bundle });
  }
  to(id: string): Call[] {
    return this.calls.filter((c) => c.id === id);
  }
}

function params(overrides: Partial<FitParams> = {}): FitParams {
  return {
    epochs: 3, initialEpoch: 0, steps: 100, samples: 3200, batchSize: 32,
    metrics: ['loss', 'acc'], verbose: 1, doValidation: true, ...overrides,
  };
}

/** Drives a fit: `epochs` × `steps` batches, the clock advancing `stepMs` per batch. */
function train(progress: NotebookFitProgress, clock: { now: number }, epochs: number, steps: number, stepMs: number): void {
  for (let e = 0; e < epochs; e++) {
    progress.epochBegin(e);
    let logs: Logs = {};
    for (let b = 0; b < steps; b++) {
      clock.now += stepMs;
      logs = { batch: b, size: 32, loss: 1 / (e + 1 + b / steps), acc: 0.5 + e / 10 };
      progress.batchEnd(b, logs);
    }
    progress.epochEnd(e, { loss: logs.loss, acc: logs.acc, val_loss: 0.9 / (e + 1), val_acc: 0.45 + e / 10 });
  }
  progress.trainEnd();
}

function setup(p: FitParams, options: { minIntervalMs?: number; chartIntervalMs?: number } = {}) {
  const sink = new RecordingSink();
  const clock = { now: 1000 };
  let n = 0;
  const progress = new NotebookFitProgress(p, sink, { clock: () => clock.now, newDisplayId: () => `id${n++}`, ...options });
  return { sink, clock, progress };
}

describe('display/render fit progress', () => {
  it('shows one progress output, updated in place at a bounded rate, ending in its final state', async () => {
    const { sink, clock, progress } = setup(params(), { chartIntervalMs: 60_000 });
    train(progress, clock, 3, 100, 10); // 3 s of training
    await progress.settled();
    const { progress: progressId, chart: chartId } = progress.displayIds;
    expect(progressId).not.to.equal(chartId);
    expect(sink.calls.every((c) => c.id === progressId || c.id === chartId)).to.equal(true);
    const shown = sink.to(progressId);
    expect(shown[0].kind).to.equal('display');
    expect(shown.slice(1).every((c) => c.kind === 'update')).to.equal(true);
    // 4 per second at most over 3 s, plus the first and the last.
    expect(shown.length).to.be.within(5, 3 * 4 + 2);
    for (const call of shown) expect(Object.keys(call.bundle).sort()).to.deep.equal(['text/html', 'text/plain']);

    const final = shown[shown.length - 1].bundle;
    const text = final['text/plain'] as string;
    expect(text.split('\n')).to.have.length(6);
    const lines = text.split('\n');
    const done = `100/100 [${'='.repeat(30)}] - 1s 10ms/step`;
    expect(lines.slice(0, 2)).to.deep.equal([
      'Epoch 1/3',
      `${done} - loss: 0.5025 - acc: 0.5000 - val_loss: 0.9000 - val_acc: 0.4500`,
    ]);
    expect(lines.slice(4)).to.deep.equal([
      'Epoch 3/3',
      `${done} - loss: 0.2506 - acc: 0.7000 - val_loss: 0.3000 - val_acc: 0.6500`,
    ]);
    const html = final['text/html'] as string;
    expect(html).to.include('<b>Epoch 3/3</b>');
    expect(html).to.include('<progress value="100" max="100"');
    expect(html).to.include('</progress> 100/100 · 1s 10ms/step</div>');
    expect(html).to.include('<th style="text-align:right">val_acc</th>');
    expect(html.match(/<tr><td/g)).to.have.length(3); // one row per finished epoch
  });

  it('shows the running epoch with its ETA while training', () => {
    const { sink, clock, progress } = setup(params());
    progress.epochBegin(0);
    clock.now += 10;
    progress.batchEnd(0, { loss: 0.7 });
    clock.now += 300;
    progress.batchEnd(1, { loss: 0.6 });
    const last = sink.to(progress.displayIds.progress).at(-1)?.bundle;
    expect(last?.['text/plain']).to.equal('Epoch 1/3\n  2/100 [..............................] - ETA: 15s - loss: 0.6000');
    expect(last?.['text/html']).to.include('<progress value="2" max="100"');
    expect(last?.['text/html']).to.include('</progress> 2/100 · 155ms/step, ETA: 15s</div>');
  });

  it('throttles: a frozen clock sends the first state and the last only', async () => {
    const { sink, clock, progress } = setup(params({ epochs: 2, steps: 500 }));
    train(progress, clock, 2, 500, 0);
    await progress.settled();
    const shown = sink.to(progress.displayIds.progress);
    expect(shown.map((c) => c.kind)).to.deep.equal(['display', 'update']);
    expect(shown[0].bundle['text/plain']).to.equal('Epoch 1/2\n  0/500 [..............................] - ETA: 0s');
    expect(shown[1].bundle['text/plain']).to.match(/\nEpoch 2\/2\n500\/500 \[={30}\] - 0s 0s\/step - loss: /);
  });

  it('charts loss and metrics per epoch, training and validation as separate series', async () => {
    const { sink, clock, progress } = setup(params(), { chartIntervalMs: 0 });
    train(progress, clock, 3, 10, 10);
    await progress.settled();
    const charts = sink.to(progress.displayIds.chart);
    // Epochs 2 and 3 end while epoch 1's chart renders: they fold into one more rendering.
    expect(charts.map((c) => c.kind)).to.deep.equal(['display', 'update']);
    const final = charts[1].bundle;
    expect(Object.keys(final).sort()).to.deep.equal([VEGALITE_MIME, 'image/png', 'text/plain'].sort());
    const spec = final[VEGALITE_MIME] as { data: { values: { series: string; epoch: number }[] } };
    const series = new Set(spec.data.values.map((v) => v.series));
    expect([...series].sort()).to.deep.equal(['acc', 'loss', 'val_acc', 'val_loss']);
    expect(Math.max(...spec.data.values.map((v) => v.epoch))).to.equal(3);
    expect(final['text/plain']).to.match(/^epoch +loss +val_loss +acc +val_acc\n +1 /);
  });

  it('renders the chart at each epoch end when epochs are slower than a rendering', async () => {
    const { sink, clock, progress } = setup(params(), { chartIntervalMs: 0 });
    for (let e = 0; e < 3; e++) {
      progress.epochBegin(e);
      clock.now += 1000;
      progress.batchEnd(99, { loss: 1 });
      progress.epochEnd(e, { loss: 1, val_loss: 1 });
      await progress.settled();
    }
    progress.trainEnd();
    await progress.settled();
    const points = (c: Call) => (c.bundle[VEGALITE_MIME] as { data: { values: unknown[] } }).data.values.length;
    const epochsCharted = sink.to(progress.displayIds.chart).map((c) => points(c) / 2); // loss and val_loss
    expect(epochsCharted).to.deep.equal([1, 2, 3]);
  });

  it('renders the chart at most once per interval, and always the last epoch', async () => {
    const { sink, clock, progress } = setup(params({ epochs: 10 }), { chartIntervalMs: 60_000 });
    train(progress, clock, 10, 5, 10);
    await progress.settled();
    const charts = sink.to(progress.displayIds.chart);
    expect(charts.map((c) => c.kind)).to.deep.equal(['display', 'update']);
    const spec = charts[1].bundle[VEGALITE_MIME] as { data: { values: { epoch: number }[] } };
    expect(Math.max(...spec.data.values.map((v) => v.epoch))).to.equal(10);
  });

  it('shows nothing at verbose 0', async () => {
    const { sink, clock, progress } = setup(params({ verbose: 0 }));
    train(progress, clock, 3, 10, 10);
    await progress.settled();
    expect(sink.calls).to.deep.equal([]);
  });

  it('prints one text output per epoch at verbose 2', async () => {
    const { sink, clock, progress } = setup(params({ verbose: 2 }));
    train(progress, clock, 3, 100, 10);
    await progress.settled();
    expect(sink.calls.map((c) => c.kind)).to.deep.equal(['display', 'display', 'display']);
    expect(new Set(sink.calls.map((c) => c.id)).size).to.equal(3);
    expect(sink.calls.map((c) => Object.keys(c.bundle))).to.deep.equal([['text/plain'], ['text/plain'], ['text/plain']]);
    expect(sink.calls[1].bundle['text/plain']).to.equal(
      'Epoch 2/3\n100/100 - 1s - loss: 0.3344 - acc: 0.6000 - val_loss: 0.4500 - val_acc: 0.5500 - 1s/epoch - 10ms/step',
    );
  });

  it('learns the epoch size from the first epoch when it is unknown', () => {
    const { sink, clock, progress } = setup(params({ steps: null, epochs: 2 }), { minIntervalMs: 0 });
    progress.epochBegin(0);
    for (let b = 0; b < 4; b++) {
      clock.now += 100;
      progress.batchEnd(b, { loss: 1 });
    }
    expect(sink.calls.at(-1)?.bundle['text/plain']).to.equal('Epoch 1/2\n      4/Unknown - 0s 100ms/step - loss: 1.0000');
    expect(sink.calls.at(-1)?.bundle['text/html']).to.include('<progress style=');
    progress.epochEnd(0, { loss: 1 });
    progress.epochBegin(1);
    clock.now += 100;
    progress.batchEnd(0, { loss: 1 });
    expect(sink.calls.filter((c) => c.id === progress.displayIds.progress).at(-1)?.bundle['text/plain']).to.match(
      /\nEpoch 2\/2\n1\/4 \[={6}>\.{23}\] - ETA: 0s - loss: 1\.0000$/,
    );
  });
});
