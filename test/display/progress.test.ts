// A fit's live outputs: the epoch lines on stdout, the progress display and the history chart, with a fake clock.
import { expect } from 'chai';
import type { FitParams, Logs } from '../../src/keras/presenter';
import { VEGALITE_MIME } from '../../src/display/render/chart';
import { fitHeader, fitSummary } from '../../src/display/render/fit-text';
import type { MimeBundle } from '../../src/protocol/messages';
import { NotebookFitProgress, type DisplaySink } from '../../src/display/render/progress';

interface Call {
  kind: 'display' | 'update' | 'stream';
  id: string;
  bundle: MimeBundle;
  text: string;
}

class RecordingSink implements DisplaySink {
  readonly calls: Call[] = [];
  display(bundle: MimeBundle, id: string): void {
    this.calls.push({ kind: 'display', id, bundle, text: '' });
  }
  update(bundle: MimeBundle, id: string): void {
    this.calls.push({ kind: 'update', id, bundle, text: '' });
  }
  stream(text: string): void {
    this.calls.push({ kind: 'stream', id: '', bundle: {}, text });
  }
  to(id: string): Call[] {
    return this.calls.filter((c) => c.id === id);
  }
  /** Everything written to stdout, as one text. */
  get stdout(): string {
    return this.calls.filter((c) => c.kind === 'stream').map((c) => c.text).join('');
  }
}

function params(overrides: Partial<FitParams> = {}): FitParams {
  return {
    epochs: 3, initialEpoch: 0, steps: 100, samples: 3200, batchSize: 32,
    metrics: ['loss', 'acc'], verbose: 1, doValidation: true, ...overrides,
  };
}

type Clock = { now: number };

/** Drives `steps` batches of epoch `e`, the clock advancing `stepMs` per batch; returns the last batch's logs. */
function batches(progress: NotebookFitProgress, clock: Clock, e: number, steps: number, stepMs: number): Logs {
  let logs: Logs = {};
  for (let b = 0; b < steps; b++) {
    clock.now += stepMs;
    logs = { batch: b, size: 32, loss: 1 / (e + 1 + b / steps), acc: 0.5 + e / 10 };
    progress.batchEnd(b, logs);
  }
  return logs;
}

