// The public API of vm-template, in one screen. Everything here is pure: no file system,
// process or console. Reading values files and writing an output directory live in
// "vm-template/fs" (src/cli/files.ts).
export { render, type RenderInput, type RenderResult } from "./render.js";
export { mergeValues, type ValueSources, type MergeOptions } from "./values/mergeValues.js";
export { parseSet, type ParseSetOptions } from "./values/parseSet.js";
export type { SetKind } from "./values/strvals.js";
export { parseValuesYaml } from "./values/parseValuesYaml.js";
export { validateValues, type ValidationResult } from "./schema/validateValues.js";
export { VmTemplateError, formatProblem, type Problem, type ErrorCode } from "./errors.js";
export { formatStream, selectFiles } from "./output/formatStream.js";
export { chartFromFiles, type Chart } from "./chart/chart.js";
export { builtinChart } from "./chart/builtin.js";
export { publishedSchema } from "./schema/publishedSchema.js";
export type { RenderedFile, Release } from "./render/renderChart.js";
export type { Values } from "./values/objects.js";
