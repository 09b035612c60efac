import { chartFromFiles, type Chart } from "./chart.js";
import { files, templates, validators } from "./builtin.precompiled.js";
import { usePrecompiled } from "./compiled.js";
import { builtinChecks } from "./checks/index.js";
import { builtinHelpers } from "./tctl/helpers.js";
import { decoupledHelpers } from "./decoupled/helpers.js";
import { workloadGroupHelpers } from "./workloadGroup/helpers.js";

let chart: Chart | undefined;

/**
 * The chart this package ships: templates/ and schemas/ of the repository, embedded and compiled
 * by the build (scripts/precompile-chart.mjs).
 */
export function builtinChart(): Chart {
  if (!chart) {
    chart = { ...chartFromFiles("vm-template", files), checks: builtinChecks, helpers: { ...builtinHelpers, ...decoupledHelpers, ...workloadGroupHelpers } };
    const byPath = (path: string) => {
      const validate = validators[path];
      if (!validate) throw new Error(`the build made no validator for ${path}`);
      return validate;
    };
    usePrecompiled({
      templates: new Map(Object.entries(templates).map(([path, spec]) => [files[path]!, spec])),
      values: new Map([[chart.schema, byPath("schemas/values.schema.json")]]),
      outputs: new Map(Object.entries(chart.outputSchemas).map(([name, schema]) => [schema, byPath(`schemas/output/${name}`)])),
    });
  }
  return chart;
}
