import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { mergeValues, render, validateValues, type Values } from "../src/index.js";
import { parseValuesYaml } from "../src/values/parseValuesYaml.js";

/*
 * The VM side against `tctl x sidecar-bootstrap` itself: the golden bundles of the tetratelabs/istio
 * fork (commit 4f798f028b, istioctl/cmd/testdata/sidecar-bootstrap/, copied under
 * test/upstream/tctl/), rendered from examples/tctl-<case>/values.yaml, which paste each case's
 * input. sidecar.env is compared line by line, byte for byte; the compose service field by field
 * with the `docker run` of start-istio-proxy.sh.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const upstream = (path: string) => readFileSync(join(root, "test", "upstream", "tctl", path), "utf8");
const exampleValues = (name: string) => parseValuesYaml(readFileSync(join(root, "examples", name, "values.yaml"), "utf8"), name);
const envLines = (text: string) => text.split("\n").filter((l) => l !== "" && !l.startsWith("#"));
const envMap = (text: string) => Object.fromEntries(envLines(text).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));

function renderFiles(values: Values) {
  return new Map(render({ values }).files.map((f) => [f.path, f.content]));
}

/** The options and arguments of tctl's `docker run` line (processBundle in istioctl/cmd/sidecar-bootstrap.go). */
function dockerRun(line: string, dir: string) {
  const words = line.replaceAll('"${VM_FILES_DIR}"', dir).split(" ").slice(2);
  const run = { name: "", restart: "", network: "", mounts: [] as string[], envFile: "", addHosts: [] as string[], image: "", args: [] as string[] };
  let i = 0;
  for (; i < words.length && words[i]!.startsWith("-"); i++) {
    const [flag, value] = [words[i]!, words[i + 1]!];
    if (flag === "-d") continue;
    i++;
    if (flag === "--name") run.name = value;
    else if (flag === "--restart") run.restart = value;
    else if (flag === "--network") run.network = value;
    else if (flag === "-v") run.mounts.push(value);
    else if (flag === "--env-file") run.envFile = value;
    else if (flag === "--add-host") run.addHosts.push(value);
    else throw new Error(`unexpected docker run flag ${flag}`);
  }
  run.image = words[i]!;
  run.args = words.slice(i + 1);
  return run;
}

