// IPython's `name?` and `name??` (also `?name`): such a cell pages the name's description, with the source for two,
// instead of running.
import type { JsonObject } from '../../protocol/messages';
import { docRegistry } from '../introspection/docs';
import { helpSyntax } from '../introspection/help-syntax';
import { describeDocumented } from '../introspection/inspect';
import { lookupPath } from '../introspection/live-objects';

/**
 * The pager payload that shows `value`'s description, as help() and `name?` open it. `documented`, and `dotted` (the
 * name the value was reached by) when it is not, are for the main thread: it adds TypeScript's doc of that name and
 * removes both (language-service/merge.ts).
 */
export function pagePayload(value: unknown, detailLevel: number, name?: string, doc?: string, dotted?: string): JsonObject {
  const { data, documented } = describeDocumented(value, detailLevel, name, doc);
  return { source: 'page', data: { ...data }, start: 0, documented, ...(!documented && dotted ? { dotted } : {}) };
}

/** The pager payload for a help query, IPython's "not found" line for an unknown name, or null for other code. */
export function helpQuery(code: string, scope: object = globalThis): { page: JsonObject } | { notFound: string } | null {
  const query = helpSyntax(code);
  if (!query) return null;
  const path = query.dotted.split('.');
  const target = lookupPath(scope, path);
  if (!target.found) return { notFound: `Object \`${query.dotted}\` not found.\n` };
  const doc = path.length === 1 ? docRegistry.get(path[0]) : undefined;
  return { page: pagePayload(target.value, query.detailLevel, path[path.length - 1], doc, query.dotted) };
}
