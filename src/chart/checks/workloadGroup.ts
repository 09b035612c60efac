import type { Problem } from "../../errors.js";
import { isMap, joinPath, type Values } from "../../values/objects.js";
import { slug } from "../../render/helpers/slug.js";
import { PROXY_CONFIG_ANNOTATION, readProxyConfig } from "../workloadGroup/proxyConfigAnnotation.js";
import { shellValueProblem } from "../workloadGroup/shellEscape.js";
import { groupEntryName } from "../workloadGroup/workloadEntry.js";

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The readiness probe's methods istiod accepts (pkg/config/validation validateReadinessProbe). */
const PROBE_METHODS = ["httpGet", "tcpSocket", "exec"];

/**
 * Rules of a WorkloadGroup that the schema cannot say: the ProxyConfig texts istioctl parses
 * (mesh config, `proxy.istio.io/config` annotations), istioctl's and istiod's refusals, and the
 * files it would share a name with. `at` is the group's value path.
 */
export function workloadGroupProblems(wg: Values, at: (string | number)[], meshConfig: unknown, name: string, addresses: [path: string, address: string][]): Problem[] {
  const problems: Problem[] = [];
  const path = (...rest: (string | number)[]) => joinPath([...at, ...rest]);
  const vm = (wg.vm ?? {}) as { internalIP?: string; externalIP?: string };
  if (vm.internalIP !== undefined && vm.externalIP !== undefined) {
    problems.push({ path: path("vm", "externalIP"), message: "give internalIP or externalIP, not both (istioctl: the flags --internalIP and --externalIP are mutually exclusive)" });
  }
  if (isMap(wg.probe)) {
    const methods = PROBE_METHODS.filter((m) => wg.probe && (wg.probe as Values)[m] !== undefined);
    if (methods.length !== 1) {
      problems.push({ path: path("probe"), message: `needs exactly one of httpGet, tcpSocket or exec, as istiod requires (got ${methods.length ? methods.join(", ") : "none"})` });
    }
  }
  // The WorkloadEntry rendered for each address (no auto-registration) is named as istiod names one.
  const network = (wg.template as Values | undefined)?.network as string | undefined;
  if (wg.autoRegister !== true) {
    for (const [where, address] of addresses) {
      const entry = groupEntryName(name, address, network);
      if (DNS_SUBDOMAIN.test(entry)) continue;
      // Blame the network when the name is valid without it.
      const byNetwork = DNS_SUBDOMAIN.test(groupEntryName(name, address, undefined));
      problems.push({
        path: byNetwork ? path("template", "network") : where,
        message: `makes the WorkloadEntry name ${JSON.stringify(entry)} (<name>-<address, ':' as '-'>[-<network>], as istiod names one), which is not a Kubernetes name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit`,
      });
      if (byNetwork) break;
    }
  }
  const sources: [(string | number)[], unknown][] = [
    [["mesh", "meshConfig", "defaultConfig"], isMap(meshConfig) ? meshConfig.defaultConfig : undefined],
    [[...at, "annotations", PROXY_CONFIG_ANNOTATION], (wg.annotations as Values | undefined)?.[PROXY_CONFIG_ANNOTATION]],
    [[...at, "metadata", "annotations", PROXY_CONFIG_ANNOTATION], ((wg.metadata as Values | undefined)?.annotations as Values | undefined)?.[PROXY_CONFIG_ANNOTATION]],
  ];
  const trustDomain = isMap(meshConfig) ? meshConfig.trustDomain : undefined;
  if (trustDomain !== undefined && (typeof trustDomain !== "string" || shellValueProblem(trustDomain))) {
    problems.push({ path: "mesh.meshConfig.trustDomain", message: `must be text cluster.env can carry, as TRUST_DOMAIN (got ${JSON.stringify(trustDomain)})` });
  }
  for (const [where, source] of sources) {
    if (source === undefined || source === null) continue;
    const read = readProxyConfig(source as string | Record<string, unknown>);
    if ("error" in read) problems.push({ path: joinPath(where), message: `${read.error}; istioctl reads it as a ProxyConfig` });
  }
  return problems;
}

