// Types of src/chart/builtin.precompiled.js, which scripts/precompile-chart.mjs generates at build.
import type { ValidateFunction } from "ajv";
import type { TemplateSpecification } from "./compiled.js";

/** The chart's files by path: templates/*.hbs, templates/values.yaml, schemas/**.json. */
export declare const files: Record<string, string>;
/** Each templates/*.hbs, by path, precompiled. */
export declare const templates: Record<string, TemplateSpecification>;
/** Each schemas/**.json, by path, as a validator. */
export declare const validators: Record<string, ValidateFunction>;
