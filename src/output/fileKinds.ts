/**
 * What a generated file is, by its name: YAML (Kubernetes and Compose files), an env file
 * (`docker run --env-file`, Compose `env_file`), a file the shell sources (a WorkloadGroup VM's
 * cluster.env, read by istio-start.sh with `.`), an /etc/hosts snippet, or PEM certificates.
 * Anything else is not a file this tool knows how to check, so it may not be generated.
 */
export type FileKind = "yaml" | "env" | "shell" | "hosts" | "pem";

export function fileKind(path: string): FileKind | undefined {
  if (/\.ya?ml$/.test(path)) return "yaml";
  if (/(?:^|\/)cluster\.env$/.test(path)) return "shell";
  if (/\.env$/.test(path)) return "env";
  if (/(?:^|\/)hosts$/.test(path)) return "hosts";
  if (/\.pem$/.test(path)) return "pem";
  return undefined;
}
