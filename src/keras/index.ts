// tsdl's Keras-like API: the names a notebook finds preloaded (`tf`, `layers`, `models`...).
import * as tf from '@tensorflow/tfjs';
import './keras-names';
import * as activations from './activations';
import * as callbacks from './callbacks';
import { datasets } from './datasets';
import * as initializers from './initializers';
import * as layers from './layers';
import * as losses from './losses';
import * as metrics from './metrics';
import * as models from './models';
import * as optimizers from './optimizers';
import * as regularizers from './regularizers';
import * as utils from './utils';

export { tf, activations, callbacks, datasets, initializers, layers, losses, metrics, models, optimizers, regularizers, utils };
export { setPresenter } from './presenter';
export type { KerasPresenter, FitParams, FitProgress, Logs, SummaryOptions } from './presenter';
export { initBackend, backendInfo, activeTf } from '../backend';
export { summaryText } from '../display/render/summary';
export { summaryData } from '../display/render/summary-data';
export { formatShape } from '../display/render/layers';
export type { SummaryData, SummaryRow } from '../display/render/summary-data';
export { TextProgress } from './text/progbar';
export type { History } from './callbacks/history';
export { interruptTraining, recoverFromTermination, setBatchGuard, trainingStopped } from './training/interrupts';
