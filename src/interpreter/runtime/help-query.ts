// IPython's `name?` and `name??` (also `?name`): a cell that is only a dotted name with one or two question marks
// pages the name's description, with the source for two, instead of running.
import type { JsonObject } from '../../protocol/messages';
import { docRegistry } from '../introspection/docs';
import { describeValue } from '../introspection/inspect';
import { lookupPath } from '../introspection/live-objects';

const SUFFIX = /^\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(\?\??)\s*$/;
const PREFIX = /^\s*(\?\??)\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*$/;

/** The pager payload for a help query, IPython's "not found" line for an unknown name, or null for other code. */
export function helpQuery(code: string, scope: object = globalThis): { page: JsonObject } | { notFound: string } | null {
  const suffix = SUFFIX.exec(code);
  const prefix = suffix ? null : PREFIX.exec(code);
  if (!suffix && !prefix) return null;
  const dotted = suffix ? suffix[1] : prefix![2];
  const marks = suffix ? suffix[2] : prefix![1];
  const path = dotted.split('.');
  const target = lookupPath(scope, path);
  if (!target.found) return { notFound: `Object \`${dotted}\` not found.\n` };
  const doc = path.length === 1 ? docRegistry.get(path[0]) : undefined;
  const data = describeValue(target.value, marks.length - 1, path[path.length - 1], doc);
  return { page: { source: 'page', data: { ...data }, start: 0 } };
}
