import { loadAll, CORE_SCHEMA, mergeTag, YAMLException } from "js-yaml";
import { VmTemplateError } from "../errors.js";
import { cloneTree, isMap, treeSizes, type Values } from "./objects.js";
import { kindOf, requireString, requireValues } from "../arguments.js";

/** YAML 1.2 core types plus `<<` merge keys, as Helm's YAML reader accepts them. */
const VALUES_SCHEMA = CORE_SCHEMA.withTags(mergeTag);

/** Bounds that keep a hostile values file from exhausting memory or the stack. */
const LIMITS = { maxAliases: 1000, maxDepth: 100, maxTotalMergeKeys: 10000 };
/** Values a file may expand to through aliases (a large file without aliases is not limited). */
const MAX_EXPANDED = 1_000_000;

/**
 * The text of one values file (`name` is how errors refer to it: a path, or `<stdin>`) to a
 * values map. Invalid YAML, or a document that is not a mapping, is a VALUES_FILE error naming
 * the file and line. An empty file is an empty map, as in Helm.
 */
export function parseValuesYaml(text: string, name: string): Values {
  requireString(text, "text");
  requireString(name, "name");
  let docs: unknown[];
  try {
    docs = loadAll(text, { schema: VALUES_SCHEMA, filename: name, ...LIMITS });
  } catch (e) {
    if (e instanceof YAMLException && e.mark) {
      const where = `${name}:${e.mark.line + 1}:${e.mark.column + 1}`;
      throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `${where}: not valid YAML: ${e.reason}` }]);
    }
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `${name}: not valid YAML: ${firstLine((e as Error).message)}` }]);
  }
  if (docs.length > 1) {
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `${name}: holds ${docs.length} YAML documents; a values file is one mapping` }]);
  }
  const doc = docs[0];
  if (doc === null || doc === undefined) return {};
  if (!isMap(doc)) {
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `${name}: must be a mapping of values at the top level (got ${kindOf(doc)})` }]);
  }
  // An alias inside its own anchor (`a: &x {b: *x}`) makes a cycle, which every later step would
  // follow round until the stack overflows: refused here, naming where it points back.
  requireValues(doc, name, "VALUES_FILE");
  // Aliases share objects in the loaded tree; copying it expands them. A few aliases of aliases
  // (a "billion laughs" file) would expand to billions of values, so that is refused first.
  const { expanded, distinct } = treeSizes(doc, MAX_EXPANDED);
  if (expanded > MAX_EXPANDED && expanded > 2 * distinct) {
    throw new VmTemplateError("VALUES_FILE", [{ path: "", message: `${name}: its aliases expand it to more than ${MAX_EXPANDED.toLocaleString("en")} values; refused as an alias bomb` }]);
  }
  return cloneTree(doc);
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}
