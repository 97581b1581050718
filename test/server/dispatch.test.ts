// The dispatcher alone, with a fake channel and a fake executor: which handler answers which msg_type, busy and idle
// around each request, control before shell, aborts after a failed cell, stdin and comm routing, output parents.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Channel, Header, JsonObject, Message, ParentHeader, ReplyContents, Request, RequestType } from '../../src/protocol/messages';
import { makeHeader } from '../../src/protocol/wire';
import type { ExecutorReplyContent, ExecutorRequest, ExecutorRequestType, ToExecutor } from '../../src/shared/executor-protocol';
import { replyType, type Outbound } from '../../src/server/channels';
import { Dispatcher, IS_COMPLETE_WAIT_MS, REPLY_BUDGET_MS } from '../../src/server/dispatch';
import type { Executor } from '../../src/server/executor-client';
import type { TypesService } from '../../src/server/types-client';
import type { TypesCalls, TypesRequestType } from '../../src/language-service/protocol';
import { HistoryStore } from '../../src/server/history/history';

interface Sent {
  channel: Channel;
  msgType: string;
  content: JsonObject;
  parent: string | undefined;
}

class FakeChannels implements Outbound {
  readonly session = 'fake-session';
  readonly sent: Sent[] = [];

  private record(channel: Channel, msgType: string, content: unknown, parent: ParentHeader): Promise<void> {
    this.sent.push({ channel, msgType, content: content as JsonObject, parent: (parent as Partial<Header>).msg_id });
    return Promise.resolve();
  }

  publish(msgType: string, content: unknown, parent: ParentHeader): Promise<void> {
    return this.record('iopub', msgType, content, parent);
  }

  reply<T extends RequestType>(channel: Channel, request: Request<T>, content: ReplyContents[T]): Promise<void> {
    return this.record(channel, replyType(request.header.msg_type), content, request.header);
  }

  send(channel: Channel, _identities: Buffer[], msgType: string, content: unknown, parent: ParentHeader): Promise<void> {
    return this.record(channel, msgType, content, parent);
  }

  errorReply(channel: Channel, _identities: Buffer[], header: Header, ename: string, evalue: string): Promise<void> {
    const type = header.msg_type.endsWith('_request') ? header.msg_type.replace(/_request$/, '_reply') : 'error';
    return this.record(channel, type, { status: 'error', ename, evalue }, header);
  }

  /** What went out for request `id`, as "channel msg_type" (status as "status busy"). */
  trail(id: string): string[] {
    return this.sent
      .filter((sent) => sent.parent === id)
      .map((sent) => (sent.msgType === 'status' ? `status ${String(sent.content.execution_state)}` : `${sent.channel} ${sent.msgType}`));
  }

  replyTo(id: string): Sent | undefined {
    return this.sent.find((sent) => sent.parent === id && sent.msgType.endsWith('_reply'));
  }
}

class FakeExecutor implements Executor {
  readonly asked: { request: ExecutorRequest; answer(content: ExecutorReplyContent): void }[] = [];
  readonly posted: ToExecutor[] = [];
  interrupts = 0;

  ask<T extends ExecutorRequestType>(request: ExecutorRequest<T>): Promise<ExecutorReplyContent<T>> {
    return new Promise((resolve) => {
      this.asked.push({ request: request as ExecutorRequest, answer: resolve as (content: ExecutorReplyContent) => void });
    });
  }

  post(message: ToExecutor): void {
    this.posted.push(message);
  }

  interrupt(): Promise<unknown> {
    this.interrupts += 1;
    return Promise.resolve('idle');
  }

