import { parseSet, parseSetJsonObject } from "./parseSet.js";
import { mergeMaps, type Values } from "./objects.js";
import type { SetKind } from "./strvals.js";
import { requireFunction, requireList, requireOptions, requireStringList, requireValues } from "../arguments.js";

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
 * within a kind. A --set-json that is a whole JSON object ('{"a":{"b":1}}', Helm 3.17+) merges
 * like a file. Chart defaults are not applied here (see coalesce.ts).
 */
export function mergeValues(sources: ValueSources, options: MergeOptions = {}): Values {
  requireOptions(sources, "sources", ["files", "setJson", "set", "setString", "setFile", "setLiteral"]);
  requireOptions(options, "options", ["readFile"]);
  if (options.readFile !== undefined) requireFunction(options.readFile, "options.readFile");
  if (sources.files !== undefined) requireList(sources.files, "files", "values maps").forEach((file, i) => requireValues(file, `files[${i}]`));
  for (const key of ["setJson", "set", "setString", "setFile", "setLiteral"] as const) {
    if (sources[key] !== undefined) requireStringList(sources[key], key);
  }
  let base: Values = {};
  for (const file of sources.files ?? []) base = mergeMaps(base, file);
  const order: [SetKind, string[] | undefined][] = [
    ["set-json", sources.setJson],
    ["set", sources.set],
    ["set-string", sources.setString],
    ["set-file", sources.setFile],
    ["set-literal", sources.setLiteral],
  ];
  for (const [kind, expressions] of order) {
    for (const expression of expressions ?? []) {
      if (kind === "set-json" && expression.trimStart().startsWith("{")) base = mergeMaps(base, parseSetJsonObject(expression));
      else parseSet(expression, { kind, into: base, readFile: options.readFile });
    }
  }
  return base;
}
