import { cloneTree, getOwn, isMap, setKey, type Values } from "./objects.js";

/**
 * Helm's `-n/--namespace` (the release namespace): the namespace of every resource whose values
 * give none. Every resource of this chart takes its namespace from one value, so the release
 * namespace fills that value where it is absent, below every source (a value given in a file or
 * by --set wins): `global.sidecar.appNs` for a single VM, each service's `namespace` in a fleet
 * (`services` given). A value the user deleted with null is absent too, as in Helm.
 */
export function withReleaseNamespace(values: Values, namespace: string | undefined): Values {
  if (namespace === undefined) return values;
  const out = cloneTree(values);
  fillNamespace(out, namespace);
  return out;
}

/**
 * Helm's release name (`vm-template NAME`, Helm 2's `--name`) names a single VM's proxy container:
 * with a workloadEntry, it is the default of `workloadEntry.bootstrap.proxyContainerName`, so the
 * WorkloadEntry's proxy-container-name annotation and the compose file agree (tctl starts the
 * container the annotation names); without one, the compose file takes it from the render's
 * release (templates/docker-compose.yaml.hbs).
 */
export function withReleaseName(values: Values, name: string | undefined): Values {
  const entry = getOwn(values, "workloadEntry");
  if (name === undefined || !isMap(entry)) return values;
  const out = cloneTree(values);
  const bootstrap = child(getOwn(out, "workloadEntry") as Values, "bootstrap");
  if (bootstrap && getOwn(bootstrap, "proxyContainerName") == null) setKey(bootstrap, "proxyContainerName", name);
  return out;
}

function fillNamespace(out: Values, namespace: string): void {
  const services = getOwn(out, "services");
  if (isMap(services)) {
    for (const name of Object.keys(services)) {
      const service = services[name];
      if (isMap(service) && getOwn(service, "namespace") == null) setKey(service, "namespace", namespace);
    }
    return;
  }
  if (getOwn(out, "vms") !== undefined) return;
  const global = child(out, "global");
  const sidecar = global && child(global, "sidecar");
  if (sidecar && getOwn(sidecar, "appNs") == null) setKey(sidecar, "appNs", namespace);
}

/** The map under `key`, made when absent; undefined when something else is there (the schema reports it). */
function child(parent: Values, key: string): Values | undefined {
  const v = getOwn(parent, key);
  if (v === undefined || v === null) {
    const made: Values = {};
    setKey(parent, key, made);
    return made;
  }
  return isMap(v) ? v : undefined;
}
