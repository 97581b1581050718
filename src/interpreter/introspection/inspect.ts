// inspect_request (and help()): for a function its signature and doc comment, for other values their type and a
// short util.inspect; at detail level 1 the source where there is one. The name under the cursor is looked up with
// the same getter-free walk as completion.
import { types, inspect as utilInspect } from 'util';
import { docRegistry, type DocRegistry } from './docs';
import { codePointsToIndex, identifierEnd } from '../../shared/code-points';
import { dottedPathAt } from './dotted-path';
import { lex } from '../compile/lexer';
import { descriptorOf, isClass, lookupPath } from './live-objects';
import { parameterList } from './signature';
import { renderDescription, type DescribedValue, type Description, type Field } from '../../shared/description';

export interface InspectResult {
  found: boolean;
  data: Partial<DescribedValue>;
  /** The description has documentation (or, for a tensor, is complete): TypeScript's has nothing to add. */
  documented: boolean;
}

const STRING_FORM_LIMIT = 1000;

function ownValue(value: unknown, key: string): unknown {
  const descriptor = descriptorOf(value, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') {
    if (isClass(value)) return 'class';
    const generator = types.isGeneratorFunction(value) ? ' generator' : '';
    return `${types.isAsyncFunction(value) ? 'async ' : ''}function${generator}`;
  }
  if (typeof value !== 'object') return typeof value;
  const constructor = ownValue(value, 'constructor');
  const name = typeof constructor === 'function' ? ownValue(constructor, 'name') : undefined;
  return typeof name === 'string' && name ? name : 'Object';
}

function stringForm(value: unknown): string {
  const text = utilInspect(value, { depth: 1, breakLength: 80, maxArrayLength: 20, maxStringLength: 200 });
  return text.length > STRING_FORM_LIMIT ? `${text.slice(0, STRING_FORM_LIMIT)}…` : text;
}

/** Where the kernel's own preloaded functions (`widgets.IntSlider`) carry their documentation, as a string. */
const ATTACHED_DOC = Symbol.for('tsdl.doc');

/** Where a preloaded function whose parameters are only `...args` (a layer factory) carries its call form. */
const ATTACHED_SIGNATURE = Symbol.for('tsdl.signature');

/** A string the preloaded API attached to a function under `key`, read without running any getter. */
function attached(value: Function, key: symbol): string | undefined {
  const descriptor = Object.getOwnPropertyDescriptor(value, key);
  return descriptor && typeof descriptor.value === 'string' ? descriptor.value : undefined;
}

/** The doc comment of a function passed by value (`help(f)`): the one of the global it is bound to. */
function docOfGlobal(name: string, value: unknown, docs: DocRegistry): string | undefined {
  return ownValue(globalThis, name) === value ? docs.get(name) : undefined;
}

const VALUES_LIMIT = 600;

/** A TensorFlow.js tensor, recognised by its own fields and methods (read without calling anything). */
function isTensor(value: unknown): value is { dtype: string; shape: number[]; isDisposed: boolean; toString(): string } {
  if (typeof value !== 'object' || value === null) return false;
  const dtype = ownValue(value, 'dtype');
  const shape = ownValue(value, 'shape');
  return typeof dtype === 'string' && Array.isArray(shape) && typeof descriptorOf(value, 'dataSync')?.value === 'function';
}

/** dtype, shape and the first values, as tfjs prints them; a disposed tensor says so. */
function tensorFields(tensor: { dtype: string; shape: number[]; isDisposed: boolean; toString(): string }): Field[] {
  const fields: Field[] = [
    ['Type', typeName(tensor)],
    ['dtype', tensor.dtype],
    ['shape', `[${tensor.shape.join(', ')}]`],
  ];
  let values: string;
  try {
    values = tensor.isDisposed ? '(disposed)' : tensor.toString().replace(/^Tensor\n/, '').replace(/^\s+/gm, (indent) => indent.slice(4));
  } catch (error) {
    values = `(unreadable: ${(error as Error).message})`;
  }
  fields.push(['Values', values.length > VALUES_LIMIT ? `${values.slice(0, VALUES_LIMIT)}…` : values]);
  return fields;
}

