// The widget models' state sync, over fake comms (the only fake here: the kernel test runs the real ones): what a
// widget opens with, what each change sends, how a frontend's updates are checked, echoed, corrected and observed,
// buffers both ways, Output's msg_id, interact's inferred controls, links, and the training controls' callbacks.
import { expect } from 'chai';
import type { JsonObject } from '../../src/protocol/messages';
import { putBuffers, removeBuffers } from '../../src/interpreter/runtime/widgets/buffers';
import { setWidgetHost, type WidgetComm, type WidgetCommMessage } from '../../src/interpreter/runtime/widgets/host';
import { allStates } from '../../src/interpreter/runtime/widgets/install';
import { widgets, TrainingControlsFactory } from '../../src/interpreter/runtime/widgets/namespace';
import type { Widget } from '../../src/interpreter/runtime/widgets/widget';

interface Sent {
  data: JsonObject;
  buffers: Uint8Array[];
}

class FakeComm implements WidgetComm {
  readonly sent: Sent[] = [];
  closed = false;
  private handlers: ((data: JsonObject, message: WidgetCommMessage) => void)[] = [];
  private closeHandlers: ((data: JsonObject, message: WidgetCommMessage) => void)[] = [];

  constructor(
    readonly commId: string,
    readonly opened: { data: JsonObject; metadata: JsonObject; buffers: Uint8Array[] },
  ) {}

  send(data: JsonObject, _metadata?: JsonObject, buffers: Uint8Array[] = []): void {
    this.sent.push({ data, buffers });
  }

  close(): void {
    this.closed = true;
  }

  onMsg(handler: (data: JsonObject, message: WidgetCommMessage) => void): void {
    this.handlers.push(handler);
  }

  onClose(handler: (data: JsonObject, message: WidgetCommMessage) => void): void {
    this.closeHandlers.push(handler);
  }

  /** A message from the frontend. */
  receive(data: unknown, buffers: Uint8Array[] = []): void {
    for (const handler of this.handlers) handler(data as JsonObject, { data: data as JsonObject, buffers });
  }

  closeFromFrontend(): void {
    for (const handler of this.closeHandlers) handler({}, { data: {}, buffers: [] });
  }
}

