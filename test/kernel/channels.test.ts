// stdin, comms, history, completion and inspection, restart and shutdown, through the real sockets.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Header } from '../../src/protocol/messages';
import { resultText, startKernel, streamText, useKernel, withKernel } from '../helpers/kernel';

describe('kernel: stdin', function () {
  this.timeout(60000);
  const kernel = useKernel();

  it('reads input() and input.password() through input_request on stdin', async () => {
    const prompts: { prompt: string; password: boolean }[] = [];
    kernel().onStdin((request) => {
      prompts.push({ prompt: request.content.prompt as string, password: request.content.password as boolean });
      const answer = request.content.password ? 'secret' : 'Ada';
      void kernel().answerInput(request, answer);
    });
    const outcome = await kernel().execute('const name = await input("Name? "); const pw = await input.password("Password: "); `${name}:${pw.length}`', { allow_stdin: true });
    expect(resultText(outcome)).to.equal("'Ada:6'");
    expect(prompts).to.deep.equal([{ prompt: 'Name? ', password: false }, { prompt: 'Password: ', password: true }]);
  });

  it('throws a clear error when the frontend does not allow stdin', async () => {
    const outcome = await kernel().execute('await input("x")', { allow_stdin: false });
    expect(outcome.reply.content.status).to.equal('error');
    expect(outcome.reply.content.evalue).to.match(/allow_stdin/);
  });
});

