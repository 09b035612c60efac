import { describe, expect, it } from "vitest";
import { mergeValues, render, validateValues, VmTemplateError } from "../src/index.js";
import { BASE_SET } from "./fixtures.js";

function problemsFor(set: string[], setJson: string[] = []) {
  return validateValues(mergeValues({ set: [...BASE_SET, ...set], setJson })).problems;
}

const sd = ["serviceDefinition.hostname=ratings.example.com", "serviceDefinition.ports[0].number=80", "serviceDefinition.ports[0].name=http", "serviceDefinition.ports[0].protocol=HTTP", "serviceDefinition.ports[0].applicationPort=9080"];

// [what, --set expressions, the path named, a fragment of the message]
const bad: [string, string[], string, string][] = [
  ["missing required value", ["global.hub=null"], "global.hub", "is required"],
  ["wrong type", ["global.sidecar.appId=5"], "global.sidecar.appId", 'must be a string (got 5)'],
  ["IP with five parts", ["global.vmgateway.host=1.2.3.4.5"], "global.vmgateway.host", 'IPv4/IPv6 address or host name (got "1.2.3.4.5")'],
  ["host with a space", ["global.vmgateway.host=a b"], "global.vmgateway.host", "host name"],
  ["port 0", [...sd, "serviceDefinition.ports[0].number=0"], "serviceDefinition.ports[0].number", "from 1 to 65535 (got 0)"],
  ["port 65536", [...sd, "serviceDefinition.ports[0].applicationPort=65536"], "serviceDefinition.ports[0].applicationPort", "(got 65536)"],
  ["namespace with capitals", ["global.sidecar.appNs=BookInfo"], "global.sidecar.appNs", 'DNS-1123 label'],
  ["unknown key, close to a known one", ["global.sidecar.appid=x"], "global.sidecar.appid", 'unknown key (did you mean "appId"?)'],
  ["unknown top-level section", ["workloadentry.address=1.2.3.4"], "workloadentry", 'did you mean "workloadEntry"?'],
  ["__proto__ key", ["__proto__.x=1"], "__proto__", "unknown key"],
  ["image hub with a tag", ["global.hub=registry.internal/tetrate:1.0"], "global.hub", "without tag"],
  ["image hub with a scheme", ["global.hub=https://registry.internal/tetrate"], "global.hub", "no scheme"],
  ["relative certsDir", ["global.sidecar.certsDir=certs"], "global.sidecar.certsDir", "absolute path"],
  ["tenant with whitespace", ["global.tcc.tenant=a b"], "global.tcc.tenant", "without whitespace"],
  ["tenant with $ (compose would interpolate it)", ["global.tcc.tenant=$HOME"], "global.tcc.tenant", "'$'"],
  ["bad docker tag", ["global.tag=-x"], "global.tag", "Docker tag"],
  ["section without its required fields", ["serviceDefinition.sidecarsPresent=true"], "serviceDefinition.hostname", "is required"],
  ["no ports", [...sd, "serviceDefinition.ports=null"], "serviceDefinition.ports", "is required"],
  ["unknown protocol", [...sd, "serviceDefinition.ports[0].protocol=HTTP3"], "serviceDefinition.ports[0].protocol", "Istio protocol"],
  ["workloadEntry without address", ["workloadEntry.network=n1"], "workloadEntry.address", "is required"],
  ["proxyInstanceIp not an IP", ["workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa", "workloadEntry.bootstrap.proxyInstanceIp=vm.local"], "workloadEntry.bootstrap.proxyInstanceIp", "IPv4 or IPv6"],
  ["label key of digits stays a key, not a list index", ["workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa", "workloadEntry.labels.123=-bad"], "workloadEntry.labels.123", "label value"],
  ["label class not vm", ["workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa", "workloadEntry.labels.class=db"], "workloadEntry.labels.class", '"vm"'],
  ["Sidecar with nothing to derive ingress from", ["sidecarResource.name=x"], "sidecarResource.ingress", "no serviceDefinition to derive it from"],
  ["egress host without namespace", [...sd, "sidecarResource.egress[0].hosts[0]=reviews"], "sidecarResource.egress[0].hosts[0]", "namespace/host"],
  // istiod (validateSidecarOrGatewayHostnamePart): short names and partial wildcards are refused.
  ["egress host that is a short name", [...sd, "sidecarResource.egress[0].hosts[0]=./reviews"], "sidecarResource.egress[0].hosts[0]", "fully qualified"],
  ["egress host with a partial wildcard", [...sd, "sidecarResource.egress[0].hosts[0]=./*reviews.example.com"], "sidecarResource.egress[0].hosts[0]", "fully qualified"],
  ["mesh.values.global.jwtPolicy other than tctl's", ["mesh.values.global.jwtPolicy=first-party-jwt"], "mesh.values.global.jwtPolicy", "third-party-jwt"],
  ["mesh.caCert that is not PEM", ["mesh.caCert=hello"], "mesh.caCert", "PEM"],
  ["env text with a $", ["mesh.values.global.multiCluster.clusterName=a$b"], "mesh.values.global.multiCluster.clusterName", "sidecar.env"],
];

