/**
 * The request log: one line per request, written to stdout once per turn of the event loop rather than once
 * per request. stdout to a file or pipe is written synchronously, so console.log per line was a system call
 * in every request: +37 µs CPU on a ~115 µs districts request (built service, PostgreSQL, measured in the
 * commit). The lines of one turn go out together, in order, before the next turn's.
 */
/** A request's line: method, path (never the query: it could carry anything a client put there), status, time. */
export function requestLine(method: string, path: string, status: number, startedMs: number): string {
  return `${method} ${path} ${status} ${(performance.now() - startedMs).toFixed(1)}ms`;
}

export interface RequestLog {
  log(line: string): void;
  /** Writes what is pending now (before the process exits). */
  flush(): void;
}

export function requestLog(write: (text: string) => void = (text) => process.stdout.write(text)): RequestLog {
  let pending: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    write(text);
  };
  return {
    log(line) {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
