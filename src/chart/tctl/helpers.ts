import type { HelperOptions } from "handlebars";
import { workloadEntryAnnotations, type Bootstrap } from "./annotations.js";

/** Handlebars passes its options last; a helper given fewer arguments sees them in their place. */
const given = <T>(value: T | HelperOptions): T | undefined => (value && typeof value === "object" && "hash" in value && "data" in value ? undefined : (value as T));

/**
 * The built-in chart's helpers: each prepares data for the templates from the upstream
 * contracts in this folder, so the templates only lay it out.
 */
export const builtinHelpers: Record<string, (...args: never[]) => unknown> = {
  /** `(workloadEntryAnnotations bootstrap annotations)`: the WorkloadEntry's annotations. */
  workloadEntryAnnotations: (bootstrap: Bootstrap | HelperOptions, annotations: Record<string, string> | HelperOptions) =>
    workloadEntryAnnotations(given(bootstrap), given(annotations)),
};
