import { describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { mergeValues, render, validateValues, type Values } from "../src/index.js";
import { fleetValues } from "./fixtures.js";

const details = { namespace: "bookinfo", hostname: "details.example.com", serviceAccount: "details", ports: [{ number: 80, name: "http", protocol: "HTTP", applicationPort: 9081 }] };
/** The fleet with a second service on the same VM, changed by `edit`. */
function twoServices(edit: (v: any) => void = () => {}): Values {
  const v: any = fleetValues(1);
  v.services.details = structuredClone(details);
  v.vms.pool.services = ["details", "ratings"];
  // Two proxies on one host need a proxyv2 of Istio 1.11 or later (test/sharedVm.test.ts).
  v.global.tag = "1.24.2";
  edit(v);
  return v;
}
/** details with its own egress bind and proxy ports, so it may share a VM with ratings. */
const ownPorts = (v: any) => {
  v.services.details.egress = [{ bind: "127.0.0.3", hosts: ["./*"] }];
  v.services.details.proxy = { adminPort: 15100, statusPort: 15120, envoyStatusPort: 15121, envoyPrometheusPort: 15190 };
};
const problemsOf = (values: Values) => validateValues(mergeValues({ files: [values] })).problems;
const paths = (values: Values) => problemsOf(values).map((p) => p.path);

describe("fleet format", () => {
  it("renders a directory per VM and per service, with a kustomization.yaml at each level", () => {
    const files = render({ values: fleetValues(2) }).files.map((f) => f.path);
    expect(files).toEqual([
      "kustomization.yaml",
      "services/kustomization.yaml",
      "services/ratings/kustomization.yaml",
      "services/ratings/servicedefinition.yaml",
      "services/ratings/serviceentry.yaml",
      "services/ratings/sidecar.yaml",
      "vms/kustomization.yaml",
      "vms/pool-10-0-0-0/docker-compose.yaml",
      "vms/pool-10-0-0-0/kustomization.yaml",
      "vms/pool-10-0-0-0/ratings/sidecar.env",
      "vms/pool-10-0-0-0/workloadentry-ratings.yaml",
      "vms/pool-10-0-0-1/docker-compose.yaml",
      "vms/pool-10-0-0-1/kustomization.yaml",
      "vms/pool-10-0-0-1/ratings/sidecar.env",
      "vms/pool-10-0-0-1/workloadentry-ratings.yaml",
    ]);
  });

  it("makes every VM running a service one of its ServiceDefinition endpoints, and selects them all", () => {
    const files = new Map(render({ values: twoServices((v) => (ownPorts(v), v.vms.extra = { addresses: ["10.9.9.9"], services: ["ratings"] })) }).files.filter((f) => f.path.endsWith(".yaml")).map((f) => [f.path, load(f.content) as any]));
    expect(files.get("services/ratings/servicedefinition.yaml").spec.endpointSource.manual.values).toEqual([{ address: "10.9.9.9" }, { address: "10.0.0.0" }]);
    expect(files.get("services/details/servicedefinition.yaml").spec.endpointSource.manual.values).toEqual([{ address: "10.0.0.0" }]);
    const se = files.get("services/ratings/serviceentry.yaml");
    expect(se.spec).toMatchObject({ hosts: ["ratings.example.com"], location: "MESH_INTERNAL", resolution: "STATIC", workloadSelector: { labels: { app: "ratings", class: "vm" } } });
    expect(files.get("vms/extra-10-9-9-9/workloadentry-ratings.yaml").spec.labels).toEqual({ app: "ratings", class: "vm" });
    expect(files.get("vms/kustomization.yaml").resources).toEqual(["extra-10-9-9-9", "pool-10-0-0-0"]);
  });

  it("runs one proxy per service, as tctl would on each WorkloadEntry: its own container, proxy-config-dir and ports", () => {
    const values = twoServices((v) => {
      v.services.details.egress = [{ bind: "127.0.0.3", hosts: ["./*"] }];
      v.services.details.proxy = { adminPort: 15100, statusPort: 15120, envoyStatusPort: 15121, envoyPrometheusPort: 15190 };
    });
    const files = render({ values }).files;
    const read = (path: string) => files.find((f) => f.path === path)!.content;
    const compose = load(read("vms/pool-10-0-0-0/docker-compose.yaml")) as any;
    expect(Object.keys(compose.services)).toEqual(["istio-proxy-details", "istio-proxy-ratings"]);
    const details = compose.services["istio-proxy-details"];
    expect(details).toMatchObject({ container_name: "istio-proxy-details", env_file: ["details/sidecar.env"], network_mode: "host", restart: "unless-stopped" });
    expect(details.volumes.map((m: any) => m.source)).toEqual(["/tmp/istio-proxy/details/istio-ca.pem", "/tmp/istio-proxy/details/istio-token"]);
    // The WorkloadEntry carries what makes tctl start the same container (annotations.go).
    const we = load(read("vms/pool-10-0-0-0/workloadentry-details.yaml")) as any;
    expect(we.metadata.annotations).toEqual({
      "proxy.istio.io/config": 'proxyAdminPort: 15100\nstatusPort: 15120\nproxyMetadata: {"ENVOY_PROMETHEUS_PORT":"15190","ENVOY_STATUS_PORT":"15121"}\n',
      "sidecar-bootstrap.istio.io/proxy-config-dir": "/tmp/istio-proxy/details",
      "sidecar-bootstrap.istio.io/proxy-container-name": "istio-proxy-details",
    });
    const env = (path: string) => Object.fromEntries(read(path).split("\n").filter((l) => l && !l.startsWith("#")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    expect(JSON.parse(env("vms/pool-10-0-0-0/details/sidecar.env").PROXY_CONFIG)).toMatchObject({ proxyAdminPort: 15100, statusPort: 15120 });
    expect(JSON.parse(env("vms/pool-10-0-0-0/ratings/sidecar.env").PROXY_CONFIG)).toMatchObject({ proxyAdminPort: 15000, statusPort: 15020 });
    expect(env("vms/pool-10-0-0-0/ratings/sidecar.env").POD_NAME).toBe("ratings-pool-10-0-0-0");
  });

  it("is byte-identical whatever the key order of the fleet file", () => {
    const a = twoServices((v) => (v.services.details.proxy = { envoyPrometheusPort: 15190, statusPort: 15120, envoyStatusPort: 15121, adminPort: 15100 }, v.services.details.egress = [{ bind: "127.0.0.3", hosts: ["./*"] }]));
    const b: any = structuredClone(a);
    b.services = { ratings: b.services.ratings, details: b.services.details };
    b.vms = { pool: { services: b.vms.pool.services, addresses: b.vms.pool.addresses } };
    expect(render({ values: b }).files).toEqual(render({ values: a }).files);
  });

  it("renders a fleet of 1,000 VMs in one call", () => {
    const files = render({ values: fleetValues(1000) }).files;
    expect(files.filter((f) => f.path.endsWith("/docker-compose.yaml"))).toHaveLength(1000);
    const sd = load(files.find((f) => f.path === "services/ratings/servicedefinition.yaml")!.content) as any;
    expect(sd.spec.endpointSource.manual.values).toHaveLength(1000);
  });
});

describe("fleet checks: each refuses a fleet whose files would not agree, naming the paths", () => {
  const cases: [name: string, edit: (v: any) => void, path: string, message: RegExp][] = [
    ["a VM runs a service that is not defined", (v) => v.vms.pool.services.push("reviews"), "vms.pool.services[2]", /no such service \(services: details, ratings\)/],
    ["a service no VM runs", (v) => (v.services.reviews = { ...structuredClone(details), hostname: "reviews.example.com" }), "services.reviews", /no VM runs it/],
    ["an address in two groups", (v) => (v.vms.other = { addresses: ["10.0.0.0"], services: ["ratings"] }), "vms.pool.addresses[0]", /10.0.0.0 is also vms.other.addresses\[0\]/],
    ["a per-machine bootstrap value on a group of several VMs", (v) => (v.vms.pool.addresses.push("10.0.0.1"), v.vms.pool.bootstrap = { proxyInstanceIp: "10.1.1.1" }), "vms.pool.bootstrap.proxyInstanceIp", /names one machine, but the group has 2 addresses/],
    ["services of two namespaces on one VM", (v) => (v.services.details.namespace = "other"), "vms.pool.services", /a VM belongs to one namespace/],
    ["two services on one VM with the same proxy ports and egress bind", () => {}, "vms.pool.services", /both bind 127.0.0.1:15000 .*services on one VM need ports of their own/],
    ["two services on one VM with the same ingress port", (v) => (v.services.details.ports[0].number = 9080, v.services.details.egress = [{ bind: "127.0.0.3", hosts: ["./*"] }], v.services.details.proxy = { adminPort: 15100, statusPort: 15120, envoyStatusPort: 15121, envoyPrometheusPort: 15190 }), "vms.pool.services", /ratings and details both bind port 9080|details and ratings both bind port 9080/],
    ["egress hosts without an egress bind address", (v) => (v.vms.pool.services = ["ratings"], delete v.services.details, v.services.ratings.egress = [{ hosts: ["./*"] }], v.services.ratings.egressHosts = ["a.example.com"]), "services.ratings.egressHosts", /needs egress\[0\].bind/],
    ["one host called by two services on one VM", (v) => (v.services.details.egress = [{ bind: "127.0.0.3", hosts: ["./*"] }], v.services.details.proxy = { adminPort: 15100, statusPort: 15120, envoyStatusPort: 15121, envoyPrometheusPort: 15190 }, v.services.details.egressHosts = ["a.example.com"], v.services.ratings.egressHosts = ["a.example.com"]), "vms.pool.services", /both call a.example.com/],
    ["a fleet with a single-VM section", (v) => (v.workloadEntry = { address: "10.0.0.1" }), "workloadEntry", /is for a single VM/],
    ["services without vms", (v) => delete v.vms, "vms", /is required \(the fleet format: the services run on the VMs and groups of vms\)/],
  ];
  it.each(cases)("%s", (_name, edit, path, message) => {
    const problems = problemsOf(twoServices(edit));
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems.find((p) => p.path === path)!.message).toMatch(message);
  });

  it("passes the valid neighbour: two services on one VM with ports, bind and hosts of their own", () => {
    expect(paths(twoServices((v) => {
      v.services.details.egress = [{ bind: "127.0.0.3", hosts: ["./*"] }];
      v.services.details.proxy = { adminPort: 15100, statusPort: 15120, envoyStatusPort: 15121, envoyPrometheusPort: 15190 };
      v.services.details.egressHosts = ["b.example.com"];
      v.services.ratings.egressHosts = ["a.example.com"];
    }))).toEqual([]);
  });

  it("render refuses such a fleet with a SCHEMA error before any file exists", () => {
    expect(() => render({ values: twoServices() })).toThrow(expect.objectContaining({ code: "SCHEMA" }));
  });
});
