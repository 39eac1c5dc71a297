/**
 * The machinery of the Excel double (see excel-double.ts): the request context that queues commands and
 * runs them at sync, proxy objects whose properties exist only after load + sync, and Office's errors.
 */
import type { SheetModel, WorkbookModel } from './excel-double-model';

export class OfficeDoubleError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'RichApi.Error';
  }
}

export interface DoubleLog {
  runs: number;
  syncs: number;
  /** "load <what> <props>" and "<command> <what>" lines, in the order they were queued. */
  commands: string[];
}

export interface Options {
  payloadLimitBytes: number;
}

export type Box = { sheet: SheetModel; row: number; column: number; rows: number; columns: number };
type Op = () => number | void;

/** One Excel.run's request context: the queue of commands that the next sync carries out. */
export class Context {
  private queue: Op[] = [];
  constructor(readonly model: WorkbookModel, readonly log: DoubleLog, readonly options: Options) {}
  enqueue(description: string, op: Op): void {
    this.log.commands.push(description);
    this.queue.push(op);
  }
  get pending(): number {
    return this.queue.length;
  }
  async sync(): Promise<void> {
    this.log.syncs++;
    const ops = this.queue;
    this.queue = [];
    let bytes = 0;
    for (const op of ops) bytes += op() ?? 0;
    if (bytes > this.options.payloadLimitBytes) {
      throw new OfficeDoubleError('RequestPayloadSizeLimitExceeded', `The response payload size (${bytes} bytes) has exceeded the limit.`);
    }
  }
  sheet(name: string): SheetModel | null {
    return this.model.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;
  }
}

export function notLoaded(property: string): OfficeDoubleError {
  return new OfficeDoubleError(
    'PropertyNotLoaded',
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

export function propertyNames(props?: string | string[] | { select?: string }): string[] {
  const list = typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : (props?.select?.split(',') ?? []);
  return list.map((p) => p.trim()).filter(Boolean);
}

export abstract class ClientObject {
  protected loadedData = new Map<string, unknown>();
  protected nullState: boolean | undefined;
  constructor(readonly context: Context) {}
  protected abstract describe(): string;
  protected abstract readProperty(name: string): unknown;
  protected property<T>(name: string): T {
    if (!this.loadedData.has(name)) throw notLoaded(name);
    return this.loadedData.get(name) as T;
  }
  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }
  load(props?: string | string[] | { select?: string }): this {
    const names = propertyNames(props);
    this.context.enqueue(`load ${this.describe()} ${names.join(',')}`, () => {
      if (this.nullState) return 0;
      let bytes = 0;
      for (const name of names) {
        const value = this.readProperty(name);
        this.loadedData.set(name, value);
        bytes += JSON.stringify(value ?? null).length;
      }
      return bytes;
    });
    return this;
  }
}

export class ClientResult<T> {
  private state: { value: T } | null = null;
  set(value: T): void {
    this.state = { value };
  }
  get value(): T {
    if (!this.state) throw notLoaded('value');
    return this.state.value;
  }
}