describe("tctl's golden bundles are reproduced from values", () => {
  it.each(["basic", "eks", "gke"])("%s: sidecar.env, line by line", (name) => {
    const files = renderFiles(exampleValues(`tctl-${name}`));
    const ours = envLines(files.get("sidecar.env")!);
    const theirs = envLines(upstream(`${name}/sidecar.env`));
    expect(ours.map((l) => l.slice(0, l.indexOf("=")))).toEqual(theirs.map((l) => l.slice(0, l.indexOf("="))));
    for (const [i, line] of theirs.entries()) {
      if (line.startsWith("ISTIO_METAJSON_LABELS=")) {
        // vm-template's WorkloadEntries always carry class: vm, which the Sidecar selects by.
        expect(JSON.parse(envMap(ours[i]!).ISTIO_METAJSON_LABELS!)).toEqual({ ...JSON.parse(envMap(line).ISTIO_METAJSON_LABELS!), class: "vm" });
      } else {
        // PROXY_CONFIG included: jsonpb's field order and Go's escaping, byte for byte.
        expect(ours[i]).toBe(line);
      }
    }
  });

  it.each(["basic", "eks", "gke"])("%s: the compose service is tctl's docker run", (name) => {
    const files = renderFiles(exampleValues(`tctl-${name}`));
    const dir = "/tmp/istio-proxy"; // tctl's default proxy-config-dir: the WorkloadEntry names none
    const run = dockerRun(upstream(`${name}/docker-run.txt`).trim(), dir);
    const compose = load(files.get("docker-compose.yaml")!) as { services: Record<string, any> };
    expect(Object.keys(compose.services)).toEqual([run.name]);
    const service = compose.services[run.name];
    expect(service.container_name).toBe(run.name);
    expect(service.restart).toBe(run.restart);
    expect(service.network_mode).toBe(run.network);
    expect(service.volumes.map((m: any) => `${m.source}:${m.target}`)).toEqual(run.mounts);
    // The compose file sits in proxy-config-dir beside sidecar.env.
    expect(join(dir, service.env_file[0])).toBe(run.envFile);
    expect(service.extra_hosts ?? []).toEqual(run.addHosts);
    expect(service.image).toBe(run.image);
    expect(service.command).toEqual(run.args);
  });

  it("basic: istio-ca.pem is the mesh's root certificate, as tctl copies it", () => {
    const files = renderFiles(exampleValues("tctl-basic"));
    const pem = files.get("istio-ca.pem")!.split("\n").filter((l) => !l.startsWith("#")).join("\n");
    expect(pem).toBe(`${(exampleValues("tctl-basic").mesh as { caCert: string }).caCert}`);
  });

  it("basic, other-vm: proxy.istio.io/config is applied last (concurrency 3 reaches PROXY_CONFIG and --concurrency)", () => {
    const values = exampleValues("tctl-basic") as any;
    values.workloadEntry.annotations = { "proxy.istio.io/config": "concurrency: 3\n" };
    const files = renderFiles(values);
    const env = envMap(files.get("sidecar.env")!);
    const golden = envMap(upstream("basic-other-vm/sidecar.env"));
    expect(env.ISTIO_METAJSON_ISTIO_ANNOTATIONS).toBe(golden.ISTIO_METAJSON_ISTIO_ANNOTATIONS);
    // other-vm has no app label, so its service cluster is its service account's; ours is the app's.
    expect(env.PROXY_CONFIG).toBe(golden.PROXY_CONFIG!.replace('"serviceCluster":"other-service.my-ns"', '"serviceCluster":"my-app.my-ns"'));
    const compose = load(files.get("docker-compose.yaml")!) as any;
    const run = dockerRun(upstream("basic-other-vm/docker-run.txt").trim(), "/tmp/istio-proxy");
    expect(compose.services["istio-proxy"].command).toEqual(run.args.map((a) => (a === "other-service.my-ns" ? "my-app.my-ns" : a)));
  });
});

describe("the root certificate when mesh.caCert is not given", () => {
  // The compose file bind-mounts <dir>/istio-ca.pem (tctl's `-v <dir>/istio-ca.pem:/var/run/
  // secrets/istio/root-cert.pem`, processBundle in istioctl/cmd/sidecar-bootstrap.go); a missing
  // source makes Docker create a directory there and pilot-agent cannot read the root cert. tctl
  // copies it from ConfigMap istio-ca-root-cert of the WorkloadEntry's namespace (getIstioCaCert).
  const fetch = (ns: string, dir: string) => `kubectl -n ${ns} get configmap istio-ca-root-cert -o jsonpath='{.data.root-cert\\.pem}' > ${dir}/istio-ca.pem`;
  const withoutCa = () => {
    const v = exampleValues("tctl-basic") as any;
    delete v.mesh.caCert;
    return v as Values;
  };

  it("a single VM: the compose file says how to fetch istio-ca.pem, and says to add it", () => {
    const files = renderFiles(withoutCa());
    expect(files.has("istio-ca.pem")).toBe(false);
    const compose = files.get("docker-compose.yaml")!;
    expect(compose).toContain(`# Root certificate (mesh.caCert not given): ${fetch("my-ns", "/tmp/istio-proxy")}`);
    expect(compose).toContain("add the root certificate and the token there");
    expect(load(compose)).toEqual(load(renderFiles(exampleValues("tctl-basic")).get("docker-compose.yaml")!));
  });

  it("with mesh.caCert the file is rendered and no fetch is asked for", () => {
    const files = renderFiles(exampleValues("tctl-basic"));
    expect(files.has("istio-ca.pem")).toBe(true);
    expect(files.get("docker-compose.yaml")).not.toContain("istio-ca-root-cert");
  });

  it("a fleet VM: each proxy's service says where its istio-ca.pem comes from", () => {
    const files = renderFiles(exampleValues("fleet"));
    const compose = files.get("vms/legacy-35-194-38-142/docker-compose.yaml")!;
    expect(compose).toContain(`# Root certificate (mesh.caCert not given): ${fetch("bookinfo", "/etc/istio-proxy/details")}`);
    expect(compose).toContain(`# Root certificate (mesh.caCert not given): ${fetch("bookinfo", "/etc/istio-proxy/ratings")}`);
    expect(compose).toContain("add each root certificate and token");
  });
});

