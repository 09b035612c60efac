// Values files with `n` bad keys, for the error-reporting benchmark (issue 11: each problem used to
// serialize its whole parent map, so 10,000 bad keys took 109 s):
//   "names": n fleet groups whose names are not DNS-1123 labels (a propertyNames rule);
//   "unknown": n unknown keys under `global` (additionalProperties, with a did-you-mean search).
// Each is written as YAML text directly: the benchmark times the whole command on it.
export function badKeysYaml(kind, n) {
  const lines = [
    "global:",
    "  hub: registry.internal/tetrate",
    "  tcc: {tenant: t1, environment: prod, cluster: c1}",
    "  vmgateway: {host: 1.2.3.4}",
  ];
  if (kind === "unknown") {
    lines.push("  sidecar: {appNs: bookinfo, appId: ratings, serviceDefinition: ratings}");
    for (let i = 0; i < n; i++) lines.push(`  unknownKey${i}: ${i}`);
    return `${lines.join("\n")}\n`;
  }
  lines.push("services:", "  ratings: {namespace: bookinfo, hostname: ratings.example.com, ports: [{number: 9080, name: http, protocol: HTTP, applicationPort: 9080}]}", "vms:");
  for (let i = 0; i < n; i++) lines.push(`  Pool_${i}: {addresses: [10.0.0.1], services: [ratings]}`);
  return `${lines.join("\n")}\n`;
}
