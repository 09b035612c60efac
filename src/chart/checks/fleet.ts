import type { Problem } from "../../errors.js";
import { hasOwn, isMap, joinPath, type Values } from "../../values/objects.js";
import { slug } from "../../render/helpers/slug.js";
import { canonicalHost, isUnspecified } from "../../values/canonicalHost.js";
import { duplicatePorts, egressHostsWithoutBind, egressOutsideLoopback } from "./ports.js";
import { validateSidecarEgressOrder } from "./istiod.js";
import { ANY, clashProblems, describe, egressSockets, findClashes, portSockets, type Socket } from "./sockets.js";

/** The longest name of a Kubernetes object (a DNS-1123 subdomain). */
const MAX_NAME = 253;

interface Port { number: number; name: string; applicationPort: number }
interface Listener { bind?: string; port?: { number: number } }
interface Service {
  namespace: string;
  ports: Port[];
  egressHttpProxyPort?: number;
  egress: Listener[];
  egressHosts?: string[];
  usingIptablesCapture: boolean;
  proxy: { adminPort: number; statusPort: number; envoyStatusPort: number; envoyPrometheusPort: number };
}
// addresses: absent only for an autoscaled workloadGroup (checks/workloadGroup.ts).
interface Group { addresses?: string[]; services?: string[]; bootstrap?: Record<string, string> }

/**
 * The rules of the fleet format that one value cannot state alone: services a VM runs exist and
 * every service runs somewhere; a VM is in one group and has a name of its own; a group of
 * several VMs names no single machine; services sharing a VM share its namespace (seed 004) and
 * "listen on separate ports" (seed 000), which includes the egress listeners and /etc/hosts.
 */
export function fleetChecks(values: Values): Problem[] {
  const vms = values.vms as Record<string, Group> | undefined;
  if (!isMap(vms)) return [];
  // A fleet of decoupled groups only (vms.<group>.decoupled) has no services.
  const services = (isMap(values.services) ? values.services : {}) as Record<string, Service>;
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path: joinPath(path), message });

  for (const [name, service] of Object.entries(services)) {
    if (!Object.values(vms).some((g) => g.services?.includes(name))) add(["services", name], "no VM runs it (list it in the services of a vms entry)");
    problems.push(...clashProblems(serviceSockets(name, service)));
    problems.push(...duplicatePorts(service.ports, (i) => ["services", name, "ports", i]));
    problems.push(...egressOutsideLoopback(service.egress, service.usingIptablesCapture, (i) => ["services", name, "egress", i]));
    problems.push(...egressHostsWithoutBind(service.egressHosts, service.egress, ["services", name], "egress"));
    problems.push(...validateSidecarEgressOrder(service.egress, (i) => ["services", name, "egress", i]));
  }

  // Addresses are judged by their canonical spelling: fd00::1 and FD00:0:0::1 are one machine.
  const addressOwner = new Map<string, { path: string; typed: string }>();
  const vmNameOwner = new Map<string, string>();
  for (const [group, g] of Object.entries(vms)) {
    const addresses = g.addresses ?? [];
    // The group's longest service name makes its longest WorkloadEntry names (checked per address below).
    const longest = [...(g.services ?? [])].sort((a, b) => b.length - a.length)[0];
    for (const [i, address] of addresses.entries()) {
      const at = ["vms", group, "addresses", i];
      const path = joinPath(at);
      if (isUnspecified(address)) {
        add(at, `${address} is the unspecified address (any address), which no machine has; give the VM's own address`);
        continue;
      }
      const canonical = canonicalHost(address);
      const other = addressOwner.get(canonical);
      if (other) {
        const both = canonical !== address && canonical !== other.typed ? `, both ${canonical}` : "";
        const spelled = other.typed === address ? "" : ` (${other.typed}, written another way${both})`;
        const sameGroup = other.path.startsWith(`${joinPath(["vms", group, "addresses"])}[`);
        add(at, `${address} is also ${other.path}${spelled}; ${sameGroup ? "list each VM once" : "a VM belongs to one group"}`);
        continue;
      }
      addressOwner.set(canonical, { path, typed: address });
      const vmName = `${group}-${slug(address)}`;
      const sameName = vmNameOwner.get(vmName);
      if (sameName) add(at, `makes the VM name ${vmName}, as ${sameName} does`);
      else vmNameOwner.set(vmName, path);
      // Each service's WorkloadEntry on the VM is named <service>-<group>-<address>: a
      // Kubernetes object name, a DNS-1123 subdomain of at most 253 characters (the rest of the
      // rule holds by construction: a service and a group are DNS labels, the slug is [a-z0-9-]).
      if (longest !== undefined && longest.length + 1 + vmName.length > MAX_NAME) {
        add(at, `makes the WorkloadEntry name ${longest}-${vmName}, ${longest.length + 1 + vmName.length} characters; Kubernetes allows ${MAX_NAME} (a shorter group name or address)`);
      }
    }
    if (addresses.length > 1) {
      for (const key of ["proxyInstanceIp", "sshHost"]) {
        if (g.bootstrap && hasOwn(g.bootstrap, key)) add(["vms", group, "bootstrap", key], `names one machine, but the group has ${addresses.length} addresses (give that VM a group of its own)`);
      }
    }
    if (!g.services) continue;
    const known = g.services.filter((s) => hasOwn(services, s));
    g.services.forEach((s, i) => {
      if (!hasOwn(services, s)) add(["vms", group, "services", i], `no such service (services: ${Object.keys(services).join(", ") || "none given"})`);
    });
    problems.push(...sharedVmProblems(group, known, services));
    if (known.length > 1) {
      problems.push(...sharedVmImageProblems(group, known, (values.global as { tag?: unknown } | undefined)?.tag));
      problems.push(...sharedVmDnsProblems(group, known, values.mesh));
    }
  }
  return problems;
}

