import { slug } from "../../render/helpers/slug.js";
import type { Values } from "../../values/objects.js";
import { workloadGroupBundle } from "./bundle.js";
import { createClusterEnv } from "./clusterEnv.js";
import { configureFlags, meshInput, workloadGroupInput } from "./fromValues.js";
import { workloadGroupResource } from "./resource.js";
import { workloadEntryFromGroup, type GroupEntry } from "./workloadEntry.js";

/** One WorkloadGroup of a fleet, as paths and data for fleet-workloadgroups.hbs. */
export interface FleetWorkloadGroup {
  /** workloadgroups/<group>/: the cluster side. */
  prefix: string;
  resource: ReturnType<typeof workloadGroupResource>;
  /** The WorkloadEntry of each listed VM, when the group does not auto-register. */
  entries: { file: string; entry: GroupEntry }[];
  /** The files of the group's kustomization.yaml. */
  clusterFiles: string[];
  serviceAccount: string;
  namespace: string;
  /** mesh.yaml, hosts and root-cert.pem are the same on every VM of the group: one text, these paths. */
  meshPaths: string[];
  hostsPaths: string[];
  rootCertPaths: string[];
  defaultConfig: Record<string, unknown>;
  hosts: { address: string; host: string }[];
  /** cluster.env, each VM's own (its ISTIO_SVC_IP), or one for an autoscaled group. */
  clusterEnvs: { path: string; env: { name: string; value: string }[] }[];
}

type Group = { addresses?: string[]; workloadGroup?: Values };

/**
 * A fleet's WorkloadGroups (vms.<group>.workloadGroup): the group's WorkloadGroup, and the
 * WorkloadEntries istiod would make when it does not auto-register, in workloadgroups/<group>/;
 * each listed address gets only the VM-side files istioctl writes with --internalIP <address>, in
 * vms/<group>-<address>/; a group without addresses (autoscaled) gets one set, without
 * ISTIO_SVC_IP (istio-start.sh takes the VM's own), in vms/<group>/. The group's name defaults to
 * its key in vms.
 */
export function fleetWorkloadGroups(vms: Record<string, Group>, mesh: Values, ingress: string | undefined, isIP: (s: string) => boolean): FleetWorkloadGroup[] {
  const out: FleetWorkloadGroup[] = [];
  const m = meshInput(mesh);
  for (const [key, g] of Object.entries(vms)) {
    const wg = g.workloadGroup;
    if (!wg) continue;
    const group = workloadGroupInput(wg, (wg.name as string | undefined) ?? key, wg.namespace as string);
    const addresses = g.addresses ?? [];
    const dirs = addresses.length ? addresses.map((a) => `vms/${key}-${slug(a)}/`) : [`vms/${key}/`];
    const prefix = `workloadgroups/${key}/`;
    const entries = wg.autoRegister === true ? [] : addresses.map((a) => ({ file: `workloadentry-${slug(a)}.yaml`, entry: workloadEntryFromGroup(group, a) }));
    // mesh.yaml and hosts do not depend on the VM's address, so they are made once per group;
    // cluster.env does (ISTIO_SVC_IP), so only it is made per VM, from the group's ProxyConfig.
    const shared = workloadGroupBundle(group, m, configureFlags(wg, undefined), ingress ?? "", isIP);
    out.push({
      prefix,
      resource: workloadGroupResource(group),
      entries,
      clusterFiles: ["workloadgroup.yaml", ...entries.map((e) => e.file)],
      serviceAccount: group.template.serviceAccount,
      namespace: group.namespace,
      meshPaths: dirs.map((d) => `${d}mesh.yaml`),
      hostsPaths: dirs.map((d) => `${d}hosts`),
      rootCertPaths: dirs.map((d) => `${d}root-cert.pem`),
      defaultConfig: shared.mesh.defaultConfig,
      hosts: shared.hosts.map(([address, host]) => ({ address, host })),
      clusterEnvs: addresses.length
        ? addresses.map((a, i) => ({ path: `${dirs[i]}cluster.env`, env: pairs(createClusterEnv(group, shared.mesh.defaultConfig, m, configureFlags(wg, { internalIP: a }))) }))
        : [{ path: `${dirs[0]}cluster.env`, env: pairs(shared.clusterEnv) }],
    });
  }
  return out;
}

const pairs = (env: [string, string][]) => env.map(([name, value]) => ({ name, value }));

