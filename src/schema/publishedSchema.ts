import type { Chart } from "../chart/chart.js";
import { getOwn, isMap, type Values } from "../values/objects.js";

type Node = Record<string, unknown>;

/** The file name the published schema is known by: its `$id`, and its name in the package (dist/). */
export const PUBLISHED_SCHEMA_FILE = "vm-template.schema.json";

/**
 * The JSON Schema of a values FILE, for editors and `vm-template schema`, derived from the chart's
 * schema (which describes the merged values a render sees) and its defaults, so that the rules
 * live in one place:
 * - a key with a default (templates/values.yaml, or `default` inside a section) is optional and
 *   carries that `default`;
 * - each rule's words (`x-expected`, which error messages use) join the description, since
 *   editors show descriptions, not private keywords; a property with a `$ref` takes the
 *   definition's description and `examples` when it has none of its own;
 * - `$ref` with siblings becomes `allOf: [{ $ref }]`, which draft-07 readers honour;
 * - no `x-*` keyword or `$comment` (notes for this project) is left, so a plain draft-07
 *   validator in strict mode reads it.
 */
export function publishedSchema(chart: Pick<Chart, "schema" | "defaults">): Node {
  const source = chart.schema;
  const definitions = (source.definitions ?? {}) as Record<string, Node>;
  const out = publish(source, definitions, chart.defaults);
  out.$id = PUBLISHED_SCHEMA_FILE;
  return out;
}

function publish(node: Node, definitions: Record<string, Node>, defaults: Values | undefined): Node {
  const out: Node = {};
  const ref = typeof node.$ref === "string" ? node.$ref : undefined;
  const target = ref === undefined ? undefined : definitions[ref.replace(/^#\/definitions\//, "")];
  for (const [key, value] of Object.entries(node)) {
    if (!key.startsWith("x-") && key !== "$ref" && key !== "$comment") out[key] = value;
  }
  const description = words(node.description ?? target?.description, node["x-expected"] ?? target?.["x-expected"]);
  if (description !== undefined) out.description = description;
  if (out.examples === undefined && Array.isArray(target?.examples)) out.examples = target.examples;

  const properties = node.properties as Record<string, Node> | undefined;
  if (properties) {
    const published: Record<string, Node> = {};
    for (const [name, child] of Object.entries(properties)) {
      const childDefault = defaults ? getOwn(defaults, name) : undefined;
      const p = publish(child, definitions, isMap(childDefault) ? childDefault : undefined);
      if (childDefault !== undefined && !isMap(childDefault)) p.default = childDefault;
      published[name] = p;
    }
    out.properties = published;
    if (Array.isArray(node.required)) {
      const required = (node.required as string[]).filter((name) => (defaults ? getOwn(defaults, name) : undefined) === undefined && published[name]?.default === undefined);
      if (required.length) out.required = required;
      else delete out.required;
    }
  }
  for (const key of ["items", "additionalProperties", "propertyNames", "if", "then", "else", "not"]) {
    if (isMap(node[key])) out[key] = publish(node[key] as Node, definitions, undefined);
  }
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    if (Array.isArray(node[key])) out[key] = (node[key] as Node[]).map((n) => publish(n, definitions, undefined));
  }
  if (isMap(node.definitions)) {
    out.definitions = Object.fromEntries(Object.entries(node.definitions as Record<string, Node>).map(([name, d]) => [name, publish(d, definitions, undefined)]));
  }
  if (ref !== undefined) {
    // Draft-07 readers ignore a $ref's siblings; allOf keeps the description, default and examples in force.
    if (Object.keys(out).length === 0) out.$ref = ref;
    else out.allOf = [{ $ref: ref }, ...((out.allOf as Node[] | undefined) ?? [])];
  }
  return out;
}

/** A description with its rule: "Namespace of the VM service. Must be a DNS-1123 label: …". */
function words(description: unknown, expected: unknown): string | undefined {
  const text = typeof description === "string" ? description.trim() : "";
  if (typeof expected !== "string") return text || undefined;
  const rule = `Must be ${expected}.`;
  return text ? `${text}${/[.!?]$/.test(text) ? "" : "."} ${rule}` : rule;
}
