import { yamlScalar } from "./yamlScalar.js";

/**
 * Maps and lists as block YAML lines, keys sorted so the bytes never depend on input order,
 * lists under a key at the key's own column (kubectl's style),
 * every key and scalar through yamlScalar. `indent` is the column of the first level.
 */
export function blockYaml(value: unknown, indent: number): string[] {
  const pad = " ".repeat(indent);
  if (Array.isArray(value)) {
    const lines: string[] = [];
    for (const item of value) {
      if (isCollection(item) && !isEmpty(item)) {
        const inner = blockYaml(item, indent + 2);
        lines.push(`${pad}- ${inner[0]!.slice(indent + 2)}`, ...inner.slice(1));
      } else lines.push(`${pad}- ${inline(item)}`);
    }
    return lines;
  }
  if (isMapValue(value)) {
    const lines: string[] = [];
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v === undefined) continue;
      // A list under a key starts at the key's column, as kubectl prints it and the seeds show.
      if (isCollection(v) && !isEmpty(v)) lines.push(`${pad}${yamlScalar(key)}:`, ...blockYaml(v, Array.isArray(v) ? indent : indent + 2));
      else lines.push(`${pad}${yamlScalar(key)}: ${inline(v)}`);
    }
    return lines;
  }
  return [`${pad}${yamlScalar(value)}`];
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return "[]";
  if (isMapValue(v)) return "{}";
  return yamlScalar(v);
}

function isMapValue(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function isCollection(v: unknown): boolean {
  return typeof v === "object" && v !== null;
}

function isEmpty(v: unknown): boolean {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v as object).length === 0;
}