describe('widgets: state sync over a fake comm', () => {
  let comms: FakeComm[];
  let errors: string[];
  let displayed: unknown[];
  let cleared: boolean[];
  let currentMessage: string | null;

  const commOf = (widget: Widget): FakeComm => comms.find((c) => c.commId === widget.modelId) as FakeComm;
  const stateAtOpen = (widget: Widget): JsonObject => commOf(widget).opened.data.state as JsonObject;
  const lastSent = (widget: Widget): JsonObject => commOf(widget).sent[commOf(widget).sent.length - 1]?.data;

  beforeEach(() => {
    comms = [];
    errors = [];
    displayed = [];
    cleared = [];
    currentMessage = 'cell-1';
    let next = 0;
    setWidgetHost({
      openComm: (target, data, metadata, buffers) => {
        expect(target).to.equal('jupyter.widget');
        const comm = new FakeComm(`w${++next}`, { data, metadata, buffers });
        comms.push(comm);
        return comm;
      },
      registerTarget: () => undefined,
      currentMessageId: () => currentMessage,
      clearOutput: (wait) => void cleared.push(wait),
      display: (value) => void displayed.push(value),
      displayBundle: (bundle) => void displayed.push(bundle),
      reportError: (where, error) => void errors.push(`${where}: ${(error as Error).message}`),
    });
  });
  afterEach(() => setWidgetHost(null));

  it('opens with the full state, protocol 2.1.0, and its layout and style opened first and referenced', () => {
    const slider = widgets.FloatSlider({ value: 0.25, min: 0, max: 1, step: 0.05, description: 'dropout', readoutFormat: '.2f' });
    expect(comms.map((c) => (c.opened.data.state as JsonObject)._model_name)).to.deep.equal(['LayoutModel', 'SliderStyleModel', 'FloatSliderModel']);
    expect(comms.every((c) => c.opened.metadata.version === '2.1.0')).to.equal(true);
    expect(stateAtOpen(slider)).to.deep.include({
      value: 0.25, min: 0, max: 1, step: 0.05, description: 'dropout', readout_format: '.2f', continuous_update: true,
      layout: 'IPY_MODEL_w1', style: 'IPY_MODEL_w2', _view_name: 'FloatSliderView', _dom_classes: [],
    });
    expect(slider.modelId).to.equal('w3');
  });

  it('sends one update per change, with only the changed keys, and none when the value is the same', () => {
    const slider = widgets.IntSlider({ max: 10 });
    slider.value = 4;
    slider.value = 4;
    slider.setState({ description: 'units', max: 20 });
    expect(commOf(slider).sent.map((s) => s.data)).to.deep.equal([
      { method: 'update', state: { value: 4 }, buffer_paths: [] },
      { method: 'update', state: { description: 'units', max: 20 }, buffer_paths: [] },
    ]);
  });

  it('refuses values of the wrong type from a cell, and keeps values within bounds', () => {
    const slider = widgets.IntSlider({ value: 5, max: 10 });
    expect(() => (slider.value = 2.5)).to.throw(TypeError, 'IntSlider.value must be an integer, not 2.5');
    expect(() => (slider.value = '3' as unknown as number)).to.throw(TypeError, /not the string "3"/);
    slider.value = 50;
    expect(slider.value).to.equal(10);
    slider.max = 3;
    expect(slider.value).to.equal(3);
    expect(lastSent(slider)).to.deep.equal({ method: 'update', state: { max: 3, value: 3 }, buffer_paths: [] });
    const open = comms.length;
    expect(() => widgets.IntSlider({ min: 5, max: 1 })).to.throw(RangeError, /min \(5\) must not be above max \(1\)/);
    expect(() => widgets.IntSlider({ layout: { width: '10px' }, value: 'x' })).to.throw(TypeError, 'IntSlider.value must be an integer');
    // A widget that could not be made leaves no comm open behind it (its layout and style are closed).
    expect(comms.slice(open).map((c) => [(c.opened.data.state as JsonObject)._model_name, c.closed])).to.deep.equal([
      ['LayoutModel', true], ['SliderStyleModel', true], ['LayoutModel', true],
    ]);
    expect(() => widgets.IntSlider({ vaule: 3 } as object)).to.throw(/unknown option 'vaule'. Did you mean 'value'\?/);
  });

  it('echoes a frontend update, stores it and calls observers; corrects what it had to clamp or refuse', () => {
    const slider = widgets.IntSlider({ value: 1, max: 10 });
    const seen: string[] = [];
    slider.observe((c) => void seen.push(`${c.name} ${String(c.old)}->${String(c.new)}`), 'value');
    commOf(slider).receive({ method: 'update', state: { value: 7 }, buffer_paths: [] });
    expect(commOf(slider).sent.map((s) => s.data)).to.deep.equal([{ method: 'echo_update', state: { value: 7 }, buffer_paths: [] }]);
    expect([slider.value, seen]).to.deep.equal([7, ['value 1->7']]);

    commOf(slider).receive({ method: 'update', state: { value: 99, description: 5, _view_name: 'Evil', unknown: 1 } });
    expect(commOf(slider).sent.slice(1).map((s) => s.data)).to.deep.equal([
      { method: 'echo_update', state: { value: 99 }, buffer_paths: [] },
      { method: 'update', state: { description: '', _view_name: 'IntSliderView', value: 10 }, buffer_paths: [] },
    ]);
    expect([slider.value, slider.description, seen]).to.deep.equal([10, '', ['value 1->7', 'value 7->10']]);
  });

  it('ignores malformed messages and reports throwing observers without throwing', () => {
    const text = widgets.Text({ value: 'a' });
    text.observe(() => {
      throw new Error('observer broke');
    });
    for (const bad of [null, 5, 'x', [], { method: 'update' }, { method: 'update', state: [1] }, { method: 'update', state: {}, buffer_paths: 'x' }, { method: 'nope' }]) {
      expect(() => commOf(text).receive(bad)).not.to.throw();
    }
    commOf(text).receive({ method: 'update', state: { value: 'b' } });
    expect(text.value).to.equal('b');
    expect(errors).to.deep.equal(['observer of Text.value: observer broke']);
  });

  it('answers request_state with every key', () => {
    const box = widgets.Checkbox({ value: true });
    commOf(box).receive({ method: 'request_state' });
    const state = lastSent(box).state as JsonObject;
    expect(lastSent(box).method).to.equal('update');
    expect(Object.keys(state)).to.include.members(['_model_name', 'value', 'description', 'indent', 'layout', 'style']);
  });

  it('sends bytes as buffers and puts incoming buffers back at their paths', () => {
    const image = widgets.Image({ value: new Uint8Array([1, 2, 3]) });
    expect(commOf(image).opened.data.buffer_paths).to.deep.equal([['value']]);
    expect(commOf(image).opened.buffers.map((b) => [...b])).to.deep.equal([[1, 2, 3]]);
    expect(stateAtOpen(image)).not.to.have.property('value');
    commOf(image).receive({ method: 'update', state: {}, buffer_paths: [['value']] }, [new Uint8Array([9, 8])]);
    expect([...image.value]).to.deep.equal([9, 8]);
    image.value = new Uint8Array([5]);
    const sent = commOf(image).sent[commOf(image).sent.length - 1];
    expect([sent.data, sent.buffers.map((b) => [...b])]).to.deep.equal([{ method: 'update', state: {}, buffer_paths: [['value']] }, [[5]]]);

    const nested = removeBuffers({ a: [1, new Uint8Array([4]), { b: new ArrayBuffer(2) }] });
    expect(nested.state).to.deep.equal({ a: [1, null, {}] });
    expect(nested.bufferPaths).to.deep.equal([['a', 1], ['a', 2, 'b']]);
    const back: JsonObject = JSON.parse(JSON.stringify(nested.state)) as JsonObject;
    putBuffers(back, [...nested.bufferPaths, ['__proto__', 'x'], ['missing', 'deep']], [...nested.buffers, new Uint8Array(1), new Uint8Array(1)]);
    expect((back.a as unknown[])[1]).to.be.instanceOf(Uint8Array);
    expect(({} as JsonObject).x).to.equal(undefined);
  });

  it('lists every live widget for request_states, and forgets closed ones with their layout and style', () => {
    const slider = widgets.IntSlider();
    const before = Object.keys(allStates().data.states);
    expect(before).to.include.members([slider.modelId, 'w1', 'w2']);
    slider.close();
    expect(comms.slice(-3).every((c) => c.closed)).to.equal(true);
    expect(slider.closed).to.equal(true);
    expect(Object.keys(allStates().data.states)).not.to.include.members([slider.modelId, 'w1', 'w2']);
    slider.value = 3; // a closed widget keeps working locally and sends nothing
    expect(commOf(slider).sent).to.deep.equal([]);
  });

  it('shows as a widget view with a text fallback', () => {
    const button = widgets.Button({ description: 'Go' });
    const bundle = (button as unknown as Record<symbol, () => JsonObject>)[Symbol.for('Jupyter.display')]();
    expect(bundle).to.deep.equal({
      'application/vnd.jupyter.widget-view+json': { version_major: 2, version_minor: 0, model_id: button.modelId },
      'text/plain': "Button(description='Go')",
    });
  });

  it('runs click handlers on a click message, and keeps clicking after one throws', () => {
    let clicks = 0;
    const button = widgets.Button({ onClick: () => void (clicks += 1) });
    button.onClick(() => {
      throw new Error('handler broke');
    });
    commOf(button).receive({ method: 'custom', content: { event: 'click' } });
    commOf(button).receive({ method: 'custom', content: { event: 'click' } });
    expect(clicks).to.equal(2);
    expect(errors).to.have.length(2);
  });

  it('keeps Dropdown values in the kernel and only labels and the index in the frontend', () => {
    const optimizer = { name: 'adam' };
    const dropdown = widgets.Dropdown({ options: [['Adam', optimizer], ['SGD', 'sgd']], description: 'optimizer' });
    expect(stateAtOpen(dropdown)).to.include({ index: 0 });
    expect(stateAtOpen(dropdown)._options_labels).to.deep.equal(['Adam', 'SGD']);
    const values: unknown[] = [];
    dropdown.observe((c) => void values.push(c.new), 'value');
    commOf(dropdown).receive({ method: 'update', state: { index: 1 } });
    expect([dropdown.value, dropdown.label, values]).to.deep.equal(['sgd', 'SGD', ['sgd']]);
    commOf(dropdown).receive({ method: 'update', state: { index: 7 } });
    expect(dropdown.index).to.equal(1);
    dropdown.value = optimizer;
    expect(lastSent(dropdown)).to.deep.equal({ method: 'update', state: { index: 0 }, buffer_paths: [] });
    dropdown.options = ['rmsprop', 'sgd'];
    expect([dropdown.value, dropdown.index, values]).to.deep.equal(['rmsprop', 0, ['sgd', optimizer, 'rmsprop']]);
    expect(lastSent(dropdown)).to.deep.equal({ method: 'update', state: { _options_labels: ['rmsprop', 'sgd'] }, buffer_paths: [] });
  });

  it("sets an Output's msg_id to the current message while it captures, and back afterwards", async () => {
    const out = widgets.Output();
    const result = out.capture(() => 42);
    expect(result).to.equal(42);
    expect(commOf(out).sent.map((s) => (s.data.state as JsonObject).msg_id)).to.deep.equal(['cell-1', '']);
    await out.capture(async () => {
      expect(out.msg_id).to.equal('cell-1');
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    expect(out.msg_id).to.equal('');
    expect(() => out.capture(() => {
      throw new Error('inside');
    })).to.throw('inside');
    expect(out.msg_id).to.equal('');
  });

  it('interact infers controls as ipywidgets does, and reruns the function in its Output on each change', () => {
    const calls: JsonObject[] = [];
    const box = widgets.interactive((values) => {
      calls.push(values);
      return values.n;
    }, { n: [1, 10], rate: [0.1, 0.9], lr: [1e-4, 1e-1], shuffle: true, name: 'mnist', opt: ['adam', 'sgd'], around: 5, model: widgets.fixed('m') });
    const kinds = Object.fromEntries(Object.entries(box.controls).map(([k, w]) => [k, w.modelName]));
    expect(kinds).to.deep.equal({
      n: 'IntSliderModel', rate: 'FloatSliderModel', lr: 'FloatLogSliderModel', shuffle: 'CheckboxModel', name: 'TextModel', opt: 'DropdownModel', around: 'IntSliderModel',
    });
    expect([box.controls.around.get('min'), box.controls.around.get('max')]).to.deep.equal([-5, 15]);
    expect(errors).to.deep.equal([]);
    expect(calls).to.have.length(1);
    expect(calls[0]).to.include({ n: 6, shuffle: true, name: 'mnist', opt: 'adam', around: 5, model: 'm' });
    expect(calls[0].lr as number).to.be.closeTo(10 ** -2.5, 1e-9);
    expect(displayed).to.deep.equal([6]);
    commOf(box.controls.n).receive({ method: 'update', state: { value: 9 } });
    expect(calls).to.have.length(2);
    expect(calls[1].n).to.equal(9);
    expect(displayed).to.deep.equal([6, 9]);
    expect(cleared).to.deep.equal([true, true]);
    expect(box.children.map((c) => c.modelName)).to.deep.equal([...Object.values(kinds), 'OutputModel']);
  });

  it('boxes reference their children by model id; Tab keeps its selected index on a tab', () => {
    const a = widgets.Label({ value: 'a' });
    const b = widgets.HTML({ value: '<b>b</b>' });
    const tab = widgets.Tab([a, b], { titles: ['first', 'second'] });
    expect(stateAtOpen(tab)).to.deep.include({ children: [`IPY_MODEL_${a.modelId}`, `IPY_MODEL_${b.modelId}`], titles: ['first', 'second'], selected_index: 0 });
    commOf(tab).receive({ method: 'update', state: { selected_index: 1 } });
    expect(tab.selectedIndex).to.equal(1);
    tab.children = [a];
    expect(lastSent(tab)).to.deep.equal({ method: 'update', state: { children: [`IPY_MODEL_${a.modelId}`], selected_index: 0 }, buffer_paths: [] });
    commOf(tab).receive({ method: 'update', state: { children: ['IPY_MODEL_nobody'] } });
    expect(tab.children).to.deep.equal([a]);
    expect(() => widgets.VBox([a, 'not a widget' as never])).to.throw(TypeError, 'VBox.children must be an array of widgets');
    const play = widgets.Play({ max: 10, interval: 250 });
    expect(stateAtOpen(play)).to.deep.include({ _model_name: 'PlayModel', _view_name: 'PlayView', max: 10, interval: 250, playing: false });
  });

  it('link keeps two values equal both ways; dlink one way, transformed', () => {
    const a = widgets.IntSlider({ value: 1 });
    const b = widgets.IntSlider({ value: 2 });
    const label = widgets.Label();
    const both = widgets.link([a, 'value'], [b, 'value']);
    expect(b.value).to.equal(1);
    commOf(b).receive({ method: 'update', state: { value: 5 } });
    expect(a.value).to.equal(5);
    widgets.dlink([a, 'value'], [label, 'value'], (v) => `${String(v)} units`);
    a.value = 7;
    expect([b.value, label.value]).to.deep.equal([7, '7 units']);
    both.unlink();
    a.value = 8;
    expect(b.value).to.equal(7);
    const js = widgets.jslink([a, 'value'], [b, 'value']);
    expect(stateAtOpen(js)).to.deep.include({ _model_name: 'LinkModel', source: [`IPY_MODEL_${a.modelId}`, 'value'], target: [`IPY_MODEL_${b.modelId}`, 'value'] });
  });

  it('training controls: Stop sets stopTraining, the slider sets the rate, Pause holds batchEnd until released', async () => {
    const controls = TrainingControlsFactory();
    const model = { stopTraining: false, optimizer: { learningRate: 0.01 } };
    controls.setModel(model);
    controls.onTrainBegin();
    expect(displayed).to.deep.equal([controls.widget]);
    expect(controls.lrSlider.value).to.equal(0.01);
    commOf(controls.lrSlider).receive({ method: 'update', state: { value: 0.002 } });
    expect(model.optimizer.learningRate).to.equal(0.002);
    const logs: Record<string, number> = { loss: 1 };
    controls.onEpochEnd(0, logs);
    expect(logs.learning_rate).to.equal(0.002);

    commOf(controls.pauseButton).receive({ method: 'update', state: { value: true } });
    let released = false;
    const held = controls.onBatchEnd();
    expect(held).to.be.instanceOf(Promise);
    void (held as Promise<void>).then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(released).to.equal(false);
    commOf(controls.stopButton).receive({ method: 'custom', content: { event: 'click' } });
    await held;
    expect(model.stopTraining).to.equal(true);
    controls.onTrainEnd();
    expect([controls.stopButton.disabled, controls.status.value]).to.deep.equal([true, 'stopped in epoch 1']);
  });
});
