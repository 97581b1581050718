// An esbuild plugin for the preloaded API (src/keras): each function or class with a doc comment in the source
// carries that comment at run time under Symbol.for('tsdl.doc'), which inspect_request and help() show. esbuild
// drops comments, so they are read here, with the kernel's own doc-comment reader.
const esbuild = require('esbuild');
const fs = require('fs');
const Module = require('module');
const path = require('path');

const root = path.join(__dirname, '..');
const DOCS_SOURCE = 'src/interpreter/introspection/docs.ts';

/** The kernel's extractDocComments, bundled from its TypeScript source for this build. */
function loadExtractor() {
  const [output] = esbuild.buildSync({ entryPoints: [DOCS_SOURCE], absWorkingDir: root, bundle: true, platform: 'node', format: 'cjs', write: false }).outputFiles;
  const loaded = new Module(path.join(root, DOCS_SOURCE));
  loaded.paths = Module._nodeModulePaths(root);
  loaded._compile(output.text, path.join(root, DOCS_SOURCE));
  return loaded.exports.extractDocComments;
}

/** True when `name` is declared as a value (a type or interface has nothing to carry a doc at run time). */
function declaredAsValue(source, name) {
  return new RegExp(`^(?:export\\s+)?(?:default\\s+)?(?:async\\s+)?(?:abstract\\s+)?(?:const|let|var|function\\*?|class)\\s+${name}\\b`, 'm').test(source);
}

// Appended to each file: the first doc a function gets is kept (an alias such as `hard_sigmoid = hardSigmoid`
// documents itself second).
const ATTACH = `
function __tsdlAttachDoc(value: unknown, doc: string): void {
  const key = Symbol.for('tsdl.doc');
  if (typeof value === 'function' && Object.isExtensible(value) && !Object.getOwnPropertyDescriptor(value, key)) {
    Object.defineProperty(value, key, { value: doc, configurable: true });
  }
}
`;

/** The plugin, for the files under `folder` (relative to the repository root). */
function apiDocsPlugin(folder) {
  let extract = null;
  const under = path.join(root, folder) + path.sep;
  return {
    name: 'api-docs',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!args.path.startsWith(under)) return undefined;
        extract ??= loadExtractor();
        const source = fs.readFileSync(args.path, 'utf8');
        const calls = [...extract(source)]
          .filter(([name]) => declaredAsValue(source, name))
          .map(([name, doc]) => `__tsdlAttachDoc(${name}, ${JSON.stringify(doc)});`);
        if (calls.length === 0) return undefined;
        return { contents: `${source}\n${ATTACH}${calls.join('\n')}\n`, loader: 'ts' };
      });
    },
  };
}

module.exports = { apiDocsPlugin };
