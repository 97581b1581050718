import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseIdx } from '../../src/keras/datasets/readers/idx';
import { parseNpy } from '../../src/keras/datasets/readers/npy';
import type { NdArray } from '../../src/keras/datasets/readers/ndarray';
import { parseNpz } from '../../src/keras/datasets/readers/npz';
import { unpickle } from '../../src/keras/datasets/readers/pickle';
import { readZip } from '../../src/keras/datasets/readers/zip';
import { expected, FIXTURES } from './helpers';

const fixture = (name: string) => readFileSync(join(FIXTURES, name));

describe('datasets readers', () => {
  describe('.npy', () => {
    it('reads float64 data and its shape', () => {
      const array = parseNpy(fixture('f8.npy'));
      expect(array.dtype).to.equal('f8');
      expect(array.shape).to.deep.equal([2, 2]);
      expect(Array.from(array.data as Float64Array)).to.deep.equal([Math.PI, -Math.E, 1e-300, 1e300]);
    });

    it('refuses big-endian data and bad magic', () => {
      const header = "{'descr': '>i4', 'fortran_order': False, 'shape': (1,), }".padEnd(117) + '\n';
      const prefix = Buffer.from([0x93, ...Buffer.from('NUMPY'), 1, 0, 118, 0]);
      const bytes = Buffer.concat([prefix, Buffer.from(header), Buffer.alloc(4)]);
      expect(() => parseNpy(bytes)).to.throw(/Big-endian/);
      expect(() => parseNpy(Buffer.from('not numpy at all'))).to.throw(/Not a \.npy/);
    });

    for (const protocol of [2, 3, 4]) {
      it(`reads an object array of lists pickled with protocol ${protocol}`, () => {
        const array = parseNpy(fixture(`objects_p${protocol}.npy`));
        expect(array.dtype).to.equal('O');
        expect(array.shape).to.deep.equal([3]);
        expect(array.data).to.deep.equal(expected.objects);
      });
    }

    for (const protocol of [2, 3]) {
      it(`reads an object array of NumPy arrays pickled with protocol ${protocol}`, () => {
        const array = parseNpy(fixture(`nested_p${protocol}.npy`));
        expect(array.dtype).to.equal('O');
        const [first, second] = array.data as NdArray[];
        expect(first.dtype).to.equal('i8');
        expect(Array.from(first.data as BigInt64Array)).to.deep.equal([1n, -2n, 3n]);
        expect(second.dtype).to.equal('i4');
        expect(Array.from(second.data as Int32Array)).to.deep.equal([70000]);
      });
    }
  });

  describe('.npz', () => {
    for (const kind of ['stored', 'deflated']) {
      it(`reads every dtype from a ${kind} archive written by numpy`, () => {
        const arrays = parseNpz(fixture(`arrays_${kind}.npz`));
        expect([...arrays.keys()].sort()).to.deep.equal(['b1', 'f4', 'f8', 'i4', 'i8', 'scalar', 'u1']);
        const values = (key: string) => Array.from(arrays.get(key)!.data as ArrayLike<number | bigint>);
        expect(arrays.get('u1')!.shape).to.deep.equal([2, 3, 4]);
        expect(arrays.get('u1')!.data).to.be.instanceOf(Uint8Array);
        expect(values('u1')).to.deep.equal(expected.u1);
        expect(values('i4')).to.deep.equal([-2147483648, -1, 0, 1, 7, 2147483647]);
        expect(arrays.get('i8')!.data).to.be.instanceOf(BigInt64Array);
        expect(values('i8')).to.deep.equal([-(2n ** 40n), -3n, 0n, 5n, 2n ** 40n]);
        expect(values('f4')).to.deep.equal([-1.5, 0, 3.25, Infinity]);
        expect(values('b1')).to.deep.equal([1, 0, 1]);
        expect(arrays.get('scalar')!.shape).to.deep.equal([]);
        expect(values('scalar')).to.deep.equal([42]);
        expect(values('f8')).to.deep.equal([Math.PI, -Math.E, 1e-300, 1e300]);
      });
    }

    it('stored and deflated archives give the same bytes', () => {
      const stored = readZip(fixture('arrays_stored.npz'));
      const deflated = readZip(fixture('arrays_deflated.npz'));
      for (const [name, bytes] of stored) expect(Buffer.compare(bytes, deflated.get(name)!)).to.equal(0);
    });

    it('rejects a file that is not a zip', () => {
      expect(() => readZip(Buffer.alloc(100))).to.throw(/Not a zip/);
    });
  });

  describe('IDX', () => {
    it('reads raw unsigned bytes', () => {
      const array = parseIdx(fixture('labels-idx1-ubyte'));
      expect(array.shape).to.deep.equal([5]);
      expect(Array.from(array.data)).to.deep.equal([5, 0, 4, 1, 9]);
    });

    it('reads gzipped files and big-endian floats', () => {
      const array = parseIdx(gzipSync(fixture('floats-idx2-float')));
      expect(array.shape).to.deep.equal([2, 2]);
      expect(array.data).to.be.instanceOf(Float32Array);
      expect(Array.from(array.data)).to.deep.equal([1.5, -2, 0.25, 8]);
    });

    it('reports truncated data', () => {
      expect(() => parseIdx(fixture('labels-idx1-ubyte').subarray(0, 10))).to.throw(/Truncated/);
    });
  });

  describe('pickle', () => {
    it('refuses globals other than the NumPy array rebuilders', () => {
      // pickle.dumps(os.system) with protocol 2: GLOBAL 'posix system', STOP.
      const bytes = Buffer.concat([Buffer.from([0x80, 2]), Buffer.from('cposix\nsystem\nq\x00.', 'latin1')]);
      expect(() => unpickle(bytes)).to.throw(/Refusing to unpickle 'posix.system'/);
    });

    it('reads plain values: ints of every width, floats, strings, None, booleans, tuples', () => {
      // pickle.dumps([1, 300, 70000, -5, 2**40, 1.5, 'hé', None, True, (1, 2)], protocol=2)
      const hex =
        '80025d7100284b014d2c014a701101004afbffffff8a0600000000000147' +
        '3ff8000000000000580300000068c3a971014e884b014b0286710265' + '2e';
      const values = unpickle(Buffer.from(hex, 'hex'));
      expect(values).to.deep.equal([1, 300, 70000, -5, 2 ** 40, 1.5, 'hé', null, true, [1, 2]]);
    });

    it('reports a truncated stream', () => {
      expect(() => unpickle(fixture('objects_p3.npy').subarray(128, 200))).to.throw(/Truncated|Malformed/);
    });
  });
});
