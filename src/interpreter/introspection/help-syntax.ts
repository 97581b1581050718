// IPython's help syntax: a cell that is only a dotted name with one or two question marks, after it (`name?`,
// `name??`) or before it (`?name`). Two marks ask for the source too.
const SUFFIX = /^\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\?\??)\s*$/;
const PREFIX = /^\s*(\?\??)\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*$/;

/** The dotted name and the detail level (0 for `?`, 1 for `??`) a help query asks for, or null for other code. */
export function helpSyntax(code: string): { dotted: string; detailLevel: number } | null {
  const suffix = SUFFIX.exec(code);
  if (suffix) return { dotted: suffix[1], detailLevel: suffix[2].length - 1 };
  const prefix = PREFIX.exec(code);
  return prefix ? { dotted: prefix[2], detailLevel: prefix[1].length - 1 } : null;
}
