// A minimal, safe unpickler: enough of protocols 2 to 5 to read what `numpy.save` writes for object arrays
// (an ndarray whose items are Python lists of ints). It never calls anything: the only globals it accepts are the
// few NumPy needs to rebuild arrays, each interpreted here, so a tampered file cannot run code.
import { parseDtype, sizeOf, typedArray, type Dtype } from './dtype';
import type { NdArray, PyValue } from './ndarray';

type Callable = 'reconstruct' | 'ndarray' | 'dtype' | 'encode';

/** The allowed globals: numpy >= 2 spells `numpy.core` as `numpy._core`; `_codecs.encode` is protocol 2's bytes. */
const GLOBALS: Record<string, Callable> = {
  'numpy.core.multiarray _reconstruct': 'reconstruct',
  'numpy._core.multiarray _reconstruct': 'reconstruct',
  'numpy ndarray': 'ndarray',
  'numpy dtype': 'dtype',
  '_codecs encode': 'encode',
};

class Global {
  constructor(readonly callable: Callable) {}
}

/** `numpy.dtype(...)` before its BUILD sets the byte order. */
class DtypeBuilder {
  byteOrder = '|';
  constructor(readonly name: string) {}
  dtype(): Dtype {
    return parseDtype(this.name.startsWith('O') ? 'O' : `${this.byteOrder}${this.name}`);
  }
}

/** `_reconstruct(ndarray, ...)` before its BUILD supplies shape, dtype and data. */
class ArrayBuilder {
  state: Item[] | null = null;
}

type Item = PyValue | Global | DtypeBuilder | ArrayBuilder | Item[];

/** Reads a Python pickle stream, as far as `numpy.save` writes object arrays (lists of ints); it never runs code. */
export function unpickle(bytes: Uint8Array): PyValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Item[] = [];
  const marks: number[] = [];
  const memo = new Map<number, Item>();
  let pos = 0;

  const need = (n: number): number => {
    if (pos + n > bytes.byteLength) throw new Error('Truncated pickle stream.');
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = () => bytes[need(1)];
  const u16 = () => view.getUint16(need(2), true);
  const u32 = () => view.getUint32(need(4), true);
  const u64 = () => Number(view.getBigUint64(need(8), true));
  const raw = (n: number) => bytes.subarray(need(n), pos);
  const text = (n: number) => Buffer.from(raw(n)).toString('utf8');
  const latin1 = (n: number) => Buffer.from(raw(n)).toString('latin1');
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new Error('Truncated pickle stream.');
    return latin1(end - pos + 1).slice(0, -1);
  };
  const pop = (): Item => {
    if (stack.length === 0) throw new Error('Malformed pickle: stack underflow.');
    return stack.pop() as Item;
  };
  const popMark = (): Item[] => {
    const at = marks.pop();
    if (at === undefined) throw new Error('Malformed pickle: no MARK.');
    return stack.splice(at);
  };
  const top = (): Item => {
    if (stack.length === 0) throw new Error('Malformed pickle: empty stack.');
    return stack[stack.length - 1];
  };
  const list = (item: Item): Item[] => {
    if (!Array.isArray(item)) throw new Error('Malformed pickle: APPEND to a non-list.');
    return item;
  };
  const global = (module: string, name: string) => {
    const callable = GLOBALS[`${module} ${name}`];
    if (!callable) throw new Error(`Refusing to unpickle '${module}.${name}': only NumPy arrays are allowed.`);
    stack.push(new Global(callable));
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        u8();
        break;
      case 0x95: // FRAME: frames only group opcodes, the stream reads the same without them
        need(8);
        break;
      case 0x2e: // STOP
        return resolve(pop());
      case 0x28: // MARK
        marks.push(stack.length);
        break;
      case 0x30: // POP
        pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x63: // GLOBAL
        global(line(), line());
        break;
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') throw new Error('Malformed pickle: STACK_GLOBAL.');
        global(module, name);
        break;
      }
      case 0x52: { // REDUCE
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x62: { // BUILD
        const state = pop();
        build(top(), state);
        break;
      }
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4a: // BININT
        stack.push(view.getInt32(need(4), true));
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x8a: // LONG1
        stack.push(long(raw(u8())));
        break;
      case 0x8b: // LONG4
        stack.push(long(raw(u32())));
        break;
      case 0x47: // BINFLOAT (big-endian)
        stack.push(view.getFloat64(need(8), false));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(u8()));
        break;
      case 0x58: // BINUNICODE
        stack.push(text(u32()));
        break;
      case 0x8d: // BINUNICODE8
        stack.push(text(u64()));
        break;
      case 0x55: // SHORT_BINSTRING: a Python 2 str, which NumPy reads back as latin-1
        stack.push(latin1(u8()));
        break;
      case 0x54: // BINSTRING
        stack.push(latin1(u32()));
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(raw(u8()));
        break;
      case 0x42: // BINBYTES
        stack.push(raw(u32()));
        break;
      case 0x8e: // BINBYTES8
        stack.push(raw(u64()));
        break;
      case 0x5d: // EMPTY_LIST
      case 0x29: // EMPTY_TUPLE
        stack.push([]);
        break;
      case 0x6c: // LIST
      case 0x74: // TUPLE
        stack.push(popMark());
        break;
      case 0x85: // TUPLE1
        stack.push([pop()]);
        break;
      case 0x86: { // TUPLE2
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: { // TUPLE3
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x61: { // APPEND
        const item = pop();
        list(top()).push(item);
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark();
        list(top()).push(...items);
        break;
      }
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: { // LONG_BINGET
        const key = op === 0x68 ? u8() : u32();
        if (!memo.has(key)) throw new Error(`Malformed pickle: memo ${key} is not set.`);
        stack.push(memo.get(key) as Item);
        break;
      }
      default:
        throw new Error(`Unsupported pickle opcode 0x${op.toString(16)} at byte ${pos - 1}.`);
    }
  }
}

