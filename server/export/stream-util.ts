/** Small helpers for writing to a caller's stream without losing errors or ignoring backpressure. */

export type Out = NodeJS.WritableStream & { writableNeedDrain?: boolean; destroy?: (error?: Error) => void };

/**
 * Resolves once the stream has room again. Rejects if it fails or closes first, so a client that
 * hangs up mid-download ends the export instead of leaving it waiting for ever.
 */
export function waitForDrain(out: Out): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      out.removeListener('drain', onDrain);
      out.removeListener('error', onError);
      out.removeListener('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(new Error('The export stream was closed before the export was written (client went away?)'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Ends the stream and resolves when everything written has been flushed ('finish'). */
export function endStream(out: Out): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

/**
 * A half-written export must not look like a complete one (a truncated CSV still opens fine),
 * so on failure the destination is destroyed: an HTTP client then sees an aborted download.
 */
export function abort(out: Out, error: unknown): void {
  if (typeof out.destroy !== 'function') return;
  // Passing the error makes the stream emit 'error', which would crash the process if the caller
  // (who gets the rejection anyway) is not listening; so only hand it on to a listener.
  if (out.listenerCount('error') > 0) out.destroy(error instanceof Error ? error : new Error(String(error)));
  else out.destroy();
}
