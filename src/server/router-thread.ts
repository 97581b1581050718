// Router sockets (shell, control, stdin) on a thread of their own: the worker behind router.ts. It takes each
// message off its socket, drops what is over the limits (counting frames before reading any), hands the rest to the
// main thread one at a time per socket, and sends the frames the main thread gives it.
import { type MessagePort, parentPort, workerData } from 'worker_threads';
import { Router } from 'zeromq';
import { DropReport } from './drop-report';
import { FrameGarbage } from './frame-garbage';
import { overLimits } from './limits';
import { nextTurn } from './next-turn';
import type { CrossingFrame, FromRouterThread, RouterThreadData, ToRouterThread } from './router';
import { SendQueue } from './socket-queue';

/** How long pending replies (a shutdown_reply among them) may take to leave once the sockets are closing. */
const CLOSE_LINGER_MS = 1000;

const port: MessagePort = parentPort ?? ((): never => {
  throw new Error('router-thread runs as a worker thread');
})();
const { endpoints, limits } = workerData as RouterThreadData;
const post = (message: FromRouterThread): void => port.postMessage(message);
const log = (text: string): void => post({ type: 'log', text });
const garbage = new FrameGarbage();

/** zeromq.js sends only a Buffer (or a string) as bytes: a Uint8Array that crossed threads is wrapped, not copied. */
function asFrame(frame: CrossingFrame): Buffer | string {
  return typeof frame === 'string' ? frame : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
}

class ChannelSocket {
  readonly socket = new Router({ maxMessageSize: limits.maxBytes, receiveHighWaterMark: 1 });
  readonly queue: SendQueue;
  private readonly drops: DropReport;
  private taken: (() => void) | null = null;
  private closing = false;

  constructor(readonly channel: string) {
    this.queue = new SendQueue(this.socket, (error) => log(`${channel} send failed: ${error.message}`));
    this.drops = new DropReport(channel, log);
  }

  /** The main thread is done with the message handed over last. */
  next(): void {
    this.taken?.();
  }

  async serve(): Promise<void> {
    try {
      for (;;) {
        const frames = await this.socket.receive();
        const over = overLimits(frames, limits);
        if (over === null) {
          await new Promise<void>((resolve) => {
            this.taken = resolve;
            post({ type: 'message', channel: this.channel, frames });
          });
        } else {
          this.drops.drop(over);
          // The dropped frames are out of reach here, so a collection frees them.
          garbage.dropped(frames.length);
        }
        // Taking a message apart may hold this thread a while (a flood of huge ones): the other sockets go next.
        await nextTurn();
      }
    } catch (error) {
      if (!this.closing) log(`${this.channel} socket stopped: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.socket.linger = CLOSE_LINGER_MS;
    await Promise.race([this.queue.flushed(), new Promise((resolve) => setTimeout(resolve, CLOSE_LINGER_MS))]);
    this.socket.close();
  }
}

async function serve(): Promise<void> {
  const sockets = new Map(Object.keys(endpoints).map((channel) => [channel, new ChannelSocket(channel)]));
  let closing = false;
  port.on('message', (message: ToRouterThread) => {
    if (message.type === 'send') void sockets.get(message.channel)?.queue.send(message.frames.map(asFrame));
    else if (message.type === 'next') sockets.get(message.channel)?.next();
    else if (!closing) {
      closing = true;
      void Promise.all([...sockets.values()].map((socket) => socket.close())).then(() => port.close());
    }
  });
  try {
    await Promise.all([...sockets.values()].map((socket) => socket.socket.bind(endpoints[socket.channel])));
  } catch (error) {
    post({ type: 'failed', error: (error as Error).message });
    for (const socket of sockets.values()) socket.socket.close();
    port.close();
    return;
  }
  post({ type: 'bound' });
  for (const socket of sockets.values()) void socket.serve();
}

void serve();
