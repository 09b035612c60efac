import { setKey } from "../../values/objects.js";
import { withoutEmpty } from "./resource.js";
import type { WorkloadGroupInput } from "./types.js";

/** A WorkloadEntry of a group, as data for the template: its metadata and spec, empty maps left out. */
export interface GroupEntry {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
}

/**
 * The WorkloadEntry istiod would create for a VM of the group if it auto-registered
 * (pilot/pkg/autoregistration/controller.go of istio/istio 86c9f01fd73: workloadEntryFromGroup and
 * autoregisteredWorkloadEntryName), for a group whose VMs do not: the template with the VM's
 * address, the group's metadata labels over the template's (as the entry's labels and its
 * metadata's), its metadata annotations, and the
 * name `<group>-<address, ':' as '-'>[-<network>]` (the last 253 characters). Left out: the
 * auto-registration annotation and the owner reference to the group, which mark an entry istiod
 * manages and deletes.
 */
export function workloadEntryFromGroup(group: WorkloadGroupInput, address: string): GroupEntry {
  const labels: Record<string, string> = {};
  for (const [k, v] of [...Object.entries(group.template.labels), ...Object.entries(group.metadata.labels)]) setKey(labels, k, v);
  const { serviceAccount, network, ports, locality, weight } = group.template;
  const name = groupEntryName(group.name, address, group.template.network);
  return {
    metadata: withoutEmpty({ annotations: group.metadata.annotations, labels, name, namespace: group.namespace }),
    spec: withoutEmpty({ address, labels, network, ports, serviceAccount, locality, weight }),
  };
}

/** autoregisteredWorkloadEntryName: `<group>-<address, ':' as '-'>[-<network>]`, its last 253 characters. */
export function groupEntryName(group: string, address: string, network: string | undefined): string {
  const joined = [group, address.replaceAll(":", "-"), ...(network ? [network] : [])].join("-");
  return joined.length > 253 ? joined.slice(-253) : joined;
}
