// Replayed messages: a captured, correctly signed request must not run again, however many messages came after it,
// nor in a kernel restarted on the same connection file; and the messages real clients send (jupyter_client 7 and 8,
// dated their way) are never taken for replays.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Message } from '../../src/protocol/messages';
import { jupyterEnv } from '../helpers/jupyter-env';
import { JUPYTER_CLIENTS } from '../helpers/jupyter-venv';
import { eventually, expectAnswering } from './helpers';
import { QUIETLY, expectNoReplayAcrossRestart } from './restart-replay';
import { resultText, withKernel } from '../helpers/kernel';

describe('reliability: replayed messages', function () {
  this.timeout(120000);

  it('refuses a replay sent after 65,536 other messages, which pushed its signature out of memory', async () => {
    await withKernel({}, async (kernel) => {
      await kernel.execute('globalThis.hits = 0; const before = 41');
      const captured = kernel.frames('execute_request', { code: 'hits += 1', ...QUIETLY });
      await kernel.sendRaw('shell', captured);
      expect(resultText(await kernel.execute('hits'))).to.equal('1');
      // The others go to stdin, which reads and ignores what is not an input_reply, while a cell waits for input:
      // its answer, sent last on the same connection, arrives after all of them.
      let prompt: Message | null = null;
      kernel.onStdin((message) => (prompt = message));
      const waiting = kernel.execute('await input("last")', { allow_stdin: true }, 120000);
      expect(await eventually(() => prompt !== null, 10000), 'input_request').to.equal(true);
      const started = Date.now();
      for (let i = 0; i < 65536; i++) await kernel.sendRaw('stdin', kernel.frames('filler', { i }));
      await kernel.answerInput(prompt as unknown as Message, 'done');
      expect(resultText(await waiting)).to.equal("'done'");
      console.log(`      65,536 signed messages taken in ${Date.now() - started} ms`);

      await kernel.sendRaw('shell', captured);
      await expectAnswering(kernel, 'before + hits', '42');
      expect(kernel.stderr).to.match(/dropped a message on shell: dated \S+, no later than a message of its session that is no longer remembered/);
    });
  });

  it('refuses a message captured before a restart on the same connection file', async () => {
    // A kernel takes as its own the messages dated after it started, less the clock skew allowed: one second here.
    await expectNoReplayAcrossRestart(1);
  });
});

for (const client of JUPYTER_CLIENTS) {
  describe(`reliability: every message from ${client.name} is taken, across a restart`, function () {
    this.timeout(240000);

    it('answers each request and drops none of them', () => {
      const kernelStderr = join(mkdtempSync(join(tmpdir(), 'tsdl-real-client-')), 'kernel.stderr');
      const run = spawnSync(client.python(), [join(__dirname, 'real_client_messages.py'), '--stderr', kernelStderr], {
        env: jupyterEnv(),
        encoding: 'utf8',
        timeout: 230000,
      });
      const output = `${run.stdout}${run.stderr}`;
      expect(run.stdout).to.match(client.version);
      const steps = run.stdout.split('\n').filter((line) => /^(ok|FAIL) /.test(line));
      expect(steps.filter((line) => line.startsWith('FAIL')), output).to.deep.equal([]);
      expect(steps, 'every step ran').to.have.length(10);
      expect(run.status, output).to.equal(0);
      expect(readFileSync(kernelStderr, 'utf8')).not.to.match(/dropped/);
    });
  });
}
