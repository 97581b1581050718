// Widgets through a real kernel, driven with raw Jupyter messages as a frontend's widget manager sends them: comm_open
// with the protocol version in its metadata, state updates both ways (echo_update, corrections), request_state,
// binary buffers both ways, button clicks, the control comm's request_states, Output capture by msg_id, close, and
// the training controls stopping a running fit and changing its learning rate. Malformed traffic never takes the
// kernel down.
import { expect } from 'chai';
import type { Header, JsonObject, Message } from '../../src/protocol/messages';
import { encode, makeHeader } from '../../src/protocol/wire';
import { resultText, streamText, useKernel, type TestKernelClient } from '../helpers/kernel';

const VIEW = 'application/vnd.jupyter.widget-view+json';

/** Sends a comm message as a frontend does and returns its header (its outputs name it as their parent). */
async function sendComm(kernel: TestKernelClient, msgType: string, content: JsonObject, buffers: Buffer[] = [], metadata: JsonObject = {}): Promise<Header> {
  const header = makeHeader(msgType, kernel.session);
  const frames = encode({ identities: [], header, parent_header: {}, metadata, content, buffers }, kernel.signer);
  await kernel.sendRaw('shell', frames);
  return header;
}

/** Waits until the kernel has published what `done` wants in answer to the message `parent`. */
async function answers(kernel: TestKernelClient, parent: Header, done: (messages: Message[]) => boolean, what: string): Promise<Message[]> {
  for (let waited = 0; waited < 30000; waited += 20) {
    const messages = kernel.iopubFor(parent.msg_id);
    if (done(messages)) return messages;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no ${what}; got ${JSON.stringify(kernel.iopubFor(parent.msg_id).map((m) => [m.header.msg_type, m.content]))}; stderr: ${kernel.stderr}`);
}

function commOpens(messages: Message[]): Message[] {
  return messages.filter((m) => m.header.msg_type === 'comm_open');
}

function stateOf(message: Message): JsonObject {
  return (message.content.data as { state: JsonObject }).state;
}

/** The comm_open of the widget whose model is `model` among `messages`. */
function openOf(messages: Message[], model: string): Message {
  const found = commOpens(messages).find((m) => stateOf(m)._model_name === model);
  if (!found) throw new Error(`no comm_open of a ${model}`);
  return found;
}

function commMsgs(messages: Message[], method?: string): Message[] {
  return messages.filter((m) => m.header.msg_type === 'comm_msg' && (method === undefined || (m.content.data as JsonObject).method === method));
}

async function ok(kernel: TestKernelClient, code: string) {
  const outcome = await kernel.execute(code);
  expect(outcome.reply.content.status, `${code}\n${JSON.stringify(outcome.reply.content)}\n${kernel.stderr}`).to.equal('ok');
  return outcome;
}

describe('widgets through the kernel', function () {
  this.timeout(120000);
  const kernel = useKernel();

  it('opens a slider with its layout and style first, protocol 2.1.0 in the metadata, and shows it as a widget view', async () => {
    const outcome = await ok(kernel(), "const s = widgets.IntSlider({ value: 5, max: 10, description: 'units' }); s");
    const opens = commOpens(outcome.outputs);
    expect(opens.map((m) => stateOf(m)._model_name)).to.deep.equal(['LayoutModel', 'SliderStyleModel', 'IntSliderModel']);
    for (const open of opens) {
      expect(open.metadata).to.deep.equal({ version: '2.1.0' });
      expect(open.content.target_name).to.equal('jupyter.widget');
      expect((open.content.data as JsonObject).buffer_paths).to.deep.equal([]);
    }
    const [layout, style, slider] = opens;
    expect(stateOf(layout)).to.include({ _model_module: '@jupyter-widgets/base', _model_module_version: '2.0.0', _view_name: 'LayoutView' });
    expect(stateOf(style)).to.include({ _model_module: '@jupyter-widgets/controls', _view_module: '@jupyter-widgets/base', _view_name: 'StyleView' });
    expect(stateOf(slider)).to.include({
      _model_module: '@jupyter-widgets/controls',
      _model_module_version: '2.0.0',
      _view_module_version: '2.0.0',
      _view_name: 'IntSliderView',
      value: 5,
      min: 0,
      max: 10,
      step: 1,
      description: 'units',
      layout: `IPY_MODEL_${layout.content.comm_id}`,
      style: `IPY_MODEL_${style.content.comm_id}`,
    });
    const result = outcome.outputs.find((m) => m.header.msg_type === 'execute_result');
    expect(result?.content.data).to.deep.equal({
      [VIEW]: { version_major: 2, version_minor: 0, model_id: slider.content.comm_id },
      'text/plain': "IntSlider(value=5, description='units')",
    });
  });

  it('takes a frontend update: echoes it, calls observers, clamps what is out of range and refuses wrong types', async () => {
    const open = await ok(kernel(), "const t = widgets.IntSlider({ value: 1, max: 10 }); t.observe((c) => console.log(`value ${c.old} -> ${c.new}`), 'value');");
    const id = openOf(open.outputs, 'IntSliderModel').content.comm_id as string;

    const moved = await sendComm(kernel(), 'comm_msg', { comm_id: id, data: { method: 'update', state: { value: 7 }, buffer_paths: [] } });
    const first = await answers(kernel(), moved, (m) => m.some((x) => x.header.msg_type === 'stream'), 'observer output');
    expect(commMsgs(first).map((m) => m.content.data)).to.deep.equal([{ method: 'echo_update', state: { value: 7 }, buffer_paths: [] }]);
    expect(first.find((m) => m.header.msg_type === 'stream')?.content.text).to.equal('value 1 -> 7\n');
    expect(resultText(await ok(kernel(), 't.value'))).to.equal('7');

    const tooFar = await sendComm(kernel(), 'comm_msg', { comm_id: id, data: { method: 'update', state: { value: 50 }, buffer_paths: [] } });
    const clamped = await answers(kernel(), tooFar, (m) => commMsgs(m, 'update').length > 0, 'a correction');
    expect(commMsgs(clamped, 'update')[0].content.data).to.deep.equal({ method: 'update', state: { value: 10 }, buffer_paths: [] });
    expect(resultText(await ok(kernel(), 't.value'))).to.equal('10');

    const wrong = await sendComm(kernel(), 'comm_msg', { comm_id: id, data: { method: 'update', state: { value: 'lots', max: null, _model_name: 'X' } } });
    const refused = await answers(kernel(), wrong, (m) => commMsgs(m, 'update').length > 0, 'the refusal');
    expect(commMsgs(refused, 'echo_update')).to.have.length(0);
    expect((commMsgs(refused, 'update')[0].content.data as { state: JsonObject }).state).to.deep.equal({ value: 10, max: 10, _model_name: 'IntSliderModel' });
    expect(resultText(await ok(kernel(), 'JSON.stringify([t.value, t.max, t.modelName])'))).to.equal(`'[10,10,"IntSliderModel"]'`);
  });

  it('answers request_state with the whole state', async () => {
    const open = await ok(kernel(), "const c = widgets.Checkbox({ value: true, description: 'shuffle' });");
    const id = openOf(open.outputs, 'CheckboxModel').content.comm_id as string;
    const asked = await sendComm(kernel(), 'comm_msg', { comm_id: id, data: { method: 'request_state' } });
    const [update] = commMsgs(await answers(kernel(), asked, (m) => commMsgs(m).length > 0, 'the state'), 'update');
    expect((update.content.data as { state: JsonObject }).state).to.include({ _model_name: 'CheckboxModel', value: true, description: 'shuffle', indent: true });
  });

  it('sends bytes as buffers and takes them back from a frontend', async () => {
    const open = await ok(kernel(), "const img = widgets.Image({ value: new Uint8Array([137, 80, 78, 71]), format: 'png' }); img");
    const image = openOf(open.outputs, 'ImageModel');
    expect((image.content.data as JsonObject).buffer_paths).to.deep.equal([['value']]);
    expect(stateOf(image)).not.to.have.property('value');
    expect(image.buffers.map((b) => [...b])).to.deep.equal([[137, 80, 78, 71]]);

    const id = image.content.comm_id as string;
    const sent = await sendComm(kernel(), 'comm_msg', { comm_id: id, data: { method: 'update', state: { format: 'jpeg' }, buffer_paths: [['value']] } }, [Buffer.from([255, 216, 255])]);
    await answers(kernel(), sent, (m) => commMsgs(m, 'echo_update').length > 0, 'the echo');
    // Bytes are not echoed (every frontend would get them back); the format is.
    expect((commMsgs(kernel().iopubFor(sent.msg_id), 'echo_update')[0].content.data as { state: JsonObject }).state).to.deep.equal({ format: 'jpeg' });
    expect(resultText(await ok(kernel(), 'JSON.stringify([img.format, [...img.value]])'))).to.equal(`'["jpeg",[255,216,255]]'`);
  });

  it("runs a Button's click handlers when the frontend reports a click", async () => {
    const open = await ok(kernel(), "let clicks = 0; const b = widgets.Button({ description: 'Go', onClick: () => { clicks += 1; console.log('clicked', clicks); } });");
    const id = openOf(open.outputs, 'ButtonModel').content.comm_id as string;
    const click = await sendComm(kernel(), 'comm_msg', { comm_id: id, data: { method: 'custom', content: { event: 'click' } } });
    const out = await answers(kernel(), click, (m) => m.some((x) => x.header.msg_type === 'stream'), 'the handler output');
    expect(out.find((m) => m.header.msg_type === 'stream')?.content.text).to.equal('clicked 1\n');
    expect(resultText(await ok(kernel(), 'clicks'))).to.equal('1');
  });

  it('answers request_states on jupyter.widget.control with every live widget, buffers included', async () => {
    const control = await sendComm(kernel(), 'comm_open', { comm_id: 'control-1', target_name: 'jupyter.widget.control', data: {} }, [], { version: '2.1.0' });
    const asked = await sendComm(kernel(), 'comm_msg', { comm_id: 'control-1', data: { method: 'request_states' } });
    const [reply] = commMsgs(await answers(kernel(), asked, (m) => commMsgs(m).length > 0, 'update_states'));
    void control;
    const data = reply.content.data as { method: string; states: Record<string, { model_name: string; state: JsonObject }>; buffer_paths: unknown[][] };
    expect(data.method).to.equal('update_states');
    const byModel = Object.values(data.states).map((s) => s.model_name);
    expect(byModel).to.include.members(['IntSliderModel', 'ButtonModel', 'ImageModel', 'LayoutModel', 'CheckboxModel']);
    const imageId = Object.keys(data.states).find((id) => data.states[id].model_name === 'ImageModel');
    const at = data.buffer_paths.findIndex((p) => p[0] === imageId);
    expect(data.buffer_paths[at]).to.deep.equal([imageId, 'state', 'value']);
    expect([...reply.buffers[at]]).to.deep.equal([255, 216, 255]);
  });

  it('routes what an Output captures by msg_id: set to the cell before its outputs, reset after', async () => {
    const outcome = await ok(kernel(), "const out = widgets.Output(); out.capture(() => { console.log('inside'); display.html('<b>shown</b>'); }); console.log('outside');");
    const id = openOf(outcome.outputs, 'OutputModel').content.comm_id as string;
    const cellId = (outcome.reply.parent_header as Header).msg_id;
    const sequence = outcome.outputs
      .filter((m) => m.header.msg_type !== 'comm_open')
      .map((m) => (m.header.msg_type === 'comm_msg' ? `msg_id=${(stateOf(m) as { msg_id: string }).msg_id}` : m.header.msg_type === 'stream' ? `stream:${m.content.text}` : m.header.msg_type));
    expect(sequence).to.deep.equal([`msg_id=${cellId}`, 'stream:inside\n', 'display_data', 'msg_id=', 'stream:outside\n']);
    expect(outcome.outputs.filter((m) => m.header.msg_type === 'comm_msg').every((m) => m.content.comm_id === id)).to.equal(true);
  });

  it('closes a widget with its layout and style, and forgets their comms', async () => {
    const open = await ok(kernel(), "const gone = widgets.FloatSlider({ value: 0.5, max: 1 });");
    const ids = commOpens(open.outputs).map((m) => m.content.comm_id as string);
    const closed = await ok(kernel(), 'gone.close(); gone.closed');
    expect(closed.outputs.filter((m) => m.header.msg_type === 'comm_close').map((m) => m.content.comm_id).sort()).to.deep.equal([...ids].sort());
    expect(resultText(closed)).to.equal('true');
    const info = await kernel().request('shell', 'comm_info_request', { target_name: 'jupyter.widget' });
    const comms = Object.keys(info.content.comms as JsonObject);
    for (const id of ids) expect(comms).not.to.include(id);
    expect(comms.length).to.be.greaterThan(0);
  });

  it('documents the widgets in the notebook: inspection shows a signature and a docstring', async () => {
    for (const [code, signature, doc] of [
      ['widgets.IntSlider', 'IntSlider(options)', 'A slider of integers'],
      ['widgets.HBox', 'HBox(children, options)', 'Widgets side by side'],
      ['widgets.interact', 'interact(fn, spec)', 'Shows a control per argument'],
      ['callbacks.TrainingControls', 'TrainingControls(options)', 'Stop, Pause and learning-rate controls for a running fit'],
    ]) {
      const reply = await kernel().request('shell', 'inspect_request', { code, cursor_pos: code.length, detail_level: 0 });
      const text = (reply.content.data as Record<string, string>)['text/plain'];
      expect(text).to.include(`Signature:   ${signature}`);
      expect(text).to.match(new RegExp(`Docstring: +${doc}`));
    }
  });

  it('survives malformed widget traffic and reports a throwing observer without failing', async () => {
    const open = await ok(kernel(), "const fragile = widgets.Text({ value: 'a' }); fragile.observe(() => { throw new Error('observer broke'); }, 'value');");
    const id = openOf(open.outputs, 'TextModel').content.comm_id as string;
    const bad: JsonObject[] = [
      { comm_id: 'no-such-comm', data: { method: 'update', state: { value: 1 } } },
      { comm_id: id, data: { method: 'update', state: [1, 2] } },
      { comm_id: id, data: { method: 'update', state: 'x', buffer_paths: 5 } },
      { comm_id: id, data: { method: 'update', state: {}, buffer_paths: [['__proto__', 'polluted'], [null], 7] } },
      { comm_id: id, data: { method: 'no-such-method' } },
      { comm_id: id, data: { method: 'custom', content: null } },
      { comm_id: id, data: null },
      { comm_id: 42, data: {} },
    ];
    for (const content of bad) await sendComm(kernel(), 'comm_msg', content, [Buffer.from([1])]);
    await sendComm(kernel(), 'comm_open', { comm_id: 'from-frontend', target_name: 'jupyter.widget', data: { state: {} } });
    const broke = await sendComm(kernel(), 'comm_msg', { comm_id: id, data: { method: 'update', state: { value: 'b' } } });
    const report = await answers(kernel(), broke, (m) => m.some((x) => x.header.msg_type === 'stream'), 'the error report');
    expect(streamText({ reply: report[0], iopub: report, outputs: report }, 'stderr')).to.include('observer broke');
    expect(resultText(await ok(kernel(), "JSON.stringify([fragile.value, ({} as any).polluted ?? null])"))).to.equal(`'["b",null]'`);
  });
});

describe('widgets: training controls during a running fit', function () {
  this.timeout(180000);
  const kernel = useKernel({
    setup: `const model = models.Sequential([layers.Dense(16, { activation: 'relu', input_shape: [8] }), layers.Dense(1)]);
model.compile({ optimizer: optimizers.SGD({ learningRate: 0.01 }), loss: 'mse' });
const x = tf.randomNormal([4096, 8], 0, 1, 'float32', 1); const y = x.sum(1, true);`,
  });

  it('changes the learning rate the next epoch reports, then stops within one batch with the weights kept', async () => {
    const k = kernel();
    const { header, reply } = k.sendRequest('shell', 'execute_request', {
      code: `const controls = callbacks.TrainingControls();
let batches = 0;
let atClick = -1;
controls.stopButton.onClick(() => { atClick = batches; });
const h = await model.fit(x, y, { epochs: 200, batchSize: 8, verbose: 2, callbacks: [controls, { onBatchEnd: () => { batches += 1; } }] });
JSON.stringify({ epochs: h.epoch.length, lr: h.history.learning_rate, after: batches - atClick, clicked: atClick >= 0 })`,
      silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    });
    const shown = await answers(k, header, (m) => m.some((x) => x.header.msg_type === 'stream' && /Epoch 1\/200/.test(String(x.content.text))) && m.some((x) => x.header.msg_type === 'display_data' && VIEW in (x.content.data as JsonObject)), 'the controls and the first epoch');
    const opens = commOpens(shown);
    const slider = openOf(shown, 'FloatLogSliderModel').content.comm_id as string;
    const stop = commOpens(shown).find((m) => stateOf(m).description === 'Stop')?.content.comm_id as string;
    expect(opens.some((m) => stateOf(m)._model_name === 'ToggleButtonModel' && stateOf(m).description === 'Pause')).to.equal(true);

    await answers(k, header, (m) => /learning_rate: 0\.01/.test(m.filter((x) => x.header.msg_type === 'stream').map((x) => x.content.text).join('')), 'an epoch reporting lr 0.01');
    const moved = await sendComm(k, 'comm_msg', { comm_id: slider, data: { method: 'update', state: { value: 0.002 }, buffer_paths: [] } });
    await answers(k, moved, (m) => commMsgs(m, 'echo_update').length > 0, 'the echo of the new rate');
    // The epoch lines after the change report the new rate.
    const reported = await answers(k, header, (m) => /learning_rate: 0\.002/.test(m.filter((x) => x.header.msg_type === 'stream').map((x) => x.content.text).join('')), 'an epoch reporting lr 0.002');
    expect(reported.length).to.be.greaterThan(0);

    const pressed = await sendComm(k, 'comm_msg', { comm_id: stop, data: { method: 'custom', content: { event: 'click' } } });
    await answers(k, pressed, (m) => commMsgs(m).length > 0, 'the status change');
    const done = await reply;
    expect(done.content.status).to.equal('ok');
    await k.waitIdle(header.msg_id);
    const result = JSON.parse(String(resultText({ reply: done, iopub: k.iopubFor(header.msg_id), outputs: k.iopubFor(header.msg_id) })).slice(1, -1)) as { epochs: number; lr: number[]; after: number; clicked: boolean };
    expect(result.epochs).to.be.lessThan(200);
    // Stopped after the batch in flight when the click arrived: at most that one batch ran after the click.
    expect(result.clicked).to.equal(true);
    expect(result.after).to.be.at.most(1);
    expect(result.lr[0]).to.be.closeTo(0.01, 1e-9);
    expect(result.lr[result.lr.length - 1]).to.be.closeTo(0.002, 1e-9);
    const after = await ok(k, 'JSON.stringify({ lr: model.optimizer.learningRate, finite: model.getWeights().every((w) => w.dataSync().every(Number.isFinite)) })');
    expect(resultText(after)).to.equal(`'{"lr":0.002,"finite":true}'`);
  });

  it('holds training between batches while paused, and an interrupt still ends it', async () => {
    const k = kernel();
    const { header, reply } = k.sendRequest('shell', 'execute_request', {
      code: `const held = callbacks.TrainingControls();
let heldBatches = 0;
let atPause = -1;
held.pauseButton.observe(() => { atPause = heldBatches; }, 'value');
await model.fit(x, y, { epochs: 100, batchSize: 8, verbose: 0, callbacks: [held, { onBatchEnd: () => { heldBatches += 1; } }] });`,
      silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true,
    });
    const shown = await answers(k, header, (m) => m.some((x) => x.header.msg_type === 'display_data'), 'the controls');
    const pause = commOpens(shown).find((m) => stateOf(m).description === 'Pause')?.content.comm_id as string;
    const label = commOpens(shown).find((m) => stateOf(m)._model_name === 'LabelModel')?.content.comm_id as string;
    await sendComm(k, 'comm_msg', { comm_id: pause, data: { method: 'update', state: { value: true }, buffer_paths: [] } });
    const isPaused = (m: Message) => m.content.comm_id === label && /^paused in epoch \d+$/.test(String(stateOf(m)?.value));
    await answers(k, header, (m) => commMsgs(m).some(isPaused), 'the paused status');
    // Training would run hundreds of batches in this time; paused, it runs none.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await k.request('control', 'interrupt_request', {});
    const done = await reply;
    expect(done.content.ename, JSON.stringify(done.content)).to.equal('InterruptError');
    await k.waitIdle(header.msg_id);
    expect(resultText(await ok(k, 'JSON.stringify([heldBatches - atPause <= 1, atPause > 0])'))).to.equal(`'[true,true]'`);
  });
});
