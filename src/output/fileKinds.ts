/**
 * What a generated file is, by its name: YAML (Kubernetes and Compose files), an env file
 * (`docker run --env-file`, Compose `env_file`) or an /etc/hosts snippet. Anything else is not
 * a file this tool knows how to check, so it may not be generated.
 */
export type FileKind = "yaml" | "env" | "hosts";

export function fileKind(path: string): FileKind | undefined {
  if (/\.ya?ml$/.test(path)) return "yaml";
  if (/\.env$/.test(path)) return "env";
  if (/(?:^|\/)hosts$/.test(path)) return "hosts";
  return undefined;
}
