import { describe, expect, it } from "vitest";
import { mergeValues, render, validateValues } from "../src/index.js";
import { BASE_SET } from "./fixtures.js";

// The ServiceDefinition of seed 000 case 1 (80 -> 127.0.0.1:9080), given as --set expressions.
const SD = [
  "serviceDefinition.hostname=ratings.example.com",
  "serviceDefinition.ports[0].number=80", "serviceDefinition.ports[0].name=http", "serviceDefinition.ports[0].protocol=HTTP", "serviceDefinition.ports[0].applicationPort=9080",
];
const INGRESS = ["sidecarResource.ingress[0].port.number=9080", "sidecarResource.ingress[0].port.name=http", "sidecarResource.ingress[0].port.protocol=HTTP", "sidecarResource.ingress[0].defaultEndpoint=127.0.0.1:9080"];
const problems = (set: string[]) => validateValues(mergeValues({ set: [...BASE_SET, ...set] })).problems;

// Each rule: values that break it, the path it must name, and a valid neighbour that passes.
const rules: [rule: string, bad: string[], path: string, message: RegExp, good: string[]][] = [
  ["Sidecar ingress port not a ServiceDefinition port", [...SD, ...INGRESS], "sidecarResource.ingress[0].port.number", /9080 is not a port of the ServiceDefinition \(80\)/,
    [...SD, ...INGRESS, "sidecarResource.ingress[0].port.number=80"]],
  ["Sidecar ingress forwarding elsewhere than the application port", [...SD, ...INGRESS, "sidecarResource.ingress[0].port.number=80", "sidecarResource.ingress[0].defaultEndpoint=127.0.0.1:9999"], "sidecarResource.ingress[0].defaultEndpoint", /forwards to port 9999, but serviceDefinition.ports\[0\].applicationPort is 9080/,
    [...SD, ...INGRESS, "sidecarResource.ingress[0].port.number=80"]],
  ["WorkloadEntry labels that the Sidecar's workloadSelector would not select", ["workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa", "workloadEntry.labels.app=other"], "workloadEntry.labels.app", /must be global.sidecar.appId, "bookinfo"/,
    ["workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa", "workloadEntry.labels.app=bookinfo"]],
  ["an app port equal to the sidecar's listener on 0.0.0.0", [...INGRESS, "sidecarResource.ingress[0].bind=0.0.0.0"], "sidecarResource.ingress[0].defaultEndpoint", /127.0.0.1:9080 is also bound by sidecarResource.ingress\[0\].port.number/,
    // seed 001: no bind, the proxy listens on the instance IP, so 9080 -> 127.0.0.1:9080 is valid
    [...INGRESS]],
  ["an app port equal to the sidecar's listener on the app's loopback address", [...INGRESS, "sidecarResource.ingress[0].bind=127.0.0.1"], "sidecarResource.ingress[0].defaultEndpoint", /127.0.0.1:9080 is also bound/,
    [...INGRESS, "sidecarResource.ingress[0].bind=10.0.0.5"]],
  ["the egress HTTP proxy port on the application port", [...SD, "serviceDefinition.egressHttpProxyPort=9080"], "serviceDefinition.egressHttpProxyPort", /127.0.0.1:9080 is also bound by serviceDefinition.ports\[0\].applicationPort/,
    [...SD, "serviceDefinition.egressHttpProxyPort=15080"]],
  ["an egress bind outside loopback while capture is off", [...SD, "sidecarResource.egress[0].bind=10.0.0.5", "sidecarResource.egress[0].hosts={./*}"], "sidecarResource.egress[0].bind", /must be a loopback address .* \(got "10.0.0.5"\)/,
    [...SD, "sidecarResource.egress[0].bind=127.0.0.3", "sidecarResource.egress[0].hosts={./*}"]],
  ["duplicate port numbers", [...SD, "serviceDefinition.ports[1].number=80", "serviceDefinition.ports[1].name=http2", "serviceDefinition.ports[1].protocol=HTTP", "serviceDefinition.ports[1].applicationPort=9081"], "serviceDefinition.ports[1].number", /80 is also serviceDefinition.ports\[0\].number/,
    [...SD, "serviceDefinition.ports[1].number=81", "serviceDefinition.ports[1].name=http2", "serviceDefinition.ports[1].protocol=HTTP", "serviceDefinition.ports[1].applicationPort=9081"]],
  ["duplicate port names", [...SD, "serviceDefinition.ports[1].number=81", "serviceDefinition.ports[1].name=http", "serviceDefinition.ports[1].protocol=HTTP", "serviceDefinition.ports[1].applicationPort=9081"], "serviceDefinition.ports[1].name", /"http" is also serviceDefinition.ports\[0\].name/,
    [...SD, "serviceDefinition.ports[1].number=81", "serviceDefinition.ports[1].name=http2", "serviceDefinition.ports[1].protocol=HTTP", "serviceDefinition.ports[1].applicationPort=9080"]],
  ["duplicate Sidecar ingress ports", [...INGRESS, "sidecarResource.ingress[1].port.number=9080", "sidecarResource.ingress[1].port.name=http2", "sidecarResource.ingress[1].port.protocol=HTTP", "sidecarResource.ingress[1].defaultEndpoint=127.0.0.1:9081"], "sidecarResource.ingress[1].port.number", /9080 is also sidecarResource.ingress\[0\].port.number/,
    [...INGRESS, "sidecarResource.ingress[1].port.number=9082", "sidecarResource.ingress[1].port.name=http2", "sidecarResource.ingress[1].port.protocol=HTTP", "sidecarResource.ingress[1].defaultEndpoint=127.0.0.1:9081"]],
  ["egress hosts with no egress bind to point at", [...INGRESS, "sidecarResource.egress[0].hosts={./*}", "sidecarResource.egressHosts={a.example.com}"], "sidecarResource.egressHosts", /needs sidecarResource.egress\[0\].bind/,
    [...INGRESS, "sidecarResource.egressHosts={a.example.com}"]],
  // istiod, pkg/config/validation ValidateSidecar (istio-webhook.mjs holds the same rule).
  ["a port-less egress listener that is not the last", [...SD, "sidecarResource.egress[0].hosts={./*}", "sidecarResource.egress[0].bind=127.0.0.2", "sidecarResource.egress[1].hosts={istio-system/*}", "sidecarResource.egress[1].bind=127.0.0.3", "sidecarResource.egress[1].port.number=3306", "sidecarResource.egress[1].port.name=mysql", "sidecarResource.egress[1].port.protocol=TCP"], "sidecarResource.egress[0]", /must be the last/,
    // Istio's documented form: a port-specific listener, then the catch-all, on the same bind.
    [...SD, "sidecarResource.egress[1].hosts={./*}", "sidecarResource.egress[1].bind=127.0.0.2", "sidecarResource.egress[0].hosts={istio-system/*}", "sidecarResource.egress[0].bind=127.0.0.2", "sidecarResource.egress[0].port.number=3306", "sidecarResource.egress[0].port.name=mysql", "sidecarResource.egress[0].port.protocol=TCP"]],
  ["two port-less egress listeners", [...SD, "sidecarResource.egress[0].hosts={./*}", "sidecarResource.egress[0].bind=127.0.0.2", "sidecarResource.egress[1].hosts={istio-system/*}", "sidecarResource.egress[1].bind=127.0.0.3"], "sidecarResource.egress[0]", /must be the last/,
    [...SD, "sidecarResource.egress[0].hosts={./*}", "sidecarResource.egress[0].bind=127.0.0.2"]],
  ["two egress listeners on one port", [...SD, "sidecarResource.egress[0].hosts={./*}", "sidecarResource.egress[0].bind=127.0.0.2", "sidecarResource.egress[0].port.number=80", "sidecarResource.egress[0].port.name=a", "sidecarResource.egress[0].port.protocol=HTTP", "sidecarResource.egress[1].hosts={./*}", "sidecarResource.egress[1].bind=127.0.0.3", "sidecarResource.egress[1].port.number=80", "sidecarResource.egress[1].port.name=b", "sidecarResource.egress[1].port.protocol=HTTP"], "sidecarResource.egress[1].port.number", /80 is also sidecarResource.egress\[0\].port.number/,
    [...SD, "sidecarResource.egress[0].hosts={./*}", "sidecarResource.egress[0].bind=127.0.0.2", "sidecarResource.egress[0].port.number=80", "sidecarResource.egress[0].port.name=a", "sidecarResource.egress[0].port.protocol=HTTP", "sidecarResource.egress[1].hosts={./*}", "sidecarResource.egress[1].bind=127.0.0.3", "sidecarResource.egress[1].port.number=81", "sidecarResource.egress[1].port.name=b", "sidecarResource.egress[1].port.protocol=HTTP"]],
  // istiod, ValidateServiceEntry: "multiple hosts provided with non-HTTP, non-TLS ports".
  ["a ServiceEntry with several hosts and a TCP port", [...SD, "serviceEntry.hosts={a.example.com,b.example.com}", "serviceEntry.ports[0].number=3306", "serviceEntry.ports[0].name=mysql", "serviceEntry.ports[0].protocol=TCP"], "serviceEntry.hosts", /2 hosts need HTTP or TLS ports/,
    [...SD, "serviceEntry.hosts={a.example.com,b.example.com}"]],
];

describe("cross-resource checks: refused before anything is written, with the paths named", () => {
  it.each(rules)("%s", (_rule, bad, path, message, good) => {
    const found = problems(bad);
    expect(found.map((p) => p.path)).toContain(path);
    expect(found.find((p) => p.path === path)!.message).toMatch(message);
    expect(() => render({ values: mergeValues({ set: [...BASE_SET, ...bad] }) })).toThrow(expect.objectContaining({ code: "SCHEMA" }));
    expect(problems(good)).toEqual([]);
  });
});
