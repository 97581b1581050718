// kernel_info_reply: who we are, the language, and a banner naming tsdl, Node and the TensorFlow.js backend.
import type { KernelInfoReply } from '../protocol/messages';
import { PROTOCOL_VERSION } from '../protocol/messages';
import { tsdlVersion, packageVersion } from './versions';

export function kernelInfo(backendDescription: string | null): KernelInfoReply {
  const tfjs = packageVersion('@tensorflow/tfjs') ?? 'not installed';
  const backend = backendDescription ?? `TensorFlow.js ${tfjs} (backend chosen on first use)`;
  return {
    status: 'ok',
    protocol_version: PROTOCOL_VERSION,
    implementation: 'tsdl',
    implementation_version: tsdlVersion(),
    language_info: {
      name: 'typescript',
      version: packageVersion('typescript') ?? '5',
      mimetype: 'text/typescript',
      file_extension: '.ts',
      pygments_lexer: 'typescript',
      codemirror_mode: 'typescript',
      nbconvert_exporter: 'script',
    },
    banner: `tsdl ${tsdlVersion()}: deep learning in TypeScript\nNode.js ${process.version}\n${backend}`,
    help_links: [
      { text: 'tsdl', url: 'https://github.com/tsdl/tsdl#readme' },
      { text: 'TensorFlow.js API', url: 'https://js.tensorflow.org/api/latest/' },
      { text: 'Keras API', url: 'https://keras.io/api/' },
      { text: 'TypeScript handbook', url: 'https://www.typescriptlang.org/docs/handbook/intro.html' },
    ],
    debugger: false,
  };
}