/**
 * Several proxies on one host network need pilot-agent 1.11 or later: before, Envoy's health
 * (15021) and Prometheus (15090) listeners are literal ports of
 * tools/packaging/common/envoy_bootstrap.json (ENVOY_STATUS_PORT and ENVOY_PROMETHEUS_PORT came
 * with istio/istio 2ff6d6a6069, 1.11), and before 1.10 pkg/envoy/proxy.go starts Envoy with hot
 * restart (no --disable-hot-restart, a2610dc2fbf), whose abstract socket, the same for every Envoy
 * without --base-id, is per network namespace: the second proxy's Envoy exits. A tag that is no
 * Istio version (latest, a digest-like name) is taken as the user's word.
 */
function sharedVmImageProblems(group: string, names: string[], tag: unknown): Problem[] {
  const m = typeof tag === "string" ? /^v?(\d+)\.(\d+)(?:[.\-_]|$)/.exec(tag) : null;
  if (!m || Number(m[1]) > 1 || (Number(m[1]) === 1 && Number(m[2]) >= 11)) return [];
  return [{
    path: joinPath(["vms", group, "services"]),
    message: `runs ${names.length} services (${names.join(", ")}), one Istio proxy each on the host network, but global.tag ${tag} is a proxyv2 before Istio 1.11, where Envoy's ports 15021 and 15090 are fixed (and before 1.10 its hot-restart socket is one per host): a second proxy cannot start. Use a proxyv2 of Istio 1.11 or later, or give each service a VM of its own`,
  }];
}

