// A Jupyter server for browser tests: Debian's classic Notebook (6.4), or JupyterLab 4 or Notebook 7 from .venv/.
// Served on 127.0.0.1 on a free port with a random token, no browser of its own, a temporary notebook folder, and
// this checkout's kernelspec (see jupyter-env).
import { spawn, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { jupyterEnv } from '../helpers/jupyter-env';
import { jupyterVenvBin } from '../helpers/jupyter-venv';
import { freePort } from '../helpers/kernel';

export type Frontend = 'classic' | 'lab' | 'notebook7';

interface Launch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

function launch(frontend: Frontend, notebookDir: string, port: number, token: string): Launch {
  const env = jupyterEnv();
  const common = ['--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
    // Containers and CI often run tests as root, which Jupyter refuses without this.
    ...(process.getuid?.() === 0 ? ['--allow-root'] : [])];
  if (frontend === 'classic') {
    return { command: 'jupyter', args: ['notebook', ...common, `--NotebookApp.token=${token}`, `--notebook-dir=${notebookDir}`], env };
  }
  const bin = jupyterVenvBin();
  quietLabSettings(env);
  return {
    command: join(bin, 'jupyter'),
    args: [frontend === 'lab' ? 'lab' : 'notebook', ...common, `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${notebookDir}`,
      // Offline: no news feed and no update check (Lab's options; Notebook 7 has neither).
      ...(frontend === 'lab' ? ['--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'] : [])],
    env: { ...env, PATH: `${bin}:${env.PATH ?? ''}` },
  };
}

/** Answers "no" for the user to the "fetch Jupyter news?" question, which Lab and Notebook 7 ask in a toast. */
function quietLabSettings(env: NodeJS.ProcessEnv): void {
  const file = join(env.JUPYTER_CONFIG_DIR!, 'lab', 'user-settings', '@jupyterlab', 'apputils-extension', 'notification.jupyterlab-settings');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ fetchNews: 'false', checkForUpdates: false }));
}

export class NotebookServer {
  private constructor(
    private readonly process: ChildProcess,
    readonly base: string,
    readonly token: string,
    private readonly log: () => string,
  ) {}

  static async start(notebookDir: string, frontend: Frontend = 'classic', timeoutMs = 60000): Promise<NotebookServer> {
    const port = await freePort();
    const token = randomBytes(24).toString('hex');
    const { command, args, env } = launch(frontend, notebookDir, port, token);
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
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

  /** A REST call with the token; rejects on an HTTP error, with the server's answer. */
  async api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method: init.method ?? 'GET',
      headers: { Authorization: `token ${this.token}`, 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) throw new Error(`jupyter exited: ${this.log()}`);
      const ok = await fetch(this.url('/api/status')).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`jupyter did not answer in ${timeoutMs} ms: ${this.log()}`);
  }

  /** Shuts the kernels down through the API (so none outlives the server), then stops the server. */
  async stop(): Promise<void> {
    const kernels = await this.api<{ id: string }[]>('/api/kernels').catch(() => []);
    await Promise.all(kernels.map((k) => this.api(`/api/kernels/${k.id}`, { method: 'DELETE' }).catch(() => null)));
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
