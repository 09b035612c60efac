import { blockYaml } from "../render/blockYaml.js";
import { yamlScalar } from "../render/yamlScalar.js";
import { getOwn, isMap, type Values } from "../values/objects.js";

/** The project file: read first by every command run in its directory, written by `vm-template init`. */
export const PROJECT_FILE = "vm-template.yaml";

type Node = Record<string, unknown>;

/**
 * The text of a project file: the given values, and every other key of the (published) schema
 * commented out, with its description (`##`) and its default, or an example where it has none.
 * Commented blocks nest so that removing one leading `# ` from a block's lines gives valid YAML
 * (Helm charts' values.yaml style), so a section is switched on by uncommenting it.
 */
export function projectFileText(values: Values, schema: Node, schemaPath: string): string {
  const definitions = (schema.definitions ?? {}) as Record<string, Node>;
  const lines = [
    `# yaml-language-server: $schema=${schemaPath}`,
    "# vm-template's values for this project. Every vm-template command run in this directory reads",
    "# this file first (--no-project-file skips it). Commented keys show their default, or an example;",
    "# uncomment a block (remove one '# ' from each of its lines) to set it. `vm-template values` shows",
    "# the values a render uses, and what is still missing.",
    ...mapLines(values, resolve(schema, definitions), definitions, true),
  ];
  return `${lines.join("\n")}\n`;
}

/** A schema node with its $ref (or allOf: [{ $ref }]) followed. */
function resolve(node: Node, definitions: Record<string, Node>): Node {
  const ref = (node.$ref ?? (node.allOf as Node[] | undefined)?.find((n) => typeof n.$ref === "string")?.$ref) as string | undefined;
  if (ref === undefined) return node;
  const { $ref: _r, allOf: _a, ...rest } = node;
  return { ...resolve(definitions[ref.replace("#/definitions/", "")] ?? {}, definitions), ...rest };
}

/**
 * The lines of a map's keys at column 0: the given ones live, each other key commented out
 * (`live`), or, inside a block already commented out, all of them plain (its caller comments it).
 */
function mapLines(given: Values | undefined, node: Node, definitions: Record<string, Node>, live: boolean): string[] {
  const properties = (node.properties ?? {}) as Record<string, Node>;
  const lines: string[] = [];
  const required = new Set((node.required ?? []) as string[]);
  const entry = (key: string, value: unknown, child: Node) => {
    const block = [...describe(child, required.has(key)), ...entryLines(key, value, child, definitions)];
    lines.push(...(live && value === undefined ? block.map((l) => `# ${l}`) : block));
  };
  for (const [key, raw] of Object.entries(properties)) entry(key, given ? getOwn(given, key) : undefined, resolve(raw, definitions));
  // A map of named entries (services, vms, labels): the given ones, or one to fill in.
  if (isMap(node.additionalProperties)) {
    const child = resolve(node.additionalProperties as Node, definitions);
    const names = given ? Object.keys(given).filter((n) => !(n in properties)).sort() : [];
    for (const name of names) entry(name, given![name], child);
    if (names.length === 0 && Object.keys(properties).length === 0) entry(PLACEHOLDER, undefined, child);
  }
  return lines;
}

const PLACEHOLDER = "<name>";

/** `key: value`, or `key:` and the lines of the map under it, at column 0. */
function entryLines(key: string, value: unknown, node: Node, definitions: Record<string, Node>): string[] {
  const structured = node.properties !== undefined || isMap(node.additionalProperties);
  const shown = value !== undefined ? value : exampleOf(node, definitions);
  const name = key === PLACEHOLDER ? key : yamlScalar(key);
  if (structured && (value === undefined ? shown === undefined : isMap(value))) {
    return [`${name}:`, ...mapLines(isMap(value) ? value : undefined, node, definitions, value !== undefined).map((l) => `  ${l}`)];
  }
  if (shown === undefined) return [`${name}:`];
  const [first, ...rest] = blockYaml({ key: shown }, 0);
  return [`${name}${first!.slice("key".length)}`, ...rest];
}

/** What a commented key shows: its default, an example (or the first value allowed), or a list of one example item. */
function exampleOf(node: Node, definitions: Record<string, Node>): unknown {
  const shown = node.default ?? (node.examples as unknown[] | undefined)?.[0] ?? node.const ?? (node.enum as unknown[] | undefined)?.[0] ?? (node.type === "boolean" ? false : undefined);
  if (shown !== undefined || node.type !== "array" || !isMap(node.items)) return shown;
  const items = resolve(node.items as Node, definitions);
  if (items.properties === undefined) {
    const item = exampleOf(items, definitions);
    return item === undefined ? undefined : [item];
  }
  const item: Values = {};
  for (const [key, raw] of Object.entries(items.properties as Record<string, Node>)) {
    const v = exampleOf(resolve(raw, definitions), definitions);
    if (v !== undefined) item[key] = v;
  }
  return [item];
}

/** The description as `##` lines of about 100 columns at most, saying when the key is required. */
function describe(node: Node, required: boolean): string[] {
  const text = `${typeof node.description === "string" ? node.description : ""}${required ? " Required." : ""}`.trim();
  if (!text) return [];
  const prefix = "## ";
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && prefix.length + line.length + word.length + 1 > 100) {
      lines.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(prefix + line);
  return lines;
}