function describe(value: unknown, detailLevel: number, name: string | undefined, doc: string | undefined, docs: DocRegistry): Description {
  if (typeof value === 'function') {
    const ownName = ownValue(value, 'name');
    // The bundler numbers functions whose names clash (`loadData4`): the name it was reached by reads better.
    const bundled = typeof ownName === 'string' && name !== undefined && new RegExp(`^${name}\\d+$`).test(ownName);
    const shownName = typeof ownName === 'string' && ownName && !bundled ? ownName : (name ?? 'anonymous');
    doc ??= docOfGlobal(shownName, value, docs) ?? attached(value, ATTACHED_DOC);
    const params = attached(value, ATTACHED_SIGNATURE) ?? parameterList(value);
    const fields: Field[] = [[isClass(value) ? 'Init signature' : 'Signature', `${shownName}${params}`]];
    if (doc) fields.push(['Docstring', doc]);
    fields.push(['Type', typeName(value)]);
    return { fields, source: detailLevel >= 1 ? Function.prototype.toString.call(value) : undefined };
  }
  if (isTensor(value)) return { fields: tensorFields(value) };
  const fields: Field[] = [['Type', typeName(value)], ['String form', stringForm(value)]];
  const length = typeof value === 'string' ? value.length : ownValue(value, 'length');
  if (typeof length === 'number' && (typeof value === 'string' || Array.isArray(value))) fields.push(['Length', String(length)]);
  if (doc) fields.push(['Docstring', doc]);
  return { fields };
}

/**
 * A value's description, and whether it is documented (see InspectResult.documented); `name` and `doc` come from the
 * cell when the value was found by name.
 */
export function describeDocumented(
  value: unknown,
  detailLevel: number,
  name?: string,
  doc?: string,
  docs: DocRegistry = docRegistry,
): { data: DescribedValue; documented: boolean } {
  const description = describe(value, detailLevel, name, doc, docs);
  const documented = isTensor(value) || description.fields.some(([label]) => label === 'Docstring');
  return { data: renderDescription(description), documented };
}

/** The dotted name at the cursor (`layers.De|nse`), or null. */
function nameAtCursor(code: string, cursor: number): string[] | null {
  const atName = dottedPathAt(code, identifierEnd(code, cursor));
  return atName && atName.partial && atName.literal === null ? [...atName.path, atName.partial] : null;
}

/** The callee of the innermost unclosed `(` before the cursor (`f(1, { opt|`), or null. */
function calleeAtCursor(code: string, cursor: number): string[] | null {
  const opens: number[] = [];
  for (const token of lex(code.slice(0, cursor)).tokens) {
    if (token.type !== 'punct') continue;
    if (token.text === '(') opens.push(token.start);
    else if (token.text === ')') opens.pop();
  }
  const open = opens.pop();
  if (open === undefined) return null;
  const callee = dottedPathAt(code, code.slice(0, open).trimEnd().length);
  return callee && callee.partial && callee.literal === null ? [...callee.path, callee.partial] : null;
}

export function inspect(
  code: string,
  cursorPos: number,
  detailLevel: number,
  scope: object = globalThis,
  docs: DocRegistry = docRegistry,
): InspectResult {
  const cursor = codePointsToIndex(code, cursorPos);
  // The name under the cursor when it is one, else the call it is in (an option's key being typed is not).
  for (const path of [nameAtCursor(code, cursor), calleeAtCursor(code, cursor)]) {
    if (!path) continue;
    const target = lookupPath(scope, path);
    if (!target.found) continue;
    const doc = path.length === 1 ? docs.get(path[0]) : undefined;
    return { found: true, ...describeDocumented(target.value, detailLevel, path[path.length - 1], doc, docs) };
  }
  return { found: false, data: {}, documented: false };
}
