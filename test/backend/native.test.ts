import { expect } from 'chai';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { loadNative } from '../../src/backend/native/addon';

function withEnv<T>(vars: Record<string, string>, f: () => T): T {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('backend: optional native addon', () => {
  it('can be turned off with TSDL_NATIVE=0', () => {
    expect(withEnv({ TSDL_NATIVE: '0' }, loadNative)).to.deep.equal({ ok: false, reason: 'TSDL_NATIVE=0' });
  });

  it('says how to build it when it is missing', () => {
    const r = withEnv({ TSDL_NATIVE: '1', TSDL_NATIVE_ADDON: '/nonexistent/tsdl_blas.node' }, loadNative);
    expect(r.ok).to.equal(false);
    expect(!r.ok && r.reason).to.match(/not built \(node src\/backend\/native\/build\.js\)/);
  });

  it('build never fails npm: without a compiler it explains and exits 0', () => {
    const script = path.join(__dirname, '../../src/backend/native/build.js');
    const r = spawnSync(process.execPath, [script], { env: { ...process.env, TSDL_NATIVE_CC: '/nonexistent/cc' }, encoding: 'utf8' });
    expect(r.status).to.equal(0);
    expect(r.stdout).to.match(/tsdl native: skipped .*using the wasm kernels/);
  });
});
