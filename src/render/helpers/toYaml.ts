import { blockYaml } from "../blockYaml.js";

/**
 * `{{toYaml value indent}}`: a map or list as block YAML starting on the next line, every line
 * indented by `indent` spaces (Helm's `toYaml . | nindent N`). Write it right after `key:`.
 */
export function toYaml(value: unknown, indent: unknown): string {
  if (typeof indent !== "number") throw new Error("toYaml: the indent must be a number");
  if (typeof value !== "object" || value === null) throw new Error("toYaml: the value must be a map or a list");
  return `\n${blockYaml(value, indent).join("\n")}`;
}
