import type { Problem } from "../../errors.js";
import { joinPath } from "../../values/objects.js";

type Path = (string | number)[];

/**
 * istiod's admission rules (pkg/config/validation of istio/istio, validation.go) that span more
 * than one value, so the schema cannot state them. Each function is named for the upstream rule
 * it ports; ../shared/reference/istio-webhook.mjs holds the same rules for the tests.
 */

/**
 * ValidateSidecar: "the egress listener with empty port should be the last listener in the list"
 * and "egress can have only one listener with empty port"; "ports on IP bound listeners must be
 * unique". A port-specific listener before the catch-all, even on the same bind, is accepted.
 */
export function validateSidecarEgressOrder(egress: { port?: { number: number } }[], at: (i: number) => Path): Problem[] {
  const problems: Problem[] = [];
  const portless = egress.flatMap((l, i) => (l.port ? [] : [i]));
  for (const i of portless) {
    if (i !== egress.length - 1) {
      problems.push({ path: joinPath(at(i)), message: `a listener without a port catches every other port and must be the last of the list (istiod refuses it at ${i} of ${egress.length})` });
    }
  }
  const seen = new Map<number, number>();
  egress.forEach((l, i) => {
    if (!l.port) return;
    const j = seen.get(l.port.number);
    if (j !== undefined) problems.push({ path: joinPath([...at(i), "port", "number"]), message: `${l.port.number} is also ${joinPath([...at(j), "port", "number"])}; istiod needs each egress port once` });
    else seen.set(l.port.number, i);
  });
  return problems;
}

const HTTP_OR_TLS = new Set(["HTTP", "HTTP2", "GRPC", "GRPC-WEB", "HTTPS", "TLS"]);

/**
 * ValidateServiceEntry: "multiple hosts provided with non-HTTP, non-TLS ports" (any resolution
 * but NONE; vm-template's ServiceEntries are STATIC). Only HTTP and TLS carry the host a request
 * is for, so several hosts cannot share a TCP port.
 */
export function validateServiceEntryHostsAndPorts(hosts: string[], ports: { protocol: string }[], at: Path, portsAt: Path): Problem[] {
  if (hosts.length < 2) return [];
  const i = ports.findIndex((p) => !HTTP_OR_TLS.has(p.protocol));
  if (i < 0) return [];
  return [{ path: joinPath(at), message: `${hosts.length} hosts need HTTP or TLS ports (istiod refuses several hosts with a ${ports[i]!.protocol} port, ${joinPath([...portsAt, i, "protocol"])})` }];
}
