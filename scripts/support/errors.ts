// Caught values are `unknown`: these read the message and the Node/PostgreSQL error code safely.

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** `err.code` (a Node errno name like ECONNREFUSED, or a PostgreSQL SQLSTATE), when there is one. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}
