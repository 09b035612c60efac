import { VmTemplateError, type Problem } from "../errors.js";
import { parseValuesYaml } from "../values/parseValuesYaml.js";
import type { Values } from "../values/objects.js";

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
  /** Rules across values that the schema cannot state, run on schema-valid values; each problem names its path. */
  checks?: (values: Values) => Problem[];
}

/** The files of a chart folder (`templates/*.hbs`, `templates/values.yaml`, `schemas/values.schema.json`) as a Chart. */
export function chartFromFiles(name: string, files: Record<string, string>): Chart {
  const templates: Record<string, string> = {};
  const partials: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
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
  let schema: Record<string, unknown>;
  try {
    schema = JSON.parse(schemaText) as Record<string, unknown>;
  } catch (e) {
    throw new VmTemplateError("RENDER", [{ path: "", message: `chart ${name}: schemas/values.schema.json: ${(e as Error).message}` }]);
  }
  return { name, templates, partials, defaults: parseValuesYaml(valuesYaml, `${name}/templates/values.yaml`), schema };
}
