import { createRequire } from "node:module";

// The template compiler (full Handlebars) and the schema compiler (ajv with ajv-formats) are
// loaded on first use. The built-in chart is compiled when the package is built
// (scripts/precompile-chart.mjs), so rendering it never loads either: together they cost more
// than a bare Node start (issue 5). All three packages are CommonJS, so a synchronous require
// keeps render() synchronous.
const require = createRequire(import.meta.url);

type HandlebarsModule = typeof import("handlebars");
type AjvModule = typeof import("ajv");
type AddFormats = (ajv: InstanceType<AjvModule["Ajv"]>, formats: string[]) => unknown;

let handlebars: HandlebarsModule | undefined;
let ajv: { Ajv: AjvModule["Ajv"]; addFormats: AddFormats } | undefined;

/** Handlebars with its compiler (parse, compile, precompile). */
export function handlebarsCompiler(): HandlebarsModule {
  return (handlebars ??= require("handlebars") as HandlebarsModule);
}

/** ajv's Ajv class and ajv-formats' plugin. */
export function ajvCompiler(): { Ajv: AjvModule["Ajv"]; addFormats: AddFormats } {
  ajv ??= { Ajv: (require("ajv") as AjvModule).Ajv, addFormats: require("ajv-formats") as AddFormats };
  return ajv;
}
