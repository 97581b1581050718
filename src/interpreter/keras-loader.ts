// Loads the Keras-like API bundle (dist/keras.js), chooses the backend, and installs the kernel's presenter so
// model.summary() and fit() show rich, live outputs instead of printing text.
import type { KerasPresenter } from '../shared/presenter';
import { kernelPresenter } from '../display/presenter';

type KerasApi = Record<string, unknown>;

interface KerasBundle extends KerasApi {
  initBackend(options?: { forced?: string }): Promise<{ name: string; description?: string }>;
  backendInfo(): { name: string; description?: string };
  setPresenter(presenter: KerasPresenter | null): void;
}

export interface LoadedKeras {
  api: KerasApi;
  description: string;
}

export async function loadKeras(bundleFile: string): Promise<LoadedKeras> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const keras = require(bundleFile) as KerasBundle;
  const info = await keras.initBackend({ forced: process.env.TSDL_BACKEND });
  keras.setPresenter(kernelPresenter);
  return { api: keras, description: info.description ?? `TensorFlow.js backend ${info.name}` };
}
