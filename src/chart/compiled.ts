import type { ValidateFunction } from "ajv";
import type Handlebars from "handlebars";
import { newAjv } from "../schema/ajv.js";

/** What Handlebars.precompile makes, evaluated: the form `template()` runs. */
export type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/**
 * A chart's compiled forms: its templates for Handlebars and its schemas for ajv. The build
 * compiles the built-in chart ahead of time (scripts/precompile-chart.mjs) and hands the result
 * to `usePrecompiled`; any other chart, or a template or schema changed from the built-in one,
 * is compiled here on first use, the same way. Either way the same checks run on the same rules.
 */
export interface Precompiled {
  /** Handlebars.precompile of each template source, with TEMPLATE_OPTIONS and after the lint. */
  templates: Map<string, TemplateSpecification>;
  /** The values validator, by the schema object it was compiled from. */
  values: Map<object, ValidateFunction>;
  /** The output validators, by the schema object each was compiled from. */
  outputs: Map<object, ValidateFunction>;
}

/** strict: a value a template names but the values lack is an error, not an empty string.
 *  noEscape: HTML escaping is wrong for YAML; the lint ensures every print goes through a printing helper. */
export const TEMPLATE_OPTIONS = { strict: true, noEscape: true } as const;

const templateSpecs = new Map<string, TemplateSpecification>();
const valuesValidators = new WeakMap<object, ValidateFunction>();
const outputValidators = new WeakMap<object, ValidateFunction>();

export function usePrecompiled(precompiled: Precompiled): void {
  for (const [source, spec] of precompiled.templates) templateSpecs.set(source, spec);
  for (const [schema, validate] of precompiled.values) valuesValidators.set(schema, validate);
  for (const [schema, validate] of precompiled.outputs) outputValidators.set(schema, validate);
}

/** The build's compiled form of this exact template source, if it made one. */
export function precompiledTemplate(source: string): TemplateSpecification | undefined {
  return templateSpecs.get(source);
}

/** The validator of a values schema; it fills a section's defaults where the section is given. */
export function valuesValidator(schema: Record<string, unknown>): ValidateFunction {
  let validate = valuesValidators.get(schema);
  if (!validate) {
    // useDefaults fills a section's own defaults only when the section is there, which is what
    // "a section you give is a resource you get" needs.
    validate = newAjv({ useDefaults: true }).compile(schema);
    valuesValidators.set(schema, validate);
  }
  return validate;
}

/** The validator of an output schema. */
export function outputValidator(schema: Record<string, unknown>): ValidateFunction {
  let validate = outputValidators.get(schema);
  if (!validate) {
    validate = newAjv().compile(schema);
    outputValidators.set(schema, validate);
  }
  return validate;
}
