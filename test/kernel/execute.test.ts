// End to end over real ZeroMQ: cells, persistence, results, streams, errors, display updates, user_expressions.
import { expect } from 'chai';
import type { Header } from '../../src/protocol/messages';
import { resultText, streamText, useKernel } from '../helpers/kernel';

describe('kernel: executing cells', function () {
  this.timeout(60000);
  const kernel = useKernel();

  it('answers kernel_info with the TypeScript language and a banner naming tsdl and Node', async () => {
    const reply = await kernel().request('shell', 'kernel_info_request', {});
    const info = reply.content as Record<string, unknown> & { language_info: Record<string, string> };
    expect(reply.header.msg_type).to.equal('kernel_info_reply');
    expect(reply.header.version).to.equal('5.3');
    expect(info.protocol_version).to.equal('5.3');
    expect(info.implementation).to.equal('tsdl');
    expect(info.language_info).to.include({ name: 'typescript', mimetype: 'text/typescript', file_extension: '.ts', pygments_lexer: 'typescript', codemirror_mode: 'typescript' });
    expect(info.banner).to.match(/tsdl/).and.to.include(process.version).and.to.match(/TensorFlow\.js/);
    expect(info.help_links).to.be.an('array').that.is.not.empty;
  });

  it('publishes busy, execute_input, the result and idle, all with the request as parent', async () => {
    const outcome = await kernel().execute('1 + 2');
    const types = outcome.iopub.map((m) => m.header.msg_type === 'status' ? `status:${m.content.execution_state}` : m.header.msg_type);
    expect(types).to.deep.equal(['status:busy', 'execute_input', 'execute_result', 'status:idle']);
    const parentId = (outcome.reply.parent_header as Header).msg_id;
    for (const message of outcome.iopub) expect((message.parent_header as Header).msg_id).to.equal(parentId);
    expect(resultText(outcome)).to.equal('3');
    expect(outcome.reply.content.status).to.equal('ok');
    const count = outcome.reply.content.execution_count as number;
    const next = await kernel().execute('2');
    expect(next.reply.content.execution_count).to.equal(count + 1);
    expect(outcome.iopub[1].content.execution_count).to.equal(count);
  });

  it('keeps top-level declarations across cells and lets a re-run cell declare them again', async () => {
    await kernel().execute('const a = 1; let b = 2; class Point { constructor(public x: number) {} } function twice(n: number) { return 2 * n; }');
    const again = await kernel().execute('const a = 10; let b = 20; class Point { constructor(public x: number, public y = 0) {} }');
    expect(again.reply.content.status, JSON.stringify(again.reply.content)).to.equal('ok');
    const use = await kernel().execute('a + b + twice(new Point(3).x) + new Point(1).y');
    expect(resultText(use)).to.equal('36');
    const destructured = await kernel().execute('const { p, q: [r, s] } = { p: 1, q: [2, 3] }; p + r + s');
    expect(resultText(destructured)).to.equal('6');
  });

  it('keeps inner scopes inner', async () => {
    const outcome = await kernel().execute('for (let inner = 0; inner < 2; inner++) {}\n{ const blockOnly = 1; }\ntypeof inner + " " + typeof blockOnly');
    expect(resultText(outcome)).to.equal("'undefined undefined'");
  });

  it('supports top-level await and awaits a Promise as the last expression', async () => {
    const outcome = await kernel().execute('const waited = await new Promise<number>((r) => setTimeout(() => r(41), 10));\nPromise.resolve(waited + 1)');
    expect(resultText(outcome)).to.equal('42');
  });

  it('shows no result for undefined or a trailing semicolon, as IPython does', async () => {
    expect((await kernel().execute('undefined')).outputs).to.deep.equal([]);
    expect((await kernel().execute('1 + 1;')).outputs).to.deep.equal([]);
    expect((await kernel().execute('1 + 1; // a comment')).outputs).to.deep.equal([]);
    expect(resultText(await kernel().execute('1 + 1 // no semicolon'))).to.equal('2');
  });

  it('turns console and process.stdout/stderr writes into ordered stream messages', async () => {
    const outcome = await kernel().execute('console.log("one"); process.stdout.write("two\\n"); console.error("err"); for (let i = 0; i < 3; i++) console.log(i);');
    expect(streamText(outcome)).to.equal('one\ntwo\n0\n1\n2\n');
    expect(streamText(outcome, 'stderr')).to.equal('err\n');
  });

  it('reports a syntax error at the cell line and column with a caret', async () => {
    const outcome = await kernel().execute('const ok = 1;\nconst broken = (1 + ;');
    expect(outcome.reply.content.status).to.equal('error');
    const errors = outcome.outputs.filter((m) => m.header.msg_type === 'error');
    expect(errors).to.have.length(1);
    const text = (errors[0].content.traceback as string[]).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    expect(text).to.match(/line 2/);
    expect(text).to.include('const broken = (1 + ;');
    expect(text).to.include('^');
  });

  it('reports a runtime error once, with the cell line, and keeps earlier variables', async () => {
    const outcome = await kernel().execute('const before = 5;\nfunction fails() {\n  throw new TypeError("bad value");\n}\nfails();');
    const errors = outcome.outputs.filter((m) => m.header.msg_type === 'error');
    expect(errors).to.have.length(1);
    expect(errors[0].content.ename).to.equal('TypeError');
    expect(errors[0].content.evalue).to.equal('bad value');
    const text = (errors[0].content.traceback as string[]).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
    const count = outcome.reply.content.execution_count;
    expect(text).to.include(`Cell In[${count}], line 3`);
    expect(text).to.include('throw new TypeError("bad value")');
    expect(text).not.to.match(/dist\/worker\.js|node:internal/);
    expect(resultText(await kernel().execute('before'))).to.equal('5');
  });

  it('survives unhandled rejections and errors thrown later from timers', async () => {
    const outcome = await kernel().execute('Promise.reject(new Error("nobody awaits me")); setTimeout(() => { throw new Error("late throw"); }, 5); await new Promise((r) => setTimeout(r, 50));');
    expect(outcome.reply.content.status).to.equal('ok');
    const next = await kernel().execute('"still alive"');
    expect(resultText(next)).to.equal("'still alive'");
    const all = streamText(outcome, 'stderr') + streamText(next, 'stderr');
    expect(all).to.include('nobody awaits me').and.to.include('late throw');
  });

  it('updates a display in place through its handle', async () => {
    const outcome = await kernel().execute('const handle = display.html("<b>first</b>"); handle.update({ "text/plain": "second" }, { raw: true });');
    const display = outcome.outputs.find((m) => m.header.msg_type === 'display_data');
    const update = outcome.outputs.find((m) => m.header.msg_type === 'update_display_data');
    expect(display?.content.data).to.deep.include({ 'text/html': '<b>first</b>' });
    const id = (display?.content.transient as { display_id: string }).display_id;
    expect(id).to.be.a('string');
    expect((update?.content.transient as { display_id: string }).display_id).to.equal(id);
    expect(update?.content.data).to.deep.equal({ 'text/plain': 'second' });
  });

  it('keeps displayed values in order with the rest of the output', async () => {
    const outcome = await kernel().execute('console.log("before"); display(tf.tensor([1, 2])); console.log("after");');
    const kinds = outcome.outputs.map((m) => m.header.msg_type === 'stream' ? String(m.content.text).trim() : m.header.msg_type);
    expect(kinds).to.deep.equal(['before', 'display_data', 'after']);
  });

  it("displays objects through Deno's Jupyter.display symbol", async () => {
    const outcome = await kernel().execute('({ [Symbol.for("Jupyter.display")]() { return { "text/markdown": "**hi**" }; } })');
    const result = outcome.outputs.find((m) => m.header.msg_type === 'execute_result');
    expect(result?.content.data).to.deep.include({ 'text/markdown': '**hi**' });
  });

  it('evaluates user_expressions and honours silent', async () => {
    const outcome = await kernel().execute('const ue = 7', { user_expressions: { double: 'ue * 2', broken: 'nope.nope' } });
    const expressions = outcome.reply.content.user_expressions as Record<string, { status: string; data?: Record<string, string>; ename?: string }>;
    expect(expressions.double.status).to.equal('ok');
    expect(expressions.double.data?.['text/plain']).to.equal('14');
    expect(expressions.broken.status).to.equal('error');
    expect(expressions.broken.ename).to.equal('ReferenceError');
    const before = (await kernel().execute('0')).reply.content.execution_count as number;
    const silent = await kernel().execute('console.log("quiet"); 99', { silent: true });
    expect(silent.outputs.filter((m) => m.header.msg_type === 'execute_result')).to.deep.equal([]);
    expect(silent.iopub.some((m) => m.header.msg_type === 'execute_input')).to.equal(false);
    expect((await kernel().execute('0')).reply.content.execution_count).to.equal(before + 1);
  });

  it('aborts the requests queued behind a failed cell when stop_on_error is set', async () => {
    const failing = kernel().sendRequest('shell', 'execute_request', { code: 'await new Promise((r) => setTimeout(r, 200)); throw new Error("stop")', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    const queued = kernel().sendRequest('shell', 'execute_request', { code: 'globalThis.ranAfter = true', silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    expect((await failing.reply).content.status).to.equal('error');
    expect((await queued.reply).content.status).to.equal('aborted');
    expect(resultText(await kernel().execute('typeof ranAfter'))).to.equal("'undefined'");
  });

  it('imports node: builtins and packages, statically and with await import()', async () => {
    const outcome = await kernel().execute('import { basename } from "node:path";\nimport * as os from "os";\nconst u = await import("uuid");\n[basename("/a/b.txt"), typeof os.cpus, typeof u.v4]');
    expect(resultText(outcome), JSON.stringify(outcome.outputs.map((m) => m.content))).to.equal("[ 'b.txt', 'function', 'function' ]");
  });

  it('answers help() with a pager payload', async () => {
    const outcome = await kernel().execute('/** Adds one. */\nfunction addOne(x: number) { return x + 1; }\nhelp(addOne)');
    const payload = outcome.reply.content.payload as { source: string; data: Record<string, string> }[];
    expect(payload).to.have.length(1);
    expect(payload[0].source).to.equal('page');
    expect(payload[0].data['text/plain']).to.include('addOne');
  });
});

describe('kernel: imports from the notebook folder', function () {
  this.timeout(60000);
  let dir: string;

  before(async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('fs');
    const { tmpdir } = await import('os');
    const { join } = await import('path');
    dir = mkdtempSync(join(tmpdir(), 'tsdl-imports-'));
    // An ESM-only package (exports has only an "import" condition) and a CommonJS one, in the notebook's folder.
    const esm = join(dir, 'node_modules', 'esm-only');
    mkdirSync(esm, { recursive: true });
    writeFileSync(join(esm, 'package.json'), JSON.stringify({ name: 'esm-only', type: 'module', exports: { '.': { import: './index.js' } } }));
    writeFileSync(join(esm, 'index.js'), 'export const answer = 42; export default function hello() { return "hi"; }\n');
    const cjs = join(dir, 'node_modules', 'local-cjs');
    mkdirSync(cjs, { recursive: true });
    writeFileSync(join(cjs, 'package.json'), JSON.stringify({ name: 'local-cjs', main: 'index.js' }));
    writeFileSync(join(cjs, 'index.js'), 'module.exports = { where: "notebook folder" };\n');
    writeFileSync(join(dir, 'helper.js'), 'exports.twice = (n) => 2 * n;\n');
  });
  // Registered after the hook that fills the folder, so it starts once the folder is ready.
  const kernel = useKernel(() => ({ cwd: dir }));

  it('imports an ESM-only package from the notebook folder, statically and dynamically', async () => {
    const outcome = await kernel().execute('import hello, { answer } from "esm-only";\nconst again = await import("esm-only");\n[hello(), answer, again.answer]');
    expect(resultText(outcome), JSON.stringify(outcome.outputs.map((m) => m.content))).to.equal("[ 'hi', 42, 42 ]");
  });

  it('requires and imports CommonJS modules from the notebook folder before tsdl\'s own', async () => {
    const outcome = await kernel().execute('import local from "local-cjs";\nconst { twice } = require("./helper.js");\n[local.where, twice(4), typeof require("zeromq").Router]');
    expect(resultText(outcome), JSON.stringify(outcome.outputs.map((m) => m.content))).to.equal("[ 'notebook folder', 8, 'function' ]");
  });

  it('says where it looked when a module is missing', async () => {
    const outcome = await kernel().execute('import nothing from "no-such-package"');
    expect(outcome.reply.content.evalue).to.match(/Cannot find module 'no-such-package'/).and.to.include(dir);
  });
});
