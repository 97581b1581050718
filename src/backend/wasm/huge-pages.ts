// The wasm heap on transparent huge pages, through the native addon (tsdl_pages.c says why): the first touch of
// fresh heap, as a data set or a model's first batches fill it, takes one page fault per 2 MB instead of per 4 KB.
import { readFileSync } from 'fs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { NativeBlas } from '../native/addon';
import type { TfModule } from '../types';
import { heapBuffer } from './heap';

/** Linux's transparent huge page setting (`always`, `madvise` or `never`), or null where there is none. */
function systemSetting(): string | null {
  try {
    return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Advises the running wasm backend's heap onto huge pages; whether it now gets them. */
export function heapOnHugePages(tf: TfModule, addon: NativeBlas): boolean {
  const setting = systemSetting();
  if (setting === null || setting === 'never' || tf.getBackend() !== 'wasm') return false;
  return addon.adviseHugePages(heapBuffer(tf.backend() as BackendWasm)) || setting === 'always';
}