/** Drives a fit: `epochs` × `steps` batches, the clock advancing `stepMs` per batch. */
function train(progress: NotebookFitProgress, clock: Clock, epochs: number, steps: number, stepMs: number): void {
  for (let e = 0; e < epochs; e++) {
    progress.epochBegin(e);
    const logs = batches(progress, clock, e, steps, stepMs);
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
  const done = `100/100 [${'='.repeat(30)}] - 1s 10ms/step`;
  const keras3 = [
    'Epoch 1/3',
    `${done} - loss: 0.5025 - acc: 0.5000 - val_loss: 0.9000 - val_acc: 0.4500`,
    'Epoch 2/3',
    `${done} - loss: 0.3344 - acc: 0.6000 - val_loss: 0.4500 - val_acc: 0.5500`,
    'Epoch 3/3',
    `${done} - loss: 0.2506 - acc: 0.7000 - val_loss: 0.3000 - val_acc: 0.6500`,
    '',
  ].join('\n');

  it("prints each epoch's Keras lines on stdout, after both live outputs exist", async () => {
    const { sink, clock, progress } = setup(params(), { chartIntervalMs: 60_000 });
    train(progress, clock, 3, 100, 10);
    await progress.settled();
    expect(sink.stdout).to.equal(keras3);
    // The title as the epoch begins, the line as it ends: a console shows which epoch runs.
    const firstStreams = sink.calls.filter((c) => c.kind === 'stream').slice(0, 2).map((c) => c.text);
    expect(firstStreams).to.deep.equal(['Epoch 1/3\n', `${keras3.split('\n')[1]}\n`]);
    // Nothing new is displayed once the lines begin, so a notebook merges them into one stream output.
    const firstLine = sink.calls.findIndex((c) => c.kind === 'stream');
    expect(sink.calls.slice(0, firstLine).map((c) => `${c.kind} ${c.id}`)).to.deep.equal(['display id0', 'display id1']);
    expect(sink.calls.slice(firstLine).filter((c) => c.kind === 'display')).to.deep.equal([]);
  });

  it('first shows what the fit will do, which stays true for a client that ignores updates, and an empty chart', () => {
    const { sink, progress } = setup(params());
    progress.epochBegin(0);
    const [live, chart] = sink.calls;
    expect(live.bundle['text/plain']).to.equal('Training: 3 epochs, 100 steps each (3,200 samples, batch size 32)');
    // Keras draws no ETA before the first step has timed.
    expect(live.bundle['text/html']).to.include('<b>Epoch 1/3</b> <progress value="0" max="100"');
    expect(live.bundle['text/html']).to.include('</progress> 0/100</div>');
    expect(chart.bundle).to.deep.equal({ 'text/html': '' });
  });

  it('updates the live output in place at a bounded rate, showing only the epoch in flight', () => {
    const { sink, clock, progress } = setup(params());
    progress.epochBegin(0);
    const logs = batches(progress, clock, 0, 100, 10);
    progress.epochEnd(0, logs);
    progress.epochBegin(1);
    batches(progress, clock, 1, 50, 10);
    const shown = sink.to(progress.displayIds.progress);
    expect(shown.slice(1).every((c) => c.kind === 'update')).to.equal(true);
    // 4 a second at most over 1.5 s, plus the first.
    expect(shown.length).to.be.within(4, 1.5 * 4 + 1);
    const last = shown[shown.length - 1].bundle;
    expect(last['text/plain']).to.equal(`Epoch 2/3\n 50/100 [${'='.repeat(14)}>${'.'.repeat(15)}] - ETA: 0s - loss: 0.3356 - acc: 0.6000`);
    expect(last['text/html']).to.include('<b>Epoch 2/3</b> <progress value="50" max="100"');
    expect(last['text/html']).to.include('</progress> 50/100 · 10ms/step, ETA: 0s</div>');
    expect(last['text/html']).not.to.include('Epoch 1/3');
    expect(last['text/html']).not.to.include('<table');
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

  it('ends the live output as a short summary that repeats no epoch line', async () => {
    const { sink, clock, progress } = setup(params(), { chartIntervalMs: 60_000 });
    train(progress, clock, 3, 100, 10);
    await progress.settled();
    const final = sink.to(progress.displayIds.progress).at(-1);
    expect(final?.kind).to.equal('update');
    expect(final?.bundle).to.deep.equal({
      'text/plain': 'Trained 3 epochs in 3.0s',
      'text/html': '<div class="tsdl-fit"><progress value="3" max="3" style="width:20em;vertical-align:middle"></progress> Trained 3 epochs in 3.0s</div>',
    });
  });

  it('says where training stopped: part-way through an epoch, or after one', () => {
    const { sink, clock, progress } = setup(params({ epochs: 5 }));
    progress.epochBegin(0);
    clock.now += 480;
    progress.batchEnd(39, { loss: 0.5 });
    // An interrupt ends the epoch after its current batch.
    progress.epochEnd(0, { loss: 0.5 });
    progress.trainEnd();
    expect(sink.stdout).to.equal(`Epoch 1/5\n 40/100 [${'='.repeat(11)}>${'.'.repeat(18)}] - 0s 12ms/step - loss: 0.5000\n`);
    expect(sink.to(progress.displayIds.progress).at(-1)?.bundle['text/plain']).to.equal('Stopped in epoch 1/5 at step 40/100 (0.5s)');

    const state = (seen: number) => ({ seen, target: 100, elapsed: 1, logs: {}, done: true });
    const ended = [{ epoch: 0, state: state(100) }, { epoch: 1, state: state(100) }];
    expect(fitSummary(params({ epochs: 5 }), ended, 75)).to.equal('Stopped after epoch 2/5 (1:15)');
    expect(fitSummary(params({ epochs: 2 }), ended, 2.04)).to.equal('Trained 2 epochs in 2.0s');
    expect(fitSummary(params(), [], 0.2)).to.equal('Stopped before the first epoch ended (0.2s)');
  });

  it('describes the fit from its parameters alone', () => {
    expect(fitHeader(params({ epochs: 1, steps: 1, samples: 20, batchSize: 32 }))).to.equal('Training: 1 epoch, 1 step each (20 samples, batch size 32)');
    expect(fitHeader(params({ epochs: 10, initialEpoch: 4 }))).to.equal('Training: epochs 5–10 of 10, 100 steps each (3,200 samples, batch size 32)');
    expect(fitHeader(params({ steps: null, samples: null }))).to.equal('Training: 3 epochs');
  });

  it('throttles: a frozen clock sends the first state and the summary only, and every line', async () => {
    const { sink, clock, progress } = setup(params({ epochs: 2, steps: 500 }));
    train(progress, clock, 2, 500, 0);
    await progress.settled();
    const shown = sink.to(progress.displayIds.progress);
    expect(shown.map((c) => c.kind)).to.deep.equal(['display', 'update']);
    expect(shown[1].bundle['text/plain']).to.equal('Trained 2 epochs in 0.0s');
    expect(sink.stdout).to.match(/^Epoch 1\/2\n500\/500 \[={30}\] - 0s 0s\/step - loss: .*\nEpoch 2\/2\n500\/500 \[={30}\] - 0s 0s\/step - loss: .*\n$/);
  });

  it('charts loss and metrics per epoch, training and validation as separate series', async () => {
    const { sink, clock, progress } = setup(params(), { chartIntervalMs: 0 });
    train(progress, clock, 3, 10, 10);
    await progress.settled();
    const charts = sink.to(progress.displayIds.chart);
    // The empty chart; then epochs 2 and 3 end while epoch 1's chart renders: they fold into one more rendering.
    expect(charts.map((c) => c.kind)).to.deep.equal(['display', 'update', 'update']);
    const final = charts[2].bundle;
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
    const epochsCharted = sink.to(progress.displayIds.chart).slice(1).map((c) => points(c) / 2); // loss and val_loss
    expect(epochsCharted).to.deep.equal([1, 2, 3]);
  });

  it('renders the chart at most once per interval, and always the last epoch', async () => {
    const { sink, clock, progress } = setup(params({ epochs: 10 }), { chartIntervalMs: 60_000 });
    train(progress, clock, 10, 5, 10);
    await progress.settled();
    const charts = sink.to(progress.displayIds.chart);
    expect(charts.map((c) => c.kind)).to.deep.equal(['display', 'update', 'update']);
    const spec = charts[2].bundle[VEGALITE_MIME] as { data: { values: { epoch: number }[] } };
    expect(Math.max(...spec.data.values.map((v) => v.epoch))).to.equal(10);
  });

  it('shows nothing at verbose 0', async () => {
    const { sink, clock, progress } = setup(params({ verbose: 0 }));
    train(progress, clock, 3, 10, 10);
    await progress.settled();
    expect(sink.calls).to.deep.equal([]);
  });

  it("prints Keras's one line per epoch on stdout at verbose 2, and displays nothing", async () => {
    const { sink, clock, progress } = setup(params({ verbose: 2 }));
    train(progress, clock, 3, 100, 10);
    await progress.settled();
    expect(sink.calls.filter((c) => c.kind !== 'stream')).to.deep.equal([]);
    expect(sink.stdout.split('\n').slice(2, 4)).to.deep.equal([
      'Epoch 2/3',
      '100/100 - 1s - loss: 0.3344 - acc: 0.6000 - val_loss: 0.4500 - val_acc: 0.5500 - 1s/epoch - 10ms/step',
    ]);
    expect(sink.stdout.match(/^Epoch \d\/3$/gm)).to.have.length(3);
  });

  it('learns the epoch size from the first epoch when it is unknown', () => {
    const { sink, clock, progress } = setup(params({ steps: null, epochs: 2 }), { minIntervalMs: 0 });
    const live = () => sink.to(progress.displayIds.progress).at(-1)?.bundle;
    progress.epochBegin(0);
    for (let b = 0; b < 4; b++) {
      clock.now += 100;
      progress.batchEnd(b, { loss: 1 });
    }
    expect(live()?.['text/plain']).to.equal('Epoch 1/2\n      4/Unknown - 0s 100ms/step - loss: 1.0000');
    expect(live()?.['text/html']).to.include('<progress style=');
    progress.epochEnd(0, { loss: 1 });
    progress.epochBegin(1);
    clock.now += 100;
    progress.batchEnd(0, { loss: 1 });
    expect(live()?.['text/plain']).to.equal(`Epoch 2/2\n1/4 [=======${'.'.repeat(23)}] - ETA: 0s - loss: 1.0000`.replace('=======', '======>'));
    expect(sink.stdout).to.equal('Epoch 1/2\n4/4 [==============================] - 0s 100ms/step - loss: 1.0000\nEpoch 2/2\n');
  });
});
