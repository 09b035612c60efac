import { yamlScalar } from "../yamlScalar.js";

/** `{{yaml value}}`: one scalar, safe to place after `key: ` or `- `. The only way a template prints a value. */
export function yaml(value: unknown): string {
  if (value === undefined) throw new Error("yaml: the value is not set (guard it with #if, or give a default)");
  return yamlScalar(value);
}
