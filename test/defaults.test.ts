import { describe, expect, it } from "vitest";
import { builtinChart, validateValues } from "../src/index.js";
import { baseValues } from "./fixtures.js";

type Node = Record<string, unknown>;

/** The schema node of a dotted path, following properties and local $refs. */
function schemaNode(schema: Node, path: string[]): Node | undefined {
  let node: Node | undefined = schema;
  for (const key of path) {
    node = (node?.properties as Record<string, Node> | undefined)?.[key];
    if (node?.$ref) node = { ...node, ...resolveRef(schema, String(node.$ref)) };
  }
  return node;
}

function resolveRef(schema: Node, ref: string): Node {
  return ref.replace(/^#\//, "").split("/").reduce<Node>((n, k) => n[k] as Node, schema);
}

function leaves(v: unknown, path: string[] = []): [string[], unknown][] {
  if (v && typeof v === "object" && !Array.isArray(v)) return Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]));
  return [[path, v]];
}

describe("defaults live in templates/values.yaml and agree with the schema", () => {
  const chart = builtinChart();

  it.each(leaves(chart.defaults).map(([p, v]) => [p.join("."), p, v] as const))("%s", (_name, path, value) => {
    const node = schemaNode(chart.schema, path);
    expect(node, "the schema describes it").toBeDefined();
    expect(node!.default, "no second default in the schema").toBeUndefined();
    // The published schema (what editors read) carries it: test/publishedSchema.test.ts.
  });

  it("defaults are valid values themselves", () => {
    expect(validateValues(baseValues()).problems).toEqual([]);
  });
});
