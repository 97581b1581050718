// Display and comm data leave the kernel as JSON. What JSON cannot hold (a BigInt, a cycle) is caught here, in the
// worker, so it fails the cell that produced it; the main thread's send would otherwise be the first to find out.

function step(key: string, inArray: boolean): string {
  if (inArray) return `[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The path to the first BigInt or cyclic reference in `value`, as JSON.stringify walks it; null if none is found. */
function locate(value: unknown, path: string, ancestors: Set<object>): string | null {
  if (typeof value === 'bigint') return path;
  // An object with toJSON is written as whatever toJSON returns, which only JSON.stringify itself sees.
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function') return null;
  if (ancestors.has(value)) return path;
  ancestors.add(value);
  try {
    for (const [key, child] of Object.entries(value)) {
      const found = locate(child, path + step(key, Array.isArray(value)), ancestors);
      if (found !== null) return found;
    }
    return null;
  } finally {
    ancestors.delete(value);
  }
}

/** Why `value` cannot be sent as JSON, in Node's words and with where in it; null when it can. */
export function notJson(value: unknown): string | null {
  try {
    JSON.stringify(value);
    return null;
  } catch (error) {
    // Node's cycle message goes on over several lines describing the circle; its first line says what is wrong.
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    let where: string | null = null;
    try {
      where = locate(value, '', new Set());
    } catch {
      // nested too deeply to walk: the reason alone must do
    }
    return where === null || where === '' ? reason : `${reason} (at ${where.replace(/^\./, '')})`;
  }
}