describe("validateValues refuses bad input, naming the value path", () => {
  it.each(bad)("%s", (_what, set, path, message) => {
    const problems = problemsFor(set);
    const problem = problems.find((p) => p.path === path);
    expect(problem, JSON.stringify(problems)).toBeDefined();
    expect(problem!.message).toContain(message);
  });

  it("refuses egress: [] (a Sidecar without egress imports every service of the mesh)", () => {
    const problems = problemsFor(sd, ['sidecarResource={"egress":[]}']);
    expect(problems.find((p) => p.path === "sidecarResource.egress")?.message).toContain("at least 1 item");
  });

  it("reports every problem at once", () => {
    const problems = problemsFor(["global.vmgateway.host=1.2.3.4.5", "global.sidecar.appNs=BookInfo", "global.sidecar.appid=x"]);
    expect(problems.map((p) => p.path)).toEqual(["global.sidecar.appNs", "global.sidecar.appid", "global.vmgateway.host"]);
  });

  it("accepts the helm command's values and fills the defaults", () => {
    const result = validateValues(mergeValues({ set: BASE_SET }));
    expect(result.problems).toEqual([]);
    expect(result.values).toMatchObject({ global: { tag: "0.9.0", sidecar: { certsDir: "/etc/certs" } } });
  });

  it("render throws SCHEMA with the same problems", () => {
    let error: unknown;
    try {
      render({ values: mergeValues({ set: [...BASE_SET, "global.vmgateway.host=1.2.3.4.5"] }) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VmTemplateError);
    expect((error as VmTemplateError).code).toBe("SCHEMA");
    expect((error as VmTemplateError).problems.map((p) => p.path)).toEqual(["global.vmgateway.host"]);
  });

  it("refuses a workloadEntry app label other than global.sidecar.appId (SCHEMA, path named)", () => {
    expect(() => render({ values: mergeValues({ set: [...BASE_SET, "workloadEntry.address=10.0.0.1", "workloadEntry.serviceAccount=sa", "workloadEntry.labels.app=other"] }) })).toThrow(
      expect.objectContaining({ code: "SCHEMA", problems: [expect.objectContaining({ path: "workloadEntry.labels.app" })] }),
    );
  });
});

describe("mergeValues follows Helm's precedence", () => {
  it("files merge deeply left to right; lists replace", () => {
    const merged = mergeValues({ files: [{ a: { x: 1, y: 2 }, l: [1, 2] }, { a: { y: 3 }, l: [9] }] });
    expect(merged).toEqual({ a: { x: 1, y: 3 }, l: [9] });
  });

  it("by kind: files < --set-json < --set < --set-string < --set-file < --set-literal, whatever the order given", () => {
    const merged = mergeValues(
      {
        setLiteral: ["k.literal=L"],
        setFile: ["k.file=f.txt", "k.literal=f.txt"],
        setString: ["k.string=S", "k.file=S", "k.literal=S"],
        set: ["k.set=1", "k.string=1", "k.file=1", "k.literal=1"],
        setJson: ['k.json="J"', 'k.set="J"', 'k.string="J"', 'k.file="J"', 'k.literal="J"'],
        files: [{ k: { file0: "F", json: "F", set: "F", string: "F", file: "F", literal: "F" } }],
      },
      { readFile: () => "FILE" },
    );
    expect(merged).toEqual({ k: { file0: "F", json: "J", set: 1, string: "S", file: "FILE", literal: "L" } });
  });

  it("left to right within a kind", () => {
    expect(mergeValues({ set: ["a=1", "a=2"] })).toEqual({ a: 2 });
  });

  it("--set edits a list a values file gave", () => {
    expect(mergeValues({ files: [{ l: ["a", "b", "c"] }], set: ["l[1]=x"] })).toEqual({ l: ["a", "x", "c"] });
  });

  it("null deletes a chart default (and a required one is then reported missing)", () => {
    const { values, problems } = validateValues(mergeValues({ set: [...BASE_SET, "global.tag=null"] }));
    expect(values.global).not.toHaveProperty("tag");
    expect(problems).toEqual([{ path: "global.tag", message: "is required" }]);
  });

  it("never changes its inputs", () => {
    const file = { a: { b: 1 } };
    mergeValues({ files: [file], set: ["a.c=2"] });
    expect(file).toEqual({ a: { b: 1 } });
  });
});
