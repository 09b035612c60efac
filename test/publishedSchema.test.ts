// The schema editors and `vm-template schema` see (issue 13, seen 4): it describes a values FILE.
// Held with a plain draft-07 validator in strict mode (ajv, no project keywords), which refuses a
// schema with keywords it does not know, as editors would ignore them.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import { builtinChart, publishedSchema } from "../src/index.js";
import { baseValues, fleetValues } from "./fixtures.js";

type Node = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const root = join(import.meta.dirname, "..");
const chart = builtinChart();
const schema = publishedSchema(chart);
const definitions = schema.definitions as Record<string, Node>;

function plainAjv(): Ajv {
  // ajv's defaults: strictSchema refuses an unknown keyword, as a plain reader would not understand it.
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  return ajv;
}
const validate = plainAjv().compile(schema);

/** Every property schema of the tree, by dotted path (definitions as #name), not those of if/then/else/not. */
function properties(node: Node, path: string, out: [string, Node][] = []): [string, Node][] {
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Node>)) {
    out.push([`${path}.${name}`, child]);
    properties(child, `${path}.${name}`, out);
  }
  for (const key of ["items", "additionalProperties"]) {
    if (node[key] && typeof node[key] === "object") properties(node[key] as Node, `${path}.${key === "items" ? "[]" : "*"}`, out);
  }
  return out;
}
const all = [...properties(schema, ""), ...Object.entries(definitions).flatMap(([name, d]) => properties(d, `#${name}`))];

/** A property's own rule: its definition's, when it is a reference. */
function resolved(node: Node): Node {
  const ref = (node.$ref ?? (node.allOf as Node[] | undefined)?.find((n) => n.$ref)?.$ref) as string | undefined;
  return ref ? { ...resolved(definitions[ref.replace("#/definitions/", "")]!), ...node } : node;
}
const sourceNodes = new Map<string, Node>([...properties(chart.schema, ""), ...Object.entries(chart.schema.definitions as Record<string, Node>).flatMap(([name, d]) => properties(d, `#${name}`))]);

describe("the published values schema (vm-template schema)", () => {
  it("is named by a file name, not a URL nobody serves", () => {
    expect(schema.$id).toBe("vm-template.schema.json");
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(JSON.stringify(schema)).not.toMatch(/"x-[a-z-]+"|"\$comment"/);
  });

  const exampleFiles = readdirSync(join(root, "examples")).filter((n) => existsSync(join(root, "examples", n, "values.yaml"))).sort();
  it.each(exampleFiles)("accepts the values file of example %s", (name) => {
    const values = load(readFileSync(join(root, "examples", name, "values.yaml"), "utf8"));
    expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
  });

  it("accepts the smallest values of a single VM and of a fleet, without the keys that have defaults", () => {
    expect(validate(baseValues()), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(fleetValues(2)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("refuses a typo key", () => {
    const values = baseValues() as { global: { sidecar: Node } };
    values.global.sidecar.appid = "bookinfo";
    expect(validate(values)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: "additionalProperties", instancePath: "/global/sidecar", params: { additionalProperty: "appid" } }));
  });

  it("makes every key of templates/values.yaml optional, with its default", () => {
    const leaves = (v: unknown, path: string[] = []): [string[], unknown][] =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k])) : [[path, v]];
    for (const [path, value] of leaves(chart.defaults)) {
      const parent = path.slice(0, -1).reduce<Node>((n, k) => (n.properties as Record<string, Node>)[k]!, schema);
      const node = (parent.properties as Record<string, Node>)[path.at(-1)!]!;
      expect(node.default, path.join(".")).toEqual(value);
      expect(parent.required ?? [], path.join(".")).not.toContain(path.at(-1));
    }
  });

  it("makes every key with a default inside a section optional", () => {
    for (const [path, node] of [["", schema] as [string, Node], ...all]) {
      const r = resolved(node);
      const props = (r.properties ?? {}) as Record<string, Node>;
      for (const name of (r.required ?? []) as string[]) expect(props[name]?.default, `${path}.${name}`).toBeUndefined();
    }
  });

  // One test each, listing every offending path: a property added without words fails here by name.
  it("gives every property a description written for users", () => {
    const missing = all.filter(([, node]) => {
      const description = resolved(node).description;
      // Words for users: not this project's sources (seed 001, templates/values.yaml, the SPEC, x-expected).
      return !(typeof description === "string" && description.length > 3) || /\bseeds? \d{3}\b|templates\/|README|x-expected/i.test(description) || /\bSPEC\b/.test(description);
    });
    expect(missing.map(([path]) => path)).toEqual([]);
  });

  it("words each rule (x-expected, what errors say) in the description that editors show", () => {
    const unexplained = all.filter(([path, node]) => {
      const source = sourceNodes.get(path)!;
      const ref = typeof source.$ref === "string" ? (chart.schema.definitions as Record<string, Node>)[source.$ref.replace("#/definitions/", "")] : undefined;
      const expected = source["x-expected"] ?? ref?.["x-expected"];
      return typeof expected === "string" && !String(resolved(node).description).includes(expected);
    });
    expect(unexplained.map(([path]) => path)).toEqual([]);
  });

  it("gives examples wherever a value has a form (pattern, format, number, enum), and each example is valid", () => {
    const problems: string[] = [];
    for (const [path, node] of all) {
      const r = resolved(node);
      const examples = r.examples as unknown[] | undefined;
      if (examples === undefined) {
        if (r.pattern !== undefined || r.anyOf !== undefined || r.type === "integer" || r.enum !== undefined) problems.push(`${path}: no examples`);
        continue;
      }
      const check = plainAjv().compile({ ...node, definitions });
      for (const example of examples) if (!check(example)) problems.push(`${path}: example ${JSON.stringify(example)} is invalid`);
    }
    expect(problems).toEqual([]);
  });
});
