import type { Problem } from "../../errors.js";
import { isMap, joinPath, type Values } from "../../values/objects.js";
import { duplicatePorts, egressHostsWithoutBind, egressOutsideLoopback } from "./ports.js";
import { validateServiceEntryHostsAndPorts, validateSidecarEgressOrder } from "./istiod.js";
import { INSTANCE_IP, clashProblems, egressSockets, portSockets, type Socket } from "./sockets.js";

interface SdPort { number: number; name: string; protocol: string; applicationPort: number }
interface Ingress { port: { number: number; name: string }; defaultEndpoint: string; bind?: string }
interface Egress { bind?: string; port?: { number: number } }

/**
 * Rules of the single-VM sections that span more than one value: the files must agree with each
 * other (the Sidecar's listeners with the ServiceDefinition's ports, the WorkloadEntry's app label
 * with the workload the Sidecar and ServiceEntry select) and the VM must be able to bind them all.
 */
export function singleVmChecks(values: Values): Problem[] {
  if (isMap(values.services)) return [];
  const problems: Problem[] = [];
  const appId = (values.global as { sidecar?: { appId?: string } }).sidecar?.appId;
  const entry = values.workloadEntry as { labels?: Record<string, string> } | undefined;
  const app = entry?.labels?.app;
  if (app !== undefined && app !== appId) {
    problems.push({ path: "workloadEntry.labels.app", message: `must be global.sidecar.appId, "${appId}", which the Sidecar and ServiceEntry select by (got "${app}")` });
  }
  const sd = values.serviceDefinition as { ports: SdPort[]; usingIptablesCapture: boolean; egressHttpProxyPort?: number } | undefined;
  const sidecar = values.sidecarResource as { ingress?: Ingress[]; egress: Egress[]; egressHosts?: string[] } | undefined;
  if (sd) problems.push(...duplicatePorts(sd.ports, (i) => ["serviceDefinition", "ports", i]));
  if (sidecar) {
    if (sidecar.ingress) problems.push(...duplicatePorts(sidecar.ingress.map((l) => l.port), (i) => ["sidecarResource", "ingress", i, "port"]));
    if (sd && sidecar.ingress) problems.push(...ingressAgainstServiceDefinition(sidecar.ingress, sd.ports));
    problems.push(...egressOutsideLoopback(sidecar.egress, sd?.usingIptablesCapture ?? false, (i) => ["sidecarResource", "egress", i]));
    problems.push(...egressHostsWithoutBind(sidecar.egressHosts, sidecar.egress, ["sidecarResource"], "sidecarResource.egress"));
    problems.push(...validateSidecarEgressOrder(sidecar.egress, (i) => ["sidecarResource", "egress", i]));
  }
  const se = values.serviceEntry as { hosts?: string[]; ports?: { protocol: string }[] } | undefined;
  if (se?.hosts) {
    const ports = se.ports ?? sd?.ports ?? [];
    problems.push(...validateServiceEntryHostsAndPorts(se.hosts, ports, ["serviceEntry", "hosts"], se.ports ? ["serviceEntry", "ports"] : ["serviceDefinition", "ports"]));
  }
  problems.push(...clashProblems(sockets(sd, sidecar)));
  return problems;
}

/** The Sidecar listens on the ServiceDefinition's ports and forwards each to its application port. */
function ingressAgainstServiceDefinition(ingress: Ingress[], ports: SdPort[]): Problem[] {
  const problems: Problem[] = [];
  ingress.forEach((l, i) => {
    const at = (...rest: (string | number)[]) => joinPath(["sidecarResource", "ingress", i, ...rest]);
    const port = ports.find((p) => p.number === l.port.number);
    if (!port) {
      problems.push({ path: at("port", "number"), message: `${l.port.number} is not a port of the ServiceDefinition (${ports.map((p) => p.number).join(", ")})` });
      return;
    }
    const forwardsTo = /:(\d+)$/.exec(l.defaultEndpoint)?.[1];
    if (forwardsTo !== undefined && Number(forwardsTo) !== port.applicationPort) {
      problems.push({ path: at("defaultEndpoint"), message: `forwards to port ${forwardsTo}, but serviceDefinition.ports[${ports.indexOf(port)}].applicationPort is ${port.applicationPort} (got "${l.defaultEndpoint}")` });
    }
  });
  return problems;
}

function sockets(sd: { ports: SdPort[]; egressHttpProxyPort?: number } | undefined, sidecar: { ingress?: Ingress[]; egress: Egress[] } | undefined): Socket[] {
  const list: Socket[] = [];
  const add = (address: string, port: number, path: (string | number)[]) => list.push({ address, port, path: joinPath(path), owner: "" });
  if (sidecar?.ingress) {
    sidecar.ingress.forEach((l, i) => {
      add(l.bind ?? INSTANCE_IP, l.port.number, ["sidecarResource", "ingress", i, "port", "number"]);
      const m = /^(127\.0\.0\.1|0\.0\.0\.0):(\d+)$/.exec(l.defaultEndpoint);
      // The app listens where the listener forwards to (0.0.0.0 is the wildcard); two listeners may forward to one app.
      if (m && !list.some((s) => s.address === m[1] && s.port === Number(m[2]) && s.path.endsWith("defaultEndpoint"))) {
        add(m[1]!, Number(m[2]), ["sidecarResource", "ingress", i, "defaultEndpoint"]);
      }
    });
  } else if (sd) {
    list.push(...portSockets(sd.ports, (path) => joinPath(["serviceDefinition", ...path]), ""));
  }
  if (sd?.egressHttpProxyPort !== undefined) add("127.0.0.1", sd.egressHttpProxyPort, ["serviceDefinition", "egressHttpProxyPort"]);
  if (sidecar) list.push(...egressSockets(sidecar.egress, (path) => joinPath(["sidecarResource", ...path]), ""));
  return list;
}
