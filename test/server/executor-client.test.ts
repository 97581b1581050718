// The executor client over a stand-in worker: replies reach the request that asked, and a worker that dies answers
// every request still waiting with an error reply of that request's own type.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ExecutorClient } from '../../src/server/executor-client';

// Answers complete_request, never answers execute_request, and exits on an is_complete_request.
const WORKER = `
const { parentPort } = require('worker_threads');
parentPort.on('message', (message) => {
  if (message.type === 'complete_request') {
    parentPort.postMessage({ type: 'reply', id: message.id, content: { status: 'ok', matches: ['a'], cursor_start: 0, cursor_end: 0, metadata: {} } });
  } else if (message.type === 'is_complete_request') {
    process.exit(3);
  }
});
`;

describe('server/executor-client', function () {
  this.timeout(20000);
  let dir: string;
  let client: ExecutorClient;
  let restarts: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsdl-executor-client-'));
    const workerFile = join(dir, 'worker.js');
    writeFileSync(workerFile, WORKER);
    restarts = [];
    client = new ExecutorClient(
      { output: () => undefined, inputRequest: () => undefined, backend: () => undefined, restarted: (reason) => restarts.push(reason) },
      { workerFile },
    );
  });
  afterEach(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a request with its reply', async () => {
    const reply = await client.ask({ type: 'complete_request', id: 'c1', content: { code: '', cursor_pos: 0 } });
    expect(reply).to.deep.equal({ status: 'ok', matches: ['a'], cursor_start: 0, cursor_end: 0, metadata: {} });
  });

  it('answers each request pending when the worker dies with an error of its own reply type', async () => {
    const cell = client.ask({
      type: 'execute_request',
      id: 'e1',
      execution_count: 5,
      content: { code: 'spin()', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true },
    });
    const check = client.ask({ type: 'is_complete_request', id: 'i1', content: { code: 'x' } });
    const reason = 'the executor exited with code 3';
    const traceback = [`KernelRestarted: ${reason}`];
    expect(await check).to.deep.equal({ status: 'error', ename: 'KernelRestarted', evalue: reason, traceback });
    expect(await cell).to.deep.equal({ status: 'error', execution_count: 5, ename: 'KernelRestarted', evalue: reason, traceback });
    expect(restarts).to.deep.equal([reason]);
    // The replacement worker answers as the first did.
    const reply = await client.ask({ type: 'complete_request', id: 'c2', content: { code: '', cursor_pos: 0 } });
    expect(reply).to.deep.include({ status: 'ok' });
  });
});
