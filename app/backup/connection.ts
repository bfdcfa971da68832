// Turns a database URL into what pg_dump, pg_restore and our own clients need, keeping the password out of
// argv (visible to every process on the host): it travels in PGPASSWORD instead.

export interface LibpqInvocation {
  /** The URL without its password, for `--dbname`. */
  connectionArg: string;
  /** Extra environment for the child process. */
  env: Record<string, string>;
}

export function libpqInvocation(databaseUrl: string): LibpqInvocation {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = "";
  return { connectionArg: url.toString(), env: password === "" ? {} : { PGPASSWORD: password } };
}

export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ""));
  return name === "" ? "postgres" : name;
}

export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** Host and database only: enough for an operator to tell targets apart in a log line. */
export function describeTarget(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `${url.hostname}${url.port ? `:${url.port}` : ""}/${databaseNameOf(databaseUrl)}`;
}

/** Double-quotes an identifier for SQL we must build (CREATE/DROP DATABASE take no parameters). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
