// A function's call signature from its source text (Function.prototype.toString, which runs no user code): the
// parameter list as written, defaults included; for a class, its constructor's; for native code, `(...)`.
import { parseExpressionAt, type Expression, type Node } from 'acorn';

type Parsed = { node: Expression; offset: number } | null;

function parseAt(text: string, offset: number): Parsed {
  try {
    return { node: parseExpressionAt(text, 0, { ecmaVersion: 'latest' }), offset };
  } catch {
    return null;
  }
}

/** Function source in any of its forms: declaration, arrow, class, or a method (`m(a) {}`, `get x() {}`). */
function parseFunction(source: string): { params: Node[]; text: string; offset: number } | null {
  const asExpression = parseAt(`(${source})`, 1);
  const parsed = asExpression ?? parseAt(`({${source}})`, 2);
  if (!parsed) return null;
  let node: Node = parsed.node;
  if (node.type === 'ObjectExpression') {
    const property = (node as import('acorn').ObjectExpression).properties[0];
    if (!property || property.type !== 'Property') return null;
    node = property.value;
  }
  const text = asExpression ? `(${source})` : `({${source}})`;
  if (node.type === 'ClassExpression') {
    const body = (node as import('acorn').ClassExpression).body.body;
    const constructor = body.find((member) => member.type === 'MethodDefinition' && member.kind === 'constructor');
    if (!constructor || constructor.type !== 'MethodDefinition') return { params: [], text, offset: parsed.offset };
    return { params: constructor.value.params, text, offset: parsed.offset };
  }
  if (node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression') {
    return { params: (node as import('acorn').FunctionExpression).params, text, offset: parsed.offset };
  }
  return null;
}

/** `(a, b = 1, ...rest)`, or `(...)` where the source is native or unreadable. */
export function parameterList(fn: Function): string {
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) return '(...)';
  const parsed = parseFunction(source);
  if (!parsed) return '(...)';
  return `(${parsed.params.map((param) => parsed.text.slice(param.start, param.end)).join(', ')})`;
}
