// The union package of TensorFlow.js loaded with its converter and webgl backend deferred: in a fresh Node process
// (this one has them loaded already), the union loads without their code, and still offers every export.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { join } from 'path';
import { DEFERRED_PACKAGES } from '../../src/interpreter/runtime/deferred-tfjs-parts';

const ROOT = join(__dirname, '..', '..');

describe('interpreter/deferred-tfjs-parts', function () {
  this.timeout(60000);

  it('knows every export of the deferred packages, as their installed versions have them', () => {
    for (const [name, { exports, version }] of Object.entries(DEFERRED_PACKAGES)) {
      expect(exports, name).to.deep.equal(Object.keys(require(name) as object));
      expect(exports, name).to.include(version);
    }
  });

  it('loads the union without their code; their exports load them when first read', () => {
    const script = `
      const { withTfjsPartsDeferred } = require('./src/interpreter/runtime/deferred-tfjs-parts');
      const loaded = () => Object.keys(require.cache).filter((file) => /tfjs-(converter|backend-webgl)\\/dist/.test(file)).length;
      const tf = withTfjsPartsDeferred(() => require('@tensorflow/tfjs'));
      const atStart = loaded();
      const version = tf.version;
      const loadGraphModel = typeof tf.loadGraphModel;
      console.log(JSON.stringify({ atStart, version, loadGraphModel, after: loaded() > 0, sum: tf.tensor([1, 2, 3]).sum().dataSync()[0] }));`;
    const result = spawnSync(process.execPath, ['-r', 'esbuild-register', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stderr).to.equal(0);
    const seen = JSON.parse(result.stdout.trim().split('\n').pop()!) as { atStart: number; version: Record<string, string>; loadGraphModel: string; after: boolean; sum: number };
    expect(seen.atStart).to.equal(0);
    const installed = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
    expect(seen.version['tfjs-converter']).to.equal(installed('@tensorflow/tfjs-converter'));
    expect(seen.version['tfjs-backend-webgl']).to.equal(installed('@tensorflow/tfjs-backend-webgl'));
    expect(seen.loadGraphModel).to.equal('function');
    expect(seen.after).to.equal(true);
    expect(seen.sum).to.equal(6);
  });
});
