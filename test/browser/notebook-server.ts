// Debian's classic Jupyter Notebook (6.4) for browser tests: served on 127.0.0.1 on a free port with a random token,
// no browser of its own, a temporary notebook folder, and this checkout's kernelspec (see jupyter-env).
import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { freePort } from '../../src/client/kernel-client';
import { jupyterEnv } from '../helpers/jupyter-env';

export class NotebookServer {
  private constructor(
    private readonly process: ChildProcess,
    readonly base: string,
    readonly token: string,
    private readonly log: () => string,
  ) {}

  static async start(notebookDir: string, timeoutMs = 30000): Promise<NotebookServer> {
    const port = await freePort();
    const token = randomBytes(24).toString('hex');
    const child = spawn(
      'jupyter',
      ['notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
        `--NotebookApp.token=${token}`, `--notebook-dir=${notebookDir}`,
        // Containers and CI often run tests as root, which Notebook refuses without this.
        ...(process.getuid?.() === 0 ? ['--allow-root'] : [])],
      { env: jupyterEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const server = new NotebookServer(child, `http://127.0.0.1:${port}`, token, () => log);
    await server.waitReady(timeoutMs);
    return server;
  }

  url(path: string): string {
    return `${this.base}${path}?token=${this.token}`;
  }

  get output(): string {
    return this.log();
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`jupyter notebook exited: ${this.log()}`);
      const ok = await fetch(this.url('/api/status')).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`jupyter notebook did not answer in ${timeoutMs} ms: ${this.log()}`);
  }

  /** Shuts the kernels down through the API (so none outlives the server), then stops the server. */
  async stop(): Promise<void> {
    const kernels = await fetch(this.url('/api/kernels')).then((r) => r.json() as Promise<{ id: string }[]>, () => []);
    await Promise.all(kernels.map((k) => fetch(this.url(`/api/kernels/${k.id}`), { method: 'DELETE' }).catch(() => null)));
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