/** A little-endian two's-complement integer, as LONG1/LONG4 store it. */
function long(bytes: Uint8Array): number {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  if (bytes.length > 0 && bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(8 * bytes.length);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new Error(`Pickled integer ${value} does not fit a JavaScript number.`);
  }
  return Number(value);
}

function call(fn: Item, args: Item): Item {
  if (!(fn instanceof Global) || !Array.isArray(args)) throw new Error('Malformed pickle: REDUCE.');
  switch (fn.callable) {
    case 'reconstruct':
      if (!(args[0] instanceof Global && args[0].callable === 'ndarray')) {
        throw new Error('Malformed pickle: _reconstruct of something other than numpy.ndarray.');
      }
      return new ArrayBuilder();
    case 'dtype':
      if (typeof args[0] !== 'string') throw new Error('Malformed pickle: numpy.dtype without a name.');
      return new DtypeBuilder(args[0]);
    case 'encode':
      // `_codecs.encode(text, 'latin1')`: how protocol 2 spells a bytes object.
      if (typeof args[0] !== 'string') throw new Error('Malformed pickle: _codecs.encode without a string.');
      return new Uint8Array(Buffer.from(args[0], 'latin1'));
    case 'ndarray':
      throw new Error('Malformed pickle: numpy.ndarray is only a class argument.');
  }
}

function build(target: Item, state: Item): void {
  if (!Array.isArray(state)) throw new Error('Malformed pickle: BUILD state is not a tuple.');
  if (target instanceof DtypeBuilder) {
    // numpy.dtype state: (version, byte order, ...).
    if (typeof state[1] === 'string') target.byteOrder = state[1];
  } else if (target instanceof ArrayBuilder) {
    target.state = state;
  } else {
    throw new Error('Malformed pickle: BUILD on an unsupported object.');
  }
}

/** Turns builders into arrays once the whole stream is read, as later opcodes may still fill them in. */
function resolve(item: Item): PyValue {
  if (item instanceof ArrayBuilder) return toArray(item);
  if (Array.isArray(item)) return item.map(resolve);
  if (item instanceof Global || item instanceof DtypeBuilder) {
    throw new Error('Malformed pickle: result is not a value.');
  }
  return item;
}

/** ndarray state: (version, shape, dtype, is_fortran, data); data is a list for object arrays, else raw bytes. */
function toArray(builder: ArrayBuilder): NdArray {
  const state = builder.state;
  if (!state || state.length !== 5) throw new Error('Malformed pickle: ndarray without its state.');
  const [, shapeItem, dtypeItem, fortran, data] = state;
  const shape = integers(shapeItem);
  if (!shape) throw new Error('Malformed pickle: ndarray shape.');
  if (!(dtypeItem instanceof DtypeBuilder)) throw new Error('Malformed pickle: ndarray dtype.');
  if (fortran === true && shape.length > 1) throw new Error('Fortran-ordered pickled arrays are not supported.');
  const dtype = dtypeItem.dtype();
  const count = sizeOf(shape);
  if (dtype === 'O') {
    if (!Array.isArray(data) || data.length !== count) throw new Error('Malformed pickle: object array data.');
    return { dtype, shape, data: data.map(resolve) };
  }
  const bytes = typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'latin1')) : data;
  if (!(bytes instanceof Uint8Array)) throw new Error('Malformed pickle: numeric array data.');
  return { dtype, shape, data: typedArray(dtype, bytes, count) };
}

function integers(item: Item): number[] | null {
  if (!Array.isArray(item)) return null;
  const out: number[] = [];
  for (const n of item) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return null;
    out.push(n);
  }
  return out;
}
