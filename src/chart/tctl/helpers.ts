import type { HelperOptions } from "handlebars";
import { workloadEntryAnnotations, type Bootstrap } from "./annotations.js";
import { proxyBundle, sharedConfig, type SharedConfig } from "./bundle.js";
import { meshOf } from "./model.js";
import { fleetAnnotations, fleetWorkload, singleVmWorkload } from "./workloads.js";

/** Handlebars passes its options last; a helper given fewer arguments sees them in their place. */
const given = <T>(value: T | HelperOptions): T | undefined => (value && typeof value === "object" && "hash" in value && "data" in value ? undefined : (value as T));

type V = Record<string, any>;

/**
 * The ProxyConfig of each service of each fleet group, made once per render (keyed by the values
 * object the render passes every helper): it is the same for every VM of the group, and a fleet
 * has thousands of VMs.
 */
const fleetConfigs = new WeakMap<object, Map<string, SharedConfig>>();

/** A map for `{{#if}}`, which takes an empty object for true. */
const orNone = (map: Record<string, string>) => (Object.keys(map).length ? map : undefined);

/**
 * The built-in chart's helpers: each prepares data for the templates from the upstream
 * contracts in this folder (the tctl bundle), so the templates only lay it out.
 */
export const builtinHelpers: Record<string, (...args: never[]) => unknown> = {
  /** `(workloadEntryAnnotations bootstrap annotations)`: a single VM's WorkloadEntry annotations. */
  workloadEntryAnnotations: (bootstrap: Bootstrap | HelperOptions, annotations: Record<string, string> | HelperOptions) =>
    orNone(workloadEntryAnnotations(given(bootstrap), given(annotations))),
  /** `(fleetAnnotations @root group service)`: a fleet WorkloadEntry's annotations (its proxy's own dir, container, ports). */
  fleetAnnotations: (root: V, group: string, service: string) => orNone(fleetAnnotations(root, group, service)),
  /** `(singleVmProxy @root)`: the single VM's proxy bundle; without a workloadEntry, in global.sidecar.certsDir. */
  singleVmProxy: (root: V) => proxyBundle(meshOf(root), singleVmWorkload(root), root.workloadEntry ? undefined : root.global.sidecar.certsDir),
  /** `(fleetProxy @root group service address)`: the bundle of one service's proxy on one VM of a group. */
  fleetProxy: (root: V, group: string, service: string, address: string) => {
    const mesh = meshOf(root);
    const w = fleetWorkload(root, group, service, address);
    let configs = fleetConfigs.get(root);
    if (!configs) fleetConfigs.set(root, (configs = new Map()));
    const key = `${group}/${service}`;
    let shared = configs.get(key);
    if (!shared) configs.set(key, (shared = sharedConfig(mesh, w)));
    return proxyBundle(mesh, w, undefined, shared);
  },
};
