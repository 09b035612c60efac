import { slug } from "../../render/helpers/slug.js";
import { clusterFiles, decoupledPlan, type DecoupledPlan } from "./plan.js";
import type { DecoupledValues } from "./values.js";

interface Group {
  addresses?: string[];
  services?: string[];
  decoupled?: DecoupledValues;
  workloadGroup?: unknown;
}

export interface DecoupledGroup {
  name: string;
  d: DecoupledValues;
  /** vms/<group>-<address>/<file> of every VM of the group: they share Envoy's files. */
  composePaths: string[];
  envoyPaths: string[];
  /** decoupled/<group>/ when the group has cluster-side files, with their names. */
  prefix: string;
  clusterFiles: string[];
}

export interface FleetLayout {
  decoupled: DecoupledGroup[];
  /** The groups bootstrapped with Istio's proxy: only their VMs have a kustomization. */
  sidecarGroups: string[];
  /** The WorkloadGroups (their files: src/chart/workloadGroup/fleet.ts), for the top kustomization. */
  workloadGroups: string[];
  /** The decoupled groups with cluster-side files, for decoupled/kustomization.yaml. */
  clusterGroups: string[];
  /** The top kustomization's resources: each folder that has one. */
  rootResources: string[];
}

/**
 * How a fleet with decoupled groups is laid out: a decoupled group's VMs get Envoy's compose file
 * and bootstrap in vms/<group>-<address>/ (nothing there for kubectl), and the group's one set
 * of cluster-side files (one identity, one Certificate for the group) goes to decoupled/<group>/.
 * `plan` lets the helpers hand in their cached decoupledPlan, so a group is planned once.
 */
export function fleetLayout(vms: Record<string, Group>, hasServices: boolean, plan: (d: DecoupledValues) => DecoupledPlan = decoupledPlan): FleetLayout {
  const decoupled: DecoupledGroup[] = [];
  const sidecarGroups: string[] = [];
  const workloadGroups: string[] = [];
  for (const [name, g] of Object.entries(vms)) {
    if (g.workloadGroup) {
      workloadGroups.push(name);
      continue;
    }
    if (!g.decoupled) {
      sidecarGroups.push(name);
      continue;
    }
    const dirs = (g.addresses ?? []).map((a) => `vms/${name}-${slug(a)}/`);
    decoupled.push({
      name,
      d: g.decoupled,
      composePaths: dirs.map((dir) => `${dir}docker-compose.yaml`),
      envoyPaths: dirs.map((dir) => `${dir}envoy.yaml`),
      prefix: `decoupled/${name}/`,
      clusterFiles: clusterFiles(g.decoupled, plan(g.decoupled)),
    });
  }
  const clusterGroups = decoupled.filter((g) => g.clusterFiles.length > 0).map((g) => g.name);
  const rootResources = [...(hasServices ? ["services"] : []), ...(sidecarGroups.length ? ["vms"] : []), ...(clusterGroups.length ? ["decoupled"] : []), ...(workloadGroups.length ? ["workloadgroups"] : [])];
  return { decoupled, sidecarGroups, workloadGroups, clusterGroups, rootResources };
}
