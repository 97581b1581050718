// The kernel as the tests drive it: the production client (src/client/kernel-client.ts) plus what only tests need:
// forged and raw frames, stdin, heartbeat, every iopub message, and `execute` that waits for a cell's output. One
// start function for all, and `useKernel()` for a kernel shared by one suite.
import { Request, type Socket } from 'zeromq';
import { freePorts, KernelClient, type StartOptions } from '../../src/client/kernel-client';
import { endpoint } from '../../src/protocol/connection';
import type { Header, JsonObject, Message } from '../../src/protocol/messages';
import { decode, encode, makeHeader } from '../../src/protocol/wire';

export type { StartOptions };

export interface ExecuteOutcome {
  reply: Message;
  iopub: Message[];
  /** iopub messages other than status and execute_input. */
  outputs: Message[];
}

export class TestKernelClient extends KernelClient {
  readonly hb = new Request();
  private readonly stdinHandlers: ((message: Message) => void)[] = [];

  static override async start(options: StartOptions = {}): Promise<TestKernelClient> {
    const client = (await super.start(options)) as TestKernelClient;
    client.hb.connect(endpoint(client.connection, 'hb'));
    void client.listenStdin();
    return client;
  }

  private async listenStdin(): Promise<void> {
    try {
      for await (const frames of this.stdin) {
        const decoded = decode(frames, this.signer, this.replays);
        if (decoded.ok) for (const handler of this.stdinHandlers) handler(decoded.message);
      }
    } catch {
      // socket closed
    }
  }

  onStdin(handler: (message: Message) => void): void {
    this.stdinHandlers.push(handler);
  }

  /** Frames for a request, signed with this client's key (tests forge or replay them). */
  frames(msgType: string, content: JsonObject, header: Header = makeHeader(msgType, this.session), parent: Header | Record<string, never> = {}): (Buffer | string)[] {
    return encode({ identities: [], header, parent_header: parent, metadata: {}, content }, this.signer);
  }

  /** Answers an input_request as JupyterLab does: the input_reply's parent header is the request's header. */
  answerInput(request: Message, value: string): Promise<void> {
    return this.sendRaw('stdin', this.frames('input_reply', { value }, makeHeader('input_reply', this.session), request.header));
  }

  async sendRaw(channel: 'shell' | 'control' | 'stdin', frames: (Buffer | string)[]): Promise<void> {
    await this[channel].send(frames);
  }

  /** Every iopub message received so far, grouped by request. */
  allIopub(): Message[] {
    return [...this.iopubByParent.values()].flat();
  }

  /** Runs a cell and waits for its reply and its `idle`. */
  async execute(code: string, options: Partial<JsonObject> = {}, timeoutMs = 60000): Promise<ExecuteOutcome> {
    const { header, reply } = this.sendRequest('shell', 'execute_request', {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
      ...options,
    });
    let timer: NodeJS.Timeout | undefined;
    const replyMessage = await Promise.race([
      reply,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no execute_reply for ${code}; stderr: ${this.stderr}`)), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer)); // a pending timer would keep the client's process alive for timeoutMs
    await this.waitIdle(header.msg_id, timeoutMs);
    const iopub = this.iopubFor(header.msg_id);
    const outputs = iopub.filter((m) => m.header.msg_type !== 'status' && m.header.msg_type !== 'execute_input');
    return { reply: replyMessage, iopub, outputs };
  }

  /** One heartbeat round trip, in ms. */
  async heartbeat(timeoutMs = 2000): Promise<number> {
    const started = Date.now();
    await this.hb.send('ping');
    const answer = await Promise.race([
      this.hb.receive(),
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
    ]);
    if (!answer) throw new Error('no heartbeat');
    return Date.now() - started;
  }

  protected override sockets(): Socket[] {
    return [...super.sockets(), this.hb];
  }
}

/** Concatenated stream text of one outcome. */
export function streamText(outcome: ExecuteOutcome, name: 'stdout' | 'stderr' = 'stdout'): string {
  return outcome.outputs
    .filter((m) => m.header.msg_type === 'stream' && m.content.name === name)
    .map((m) => m.content.text as string)
    .join('');
}

/** The text/plain of an outcome's execute_result, if any. */
export function resultText(outcome: ExecuteOutcome): string | undefined {
  const result = outcome.outputs.find((m) => m.header.msg_type === 'execute_result');
  return (result?.content.data as Record<string, string> | undefined)?.['text/plain'];
}

/** Starts a kernel for a test; the caller shuts it down. Every test kernel starts here. */
export function startKernel(options: StartOptions = {}): Promise<TestKernelClient> {
  return TestKernelClient.start(options);
}

/** Runs `fn` with a kernel of its own, shut down afterwards whatever happens. */
export async function withKernel<T>(options: StartOptions, fn: (kernel: TestKernelClient) => Promise<T>): Promise<T> {
  const kernel = await startKernel(options);
  try {
    return await fn(kernel);
  } finally {
    await kernel.shutdown();
  }
}

export interface SuiteKernelOptions extends StartOptions {
  /** A cell run once the kernel has started, which must succeed: the state the suite's tests share. */
  setup?: string;
}

/**
 * One kernel for the enclosing suite: started in a `before` hook and shut down in an `after` hook. Call it before the
 * suite's own hooks: its `before` then runs first, so they can use the kernel (and its `after` runs before theirs).
 * Returns a getter; `options` may be a function, evaluated when the hook runs.
 */
export function useKernel(options: SuiteKernelOptions | (() => SuiteKernelOptions) = {}): () => TestKernelClient {
  let kernel: TestKernelClient | undefined;
  before(async () => {
    const { setup, ...start } = typeof options === 'function' ? options() : options;
    kernel = await startKernel(start);
    if (setup === undefined) return;
    const reply = (await kernel.execute(setup)).reply.content;
    if (reply.status !== 'ok') throw new Error(`useKernel(): the setup cell failed: ${String(reply.ename)}: ${String(reply.evalue)}`);
  });
  after(async () => {
    await kernel?.shutdown();
    kernel = undefined;
  });
  return () => {
    if (!kernel) throw new Error('useKernel(): the kernel is not started (used outside a test or hook of its suite?)');
    return kernel;
  };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}
