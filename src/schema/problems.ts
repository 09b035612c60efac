import type { ErrorObject } from "ajv";
import { load } from "js-yaml";
import { showValue, type Problem } from "../errors.js";
import { joinPath } from "../values/objects.js";
import { closestKey } from "./suggest.js";
import { refTarget } from "./schemaRef.js";

type SchemaNode = Record<string, unknown>;

/**
 * The one place where the schema library's errors become vm-template problems: a value path in
 * dotted form, the rule in words (`x-expected` of the schema node when it has one) and the value
 * given. Subschema noise (the branches of an anyOf, the `if` of an if/then) is folded away.
 */
export function toProblems(errors: readonly ErrorObject[], data: unknown, root: SchemaNode = {}): Problem[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byPath.get(e.instancePath) ?? [];
    list.push(e);
    byPath.set(e.instancePath, list);
  }
  const problems: Problem[] = [];
  for (const [instancePath, list] of byPath) {
    const segments = pointerSegments(instancePath, data);
    const typeError = list.find((e) => e.keyword === "type");
    const anyOf = list.find((e) => e.keyword === "anyOf");
    let relevant = list.filter((e) => e.keyword !== "if" && !/\/anyOf\/\d+\//.test(e.schemaPath));
    if (typeError) relevant = relevant.filter((e) => e === typeError || e.keyword === "required" || e.keyword === "additionalProperties");
    // The anyOf's own rule (x-expected) says it all; its branches' failures are noise.
    else if (anyOf) relevant = relevant.filter((e) => e === anyOf || e.keyword === "required" || e.keyword === "additionalProperties");
    // A key that breaks a propertyNames rule: its own errors (they carry the key) say which rule;
    // the propertyNames error itself only repeats that the key is invalid.
    const keyRules = new Set(relevant.filter((e) => e.propertyName !== undefined).map((e) => e.propertyName));
    relevant = relevant.filter((e) => !(e.keyword === "propertyNames" && keyRules.has(String((e.params as Record<string, unknown>).propertyName))));
    for (const e of relevant) problems.push(toProblem(e, segments, root));
  }
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.path}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function toProblem(e: ErrorObject, segments: (string | number)[], root: SchemaNode): Problem {
  const parent = (e.parentSchema ?? {}) as SchemaNode;
  const expected = typeof parent["x-expected"] === "string" ? parent["x-expected"] : undefined;
  // Made only for the messages that show it: e.data of a map's error is the whole map.
  const got = () => ` (got ${showValue(e.data)})`;
  const params = e.params as Record<string, unknown>;
  if (e.propertyName !== undefined) {
    return { path: joinPath([...segments, e.propertyName]), message: `is not a valid key: must be ${expected ?? ruleText(e)}` };
  }
  switch (e.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      const why = typeof parent["x-required-why"] === "string" ? ` (${parent["x-required-why"]})` : "";
      // The missing key's own node: in the parent, or (a conditional requirement) at its path from the root.
      const own = (parent.properties as Record<string, SchemaNode> | undefined)?.[missing] ?? nodeAt(root, [...segments.map(String), missing]);
      const children = requiredChildren(own, root);
      // A missing map: what it needs, so one run shows the whole way forward.
      const needs = children.length ? ` (a map with ${children.join(", ")})` : "";
      return { path: joinPath([...segments, missing]), message: `is required${why}${needs}` };
    }
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((parent.properties ?? {}) as SchemaNode);
      const suggestion = closestKey(key, known);
      const hint = suggestion ? `did you mean "${suggestion}"?` : known.length ? `known keys: ${known.join(", ")}` : "no keys are allowed here";
      return { path: joinPath([...segments, key]), message: `unknown key (${hint})` };
    }
    case "not": {
      const why = typeof parent["x-not-why"] === "string" ? parent["x-not-why"] : "is not allowed here";
      return { path: joinPath(segments), message: why };
    }
    case "propertyNames":
      return { path: joinPath([...segments, String(params.propertyName)]), message: "is not a valid key" };
    case "type": {
      // Helm's --set reads `a={}` or `a={x,y}` as a list: the way to a map is its keys.
      const hint = params.type === "object" && Array.isArray(e.data) && e.data.every((x) => typeof x === "string")
        ? `; in --set, {…} is a list (Helm's grammar): set the map's keys (--set ${joinPath(segments)}.<key>=<value>) or use --set-json '${joinPath(segments)}={}'`
        : "";
      return { path: joinPath(segments), message: `must be ${article(String(params.type))}${got()}${hint || pastedText(params.type, e.data, joinPath(segments))}` };
    }
    case "minItems":
      return { path: joinPath(segments), message: `must have at least ${params.limit} item${params.limit === 1 ? "" : "s"}${got()}` };
    case "uniqueItems":
      return { path: joinPath(segments), message: `must not repeat an item (items ${params.j} and ${params.i} are equal)` };
    default:
      return { path: joinPath(segments), message: `must be ${expected ?? ruleText(e)}${got()}` };
  }
}

/** A schema node with its $refs followed. */
function deref(node: SchemaNode | undefined, root: SchemaNode): SchemaNode | undefined {
  let n = node;
  for (let hops = 0; n && typeof n.$ref === "string" && hops < 10; hops++) {
    n = refTarget(n.$ref as string, root);
  }
  return n;
}

/** The node of a value path, through `properties` from the root. */
function nodeAt(root: SchemaNode, path: string[]): SchemaNode | undefined {
  let n: SchemaNode | undefined = root;
  for (const key of path) n = deref((deref(n, root)?.properties as Record<string, SchemaNode> | undefined)?.[key], root);
  return n;
}

/** The keys a schema node requires that have no default, its $ref followed. */
function requiredChildren(node: SchemaNode | undefined, root: SchemaNode): string[] {
  const n = deref(node, root);
  const properties = (n?.properties ?? {}) as Record<string, SchemaNode>;
  // Keys with a default fill themselves in: not what the user has to give.
  return Array.isArray(n?.required) ? (n.required as unknown[]).map(String).filter((k) => properties[k]?.default === undefined) : [];
}

function ruleText(e: ErrorObject): string {
  return (e.message ?? "valid").replace(/^must (be )?/, "");
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * JSON pointer to path segments, walking the validated data: a segment is a list index only where
 * the data holds a list, so a map key made of digits (a label "123") stays a key.
 */
function pointerSegments(pointer: string, data: unknown): (string | number)[] {
  if (!pointer) return [];
  let node = data;
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => {
      const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      const segment = Array.isArray(node) ? Number(key) : key;
      node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
      return segment;
    });
}

/**
 * Users copy a ConfigMap's data (mesh, values, PROXY_CONFIG), which is text, into a map's place:
 * when a map is wanted and the text given reads as a YAML mapping, say where its content goes.
 */
function pastedText(type: unknown, data: unknown, path: string): string {
  if (type !== "object" || typeof data !== "string") return "";
  try {
    const parsed = load(data);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return "";
  } catch {
    return "";
  }
  return `; this is text holding a YAML mapping (as a ConfigMap's data is): paste the content itself under ${path}, indented, in a -f file (--set-file makes it a string)`;
}
