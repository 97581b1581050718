// The recurrent cells tsdl fuses, and what their fused kernels need to know about them.

export type CellKind = 'lstm' | 'gru' | 'simple';

/** SimpleRNN's activations the fused kernels implement (LSTM and GRU use tanh). */
export const ACTIVATIONS = ['tanh', 'relu', 'linear'] as const;
export type FusedActivation = (typeof ACTIVATIONS)[number];

/** Gates per unit (columns of the kernels: units × gates) and states per unit (LSTM: h and c). */
export const CELLS: Record<CellKind, { gates: number; states: number; code: number }> = {
  lstm: { gates: 4, states: 2, code: 0 },
  gru: { gates: 3, states: 1, code: 1 },
  simple: { gates: 1, states: 1, code: 2 },
};

/** Sizes and activations of one fused call. */
export interface RnnDims {
  cell: CellKind;
  batch: number;
  steps: number;
  units: number;
  /** hardSigmoid gates instead of sigmoid (LSTM, GRU). */
  hard: boolean;
  /** SimpleRNN's activation. */
  act: FusedActivation;
}
