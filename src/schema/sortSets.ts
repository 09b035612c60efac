import { isMap, type Values } from "../values/objects.js";
import { refTarget } from "./schemaRef.js";

type Node = Record<string, unknown>;

/**
 * Lists the schema declares sets (`uniqueItems: true` with scalar items: a group's addresses and
 * services, a ServiceDefinition's endpoints, egress hosts, ServiceEntry hosts) put in sorted order,
 * in place, so that the order they were typed in never shows in a file: the same values give the
 * same bytes. Run on valid values after the checks, whose problems name the indexes as typed.
 */
export function sortSets(values: Values, schema: Node): Values {
  visit(values, schema, schema);
  return values;
}

function visit(value: unknown, node: Node | undefined, root: Node): void {
  const n = resolve(node, root);
  if (!n) return;
  if (Array.isArray(value)) {
    const items = n.items as Node | undefined;
    if (n.uniqueItems === true && value.every((v) => typeof v === "string" || typeof v === "number")) {
      value.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
    }
    for (const item of value) visit(item, items, root);
    return;
  }
  if (!isMap(value)) return;
  const properties = (n.properties ?? {}) as Record<string, Node>;
  for (const key of Object.keys(value)) {
    const child = Object.prototype.hasOwnProperty.call(properties, key) ? properties[key] : isMap(n.additionalProperties) ? (n.additionalProperties as Node) : undefined;
    visit(value[key], child, root);
  }
}

/** A node with its $ref (or allOf: [{ $ref }]) followed, a few hops at most. */
function resolve(node: Node | undefined, root: Node): Node | undefined {
  let n = node;
  for (let hops = 0; n && hops < 10; hops++) {
    const ref = (n.$ref ?? (n.allOf as Node[] | undefined)?.find((x) => typeof x.$ref === "string")?.$ref) as string | undefined;
    if (typeof ref !== "string") break;
    const target = refTarget(ref, root);
    n = target ? { ...target, ...Object.fromEntries(Object.entries(n).filter(([k]) => k !== "$ref")) } : undefined;
  }
  return n;
}
