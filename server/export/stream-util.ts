/** Small helpers for writing to a caller's stream without losing errors or ignoring backpressure. */

export type Out = NodeJS.WritableStream & {
  writableNeedDrain?: boolean;
  destroyed?: boolean;
  destroy?: (error?: Error) => void;
};

const closedEarly = () => new Error('The export stream was closed before the export was written (client went away?)');

/** Throws when the destination is gone, so the export stops instead of writing into nothing. */
export function assertOpen(out: Out): void {
  if (out.destroyed) throw closedEarly();
}

/**
 * Resolves once `target` emits 'drain'. Rejects if `target` or the export's destination `out`
 * fails or closes first, so a client that hangs up mid-download ends the export instead of
 * leaving it waiting for ever.
 */
export function waitForDrain(target: NodeJS.EventEmitter, out: Out = target as Out): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.destroyed || (target as Out).destroyed) {
      reject(closedEarly());
      return;
    }
    const watched = target === out ? [target] : [target, out];
    const done = (error?: Error) => {
      target.removeListener('drain', onDrain);
      for (const w of watched) {
        w.removeListener('error', onError);
        w.removeListener('close', onClose);
      }
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(closedEarly());
    target.on('drain', onDrain);
    for (const w of watched) {
      w.on('error', onError);
      w.on('close', onClose);
    }
  });
}

/** Ends the stream and resolves when everything written has been flushed ('finish'). */
export function endStream(out: Out): Promise<void> {
  return new Promise((resolve, reject) => {
    assertOpen(out);
    out.once('error', reject);
    // Node passes an error to end's callback when the stream was destroyed meanwhile.
    (out.end as (cb: (error?: Error | null) => void) => void)((error) => (error ? reject(error) : resolve()));
  });
}

/**
 * Rejects when `out` fails or closes before it has finished. exceljs waits for 'finish' on the
 * stream it writes to, which never comes once a client has gone away; racing against this
 * ends the export instead of leaving it waiting.
 */
export function untilClosedEarly(out: Out): Promise<never> {
  const closed = new Promise<never>((_resolve, reject) => {
    if (out.destroyed) return reject(closedEarly());
    let finished = false;
    out.once('finish', () => (finished = true));
    out.once('error', reject);
    out.once('close', () => {
      if (!finished) reject(closedEarly());
    });
  });
  // Whoever races against it handles the rejection; this keeps a late one from going unhandled.
  closed.catch(() => undefined);
  return closed;
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
