// How an interrupt decides between waiting and terminating, over a stand-in worker that plays a fit: a batch (the
// executor's own work), then kernel code between batches that has not yet given the event loop a turn.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ExecutorHost } from '../../src/server/executor-host';
import { FromExecutor, SHARED, ToExecutor } from '../../src/shared/executor-protocol';

// `run` spins `ownWorkMs` inside own work, then `afterMs` outside it (forever when -1), without a turn of the event loop.
const WORKER = `
const { parentPort, workerData } = require('worker_threads');
const SHARED = ${JSON.stringify(SHARED)};
const shared = workerData.shared;
const spin = (ms) => { const end = Date.now() + ms; while (ms < 0 || Date.now() < end) {} };
parentPort.on('message', (message) => {
  if (message.type === 'run') {
    Atomics.store(shared, SHARED.executing, 1);
    Atomics.add(shared, SHARED.ownWork, 1);
    Atomics.add(shared, SHARED.ownWorkChanges, 1);
    parentPort.postMessage({ type: 'started' });
    spin(message.ownWorkMs);
    Atomics.sub(shared, SHARED.ownWork, 1);
    Atomics.add(shared, SHARED.ownWorkChanges, 1);
    spin(message.afterMs);
    parentPort.postMessage({ type: 'finished' });
  } else if (message.type === 'interrupt') {
    parentPort.postMessage({ type: 'interrupt_ack' });
  } else if (message.type === 'terminated') {
    Atomics.store(shared, SHARED.executing, 0);
    parentPort.postMessage({ type: 'recovered' });
  }
});
`;

describe('server/executor-host interrupts', function () {
  this.timeout(20000);
  let dir: string;
  let host: ExecutorHost;
  let seen: string[];
  let onMessage: (type: string) => void;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsdl-executor-host-'));
    const workerFile = join(dir, 'worker.js');
    writeFileSync(workerFile, WORKER);
    seen = [];
    onMessage = () => undefined;
    host = new ExecutorHost(
      {
        message: (message: FromExecutor) => {
          seen.push(message.type);
          onMessage(message.type);
        },
        exited: (reason) => seen.push(`exited: ${reason}`),
      },
      { workerFile },
    );
  });
  afterEach(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a run in the stand-in worker and interrupts it as soon as its own work has begun. */
  async function interruptRun(ownWorkMs: number, afterMs: number): Promise<string> {
    const started = new Promise<void>((resolve) => (onMessage = (type) => type === 'started' && resolve()));
    host.post({ type: 'run', ownWorkMs, afterMs } as unknown as ToExecutor);
    await started;
    return host.interrupt();
  }

  function messageOf(type: string): Promise<void> {
    if (seen.includes(type)) return Promise.resolve();
    return new Promise((resolve) => (onMessage = (t) => t === type && resolve()));
  }

  it('lets kernel code that follows a batch run on into the next window instead of terminating it', async () => {
    // The batch ends within the first window, and the code after it runs across that window's end.
    const outcome = await interruptRun(150, 200);
    expect(outcome).to.equal('cooperative');
    expect(seen).to.include('finished');
    expect(seen).to.not.include('recovered');
  });

  it('waits for a batch that lasts several windows', async () => {
    const outcome = await interruptRun(900, 0);
    expect(outcome).to.equal('cooperative');
    expect(seen).to.include('finished');
  });

  it('terminates code that spins once the batch is over, and the worker lives on', async () => {
    const outcome = await interruptRun(100, -1);
    expect(outcome).to.equal('terminated');
    await messageOf('recovered');
    expect(seen).to.not.include('finished');
    expect(seen.filter((type) => type.startsWith('exited'))).to.deep.equal([]);
  });
});