  /** Answers the oldest request asked and not yet answered. */
  answer(content: ExecutorReplyContent): void {
    const next = this.asked.shift();
    if (!next) throw new Error('nothing was asked');
    next.answer(content);
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

function message(msgType: string, content: JsonObject = {}, parent: ParentHeader = {}): Message {
  return { identities: [Buffer.from('client')], header: makeHeader(msgType, 'client-session'), parent_header: parent, metadata: {}, content, buffers: [] };
}

const ok = (count: number): ExecutorReplyContent<'execute_request'> => ({ status: 'ok', execution_count: count, payload: [], user_expressions: {} });

describe('server/dispatch', () => {
  let dir: string;
  let out: FakeChannels;
  let executor: FakeExecutor;
  let dispatcher: Dispatcher;
  let shutdowns: boolean[];
  let logged: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsdl-dispatch-'));
    out = new FakeChannels();
    executor = new FakeExecutor();
    shutdowns = [];
    logged = [];
    dispatcher = new Dispatcher({
      out,
      executor: () => executor,
      history: HistoryStore.open(dir),
      log: (text) => logged.push(text),
      shutdown: (restart) => shutdowns.push(restart),
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers kernel_info_request between busy and idle, on the channel it came from', async () => {
    const request = message('kernel_info_request');
    dispatcher.receive(request, 'control');
    await settle();
    expect(out.trail(request.header.msg_id)).to.deep.equal(['status busy', 'control kernel_info_reply', 'status idle']);
    expect(out.replyTo(request.header.msg_id)?.content.implementation).to.equal('tsdl');
  });

  it("answers is_complete with the executor's answer, or 'unknown' when the executor is too busy to give one in time", async () => {
    const answered = message('is_complete_request', { code: 'if (x) {' });
    dispatcher.receive(answered, 'shell');
    await settle();
    executor.answer({ status: 'incomplete', indent: '  ' });
    await settle();
    expect(out.replyTo(answered.header.msg_id)?.content).to.deep.equal({ status: 'incomplete', indent: '  ' });
    // An executor still loading TensorFlow.js: jupyter console would stop asking after a second without an answer.
    const waiting = message('is_complete_request', { code: '1 + 1' });
    dispatcher.receive(waiting, 'shell');
    await new Promise((resolve) => setTimeout(resolve, IS_COMPLETE_WAIT_MS + 100));
    expect(out.replyTo(waiting.header.msg_id)?.content).to.deep.equal({ status: 'unknown' });
    // Its late answer is not sent a second time.
    executor.answer({ status: 'complete' });
    await settle();
    expect(out.sent.filter((sent) => sent.parent === waiting.header.msg_id && sent.msgType === 'is_complete_reply')).to.have.length(1);
  });

  it('asks the executor with Jupyter content as validated, and sends its reply back as is', async () => {
    const request = message('complete_request', { code: 'tf.' });
    dispatcher.receive(request, 'shell');
    await settle();
    expect(executor.asked.map((asked) => asked.request)).to.deep.equal([
      { type: 'complete_request', id: request.header.msg_id, content: { code: 'tf.', cursor_pos: 3 } },
    ]);
    const reply = { status: 'ok' as const, matches: ['tf.add'], cursor_start: 3, cursor_end: 3, metadata: {} };
    executor.answer(reply);
    await settle();
    expect(out.replyTo(request.header.msg_id)).to.deep.include({ channel: 'shell', msgType: 'complete_reply', content: reply });
  });

  describe('with a language service', () => {
    class FakeTypes implements TypesService {
      readonly ran: string[] = [];
      readonly asked: { type: TypesRequestType; ask: JsonObject }[] = [];
      /** The wait each ask was given. */
      readonly waits: number[] = [];
      resets = 0;
      prepared = 0;
      /** What the next asks answer; undefined: no answer within the wait. */
      answer: TypesCalls[TypesRequestType]['answer'] | undefined;

      cellRan(code: string): void {
        this.ran.push(code);
      }

      prepare(): void {
        this.prepared += 1;
      }

      ask<T extends TypesRequestType>(type: T, ask: TypesCalls[T]['ask'], waitMs: number): Promise<TypesCalls[T]['answer'] | null> {
        this.asked.push({ type, ask: ask as unknown as JsonObject });
        this.waits.push(waitMs);
        return Promise.resolve(this.answer === undefined ? null : (this.answer as TypesCalls[T]['answer']));
      }

      reset(): void {
        this.resets += 1;
      }
    }
    let types: FakeTypes;

    beforeEach(() => {
      types = new FakeTypes();
      dispatcher = new Dispatcher({ out, executor: () => executor, history: HistoryStore.open(dir), log: (text) => logged.push(text), shutdown: () => {}, types });
    });

    it('asks TypeScript after the runtime, with the names the runtime signs, and merges its members in', async () => {
      types.answer = { start: 4, member: true, items: [{ name: 'map', kind: 'function', signature: '(fn): U[]' }] };
      const request = message('complete_request', { code: 'f().ma' });
      dispatcher.receive(request, 'shell');
      await settle();
      expect(types.asked).to.deep.equal([]);
      executor.answer({ status: 'ok', matches: [], cursor_start: 6, cursor_end: 6, metadata: {} });
      await settle();
      expect(types.asked).to.deep.equal([{ type: 'complete', ask: { code: 'f().ma', cursor: 6, live: [] } }]);
      expect(out.replyTo(request.header.msg_id)?.content).to.deep.include({ matches: ['map'], cursor_start: 4 });
    });

    it('starts TypeScript once the executor has loaded the API, not before', () => {
      const request = message('kernel_info_request', {});
      dispatcher.receive(request, 'shell');
      expect(types.prepared).to.equal(0);
      dispatcher.backend({ description: 'TensorFlow.js, backend cpu' });
      expect(types.prepared).to.equal(1);
    });

    it('starts TypeScript after the cells that waited for the API, not beside them', async () => {
      const first = message('execute_request', { code: 'tf.zeros([2])' });
      const second = message('execute_request', { code: '1' });
      dispatcher.receive(first, 'shell');
      dispatcher.receive(second, 'shell');
      await settle();
      dispatcher.backend({ description: 'TensorFlow.js, backend cpu' });
      expect(types.prepared).to.equal(0);
      executor.answer({ status: 'ok', execution_count: 1, payload: [], user_expressions: {} });
      await settle();
      expect(types.prepared, 'a cell is still queued').to.equal(0);
      executor.answer({ status: 'ok', execution_count: 2, payload: [], user_expressions: {} });
      await settle();
      expect(types.prepared).to.equal(1);
      expect(out.replyTo(second.header.msg_id)).to.not.equal(undefined);
    });

    it('starts TypeScript as a completion arrives and gives it what the runtime left of the reply budget', async () => {
      const request = message('complete_request', { code: 'f().ma' });
      dispatcher.receive(request, 'shell');
      await settle();
      expect(types.prepared, 'started before the runtime answers').to.equal(1);
      const runtimeMs = 300;
      await new Promise((resolve) => setTimeout(resolve, runtimeMs));
      executor.answer({ status: 'ok', matches: [], cursor_start: 6, cursor_end: 6, metadata: {} });
      await settle();
      expect(types.waits).to.have.length(1);
      expect(types.waits[0]).to.be.above(0).and.at.most(REPLY_BUDGET_MS - runtimeMs);
    });

    it('answers with the runtime\'s half alone, without asking TypeScript, once the runtime has spent the budget', async () => {
      for (const type of ['complete_request', 'inspect_request']) {
        const request = message(type, { code: 'tf.zer', cursor_pos: 6 });
        dispatcher.receive(request, 'shell');
        await settle();
        await new Promise((resolve) => setTimeout(resolve, REPLY_BUDGET_MS + 20));
        const runtime =
          type === 'complete_request'
            ? { status: 'ok' as const, matches: ['zeros'], cursor_start: 3, cursor_end: 6, metadata: {} }
            : { status: 'ok' as const, found: true, data: { 'text/plain': 'Type:        function' }, metadata: {}, documented: false };
        executor.answer(runtime);
        await settle();
        expect(out.replyTo(request.header.msg_id)?.content.status).to.equal('ok');
      }
      expect(types.asked).to.deep.equal([]);
    });

    it('asks TypeScript to describe only what the runtime has no documentation of, and never sends the flag', async () => {
      types.answer = { fields: [['Docstring', 'Creates zeros.']] };
      const described = (documented: boolean) => ({ status: 'ok' as const, found: true, data: { 'text/plain': 'Type:        function', 'text/markdown': 'x' }, metadata: {}, documented });
      for (const documented of [true, false]) {
        const request = message('inspect_request', { code: 'tf.zeros', cursor_pos: 8 });
        dispatcher.receive(request, 'shell');
        await settle();
        executor.answer(described(documented));
        await settle();
        const reply = out.replyTo(request.header.msg_id)!.content;
        expect(reply).not.to.have.property('documented');
        expect((reply.data as JsonObject)['text/plain']).to.equal(documented ? 'Type:        function' : 'Type:        function\nDocstring:   Creates zeros.');
      }
      expect(types.asked).to.deep.equal([{ type: 'inspect', ask: { code: 'tf.zeros', cursor: 8, detail: 0 } }]);
    });

    it('answers with the runtime\'s half alone when TypeScript has none in time', async () => {
      const request = message('complete_request', { code: 'model.fi' });
      dispatcher.receive(request, 'shell');
      await settle();
      const runtime = { status: 'ok' as const, matches: ['fit'], cursor_start: 6, cursor_end: 8, metadata: {} };
      executor.answer(runtime);
      await settle();
      expect(out.replyTo(request.header.msg_id)?.content).to.deep.equal(runtime);
    });

    it('gives TypeScript the cells that ran (not those that did not compile), and forgets them on a restart', async () => {
      const cells = [message('execute_request', { code: 'const a = 1' }), message('execute_request', { code: 'const b = ' }), message('execute_request', { code: 'throw 1' })];
      const replies: ExecutorReplyContent<'execute_request'>[] = [
        ok(1),
        { status: 'error', execution_count: 2, ename: 'SyntaxError', evalue: 'x', traceback: [] },
        { status: 'error', execution_count: 3, ename: 'Error', evalue: '1', traceback: [] },
      ];
      for (const [i, cell] of cells.entries()) {
        dispatcher.receive(cell, 'shell');
        await settle();
        executor.answer(replies[i]);
        await settle();
      }
      expect(types.ran).to.deep.equal(['const a = 1', 'throw 1']);
      dispatcher.restarted('process.exit()');
      expect(types.resets).to.equal(1);
    });
  });

  it('counts cells that store history, and publishes execute_input unless silent', async () => {
    const first = message('execute_request', { code: '1' });
    const silent = message('execute_request', { code: '2', silent: true });
    const second = message('execute_request', { code: '3' });
    for (const cell of [first, silent, second]) dispatcher.receive(cell, 'shell');
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await settle();
      const asked = executor.asked[0].request as ExecutorRequest<'execute_request'>;
      counts.push(asked.execution_count);
      executor.answer(ok(asked.execution_count));
    }
    await settle();
    expect(counts).to.deep.equal([1, 1, 2]);
    expect(out.trail(silent.header.msg_id)).to.deep.equal(['status busy', 'shell execute_reply', 'status idle']);
    expect(out.trail(second.header.msg_id)).to.deep.equal(['status busy', 'iopub execute_input', 'shell execute_reply', 'status idle']);
  });

  it('runs cells before the history is read, and records them in order, in its session, once it is', async () => {
    let openHistory: () => void = () => {};
    const history = new Promise<HistoryStore>((resolve) => {
      openHistory = () => resolve(HistoryStore.open(join(dir, 'own')));
    });
    dispatcher = new Dispatcher({ out, executor: () => executor, history, log: (text) => logged.push(text), shutdown: () => {} });
    for (const code of ['a = 1', 'a + 1']) {
      const cell = message('execute_request', { code });
      dispatcher.receive(cell, 'shell');
      await settle();
      executor.answer(ok((executor.asked[0].request as ExecutorRequest<'execute_request'>).execution_count));
      await settle();
      expect(out.replyTo(cell.header.msg_id)?.content.status).to.equal('ok');
    }
    const asked = message('history_request', { hist_access_type: 'tail', n: 10, output: false, raw: true });
    dispatcher.receive(asked, 'shell');
    await settle();
    expect(out.replyTo(asked.header.msg_id), 'history_request waits for the history').to.equal(undefined);
    openHistory();
    await settle();
    expect(out.replyTo(asked.header.msg_id)?.content.history).to.deep.equal([
      [1, 1, 'a = 1'],
      [1, 2, 'a + 1'],
    ]);
  });

  it('runs cells on when the history cannot be had at all, says why in the log, and answers history_request with an error', async () => {
    const history = Promise.reject(new Error('unreadable'));
    dispatcher = new Dispatcher({ out, executor: () => executor, history, log: (text) => logged.push(text), shutdown: () => {} });
    const cell = message('execute_request', { code: 'a = 1' });
    dispatcher.receive(cell, 'shell');
    await settle();
    executor.answer(ok(1));
    await settle();
    expect(out.replyTo(cell.header.msg_id)?.content.status).to.equal('ok');
    expect(logged.join('\n')).to.match(/history: Error: unreadable/);
    const asked = message('history_request', { hist_access_type: 'tail', n: 10, output: false, raw: true });
    dispatcher.receive(asked, 'shell');
    await settle();
    expect(out.replyTo(asked.header.msg_id)?.content).to.deep.include({ status: 'error', ename: 'KernelError', evalue: 'unreadable' });
  });

  it('aborts the cells queued behind a failed one (stop_on_error), without asking the executor', async () => {
    const failing = message('execute_request', { code: 'throw 1' });
    const queued = message('execute_request', { code: 'never' });
    dispatcher.receive(failing, 'shell');
    dispatcher.receive(queued, 'shell');
    await settle();
    executor.answer({ status: 'error', execution_count: 1, ename: 'Error', evalue: '1', traceback: [] });
    await settle();
    expect(executor.asked).to.have.length(0);
    expect(out.replyTo(queued.header.msg_id)?.content).to.deep.equal({ status: 'aborted', execution_count: 1 });
  });

  it('answers control requests while a cell runs, and the cell afterwards', async () => {
    const cell = message('execute_request', { code: 'spin()' });
    const interrupt = message('interrupt_request');
    dispatcher.receive(cell, 'shell');
    await settle();
    dispatcher.receive(interrupt, 'control');
    expect(dispatcher.controlPending()).to.not.equal(null);
    await settle();
    expect(dispatcher.controlPending()).to.equal(null);
    expect(executor.interrupts).to.equal(1);
    expect(out.replyTo(interrupt.header.msg_id)?.msgType).to.equal('interrupt_reply');
    expect(out.replyTo(cell.header.msg_id)).to.equal(undefined);
    executor.answer(ok(1));
    await settle();
    expect(out.replyTo(cell.header.msg_id)?.msgType).to.equal('execute_reply');
  });

  it('answers shutdown_request, then asks to exit', async () => {
    dispatcher.receive(message('shutdown_request', { restart: true }), 'control');
    await settle();
    expect(out.sent.find((sent) => sent.msgType === 'shutdown_reply')?.content).to.deep.equal({ status: 'ok', restart: true });
    expect(shutdowns).to.deep.equal([true]);
  });

  it('answers invalid content, unknown request types and prototype keys with error replies', async () => {
    const invalid = message('execute_request', { code: 42 });
    const unknown = message('frobnicate_request');
    const proto = message('__proto__');
    const constructor = message('constructor');
    for (const request of [invalid, unknown, proto, constructor]) dispatcher.receive(request, 'shell');
    await settle();
    expect(out.replyTo(invalid.header.msg_id)?.content).to.deep.include({ status: 'error', ename: 'InvalidRequest' });
    expect(out.replyTo(unknown.header.msg_id)).to.deep.include({ msgType: 'frobnicate_reply' });
    expect(out.replyTo(unknown.header.msg_id)?.content.ename).to.equal('UnknownMessageType');
    expect(out.trail(proto.header.msg_id)).to.deep.equal(['status busy', 'status idle']);
    expect(out.trail(constructor.header.msg_id)).to.deep.equal(['status busy', 'status idle']);
    expect(executor.asked).to.have.length(0);
  });

  it('sends comm messages straight to the executor, even while a cell runs, and their outputs to them', async () => {
    const cell = message('execute_request', { code: 'wait()' });
    dispatcher.receive(cell, 'shell');
    await settle();
    const comm = { ...message('comm_msg', { comm_id: 'c1', data: { value: 1 } }), metadata: { version: '2.1.0' }, buffers: [Buffer.from([7])] };
    dispatcher.receive(comm, 'shell');
    expect(executor.posted).to.deep.equal([
      { type: 'comm_msg', id: comm.header.msg_id, content: { comm_id: 'c1', data: { value: 1 } }, metadata: { version: '2.1.0' }, buffers: [Buffer.from([7])] },
    ]);
    dispatcher.output(comm.header.msg_id, { msgType: 'display_data', content: { data: {}, metadata: {} } });
    // Busy and idle frame the comm message, as ipykernel's do (ipywidgets waits for the idle); the running cell then
    // says busy again, so that frontends still show the kernel busy.
    dispatcher.commHandled(comm.header.msg_id);
    expect(out.trail(comm.header.msg_id)).to.deep.equal(['status busy', 'iopub display_data', 'status idle']);
    expect(out.trail(cell.header.msg_id)).to.deep.equal(['status busy', 'iopub execute_input', 'status busy']);
  });

  it('gives outputs the parent they name, or the latest cell', async () => {
    const cell = message('execute_request', { code: 'x' });
    dispatcher.receive(cell, 'shell');
    await settle();
    dispatcher.output(cell.header.msg_id, { msgType: 'stream', content: { name: 'stdout', text: 'a' } });
    dispatcher.output(null, { msgType: 'stream', content: { name: 'stdout', text: 'b' } });
    dispatcher.output('unknown-id', { msgType: 'stream', content: { name: 'stdout', text: 'c' } });
    executor.answer(ok(1));
    await settle();
    dispatcher.output(null, { msgType: 'stream', content: { name: 'stdout', text: 'late' } });
    expect(out.trail(cell.header.msg_id).filter((line) => line === 'iopub stream')).to.have.length(4);
  });

  it('sends an input_request on stdin and hands its answer, not a stale one, to the executor', async () => {
    const cell = message('execute_request', { code: 'await input()' });
    dispatcher.receive(cell, 'shell');
    await settle();
    dispatcher.inputRequest(cell.header.msg_id, 7, { prompt: 'name?', password: false });
    const prompt = out.sent.find((sent) => sent.msgType === 'input_request');
    expect(prompt).to.deep.include({ channel: 'stdin', parent: cell.header.msg_id, content: { prompt: 'name?', password: false } });
    dispatcher.receive(message('input_reply', { value: 'stale' }, makeHeader('input_request', 'fake-session')), 'stdin');
    expect(executor.posted).to.deep.equal([]);
    dispatcher.receive(message('input_reply', { value: 'Ada' }), 'stdin');
    expect(executor.posted).to.deep.equal([{ type: 'input_reply', serial: 7, content: { value: 'Ada' } }]);
  });

  it('says the context restarted on the latest cell', async () => {
    const cell = message('execute_request', { code: 'process.exit()' });
    dispatcher.receive(cell, 'shell');
    await settle();
    dispatcher.restarted('process.exit() was called');
    const notice = out.sent.find((sent) => sent.msgType === 'stream');
    expect(notice).to.deep.include({ parent: cell.header.msg_id });
    expect(String(notice?.content.text)).to.match(/restarted: process\.exit\(\) was called/);
  });
});
