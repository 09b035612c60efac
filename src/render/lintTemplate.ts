import { handlebarsCompiler } from "../compilers.js";
import { printingHelpers } from "./helpers/index.js";

type Node = { type: string; [k: string]: unknown };

/**
 * Templating is an injection surface: a bare `{{value}}` would paste user text into YAML as-is.
 * So a chart template may print only through the YAML-making helpers (`{{yaml x}}`,
 * `{{toYaml x n}}`, `{{fail …}}`); any other `{{…}}`, and every `{{{…}}}`, is refused when the
 * chart is loaded. Returns the reasons, empty when the template is sound.
 */
export function lintTemplate(source: string): string[] {
  const problems: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const n = node as Node;
    if (n.type === "MustacheStatement") {
      const path = n.path as Node;
      const name = path.type === "PathExpression" ? String(path.original) : "";
      const line = (n.loc as { start: { line: number } } | undefined)?.start.line;
      if (n.escaped === false) problems.push(`line ${line}: {{{…}}} prints raw text; use {{yaml …}}`);
      else if (!printingHelpers.has(name)) problems.push(`line ${line}: {{${name || "…"}}} prints a value without YAML quoting; use {{yaml …}} or {{toYaml …}}`);
    }
    for (const [key, child] of Object.entries(n)) if (key !== "loc" && child && typeof child === "object") visit(child);
  };
  visit(handlebarsCompiler().parse(source));
  return problems;
}
