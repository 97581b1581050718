// The declarations every cell starts with, as TypeScript reads them: the preloaded Keras-like API from its emitted
// declaration files (dist/types, see scripts/emit-types.js), and the kernel's own globals.

/** Each preloaded name of the Keras-like API, with the line inspect shows for the namespace itself. */
const KERAS_GLOBALS: [name: string, doc: string][] = [
  ['tf', 'TensorFlow.js (`@tensorflow/tfjs`): tensors, ops, and its own layers API.'],
  ['layers', "Keras's layers: `layers.Dense(64, { activation: 'relu' })`, `layers.Conv2D`, `layers.LSTM`..."],
  ['models', "Keras's models: `models.Sequential([...])`, the functional `models.Model({ inputs, outputs })`, `models.loadModel`."],
  ['optimizers', "Keras's optimizers: `optimizers.Adam({ learning_rate: 1e-3 })`, `optimizers.SGD`, `optimizers.RMSprop`..."],
  ['losses', "Keras's losses: `losses.MeanSquaredError()`, `losses.categorical_crossentropy`..."],
  ['metrics', "Keras's metrics: `metrics.Accuracy()`, `metrics.AUC()`..."],
  ['callbacks', "Keras's callbacks: `callbacks.EarlyStopping`, `callbacks.ModelCheckpoint`, `callbacks.TrainingControls`..."],
  ['activations', "Keras's activations: `activations.relu`, `activations.softmax`..."],
  ['initializers', "Keras's initializers: `initializers.GlorotUniform()`, `initializers.HeNormal()`..."],
  ['regularizers', "Keras's regularizers: `regularizers.l2(1e-4)`..."],
  ['utils', "Keras's utils: `utils.to_categorical`, `utils.plotModel`, `utils.set_random_seed`..."],
  ['datasets', "Keras's datasets: `datasets.mnist.loadData()`, `datasets.imdb`, `datasets.boston_housing`..."],
];

const KERNEL_GLOBALS = `
  /** Shows a value below the cell (a tensor, a model, a chart, HTML, an image...); returns a handle to update it. */
  function display(value: unknown, options?: { displayId?: string; metadata?: object; raw?: boolean }): DisplayHandle;
  /** What display() returns: the id of the output it made, to update or show again. */
  interface DisplayHandle {
    readonly displayId: string;
    /** Replaces the output everywhere this display id is shown. */
    update(value: unknown, options?: { metadata?: object; raw?: boolean }): void;
    /** Shows the same display id once more, below the current cell's outputs. */
    display(value: unknown, options?: { metadata?: object; raw?: boolean }): void;
  }
  /** Clears the cell's output; \`wait: true\` clears it when the next output comes. */
  function clearOutput(options?: { wait?: boolean }): void;
  /** Asks the user for a line of text in the frontend: \`await input('Name? ')\`. */
  const input: {
    (prompt?: string): Promise<string>;
    /** Asks for a line the frontend hides as it is typed. */
    password(prompt?: string): Promise<string>;
  };
  /** The documentation of a value, in the pager. */
  function help(value: unknown): void;
  /** Asks the frontend to close (jupyter console does; notebooks ignore it). */
  function exit(keepKernel?: boolean): void;
  /** Asks the frontend to close (jupyter console does; notebooks ignore it). */
  function quit(keepKernel?: boolean): void;
  /** Loads a package from the notebook's folder or tsdl's own (CommonJS). */
  function require(specifier: string): any;
  /** ipywidgets' controls: \`widgets.IntSlider({ value: 5 })\`, \`widgets.Output()\`... */
  const widgets: any;
  /** Jupyter comms, for custom frontend extensions. */
  const comms: any;
  const console: {
    log(...values: unknown[]): void;
    error(...values: unknown[]): void;
    warn(...values: unknown[]): void;
    info(...values: unknown[]): void;
    table(data: unknown): void;
    time(label?: string): void;
    timeEnd(label?: string): void;
  };
  const process: any;
  const Buffer: any;
  function setTimeout(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
  function setInterval(callback: (...args: any[]) => void, ms?: number, ...args: any[]): any;
  function clearTimeout(handle: any): void;
  function clearInterval(handle: any): void;
  function setImmediate(callback: (...args: any[]) => void, ...args: any[]): any;
`;

/** The prelude's text: `kerasIndex` is the path of the emitted `keras/index` declarations, without extension. */
export function preludeText(kerasIndex: string): string {
  const keras = KERAS_GLOBALS.map(([name, doc]) => `  /** ${doc} */\n  const ${name}: typeof import(${JSON.stringify(kerasIndex)}).${name};`);
  return `export {};\ndeclare global {\n${keras.join('\n')}\n${KERNEL_GLOBALS}}\n`;
}
