import { envoyBootstrap } from "./envoyBootstrap.js";
import { fleetLayout, type FleetLayout } from "./fleet.js";
import { clusterFiles, decoupledPlan, type DecoupledPlan } from "./plan.js";
import type { DecoupledValues } from "./values.js";

// Both are pure functions of the values; the templates ask once each, so a values object is
// planned once.
const plans = new WeakMap<object, DecoupledPlan>();
const layouts = new WeakMap<object, FleetLayout>();

function planOf(values: unknown): DecoupledPlan {
  if (typeof values !== "object" || values === null) throw new Error("needs the decoupled values");
  let p = plans.get(values);
  if (!p) plans.set(values, (p = decoupledPlan(values as DecoupledValues)));
  return p;
}

/** The decoupled mode's helpers (Chart.helpers of the built-in chart): the templates only lay out what they return. */
export const decoupledHelpers: Record<string, (...args: never[]) => unknown> = {
  /** `(decoupledPlan decoupled)`: identity, names and per-upstream SNI, ALPN, sockets and policies (plan.ts). */
  decoupledPlan: (values: unknown) => planOf(values),
  /** `(decoupledClusterFiles decoupled)`: the cluster-side files of one VM, for its kustomization.yaml (plan.ts clusterFiles). */
  decoupledClusterFiles: (values: unknown) => clusterFiles(values as DecoupledValues, planOf(values)),
  /** `{{toYaml (envoyBootstrap decoupled) 0}}`: the VM's static Envoy bootstrap (envoyBootstrap.ts). */
  envoyBootstrap: (values: unknown) => envoyBootstrap(values as DecoupledValues, planOf(values)),
  /** `(fleetLayout vms services)`: where a fleet's decoupled groups and their files go (fleet.ts). */
  fleetLayout: (vms: unknown, services: unknown) => {
    if (typeof vms !== "object" || vms === null) throw new Error("fleetLayout: needs the vms values");
    let layout = layouts.get(vms);
    const hasServices = typeof services === "object" && services !== null && !("hash" in services && "data" in services);
    if (!layout) layouts.set(vms, (layout = fleetLayout(vms as Parameters<typeof fleetLayout>[0], hasServices, planOf)));
    return layout;
  },
};
