import deepmerge from "deepmerge";
import { parseSet } from "./parseSet.js";
import { cloneTree, isMap, type Values } from "./objects.js";
import type { SetKind } from "./strvals.js";

export interface ValueSources {
  /** Values maps already parsed from the -f files, in command-line order. */
  files?: Values[];
  setJson?: string[];
  set?: string[];
  setString?: string[];
  setFile?: string[];
  setLiteral?: string[];
}

export interface MergeOptions {
  /** Reads a --set-file path (the library never touches the disk itself). */
  readFile?: (path: string) => string;
}

/**
 * Helm's precedence (pkg/cli/values MergeValues): the -f files merged left to right (maps merge
 * deeply, anything else replaces), then every --set-json, --set, --set-string, --set-file and
 * --set-literal expression parsed into the result, kind by kind in that order, left to right
 * within a kind. Chart defaults are not applied here (see coalesce.ts).
 */
export function mergeValues(sources: ValueSources, options: MergeOptions = {}): Values {
  let base: Values = {};
  for (const file of sources.files ?? []) {
    // Lists replace rather than concatenate; deepmerge clones, so the inputs are never shared.
    base = deepmerge(base, cloneTree(file), { arrayMerge: (_target, source) => source, isMergeableObject: isMap });
  }
  base = cloneTree(base);
  const order: [SetKind, string[] | undefined][] = [
    ["set-json", sources.setJson],
    ["set", sources.set],
    ["set-string", sources.setString],
    ["set-file", sources.setFile],
    ["set-literal", sources.setLiteral],
  ];
  for (const [kind, expressions] of order) {
    for (const expression of expressions ?? []) parseSet(expression, { kind, into: base, readFile: options.readFile });
  }
  return base;
}
