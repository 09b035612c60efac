import type { Problem } from "../../errors.js";
import type { Values } from "../../values/objects.js";
import { decoupledChecks } from "./decoupled.js";
import { fleetChecks } from "./fleet.js";
import { singleVmChecks } from "./singleVm.js";
import { fleetWorkloadGroupChecks, singleWorkloadGroupChecks } from "./workloadGroup.js";
import { tctlChecks } from "./tctl.js";

/**
 * The built-in chart's rules across values, which JSON Schema cannot say: run by validateValues
 * once the values match the schema, so their problems come with the same paths and exit status.
 */
export function builtinChecks(values: Values): Problem[] {
  return [...singleVmChecks(values), ...fleetChecks(values), ...decoupledChecks(values), ...singleWorkloadGroupChecks(values), ...fleetWorkloadGroupChecks(values), ...tctlChecks(values)];
}