/** A single VM's workloadGroup: the WorkloadGroup rules, and the other ways onto the mesh it cannot be combined with. */
export function singleWorkloadGroupChecks(values: Values): Problem[] {
  const wg = values.workloadGroup;
  if (!isMap(wg)) return [];
  const sidecar = ((values.global as Values).sidecar ?? {}) as Values;
  const vm = (wg.vm ?? {}) as { internalIP?: string; externalIP?: string };
  const address: [string, string][] = vm.internalIP ? [["workloadGroup.vm.internalIP", vm.internalIP]] : vm.externalIP ? [["workloadGroup.vm.externalIP", vm.externalIP]] : [];
  const name = (wg.name ?? sidecar.appId ?? "") as string;
  const problems = workloadGroupProblems(wg, ["workloadGroup"], (values.mesh as Values | undefined)?.meshConfig, name, address);
  for (const [key, from] of [["name", "appId"], ["namespace", "appNs"]] as const) {
    if (wg[key] === undefined && sidecar[from] === undefined) problems.push({ path: `workloadGroup.${key}`, message: `is required (there is no global.sidecar.${from} to default from)` });
  }
  if (values.workloadEntry !== undefined) {
    problems.push({ path: "workloadEntry", message: "a VM joins the mesh one way: workloadEntry (tctl x sidecar-bootstrap, a proxy container) or workloadGroup (istioctl's files for the istio-sidecar package), not both" });
  }
  if ((values.sidecarResource as Values | undefined)?.egressHosts !== undefined) {
    problems.push({ path: "sidecarResource.egressHosts", message: "both it and workloadGroup make the VM's hosts file; the workloadGroup's VM captures outbound traffic with iptables and needs no egress hosts" });
  }
  return problems;
}

/**
 * A fleet's WorkloadGroups (vms.<group>.workloadGroup): the WorkloadGroup rules for each, and what
 * the fleet format adds. The namespace is required (a fleet has no global.sidecar), the VMs are
 * the group's addresses (not vm), a group without addresses must auto-register (nothing else
 * would make its VMs' WorkloadEntries), an autoscaled group's folder vms/<group>/ is no other
 * VM's, and two groups make two WorkloadGroups (kustomize refuses the same one twice).
 */
export function fleetWorkloadGroupChecks(values: Values): Problem[] {
  const vms = values.vms;
  if (!isMap(vms)) return [];
  const problems: Problem[] = [];
  const meshConfig = (values.mesh as Values | undefined)?.meshConfig;
  const vmDirs = new Map<string, string>();
  for (const [key, g] of Object.entries(vms as Record<string, Values>)) {
    for (const [i, a] of ((g.addresses ?? []) as string[]).entries()) vmDirs.set(`${key}-${slug(a)}`, joinPath(["vms", key, "addresses", i]));
  }
  const groups = new Map<string, string>();
  for (const [key, g] of Object.entries(vms as Record<string, Values>)) {
    const wg = g.workloadGroup;
    if (!isMap(wg)) continue;
    const at = ["vms", key, "workloadGroup"];
    const addresses = (g.addresses ?? []) as string[];
    const name = (wg.name as string | undefined) ?? key;
    problems.push(...workloadGroupProblems(wg, at, meshConfig, name, addresses.map((a, i) => [joinPath(["vms", key, "addresses", i]), a])));
    if (wg.namespace === undefined) problems.push({ path: joinPath([...at, "namespace"]), message: "is required (a fleet has no global.sidecar.appNs to default from)" });
    if (wg.vm !== undefined) problems.push({ path: joinPath([...at, "vm"]), message: `is for a single VM; a fleet group's VMs are its addresses (vms.${key}.addresses)` });
    if (addresses.length === 0 && wg.autoRegister !== true) {
      problems.push({ path: joinPath([...at, "autoRegister"]), message: "must be true for a group without addresses: nothing else would make its VMs' WorkloadEntries (or list the VMs' addresses)" });
    }
    if (addresses.length === 0 && vmDirs.has(key)) {
      problems.push({ path: joinPath(["vms", key]), message: `its VMs' folder vms/${key}/ is also the folder of ${vmDirs.get(key)}` });
    }
    const id = `${String(wg.namespace)}/${name}`;
    const other = groups.get(id);
    if (other) problems.push({ path: joinPath([...at, "name"]), message: `makes the WorkloadGroup ${id}, as vms.${other}.workloadGroup does` });
    else groups.set(id, key);
  }
  return problems;
}
