/** A file-system error in words. */
export function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "ENOENT") return "no such file or directory";
  if (err.code === "EACCES" || err.code === "EPERM") return "permission denied";
  if (err.code === "EISDIR") return "is a directory";
  if (err.code === "ENOTDIR") return "a parent is not a directory";
  if (err.code === "EBADF") return "not open";
  if (err.code === "ENAMETOOLONG") return "name too long";
  if (err.code === "ELOOP") return "too many levels of symbolic links";
  if (err.code === "EROFS") return "read-only file system";
  if (err.code === "ENOSPC") return "no space left on device";
  return err.message;
}