function sharedVmProblems(group: string, names: string[], services: Record<string, Service>): Problem[] {
  const problems: Problem[] = [];
  const namespaces = [...new Set(names.map((n) => services[n]!.namespace))];
  if (namespaces.length > 1) {
    const list = names.map((n) => `${n} in ${services[n]!.namespace}`).join(", ");
    problems.push({ path: joinPath(["vms", group, "services"]), message: `a VM belongs to one namespace, but these services are in ${namespaces.length}: ${list}` });
  }
  const sockets = names.flatMap((n) => serviceSockets(n, services[n]!));
  for (const [later, earlier] of findClashes(sockets, true)) {
    problems.push({ path: joinPath(["vms", group, "services"]), message: `${later.owner} and ${earlier.owner} both bind ${describe(later)} (${later.path}, ${earlier.path}); services on one VM need ports of their own` });
  }
  const hostOwner = new Map<string, string>();
  for (const n of names) {
    for (const host of services[n]!.egressHosts ?? []) {
      const other = hostOwner.get(host);
      if (other && other !== n) problems.push({ path: joinPath(["vms", group, "services"]), message: `${other} and ${n} both call ${host} through their own egress listener, but /etc/hosts can point it at one` });
      hostOwner.set(host, n);
    }
  }
  return problems;
}

function serviceSockets(name: string, s: Service): Socket[] {
  const at = (path: (string | number)[]) => joinPath(["services", name, ...path]);
  const sockets = portSockets(s.ports, at, name);
  if (s.egressHttpProxyPort !== undefined) sockets.push({ address: "127.0.0.1", port: s.egressHttpProxyPort, path: at(["egressHttpProxyPort"]), owner: name });
  sockets.push({ address: "127.0.0.1", port: s.proxy.adminPort, path: at(["proxy", "adminPort"]), owner: name });
  sockets.push({ address: ANY, port: s.proxy.statusPort, path: at(["proxy", "statusPort"]), owner: name });
  // Envoy's health and Prometheus listeners bind every address (envoy_bootstrap.json, {{ .wildcard }}).
  sockets.push({ address: ANY, port: s.proxy.envoyStatusPort, path: at(["proxy", "envoyStatusPort"]), owner: name });
  sockets.push({ address: ANY, port: s.proxy.envoyPrometheusPort, path: at(["proxy", "envoyPrometheusPort"]), owner: name });
  return [...sockets, ...egressSockets(s.egress, at, name)];
}

/** strconv.ParseBool's true, as pilot-agent's env.RegisterBoolVar reads a variable. */
const GO_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);

/**
 * The agent's DNS proxy binds port 15053 (`:15053` in the fork's pilot/pkg/dns/proxy.go, fatal
 * when taken: initLocalDNSServer in pkg/istio-agent/agent.go; localhost:15053 in later Istio)
 * when ISTIO_META_DNS_CAPTURE (or, in later Istio, ISTIO_META_ENABLE_DNS_SERVER) is true. The
 * mesh's proxyMetadata reaches every proxy of a VM alike (the mesh-expansion one replaces
 * defaultConfig's, as ProxyConfig merges), so several proxies would all bind it.
 */
function sharedVmDnsProblems(group: string, names: string[], mesh: unknown): Problem[] {
  const m = (isMap(mesh) ? mesh : {}) as { meshConfig?: { defaultConfig?: { proxyMetadata?: Record<string, string> } }; expansionProxyConfig?: { proxyMetadata?: Record<string, string> } };
  const [metadata, at] = m.expansionProxyConfig?.proxyMetadata
    ? [m.expansionProxyConfig.proxyMetadata, ["mesh", "expansionProxyConfig", "proxyMetadata"]]
    : [m.meshConfig?.defaultConfig?.proxyMetadata, ["mesh", "meshConfig", "defaultConfig", "proxyMetadata"]];
  const on = ["ISTIO_META_DNS_CAPTURE", "ISTIO_META_ENABLE_DNS_SERVER"].find((k) => metadata && GO_TRUE.has(String(metadata[k])));
  if (!on) return [];
  return [{
    path: joinPath(["vms", group, "services"]),
    message: `runs ${names.length} services (${names.join(", ")}), one Istio proxy each on the host network, but ${joinPath([...at, on])} turns on every proxy's DNS proxy, which binds port 15053: the second proxy's agent cannot start. Turn it off, or give each service a VM of its own`,
  }];
}
