import { isMap, setKey } from "../../values/objects.js";
import type { WorkloadGroupInput } from "./types.js";

/**
 * The WorkloadGroup resource as `istioctl x workload group create` makes it
 * (istioctl/pkg/workload/workload.go, createCommand): metadata, then spec.metadata, spec.template
 * and spec.probe. Empty maps are left out, as the API server would print them.
 */
export function workloadGroupResource(group: WorkloadGroupInput): { metadata: Record<string, unknown>; spec: Record<string, unknown> } {
  return {
    metadata: withoutEmpty({ name: group.name, namespace: group.namespace, annotations: group.annotations }),
    spec: withoutEmpty({ metadata: withoutEmpty(group.metadata), template: withoutEmpty(group.template), probe: group.probe }),
  };
}

/** The map without undefined values and empty maps (a map YAML would print as `{}` or as nothing). */
export function withoutEmpty<T extends object>(map: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(map)) {
    if (v === undefined || (isMap(v) && Object.keys(v).length === 0)) continue;
    setKey(out, k, v);
  }
  return out;
}
