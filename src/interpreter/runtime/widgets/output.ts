// Output: an output area as a widget. While it captures, the frontend routes every output of the current request
// (console.log, display(), errors) into it instead of the cell: the kernel only sets the widget's msg_id to that
// request's id, as ipywidgets' Output protocol does, and resets it afterwards.
import { noteCapture } from './capture-settle';
import { DOMWidget } from './dom';
import { widgetHost } from './host';
import { json, str } from './traits';
import { defineWidget } from './widget';

/** One output in the widget's `outputs` list, as nbformat writes it. */
export type OutputRecord = Record<string, unknown> & { output_type: string };

/**
 * An output area: `const out = widgets.Output(); out.capture(() => console.log('hi'))`. What a capture prints or
 * displays appears in the widget, wherever it is shown; `clear()` empties it. A capture that returns a promise keeps
 * capturing until it settles; output produced after its first `await` goes where the kernel's current request is
 * then, which is the same cell while that cell runs.
 */
export class Output extends DOMWidget {
  declare msg_id: string;
  declare outputs: OutputRecord[];

  /** Runs `fn` with its outputs shown in this widget; returns what `fn` returns. */
  capture<T>(fn: () => T): T {
    const id = widgetHost().currentMessageId();
    const previous = this.msg_id;
    if (id !== null) {
      this.set('msg_id', id);
      noteCapture();
    }
    const end = (): void => {
      this.set('msg_id', previous);
      if (id !== null) noteCapture();
    };
    let result: T;
    try {
      result = fn();
    } catch (error) {
      end();
      throw error;
    }
    if (result instanceof Promise) return result.finally(end) as T;
    end();
    return result;
  }

  /** Shows `value` in this widget, as display(value) would in a cell. */
  display(value: unknown): void {
    this.capture(() => widgetHost().display(value));
  }

  /** Empties the widget; with `wait`, only when the next output arrives (no flicker in loops). */
  clear(options: { wait?: boolean } = {}): void {
    this.capture(() => widgetHost().clearOutput(options.wait === true));
    // Without a frontend the captured clear_output reaches no widget: the kernel's copy is emptied too.
    if (options.wait !== true) this.set('outputs', []);
  }

  /** Adds text to the widget as a stdout stream, from anywhere (a timer, a callback after an await). */
  appendStdout(text: string): void {
    this.set('outputs', [...this.outputs, { output_type: 'stream', name: 'stdout', text: String(text) }]);
  }

  /** Adds text to the widget as a stderr stream. */
  appendStderr(text: string): void {
    this.set('outputs', [...this.outputs, { output_type: 'stream', name: 'stderr', text: String(text) }]);
  }

  override toString(): string {
    return `Output(${this.outputs.length} outputs)`;
  }
}
defineWidget(Output, {
  model: 'OutputModel',
  module: 'output',
  view: 'OutputView',
  // The outputs are the frontend's record of what it captured: not echoed back to it.
  traits: { msg_id: str(''), outputs: json<OutputRecord[]>(() => [], false) },
});
