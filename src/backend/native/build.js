#!/usr/bin/env node
/*
 * Builds tsdl's optional native fast path (dist/native/tsdl_blas.node) with the system C compiler.
 * Never fails: where there is no compiler or no Node headers it says why and exits 0, and tsdl
 * runs on its wasm kernels. BLAS is not needed to build (the addon dlopens it at run time).
 * Usage: node src/backend/native/build.js   (TSDL_NATIVE_CC overrides the compiler)
 */
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../../..');
const out = path.join(root, 'dist', 'native', 'tsdl_blas.node');
const sources = ['tsdl_blas.c', 'tsdl_rnn.c', 'tsdl_pages.c'].map((f) => path.join(__dirname, f));

function headers() {
  const candidates = [path.resolve(process.execPath, '../../include/node'), '/usr/include/node', '/usr/local/include/node'];
  return candidates.find((d) => fs.existsSync(path.join(d, 'node_api.h')));
}

function main() {
  const cc = process.env.TSDL_NATIVE_CC || process.env.CC || 'cc';
  const inc = headers();
  if (!inc) return console.log('tsdl native: skipped (no node_api.h found); using the wasm kernels');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  // -fno-trapping-math lets the clamps and selects of the elementwise loops (tanh, gates) vectorise.
  const args = ['-O3', '-fno-math-errno', '-fno-trapping-math', '-fPIC', '-shared', '-std=c11', '-DNODE_GYP_MODULE_NAME=tsdl_blas', `-I${inc}`, ...sources, '-o', out, '-ldl', '-lm'];
  const r = spawnSync(cc, args, { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : r.stderr.split('\n').slice(0, 5).join('\n');
    return console.log(`tsdl native: skipped (${cc} failed: ${why}); using the wasm kernels`);
  }
  console.log(`tsdl native: built ${path.relative(root, out)}`);
}

main();
