// A small Jupyter client over real ZeroMQ: starts the kernel from a connection file, sends signed requests, and
// collects iopub output per request until `idle`. `tsdl run` executes notebooks with it; the tests drive a subclass
// of it with the test-only parts (test/helpers/kernel.ts).
import { ChildProcess, spawn } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { Dealer, type Socket, Subscriber } from 'zeromq';
import type { ConnectionInfo } from '../protocol/connection';
import { endpoint } from '../protocol/connection';
import type { Header, JsonObject, Message } from '../protocol/messages';
import { ReplayGuard } from '../protocol/replay-guard';
import { Signer } from '../protocol/signing';
import { decode, encode, makeHeader } from '../protocol/wire';
import { packageRoot } from '../shared/package-root';

/**
 * `count` distinct free ports. Every listener stays open until all ports are chosen: closed one by one, the system
 * may hand the same port out twice, and two channels on one port make the kernel fail to bind.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    return await Promise.all(
      servers.map(
        (server) =>
          new Promise<number>((resolve, reject) => {
            server.once('error', reject);
            server.listen(0, '127.0.0.1', () => {
              const address = server.address();
              if (typeof address === 'object' && address) resolve(address.port);
              else reject(new Error('no port'));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

export async function makeConnection(overrides: Partial<ConnectionInfo> = {}): Promise<ConnectionInfo> {
  const [shell, control, stdin, iopub, hb] = await freePorts(5);
  return {
    transport: 'tcp',
    ip: '127.0.0.1',
    key: randomBytes(16).toString('hex'),
    signature_scheme: 'hmac-sha256',
    shell_port: shell,
    control_port: control,
    stdin_port: stdin,
    iopub_port: iopub,
    hb_port: hb,
    ...overrides,
  };
}

type Waiter = { resolve(message: Message): void };

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  connection?: Partial<ConnectionInfo>;
  /** The connection file's mode: private (0600, as Jupyter writes it) unless a test needs it otherwise. */
  fileMode?: number;
}

export class KernelClient {
  readonly session = randomUUID();
  readonly signer: Signer;
  // Kernels send input_request on stdin to the routing identity of the shell request, as jupyter_client's
  // Session does: shell and stdin share one identity.
  readonly shell = new Dealer({ routingId: this.session });
  readonly control = new Dealer();
  readonly stdin = new Dealer({ routingId: this.session });
  readonly iopub = new Subscriber();
  stderr = '';
  /** One guard for every channel: a message replayed on another channel is still a replay. */
  protected readonly replays = new ReplayGuard();
  private readonly replyWaiters = new Map<string, Waiter>();
  protected readonly iopubByParent = new Map<string, Message[]>();
  private readonly idleWaiters = new Map<string, () => void>();
  exited: Promise<number | null>;

  protected constructor(
    readonly connection: ConnectionInfo,
    readonly process: ChildProcess,
    /** The private folder of the connection file, removed at shutdown. */
    private readonly connectionDir: string,
  ) {
    this.signer = new Signer(connection.key, connection.signature_scheme);
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** Starts a kernel and connects to it; called on a subclass, makes an instance of that subclass. */
  static async start(options: StartOptions = {}): Promise<KernelClient> {
    const connection = await makeConnection(options.connection);
    // Private, as Jupyter writes it: its key lets whoever reads it run code.
    const dir = mkdtempSync(join(tmpdir(), 'tsdl-kernel-'));
    const file = join(dir, 'connection.json');
    writeFileSync(file, JSON.stringify(connection), { mode: 0o600 });
    if (options.fileMode !== undefined) chmodSync(file, options.fileMode);
    // A session of its own, as jupyter_client starts kernels: the kernel and its helpers form one process group,
    // which interrupt() signals, and a Ctrl-C in this terminal reaches this client, not the kernel.
    const child = spawn(process.execPath, [join(packageRoot(), 'kernel', 'tsdl-kernel.js'), file], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const client = new this(connection, child, dir);
    try {
      await client.connect();
    } catch (error) {
      await client.shutdown();
      throw error;
    }
    return client;
  }

  private async connect(): Promise<void> {
    const c = this.connection;
    this.shell.connect(endpoint(c, 'shell'));
    this.control.connect(endpoint(c, 'control'));
    this.stdin.connect(endpoint(c, 'stdin'));
    this.iopub.connect(endpoint(c, 'iopub'));
    this.iopub.subscribe();
    void this.listen(this.shell);
    void this.listen(this.control);
    void this.listenIopub();
    // Wait until the kernel answers and iopub is subscribed (a kernel_info round trip, then an iopub status).
    const deadline = Date.now() + 20000;
    for (;;) {
      const reply = await Promise.race([
        this.request('shell', 'kernel_info_request', {}),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000)),
      ]);
      if (reply) {
        const id = (reply.parent_header as Header).msg_id;
        if (await this.waitIdle(id, 1000).then(() => true, () => false)) return;
      }
      if (Date.now() > deadline) throw new Error(`kernel did not start: ${this.stderr}`);
    }
  }

