// Connection files and the kernel's life: an empty or missing key means no signing (and a warning), the kernel
// listens only where the connection file says, eight shutdown-and-restart cycles on one connection file work, and
// shutdown leaves no process or listening socket behind.
import { expect } from 'chai';
import { spawn } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Dealer } from 'zeromq';
import { makeConnection } from '../../src/client/kernel-client';
import { endpoint, type ConnectionInfo } from '../../src/protocol/connection';
import { Signer } from '../../src/protocol/signing';
import { decode, encode, makeHeader } from '../../src/protocol/wire';
import { ReplayGuard } from '../../src/protocol/replay-guard';
import { packageRoot } from '../../src/shared/package-root';
import { alive, descendants, eventually, listeningSockets } from './helpers';
import { resultText, startKernel, withKernel } from '../helpers/kernel';

const PORTS = ['shell_port', 'control_port', 'stdin_port', 'iopub_port', 'hb_port'] as const;
const portsOf = (connection: ConnectionInfo): number[] => PORTS.map((name) => connection[name]).sort((a, b) => a - b);

describe('reliability: connection files, binding, restarts and shutdown', function () {
  this.timeout(120000);
  const env = { TSDL_HISTORY_DIR: mkdtempSync(join(tmpdir(), 'tsdl-lifecycle-')) };

  it('runs unsigned with an empty key, and warns on stderr', async () => {
    await withKernel({ env, connection: { key: '' } }, async (kernel) => {
      const outcome = await kernel.execute('1 + 1');
      expect(resultText(outcome)).to.equal('2');
      expect(outcome.reply.content.status).to.equal('ok');
      expect(kernel.stderr).to.match(/warning: .*empty key.*not signed/);
    });
  });

  it('runs unsigned when the connection file has no key at all, and warns on stderr', async () => {
    const { key: _unused, ...withoutKey } = await makeConnection();
    const dir = mkdtempSync(join(tmpdir(), 'tsdl-nokey-'));
    writeFileSync(join(dir, 'connection.json'), JSON.stringify(withoutKey));
    const child = spawn(process.execPath, [join(packageRoot(), 'kernel', 'tsdl-kernel.js'), join(dir, 'connection.json')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const shell = new Dealer({ receiveTimeout: 1000 });
    shell.connect(endpoint({ ...withoutKey, key: '' }, 'shell'));
    const unsigned = new Signer('');
    try {
      let reply: Awaited<ReturnType<typeof decode>> | null = null;
      for (let attempt = 0; attempt < 20 && !reply?.ok; attempt++) {
        const header = makeHeader('kernel_info_request', 'nokey');
        await shell.send(encode({ identities: [], header, parent_header: {}, metadata: {}, content: {} }, unsigned));
        reply = await shell.receive().then((frames) => decode(frames, unsigned, new ReplayGuard()), () => null);
      }
      expect(reply?.ok).to.equal(true);
      if (reply?.ok) {
        expect(reply.message.header.msg_type).to.equal('kernel_info_reply');
        expect(reply.message.content.implementation).to.equal('tsdl');
      }
      expect(stderr).to.match(/warning: .*empty key/);
    } finally {
      shell.close();
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('listens on exactly the five ports of the connection file, on its ip only', async () => {
    for (const ip of ['127.0.0.1', '127.0.0.2']) {
      await withKernel({ env, connection: { ip } }, async (kernel) => {
        // Heartbeat binds on its own thread, which may come up just after the kernel has answered.
        await eventually(() => listeningSockets(kernel.process.pid).length >= 5, 5000);
        const listeners = listeningSockets(kernel.process.pid);
        expect(listeners.map((l) => l.port).sort((a, b) => a - b), ip).to.deep.equal(portsOf(kernel.connection));
        expect(new Set(listeners.map((l) => l.ip)), ip).to.deep.equal(new Set([ip]));
      });
    }
  });

  it('restarts eight times in a row on the same connection file, as jupyter_client does', async () => {
    const connection = await makeConnection();
    for (let round = 1; round <= 8; round++) {
      await withKernel({ env, connection }, async (kernel) => {
        expect(resultText(await kernel.execute(`typeof previous === 'undefined' ? ${round} : -1`))).to.equal(String(round));
        await kernel.execute('const previous = 1');
        const reply = await kernel.request('control', 'shutdown_request', { restart: true }, 10000);
        expect(reply.content).to.deep.equal({ status: 'ok', restart: true });
        expect(await kernel.exited, `exit code in round ${round}`).to.equal(0);
      });
    }
    expect(listeningSockets().filter((l) => portsOf(connection).includes(l.port))).to.deep.equal([]);
  });

  it('leaves no child process and no listening socket behind after shutdown', async () => {
    const kernel = await startKernel({ env });
    // Make the kernel start whatever helpers it uses (esbuild's service, TensorFlow.js).
    await kernel.execute('const t = tf.ones([2, 2]); await t.data(); interface P { x: number }; const p: P = { x: 1 }; p.x');
    const pid = kernel.process.pid as number;
    const children = descendants(pid);
    expect(children, "esbuild's service process").not.to.be.empty;
    expect(listeningSockets(pid)).to.have.length(5);
    await kernel.shutdown();
    expect(kernel.process.exitCode).to.equal(0);
    expect(await eventually(() => children.every((child) => !alive(child)), 5000), `children still alive: ${children.filter(alive)}`).to.equal(true);
    expect(listeningSockets().filter((l) => portsOf(kernel.connection).includes(l.port))).to.deep.equal([]);
  });
});
