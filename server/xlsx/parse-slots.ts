/**
 * At most `n` tasks at once; the others wait their turn, first come first served. Parsing an .xlsx runs in
 * a worker thread that may grow to 1 GB, so uploads arriving together must not each start one.
 */
export function slots(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        running++;
        task().then(resolve, reject).finally(release);
      };
      if (running < n) start();
      else waiting.push(start);
    });
}
