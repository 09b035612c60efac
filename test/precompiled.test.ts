import { describe, expect, it } from "vitest";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { builtinChart, chartFromFiles, mergeValues, render, validateValues, type Chart } from "../src/index.js";
import { files } from "../src/chart/builtin.precompiled.js";
import { readValuesFile } from "../src/cli/files.js";
import { BASE_SET } from "./fixtures.js";

// The built-in chart is compiled by the build (scripts/precompile-chart.mjs). The same chart
// compiled at run time must behave exactly alike: same files, same bytes, same problems. A
// trailing Handlebars comment changes each template's source (so none of the build's compiled
// templates applies) and nothing of its output; chartFromFiles makes new schema objects, so
// none of the build's validators applies either.
const runtimeChart: Chart = {
  ...chartFromFiles("vm-template", Object.fromEntries(Object.entries(files).map(([path, text]) => [path, path.endsWith(".hbs") ? `${text}{{!-- compiled at run time --}}` : text]))),
  checks: builtinChart().checks,
  helpers: builtinChart().helpers,
};

const root = join(import.meta.dirname, "..");
const examples = readdirSync(join(root, "examples")).filter((n) => existsSync(join(root, "examples", n, "values.yaml"))).sort();

describe("the precompiled built-in chart behaves as the chart compiled at run time", () => {
  it.each(examples)("example %s: the same files, byte for byte", (name) => {
    const values = mergeValues({ files: [readValuesFile(join(root, "examples", name, "values.yaml"))] });
    const precompiled = render({ values: structuredClone(values) }).files;
    expect(render({ values: structuredClone(values), chart: runtimeChart }).files).toEqual(precompiled);
    expect(precompiled.length).toBeGreaterThan(0);
  });

  it.each([
    ["a missing required value, a bad port and an unknown key", ["global.hub=null", "serviceDefinition.hostname=r.example.com", "serviceDefinition.ports[0].number=70000", "global.sidecar.appid=x"]],
    ["a default filled in a given section", ["workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa"]],
    ["a fleet rule across values", ["workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa", "workloadEntry.labels.class=db"]],
  ])("values with %s: the same verdict, problems and effective values", (_what, set) => {
    const values = mergeValues({ set: [...BASE_SET, ...set] });
    const precompiled = validateValues(structuredClone(values));
    expect(validateValues(structuredClone(values), runtimeChart)).toEqual(precompiled);
  });

  it("a template broken at run time is still refused by the lint and the output check", () => {
    const values = mergeValues({ set: BASE_SET });
    const raw = { ...runtimeChart, templates: { ...runtimeChart.templates, "x.yaml": "a: {{global.hub}}\n" } };
    expect(() => render({ values, chart: raw })).toThrow(/prints a value without YAML quoting/);
    const invalid = { ...runtimeChart, templates: { ...runtimeChart.templates, "x.yaml": "apiVersion: v1\nkind: Nope\n" } };
    expect(() => render({ values, chart: invalid })).toThrow(/no output schema covers it/);
  });
});
