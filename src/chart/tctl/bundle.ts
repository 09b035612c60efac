import { containerName, addHosts, image, proxyArgs, proxyConfigDir, ROOT_CERT_PATH, TOKEN_PATH } from "./dockerRun.js";
import { proxyConfigFor, type ProxyConfig } from "./proxyConfig.js";
import { proxyConfigJson } from "./protoJson.js";
import { sidecarEnv } from "./sidecarEnv.js";
import type { Mesh, Workload } from "./model.js";

/** Everything of one proxy that the templates lay out: what tctl copies to proxy-config-dir and the container it starts. */
export interface ProxyBundle {
  /** sidecar.env's lines, in tctl's order. */
  env: { name: string; value: string }[];
  containerName: string;
  image: string;
  command: string[];
  extraHosts: string[];
  proxyConfigDir: string;
  /** The bind mounts of `docker run -v`: the root certificate and the token, from proxy-config-dir. */
  volumes: { source: string; target: string }[];
  /** How to fetch the token, which is never rendered. */
  tokenCommand: string;
  /**
   * How to fetch istio-ca.pem when mesh.caCert does not render it: the compose file mounts it, and
   * a missing source makes Docker create a directory there, which pilot-agent cannot read.
   */
  caCertCommand?: string;
}

/** A proxy's ProxyConfig and its PROXY_CONFIG text, which depend on its workload but not on its address. */
export interface SharedConfig {
  proxyConfig: ProxyConfig;
  json: string;
}

export function sharedConfig(mesh: Mesh, w: Workload): SharedConfig {
  const proxyConfig = proxyConfigFor(mesh, w);
  return { proxyConfig, json: proxyConfigJson(proxyConfig) };
}

/**
 * `tctl x sidecar-bootstrap` for one WorkloadEntry, without a cluster: the mesh's settings come
 * from values. `shared` lets the VMs of a fleet group reuse one ProxyConfig (it names no address).
 */
export function proxyBundle(mesh: Mesh, w: Workload, dir = proxyConfigDir(w), shared = sharedConfig(mesh, w)): ProxyBundle {
  const pc = shared.proxyConfig;
  return {
    env: sidecarEnv({ mesh, workload: w, proxyConfig: pc, proxyConfigJson: shared.json }).map(([name, value]) => ({ name, value })),
    containerName: containerName(w),
    image: image(mesh, w),
    command: proxyArgs(mesh, w, pc),
    extraHosts: addHosts(mesh, w, pc),
    proxyConfigDir: dir,
    volumes: [
      { source: `${dir}/istio-ca.pem`, target: ROOT_CERT_PATH },
      { source: `${dir}/istio-token`, target: TOKEN_PATH },
    ],
    // tctl's TokenRequest: audience istio-ca, lifetime --duration (default 24h).
    tokenCommand: `kubectl create token ${w.serviceAccount || "<service-account>"} -n ${w.namespace} --audience istio-ca --duration 24h > ${dir}/istio-token`,
    // tctl copies ConfigMap istio-ca-root-cert of the WorkloadEntry's namespace (getIstioCaCert in
    // istioctl/cmd/sidecar-bootstrap.go); istiod publishes it into every namespace.
    ...(mesh.caCert ? {} : { caCertCommand: `kubectl -n ${w.namespace} get configmap istio-ca-root-cert -o jsonpath='{.data.root-cert\\.pem}' > ${dir}/istio-ca.pem` }),
  };
}
