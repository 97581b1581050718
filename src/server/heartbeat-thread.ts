// The heartbeat on a thread of its own (the worker behind heartbeat.ts): it echoes every ping straight back, whatever
// the main thread is doing (encoding a huge output, taking apart a message of a million frames), as ipykernel's
// heartbeat thread does.
import { type MessagePort, parentPort, workerData } from 'worker_threads';
import { Router } from 'zeromq';
import { DropReport } from './drop-report';
import { type InboundLimits, overLimits } from './limits';
import { SendQueue } from './socket-queue';

/**
 * The longest frame zeromq.js copies when sending it. A longer one is sent from the caller's memory, which a worker
 * thread frees when it ends even if ZeroMQ has not sent it yet (the process then aborts: "Bad address"), so ZeroMQ
 * refuses longer frames here. jupyter_client's ping is 4 bytes, behind a routing identity of a few.
 */
const COPIED_FRAME_BYTES = 128;
/** A ping: a few short frames. */
const PING_LIMITS: InboundLimits = { maxBytes: 1024, maxFrames: 16 };

const port: MessagePort = parentPort ?? ((): never => {
  throw new Error('heartbeat-thread runs as a worker thread');
})();
const { endpoint } = workerData as { endpoint: string };
const log = (text: string): void => port.postMessage({ type: 'log', text });

async function serve(): Promise<void> {
  const socket = new Router({ maxMessageSize: COPIED_FRAME_BYTES, receiveHighWaterMark: 1 });
  const queue = new SendQueue(socket, (error) => log(`heartbeat send failed: ${error.message}`));
  const drops = new DropReport('hb', log);
  let closing = false;
  port.on('message', () => {
    closing = true;
    // A client that went away must not keep this thread from ending with echoes it will never read.
    socket.linger = 0;
    socket.close();
    port.close();
  });
  try {
    await socket.bind(endpoint);
  } catch (error) {
    port.postMessage({ type: 'failed', error: (error as Error).message });
    socket.close();
    port.close();
    return;
  }
  port.postMessage({ type: 'bound' });
  try {
    for await (const frames of socket) {
      const problem = overLimits(frames, PING_LIMITS);
      if (problem === null) void queue.send(frames);
      else drops.drop(problem);
    }
  } catch (error) {
    if (!closing) log(`heartbeat stopped: ${(error as Error).message}`);
  }
}

void serve();