  private async listen(socket: Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const decoded = decode(frames, this.signer, this.replays);
        if (!decoded.ok) continue;
        const parent = decoded.message.parent_header as Header;
        const waiter = this.replyWaiters.get(parent.msg_id);
        this.replyWaiters.delete(parent.msg_id);
        waiter?.resolve(decoded.message);
      }
    } catch {
      // socket closed
    }
  }

  private async listenIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const decoded = decode(frames, this.signer, this.replays);
        if (!decoded.ok) continue;
        const message = decoded.message;
        const parentId = (message.parent_header as Header).msg_id ?? '';
        const list = this.iopubByParent.get(parentId) ?? [];
        list.push(message);
        this.iopubByParent.set(parentId, list);
        if (message.header.msg_type === 'status' && message.content.execution_state === 'idle') {
          this.idleWaiters.get(parentId)?.();
        }
      }
    } catch {
      // socket closed
    }
  }

  /** A request's frames, signed with this client's key. */
  private signed(content: JsonObject, header: Header): (Buffer | string)[] {
    return encode({ identities: [], header, parent_header: {}, metadata: {}, content }, this.signer);
  }

  request(channel: 'shell' | 'control', msgType: string, content: JsonObject, timeoutMs = 30000): Promise<Message> {
    const header = makeHeader(msgType, this.session);
    const reply = new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${msgType} reply in ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.replyWaiters.set(header.msg_id, {
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
    void this[channel].send(this.signed(content, header));
    return reply;
  }

  /** Sends a request and returns its header at once; `waitIdle` and `iopubFor` then collect its output. */
  sendRequest(channel: 'shell' | 'control', msgType: string, content: JsonObject): { header: Header; reply: Promise<Message> } {
    const header = makeHeader(msgType, this.session);
    const reply = new Promise<Message>((resolve) => this.replyWaiters.set(header.msg_id, { resolve }));
    void this[channel].send(this.signed(content, header));
    return { header, reply };
  }

  waitIdle(parentId: string, timeoutMs = 30000): Promise<void> {
    const seen = this.iopubByParent.get(parentId) ?? [];
    if (seen.some((m) => m.header.msg_type === 'status' && m.content.execution_state === 'idle')) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no idle for ${parentId} in ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.idleWaiters.set(parentId, () => {
        clearTimeout(timer);
        this.idleWaiters.delete(parentId);
        resolve();
      });
    });
  }

  iopubFor(parentId: string): Message[] {
    return this.iopubByParent.get(parentId) ?? [];
  }

  /** Interrupts as jupyter_client's KernelManager.interrupt_kernel() does: SIGINT to the kernel's process group. */
  interrupt(): void {
    if (this.process.pid !== undefined && this.process.exitCode === null) process.kill(-this.process.pid, 'SIGINT');
  }

  async shutdown(): Promise<void> {
    // A kernel killed by a signal has exitCode null too: it cannot answer a shutdown_request.
    if (this.process.exitCode === null && this.process.signalCode === null) {
      await Promise.race([this.request('control', 'shutdown_request', { restart: false }, 5000).catch(() => null), this.exited]);
      const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
      await this.exited;
      clearTimeout(timer);
    }
    // Messages still queued for a dead kernel are dropped: with zeromq's default linger, closing would wait for them
    // forever and keep this process from exiting.
    for (const socket of this.sockets()) {
      socket.linger = 0;
      socket.close();
    }
    rmSync(this.connectionDir, { recursive: true, force: true });
  }

  /** The sockets shutdown closes. */
  protected sockets(): Socket[] {
    return [this.shell, this.control, this.stdin, this.iopub];
  }
}
