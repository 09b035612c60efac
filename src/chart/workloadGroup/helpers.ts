import type { HelperOptions } from "handlebars";
import { workloadGroupBundle } from "./bundle.js";
import { configureFlags, meshInput, workloadGroupInput } from "./fromValues.js";
import { workloadGroupResource } from "./resource.js";
import { fleetWorkloadGroups, type FleetWorkloadGroup } from "./fleet.js";
import { workloadEntryFromGroup, type GroupEntry } from "./workloadEntry.js";
import type { Values } from "../../values/objects.js";
import { isIP } from "../ipAddress.js";

interface Hash { group: Values; name: string; namespace: string; mesh: Values; ingress?: string; vm?: { internalIP?: string; externalIP?: string }; address?: string }

function hashOf(options: HelperOptions, helper: string): Hash {
  const h = options.hash as Partial<Hash>;
  for (const key of ["group", "name", "namespace"] as const) if (h[key] === undefined) throw new Error(`${helper}: needs ${key}=`);
  return h as Hash;
}

/**
 * `(vmBundle group=… name=… namespace=… mesh=… ingress=… vm=…)`: what `istioctl x workload entry
 * configure` writes for a VM of the group (src/chart/workloadGroup): cluster.env's variables in
 * order (`name`, `value`), mesh.yaml's `defaultConfig`, and the hosts lines (`address`, `host`).
 * Without `vm`, the files every VM of the group can share.
 */
export function vmBundle(options: HelperOptions): { clusterEnv: { name: string; value: string }[]; defaultConfig: Record<string, unknown>; hosts: { address: string; host: string }[] } {
  const h = hashOf(options, "vmBundle");
  if (h.mesh === undefined) throw new Error("vmBundle: needs mesh=");
  const b = workloadGroupBundle(workloadGroupInput(h.group, h.name, h.namespace), meshInput(h.mesh), configureFlags(h.group, h.vm), h.ingress ?? "", isIP);
  return {
    clusterEnv: b.clusterEnv.map(([name, value]) => ({ name, value })),
    defaultConfig: b.mesh.defaultConfig,
    hosts: b.hosts.map(([address, host]) => ({ address, host })),
  };
}

/**
 * `(groupEntry group=… name=… namespace=… address=…)` or `vm=…` instead of `address=`: the
 * WorkloadEntry of the group's VM at that address (or the vm's internal, else external IP); null
 * when the group auto-registers (istiod makes it) or there is no address.
 */
export function groupEntry(options: HelperOptions): GroupEntry | null {
  const h = hashOf(options, "groupEntry");
  const address = h.address ?? h.vm?.internalIP ?? h.vm?.externalIP;
  if (h.group.autoRegister === true || address === undefined) return null;
  return workloadEntryFromGroup(workloadGroupInput(h.group, h.name, h.namespace), address);
}

/** `(groupResource group=… name=… namespace=…)`: the WorkloadGroup resource's metadata and spec. */
export function groupResource(options: HelperOptions): { metadata: Record<string, unknown>; spec: Record<string, unknown> } {
  const h = hashOf(options, "groupResource");
  return workloadGroupResource(workloadGroupInput(h.group, h.name, h.namespace));
}

/** `(fleetWorkloadGroups vms mesh global)`: a fleet's WorkloadGroups, laid out (fleet.ts); the gateway is global.vmgateway.host, if any. */
function fleetGroups(vms: unknown, mesh: unknown, global: unknown): FleetWorkloadGroup[] {
  const ingress = (global as { vmgateway?: { host?: string } } | undefined)?.vmgateway?.host;
  return fleetWorkloadGroups(vms as Record<string, { addresses?: string[]; workloadGroup?: Values }>, mesh as Values, ingress, isIP);
}

/** The WorkloadGroup helpers of the built-in chart: each prepares data for its templates from this folder's ports of istioctl. */
export const workloadGroupHelpers: Record<string, (...args: never[]) => unknown> = { fleetWorkloadGroups: fleetGroups, groupEntry, groupResource, vmBundle };
