import { VmTemplateError, type Problem } from "../errors.js";
import { parseValuesYaml } from "../values/parseValuesYaml.js";
import type { Values } from "../values/objects.js";
import { isPlainMap, kindOf, requireString } from "../arguments.js";

/**
 * A chart as data: what the engine renders. The built-in chart is the project's `templates/`
 * folder and `schemas/values.schema.json`, embedded at build time; another chart is any folder
 * of the same shape, read by the edge (see cli/files.ts) and passed in.
 */
export interface Chart {
  /** Named in the `# Source: <name>/<file>` headers. */
  name: string;
  /** Output file name (the template's name without `.hbs`) to Handlebars source; rendered in name order. */
  templates: Record<string, string>;
  /** `_name.hbs` partials, by name (without `_` and `.hbs`). */
  partials: Record<string, string>;
  /** The chart's values.yaml: the defaults user values are coalesced over. */
  defaults: Values;
  /** The values JSON Schema. */
  schema: Record<string, unknown>;
  /**
   * Schemas of what the chart may output, by file name: each names the documents it covers with
   * `x-kind` ("<apiVersion> <kind>") or `x-file` (a file name such as docker-compose.yaml).
   */
  outputSchemas: Record<string, Record<string, unknown>>;
  /** Rules across values that the schema cannot state, run on schema-valid values; each problem names its path. */
  checks?: (values: Values) => Problem[];
  /**
   * The chart's own helpers, pure functions that prepare data for its templates (a chart's
   * logic lives here, its templates only lay out what these return). They may not print:
   * templates print only through the engine's printing helpers.
   */
  helpers?: Record<string, (...args: never[]) => unknown>;
}

/**
 * The files of a chart folder (`templates/*.hbs`, `templates/values.yaml`,
 * `schemas/values.schema.json`, `schemas/output/*.schema.json`) as a Chart.
 */
export function chartFromFiles(name: string, files: Record<string, string>): Chart {
  requireString(name, "name");
  if (!isPlainMap(files)) throw new VmTemplateError("USAGE", [{ path: "files", message: `must be a map of file path to text (got ${kindOf(files)})` }]);
  for (const [path, text] of Object.entries(files)) requireString(text, `files[${JSON.stringify(path)}]`);
  const templates: Record<string, string> = {};
  const partials: Record<string, string> = {};
  const outputSchemas: Record<string, Record<string, unknown>> = {};
  for (const [path, text] of Object.entries(files)) {
    const output = /^schemas\/output\/([^/]+\.schema\.json)$/.exec(path);
    if (output) outputSchemas[output[1]!] = parseJson(name, path, text);
    const m = /^templates\/(_?)([^/]+)\.hbs$/.exec(path);
    if (!m) continue;
    if (m[1]) partials[m[2]!] = text;
    else templates[m[2]!] = text;
  }
  const valuesYaml = files["templates/values.yaml"];
  const schemaText = files["schemas/values.schema.json"];
  if (valuesYaml === undefined || schemaText === undefined) {
    throw new VmTemplateError("RENDER", [{ path: "", message: `chart ${name}: needs templates/values.yaml and schemas/values.schema.json` }]);
  }
  const schema = parseJson(name, "schemas/values.schema.json", schemaText);
  return { name, templates, partials, defaults: parseValuesYaml(valuesYaml, `${name}/templates/values.yaml`), schema, outputSchemas };
}

function parseJson(chart: string, path: string, text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new VmTemplateError("RENDER", [{ path: "", message: `chart ${chart}: ${path}: ${(e as Error).message}` }]);
  }
}