describe('kernel: comms', function () {
  this.timeout(60000);
  const kernel = useKernel();

  it('routes comm_open and comm_msg to a target that user code registered, and replies through the comm', async () => {
    await kernel().execute('comms.registerTarget("echo", (comm, open) => { comm.send({ opened: open.data }); comm.onMsg((data) => comm.send({ echo: data })); })');
    const open = kernel().frames('comm_open', { comm_id: 'c1', target_name: 'echo', data: { hello: 1 } });
    await kernel().sendRaw('shell', open);
    await kernel().sendRaw('shell', kernel().frames('comm_msg', { comm_id: 'c1', data: { n: 2 } }));
    const deadline = Date.now() + 5000;
    let messages: unknown[] = [];
    while (Date.now() < deadline) {
      messages = kernel().allIopub().filter((m) => m.header.msg_type === 'comm_msg').map((m) => m.content);
      if (messages.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(messages).to.deep.equal([{ comm_id: 'c1', data: { opened: { hello: 1 } } }, { comm_id: 'c1', data: { echo: { n: 2 } } }]);
    const info = await kernel().request('shell', 'comm_info_request', { target_name: 'echo' });
    expect(info.content.comms).to.deep.equal({ c1: { target_name: 'echo' } });
  });

  it('closes a comm opened for an unknown target', async () => {
    await kernel().sendRaw('shell', kernel().frames('comm_open', { comm_id: 'c2', target_name: 'missing', data: {} }));
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline && !kernel().allIopub().some((m) => m.header.msg_type === 'comm_close' && m.content.comm_id === 'c2')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(kernel().allIopub().some((m) => m.header.msg_type === 'comm_close' && m.content.comm_id === 'c2')).to.equal(true);
  });

  it('opens comms from the kernel side', async () => {
    const outcome = await kernel().execute('const mine = comms.open("from-kernel", { x: 1 }); mine.send({ y: 2 }); mine.commId');
    const open = outcome.outputs.find((m) => m.header.msg_type === 'comm_open');
    expect(open?.content).to.deep.include({ target_name: 'from-kernel', data: { x: 1 } });
    expect(resultText(outcome)).to.equal(`'${open?.content.comm_id}'`);
  });
});

describe('kernel: completion, inspection, is_complete', function () {
  this.timeout(60000);
  const kernel = useKernel({ setup: 'const model = { layers: [1], lossFn: () => 0, get danger() { throw new Error("getter called"); } };' });

  it('completes members of live objects along a dotted path without calling getters', async () => {
    const reply = await kernel().request('shell', 'complete_request', { code: 'model.la', cursor_pos: 8 });
    expect(reply.content.matches).to.include('layers');
    expect(reply.content.cursor_start).to.equal(6);
    expect(reply.content.cursor_end).to.equal(8);
    const all = await kernel().request('shell', 'complete_request', { code: 'model.', cursor_pos: 6 });
    expect(all.content.matches).to.include.members(['layers', 'lossFn', 'danger']);
    expect(resultText(await kernel().execute('1'))).to.equal('1');
  });

  it('completes the preloaded API even when asked before it has loaded', async () => {
    await withKernel({}, async (fresh) => {
      // The first request after start-up: the API is still loading; the reply waits for it instead of being empty.
      const reply = await fresh.request('shell', 'complete_request', { code: 'tf.ze', cursor_pos: 5 });
      expect(reply.content.matches).to.include.members(['zeros', 'zerosLike']);
    });
  });

  it('completes globals, including the preloaded API', async () => {
    const reply = await kernel().request('shell', 'complete_request', { code: 'disp', cursor_pos: 4 });
    expect(reply.content.matches).to.include('display');
    const tf = await kernel().request('shell', 'complete_request', { code: 'tf.random', cursor_pos: 9 });
    expect(tf.content.matches).to.include('randomNormal');
  });

  it("gives the preloaded API's members their kinds, as JupyterLab shows them in the popup", async () => {
    const kinds = async (code: string) => {
      const reply = await kernel().request('shell', 'complete_request', { code, cursor_pos: code.length });
      const types = (reply.content.metadata as { _jupyter_types_experimental: { text: string; type: string }[] })._jupyter_types_experimental;
      return Object.fromEntries(types.map((item) => [item.text, item.type]));
    };
    expect(await kinds('tf.ze')).to.deep.equal({ zeros: 'function', zerosLike: 'function' });
    expect((await kinds('layers.De'))['Dense']).to.equal('function');
    expect((await kinds('tf.layers.de'))['dense']).to.equal('function');
    expect((await kinds('tf.ver'))['version']).to.equal('instance');
    // TensorFlow.js's kernel-name constants (tf.Abs === 'Abs') after its functions, Object's members last.
    const all = (await kernel().request('shell', 'complete_request', { code: 'tf.', cursor_pos: 3 })).content.matches as string[];
    expect(all.indexOf('Abs')).to.be.greaterThan(all.indexOf('zeros'));
    expect(all.at(-1)).to.equal('valueOf');
    // A user's own getter stays unread.
    expect((await kinds('model.dan'))['danger']).to.equal('property');
  });

  it('inspects a value', async () => {
    const reply = await kernel().request('shell', 'inspect_request', { code: 'model', cursor_pos: 5, detail_level: 0 });
    expect(reply.content.found).to.equal(true);
    expect((reply.content.data as Record<string, string>)['text/plain']).to.include('layers');
  });

  it("shows the preloaded API's documentation anywhere in a call, under the name it was reached by", async () => {
    const code = 'losses.ctcBatchCost(labels, { ';
    const reply = await kernel().request('shell', 'inspect_request', { code, cursor_pos: code.length, detail_level: 0 });
    expect(reply.content.found).to.equal(true);
    const text = (reply.content.data as Record<string, string>)['text/plain'];
    expect(text).to.match(/^Signature: +ctcBatchCost\(yTrue, yPred, inputLength, labelLength\)$/m);
    expect(text).to.match(/^Docstring: +Keras 2's `ctc_batch_cost/m);
    const dense = 'layers.Dense(32, { activa';
    const denseReply = await kernel().request('shell', 'inspect_request', { code: dense, cursor_pos: dense.length, detail_level: 0 });
    expect((denseReply.content.data as Record<string, string>)['text/plain']).to.match(/^Docstring: +Keras's `Dense`: a densely connected layer/m);
    const loader = await kernel().request('shell', 'inspect_request', { code: 'datasets.mnist.loadData', cursor_pos: 23, detail_level: 0 });
    expect((loader.content.data as Record<string, string>)['text/plain']).to.match(/^Signature: +loadData\(/m);
  });

  it("pages IPython-style `name?` and `name??` (source too), says when a name is not found, and runs nothing", async () => {
    await kernel().execute('/** Doubles `x`. */\nfunction twice(x: number) { return 2 * x; }\nconst t2 = tf.tensor1d([1, 2, 3]);');
    const page = async (code: string) => {
      const outcome = await kernel().execute(code);
      expect(outcome.reply.content.status).to.equal('ok');
      const payload = outcome.reply.content.payload as { source: string; data: Record<string, string> }[];
      expect(payload.map((p) => p.source)).to.deep.equal(['page']);
      return payload[0].data;
    };
    const brief = await page('twice?');
    expect(brief['text/plain']).to.match(/^Signature: +twice\(x\)\nDocstring: +Doubles `x`\.\nType: +function$/);
    expect(brief['text/markdown']).to.contain('Doubles `x`.');
    expect((await page('twice??'))['text/plain']).to.contain('Source:\nfunction twice(x)');
    expect((await page('?twice'))['text/plain']).to.contain('Doubles `x`.');
    expect((await page('t2?'))['text/plain']).to.match(/^shape: +\[3\]$/m);
    const dense = (await page('layers.Dense?'))['text/plain'];
    expect(dense).to.match(/^Signature: +Dense\(units, options\?\)$/m);
    expect(dense).to.contain("Keras's `Dense`");
    const missing = await kernel().execute('nothere?');
    expect(streamText(missing, 'stdout')).to.equal('Object `nothere` not found.\n');
  });

  it('answers is_complete from a real parse', async () => {
    const ask = async (code: string) => (await kernel().request('shell', 'is_complete_request', { code })).content;
    expect(await ask('const x = 1')).to.deep.equal({ status: 'complete' });
    expect((await ask('function f() {')).status).to.equal('incomplete');
    expect((await ask('const = ;')).status).to.equal('invalid');
  });
});

describe('kernel: history, restart and process.exit()', function () {
  this.timeout(60000);
  const historyDir = mkdtempSync(join(tmpdir(), 'tsdl-history-'));
  const env = { TSDL_HISTORY_DIR: historyDir };

  it('keeps history across kernel restarts, with tail, range and glob search', async () => {
    const first = await startKernel({ env });
    await first.execute('const first = "alpha"');
    await first.execute('first.length');
    await first.shutdown();
    const second = await startKernel({ env });
    await second.execute('const secondCell = "beta"');
    const tail = await second.request('shell', 'history_request', { hist_access_type: 'tail', n: 3, output: false, raw: true });
    const inputs = (tail.content.history as [number, number, string][]).map((entry) => entry[2]);
    expect(inputs).to.deep.equal(['const first = "alpha"', 'first.length', 'const secondCell = "beta"']);
    const search = await second.request('shell', 'history_request', { hist_access_type: 'search', pattern: 'const*', n: 10, output: false, raw: true, unique: true });
    expect((search.content.history as [number, number, string][]).map((entry) => entry[2])).to.deep.equal(['const first = "alpha"', 'const secondCell = "beta"']);
    const range = await second.request('shell', 'history_request', { hist_access_type: 'range', session: 0, start: 1, stop: 2, output: false, raw: true });
    expect((range.content.history as [number, number, string][]).map((entry) => entry[2])).to.deep.equal(['const secondCell = "beta"']);
    await second.shutdown();
  });

  it('treats process.exit() in a cell as a restart of the context, and says so', async () => {
    await withKernel({ env }, async (kernel) => {
      await kernel.execute('const kept = 1');
      const exit = await kernel.execute('process.exit(3)');
      expect(exit.reply.content.status).to.equal('error');
      expect(streamText(exit, 'stderr')).to.match(/process\.exit\(3\)/);
      const after = await kernel.execute('typeof kept');
      expect(resultText(after)).to.equal("'undefined'");
      expect(resultText(await kernel.execute('1 + 1'))).to.equal('2');
    });
  });

  it('replies to shutdown_request with restart and exits cleanly', async () => {
    await withKernel({ env }, async (kernel) => {
      const reply = await kernel.request('control', 'shutdown_request', { restart: true });
      expect(reply.content).to.deep.equal({ status: 'ok', restart: true });
      expect(await kernel.exited).to.equal(0);
      expect((reply.parent_header as Header).msg_type).to.equal('shutdown_request');
    });
  });
});

describe('kernel: ipc transport', function () {
  this.timeout(60000);

  it('serves every channel over ipc endpoints named as jupyter_client names them', async () => {
    const ip = join(mkdtempSync(join(tmpdir(), 'tsdl-ipc-')), 'kernel');
    await withKernel({ connection: { transport: 'ipc', ip } }, async (kernel) => {
      expect(resultText(await kernel.execute('6 * 7'))).to.equal('42');
      expect(await kernel.heartbeat()).to.be.below(1000);
      const info = await kernel.request('control', 'kernel_info_request', {});
      expect(info.content.implementation).to.equal('tsdl');
    });
  });
});