describe("tctl's rules for one WorkloadEntry", () => {
  const base = () => exampleValues("tctl-basic") as any;
  const envOf = (values: Values) => envMap(renderFiles(values).get("sidecar.env")!);
  const composeOf = (values: Values) => (load(renderFiles(values).get("docker-compose.yaml")!) as any).services;

  it("INSTANCE_IP is proxy-instance-ip when given, else the address (data.go, INSTANCE_IP)", () => {
    const v = base();
    expect(envOf(v).INSTANCE_IP).toBe("10.0.0.2");
    v.workloadEntry.bootstrap = { proxyInstanceIp: "192.168.0.7" };
    expect(envOf(v)).toMatchObject({ INSTANCE_IP: "192.168.0.7", IDENTITY_IP: "10.0.0.2", HOST_IP: "10.0.0.2" });
  });

  it("proxy-container-name, proxy-image-hub and proxy-config-dir shape the container (GetIstioProxyContainerName, GetIstioProxyImage)", () => {
    const v = base();
    v.workloadEntry.bootstrap = { proxyContainerName: "ratings-proxy", proxyImageHub: "registry.internal/istio", proxyConfigDir: "/etc/istio-proxy" };
    const service = composeOf(v)["ratings-proxy"];
    expect(service.container_name).toBe("ratings-proxy");
    expect(service.image).toBe("registry.internal/istio/proxyv2:latest");
    expect(service.volumes.map((m: any) => m.source)).toEqual(["/etc/istio-proxy/istio-ca.pem", "/etc/istio-proxy/istio-token"]);
    v.workloadEntry.annotations["sidecar.istio.io/proxyImage"] = "docker.io/istio/proxyv2:1.8.3";
    expect(composeOf(v)["ratings-proxy"].image).toBe("docker.io/istio/proxyv2:1.8.3");
  });

  it("the values' revision, trust domain, cluster and network reach the arguments and the environment", () => {
    const v = base();
    v.mesh.values.global = { ...v.mesh.values.global, revision: "1-8", trustDomain: "example.org", multiCluster: { clusterName: "east" }, network: "net-1", meshID: "mesh-1", proxy: { logLevel: "debug" } };
    delete v.workloadEntry.network;
    const env = envOf(v);
    expect(env).toMatchObject({ ISTIO_META_CLUSTER_ID: "east", ISTIO_META_NETWORK: "net-1", ISTIO_META_MESH_ID: "mesh-1" });
    const service = composeOf(v)["istio-proxy"];
    expect(service.command).toEqual(["proxy", "sidecar", "--serviceCluster", "my-app.my-ns", "--concurrency", "0", "--proxyLogLevel", "debug", "--proxyComponentLogLevel", "misc:info", "--trust-domain", "example.org"]);
    // GetCanonicalDiscoveryAddress: istiod-<revision>.<namespace>.svc joins the --add-host list.
    expect(service.extra_hosts).toContain("istiod-1-8.istio-system.svc.cluster.local:1.2.3.4");
  });

  it("without a workloadEntry (the seed 000 command) the proxy runs with what the values give, the rest left to pilot-agent", () => {
    const v = base();
    delete v.workloadEntry;
    const env = envOf(v);
    for (const name of ["POD_NAME", "IDENTITY_IP", "INSTANCE_IP", "SERVICE_ACCOUNT", "HOST_IP", "ISTIO_META_OWNER"]) expect(env).not.toHaveProperty(name);
    expect(env).toMatchObject({ POD_NAMESPACE: "my-ns", ISTIO_META_WORKLOAD_NAME: "my-app", ISTIO_METAJSON_LABELS: '{"app":"my-app","class":"vm"}' });
    expect(composeOf(v)["istio-proxy"].volumes[0].source).toBe("/etc/certs/istio-ca.pem");
  });

  it("proxy.istio.io/config may name fields as the proto does (jsonpb takes both names)", () => {
    const v = base();
    v.workloadEntry.annotations["proxy.istio.io/config"] = "proxy_admin_port: 15100\n";
    expect(JSON.parse(envOf(v).PROXY_CONFIG!).proxyAdminPort).toBe(15100);
  });

  const problems = (edit: (v: any) => void) => {
    const v = base();
    edit(v);
    return validateValues(mergeValues({ files: [v] })).problems;
  };
  it.each<[string, (v: any) => void, string, RegExp]>([
    ["a proxy.istio.io/config that is not YAML", (v) => (v.workloadEntry.annotations["proxy.istio.io/config"] = "a: [b"), 'workloadEntry.annotations["proxy.istio.io/config"]', /is not YAML/],
    ["a proxy.istio.io/config with a field ProxyConfig lacks", (v) => (v.workloadEntry.annotations["proxy.istio.io/config"] = "concurency: 3\n"), 'workloadEntry.annotations["proxy.istio.io/config"]', /"concurency": no such ProxyConfig field/],
    ["a proxy.istio.io/config that YAML 1.1 (tctl's go-yaml) reads otherwise", (v) => (v.workloadEntry.annotations["proxy.istio.io/config"] = "holdApplicationUntilProxyStarts: on\n"), 'workloadEntry.annotations["proxy.istio.io/config"]', /YAML 1.1/],
    ["an istio.io annotation with '$' (Compose would expand it in sidecar.env)", (v) => (v.workloadEntry.annotations["sidecar.istio.io/statsInclusionRegexps"] = "^a$"), 'workloadEntry.annotations["sidecar.istio.io/statsInclusionRegexps"]', /may not hold '\$'/],
    // Users copy ConfigMap data, which is text: the error says to paste it as YAML under the key.
    ["mesh.meshConfig pasted as the ConfigMap's text", (v) => (v.mesh.meshConfig = "defaultConfig:\n  concurrency: 2\n"), "mesh.meshConfig", /must be an object \(got "defaultConfig:.*"\); this is text holding a YAML mapping \(as a ConfigMap's data is\): paste the content itself under mesh\.meshConfig, indented/],
    ["mesh.values pasted as the injector's JSON text", (v) => (v.mesh.values = '{"global":{"jwtPolicy":"third-party-jwt"}}'), "mesh.values", /this is text holding a YAML mapping .*: paste the content itself under mesh\.values, indented/],
    // Istio's ValidateZipkinCollector (pkg/config/validation/validation.go): host:port; a URL made an
    // --add-host entry no Docker takes, refused before only by the output check, naming no value.
    ["a zipkin address given as a URL", (v) => (v.mesh.meshConfig = { defaultConfig: { tracing: { zipkin: { address: "http://zipkin.istio-system:9411" } } } }), "mesh.meshConfig.defaultConfig.tracing.zipkin.address", /must be host:port/],
    ["a zipkin address without a port", (v) => (v.mesh.expansionProxyConfig = { tracing: { zipkin: { address: "zipkin.istio-system" } } }), "mesh.expansionProxyConfig.tracing.zipkin.address", /must be host:port/],
    ["a proxyMetadata value Compose would read as a comment", (v) => (v.mesh.meshConfig = { defaultConfig: { proxyMetadata: { A: "x #y" } } }), "mesh.meshConfig.defaultConfig.proxyMetadata.A", /would read differently/],
    ["a mesh config text with '#' after a space", (v) => (v.mesh.expansionProxyConfig = { tracing: { customTags: { a: { literal: { value: "a #b" } } } } }), "mesh.expansionProxyConfig.tracing.customTags.a.literal.value", /may not hold '#'/],
    ["a WorkloadEntry without a service account (tctl cannot make its token)", (v) => delete v.workloadEntry.serviceAccount, "workloadEntry.serviceAccount", /is required/],
    ["a WorkloadEntry address that is a host name", (v) => (v.workloadEntry.address = "vm.example.com"), "workloadEntry.address", /IPv4 or IPv6/],
    ["a proxy-instance-ip that is not an IP", (v) => (v.workloadEntry.bootstrap = { proxyInstanceIp: "vm.local" }), "workloadEntry.bootstrap.proxyInstanceIp", /IPv4 or IPv6/],
    ["a jwt policy tctl does not support", (v) => (v.mesh.values.global.jwtPolicy = "first-party-jwt"), "mesh.values.global.jwtPolicy", /third-party-jwt/],
    ["a pilot cert provider tctl does not support", (v) => (v.mesh.values.global.pilotCertProvider = "kubernetes"), "mesh.values.global.pilotCertProvider", /istiod/],
  ])("refuses %s", (_what, edit, path, message) => {
    const found = problems(edit);
    expect(found.map((p) => p.path)).toContain(path);
    expect(found.find((p) => p.path === path)!.message).toMatch(message);
  });
});

describe("a fleet VM running two services: what tctl would start from each rendered WorkloadEntry", () => {
  // Read each rendered WorkloadEntry back as tctl would read it from the cluster, render the single
  // VM bundle from it, and compare: the same sidecar.env, the same container.
  const fleet = exampleValues("fleet") as any;
  const files = renderFiles(fleet);
  const vm = "vms/legacy-35-194-38-142";
  const bootstrapKeys: Record<string, string> = {
    "sidecar-bootstrap.istio.io/ssh-host": "sshHost", "sidecar-bootstrap.istio.io/ssh-port": "sshPort", "sidecar-bootstrap.istio.io/ssh-user": "sshUser",
    "sidecar-bootstrap.istio.io/scp-path": "scpPath", "sidecar-bootstrap.istio.io/proxy-config-dir": "proxyConfigDir", "sidecar-bootstrap.istio.io/proxy-image-hub": "proxyImageHub",
    "sidecar-bootstrap.istio.io/proxy-container-name": "proxyContainerName", "sidecar-bootstrap.istio.io/proxy-instance-ip": "proxyInstanceIp",
  };
  const compose = load(files.get(`${vm}/docker-compose.yaml`)!) as any;

  it.each(["details", "ratings"])("%s", (service) => {
    const we = load(files.get(`${vm}/workloadentry-${service}.yaml`)!) as any;
    const { app, class: _class, ...labels } = we.spec.labels;
    const bootstrap: Record<string, unknown> = {};
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(we.metadata.annotations as Record<string, string>)) {
      if (bootstrapKeys[k]) bootstrap[bootstrapKeys[k]!] = k.endsWith("ssh-port") ? Number(v) : v;
      else annotations[k] = v;
    }
    const single = renderFiles({
      global: { ...fleet.global, sidecar: { appNs: we.metadata.namespace, appId: app, serviceDefinition: app } },
      workloadEntry: {
        name: we.metadata.name, namespace: we.metadata.namespace, address: we.spec.address, network: we.spec.network, serviceAccount: we.spec.serviceAccount,
        ...(Object.keys(labels).length ? { labels } : {}), ...(Object.keys(annotations).length ? { annotations } : {}), bootstrap,
      },
    });
    expect(files.get(`${vm}/${service}/sidecar.env`)).toBe(single.get("sidecar.env"));
    const alone = load(single.get("docker-compose.yaml")!) as any;
    const name = `istio-proxy-${service}`;
    expect(Object.keys(alone.services)).toEqual([name]);
    expect({ ...compose.services[name], env_file: ["sidecar.env"] }).toEqual(alone.services[name]);
    expect(compose.services[name].env_file).toEqual([`${service}/sidecar.env`]);
  });

  it("the two proxies share no container, directory or port", () => {
    const [a, b] = ["details", "ratings"].map((s) => compose.services[`istio-proxy-${s}`]);
    expect(a.container_name).not.toBe(b.container_name);
    expect(a.volumes[0].source).not.toBe(b.volumes[0].source);
    const ports = ["details", "ratings"].map((s) => JSON.parse(envMap(files.get(`${vm}/${s}/sidecar.env`)!).PROXY_CONFIG!)).map((pc) => [pc.proxyAdminPort, pc.statusPort]);
    expect(new Set(ports.flat()).size).toBe(4);
  });
});
