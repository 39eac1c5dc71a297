/**
 * Workbook.functions in the Excel double (ExcelApi 1.2): a worksheet function evaluated by Excel, in the
 * workbook's own settings, without writing to a cell. Like every command it is queued, and its FunctionResult's
 * value exists only after load + sync. The double knows DATE, the one the pane asks (for the date system).
 */
import { ClientObject, OfficeDoubleError, type Context } from './excel-double-proxy';

const DAY_MS = 86_400_000;
/** Day 0 of each system. In the 1900 one, 1900-01-01 is 1 and Excel counts a 29-02-1900 that never was, so from 1900-03-01 on days count from 1899-12-30. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const PHANTOM_LEAP_DAY = Date.UTC(1900, 1, 29);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * DATE(year; month; day) as Excel computes it: a year 0–1899 is counted from 1900, months and days roll over, and
 * a day before the system's day 0 (or after 9999) is #NUM! (null here).
 */
export function excelDate(year: number, month: number, day: number, date1904: boolean): number | null {
  const y = year >= 0 && year < 1900 ? year + 1900 : year;
  if (y < 0 || y > 9999) return null;
  const ms = Date.UTC(y, month - 1, day);
  const serial = date1904 ? Math.round((ms - EPOCH_1904) / DAY_MS) : Math.round((ms - EPOCH_1900) / DAY_MS) - (ms < PHANTOM_LEAP_DAY ? 1 : 0);
  return serial < 0 ? null : serial;
}

class FunctionResultProxy extends ClientObject {
  constructor(context: Context, private readonly evaluate: () => number | null, private readonly text: string) {
    super(context);
  }
  protected describe() {
    return `FunctionResult(${this.text})`;
  }
  protected readProperty(name: string): unknown {
    // Office fills value only where the function succeeded, and error (in English) where it did not.
    if (name === 'value') return this.evaluate();
    if (name === 'error') return this.evaluate() === null ? '#NUM!' : null;
    throw new OfficeDoubleError('InvalidArgument', `FunctionResult has no property ${name}`);
  }
  get value(): number | null {
    return this.property('value');
  }
  get error(): string | null {
    return this.property('error');
  }
}

export class FunctionsProxy {
  constructor(private readonly context: Context) {}
  date(year: number, month: number, day: number): FunctionResultProxy {
    const text = `DATE(${year},${month},${day})`;
    this.context.enqueue(`call Functions ${text}`, () => 0);
    return new FunctionResultProxy(this.context, () => excelDate(year, month, day, this.context.model.date1904), text);
  }
}
