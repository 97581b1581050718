// Clients on worker threads of the test process: probes timing the kernel's heartbeat and control answers, and a
// client without the key flooding a channel. On their own threads, their timings do not depend on this thread, which
// may be busy decoding a huge output or sending a million frames. They send only short binary frames: zeromq.js sends
// longer ones from memory that a worker thread frees when it ends.
import { join } from 'path';
import { Worker } from 'worker_threads';
import type { ConnectionInfo } from '../../src/protocol/connection';
import { endpoint } from '../../src/protocol/connection';

const ROOT = join(__dirname, '..', '..');

interface Job<T> {
  /** Resolves when the thread is under way (the probe has had its first answer, the flood is queued). */
  ready: Promise<void>;
  /** Asks the thread to stop; resolves with what it reports. */
  stop(): Promise<T>;
}

function startJob<T>(source: string, workerData: unknown): Job<T> {
  const worker = new Worker(source, { eval: true, workerData });
  let signalReady!: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  const result = new Promise<T>((resolve, reject) => {
    worker.on('message', (message: { ready?: true; result?: T }) => {
      if (message.ready) signalReady();
      else resolve(message.result as T);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`side thread exited with code ${code} before reporting`)));
  });
  result.catch(() => undefined); // reported to whoever stops the job
  return {
    // A thread that fails before it is ready fails the wait for it too.
    ready: Promise.race([ready, result.then(() => undefined)]),
    stop: () => {
      worker.postMessage('stop');
      return result;
    },
  };
}

export interface ProbeReport {
  answers: number;
  slowestMs: number;
}

/**
 * Asks every `everyMs` and times the answer: on 'hb' a ping as jupyter_client sends it (behind an empty frame, as a
 * REQ socket does), on 'control' a signed kernel_info_request. An answer missing for a minute fails the probe.
 */
export function probe(connection: ConnectionInfo, channel: 'hb' | 'control', everyMs = 20): Job<ProbeReport> {
  return startJob<ProbeReport>(
    `
    const { parentPort, workerData } = require('worker_threads');
    require(workerData.root + '/node_modules/esbuild-register/dist/node').register();
    const { Dealer } = require(workerData.root + '/node_modules/zeromq');
    const { Signer } = require(workerData.root + '/src/protocol/signing');
    const { encode, makeHeader } = require(workerData.root + '/src/protocol/wire');
    const signer = new Signer(workerData.key, workerData.scheme);
    const socket = new Dealer({ receiveTimeout: 60000, linger: 0 });
    socket.connect(workerData.endpoint);
    let stopping = false;
    parentPort.on('message', () => (stopping = true));
    async function ask() {
      if (workerData.channel === 'hb') {
        await socket.send(['', 'ping']);
        await socket.receive();
        return;
      }
      const header = makeHeader('kernel_info_request', 'control-probe');
      await socket.send(encode({ identities: [], header, parent_header: {}, metadata: {}, content: {} }, signer));
      for (;;) {
        const frames = await socket.receive();
        if (JSON.parse(String(frames[3])).msg_id === header.msg_id) return;
      }
    }
    (async () => {
      let answers = 0;
      let slowestMs = 0;
      while (!stopping) {
        const started = Date.now();
        await ask();
        slowestMs = Math.max(slowestMs, Date.now() - started);
        if (answers++ === 0) parentPort.postMessage({ ready: true });
        await new Promise((resolve) => setTimeout(resolve, workerData.everyMs));
      }
      socket.close();
      parentPort.postMessage({ result: { answers, slowestMs } });
      parentPort.close();
    })();
    `,
    { root: ROOT, endpoint: endpoint(connection, channel), channel, key: connection.key, scheme: connection.signature_scheme, everyMs },
  );
}

/** Sends `count` messages of `frames` empty frames, unsigned, and holds the connection until stopped. */
export function frameFlood(connection: ConnectionInfo, channel: 'shell' | 'control' | 'stdin', count: number, frames: number): Job<void> {
  return startJob<void>(
    `
    const { parentPort, workerData } = require('worker_threads');
    const { Dealer } = require(workerData.root + '/node_modules/zeromq');
    const socket = new Dealer({ linger: 0 });
    socket.connect(workerData.endpoint);
    const message = Array.from({ length: workerData.frames }, () => Buffer.alloc(0));
    parentPort.on('message', () => {
      socket.close();
      parentPort.postMessage({ result: undefined });
      parentPort.close();
    });
    (async () => {
      for (let i = 0; i < workerData.count; i++) await socket.send(message);
      parentPort.postMessage({ ready: true });
    })();
    `,
    { root: ROOT, endpoint: endpoint(connection, channel), count, frames },
  );
}

/** How many messages the kernel said it dropped on `channel`: one line per reason, then counts of those it did not name. */
export function droppedOn(stderr: string, channel: string): number {
  let count = 0;
  for (const _ of stderr.matchAll(new RegExp(`dropped a message on ${channel}:`, 'g'))) count += 1;
  for (const match of stderr.matchAll(new RegExp(`dropped (\\d+) more messages? on ${channel}:`, 'g'))) count += Number(match[1]);
  return count;
}
