import { envoyBootstrap } from "../../chart/decoupled/envoyBootstrap.js";
import { decoupledPlan as plan, type DecoupledPlan } from "../../chart/decoupled/plan.js";
import type { DecoupledValues } from "../../chart/decoupled/values.js";

// Both are pure functions of the values; a render asks for them once per template, so each
// values object is planned once.
const plans = new WeakMap<object, DecoupledPlan>();

/**
 * `(decoupledPlan decoupled)`: what the decoupled templates lay out (identity, names, per-upstream
 * SNI, ALPN, sockets, policies), computed by src/chart/decoupled/plan.ts.
 */
export function decoupledPlan(values: unknown): DecoupledPlan {
  if (typeof values !== "object" || values === null) throw new Error("decoupledPlan: needs the decoupled values");
  let p = plans.get(values);
  if (!p) plans.set(values, (p = plan(values as DecoupledValues)));
  return p;
}

/** `{{toYaml (envoyBootstrap decoupled) 0}}`: the VM's static Envoy bootstrap (src/chart/decoupled/envoyBootstrap.ts). */
export function envoyBootstrapHelper(values: unknown): Record<string, unknown> {
  return envoyBootstrap(values as DecoupledValues, decoupledPlan(values));
}
