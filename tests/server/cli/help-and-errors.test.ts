/** The CLI's help and its refusals in Danish and English, run as real processes the way a person runs them (the built CLI; once through npm as typed). */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmRunCli, scratchDir, spawnCli } from './run-cli';

const dir = scratchDir();
const raw = /To specify a positional argument|ERR_PARSE_ARGS|TypeError|at .*\.ts:\d+|Unknown option/;

describe('help', () => {
  it.each([
    [['--help'], 'Kommandoer:', 'Commands:'],
    [['validate', '--help'], 'Brug: npm run --silent cli -- validate FIL.xlsx', 'Usage: npm run --silent cli -- validate FILE.xlsx'],
    [['template', '--help'], '--force          Overskriv filen', '--force          Overwrite the file'],
    [['token', '--help'], 'token revoke NAVN-ELLER-ID', 'token revoke NAME-OR-ID'],
    [['token', 'create', '-h'], '--role: reader (læse, standard)', '--role: reader (read, the default)'],
    [['help', 'validate'], '--previous FIL.xlsx', '--previous FILE.xlsx'],
  ])('%j: Danish by default, English with --lang en and with an English LANG', async (args, da, en) => {
    const dansk = await spawnCli(args);
    expect(dansk).toMatchObject({ code: 0, stderr: '' });
    expect(dansk.stdout).toContain(da);
    const english = await spawnCli([...args, '--lang', 'en']);
    expect(english).toMatchObject({ code: 0, stderr: '' });
    expect(english.stdout).toContain(en);
    const fromEnv = await spawnCli(args, { LANG: 'en_GB.UTF-8' });
    expect(fromEnv.stdout).toBe(english.stdout);
    // --lang wins over the environment.
    expect((await spawnCli([...args, '--lang=da'], { LANG: 'en_GB.UTF-8' })).stdout).toBe(dansk.stdout);
  });

  it('`npm run --silent cli -- --help`, typed as the README has it, prints the help and nothing else', async () => {
    const typed = await npmRunCli(['--help']);
    expect(typed).toMatchObject({ code: 0, stderr: '' });
    expect(typed.stdout).toContain('Kommandoer:');
    expect(typed.stdout).toBe((await spawnCli(['--help'])).stdout);
  });

  it('no command: the help on stderr and exit 2', async () => {
    const r = await spawnCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Kommandoer:');
  });
});

describe('one line for every wrong argument, in the user\'s language', () => {
  const cases: Array<[string[], string, string]> = [
    [['frobnicate'], 'Kommandoen "frobnicate" findes ikke.', 'There is no command "frobnicate".'],
    [['validate'], 'validate: angiv projektmappen', 'validate: name the workbook'],
    [['validate', 'a.xlsx', 'b.xlsx'], '"b.xlsx" er en fil for meget', '"b.xlsx" is one file too many'],
    [['validate', 'x.xlsx', '--bogus'], 'validate: tilvalget --bogus findes ikke', 'validate: there is no option --bogus'],
    [['validate', 'x.xlsx', '-q'], 'validate: tilvalget -q findes ikke', 'validate: there is no option -q'],
    [['validate', 'x.xlsx', '--year'], 'validate: --year skal efterfølges af et årstal (ÅÅÅÅ).', 'validate: --year must be followed by a year (YYYY).'],
    [['validate', 'x.xlsx', '--year', '25'], '--year skal være et årstal med fire cifre, fx 2025, ikke "25".', '--year must be a four-digit year such as 2025, not "25".'],
    [['validate', 'x.xlsx', '--year', '2025', '--year', '2024'], '--year er angivet mere end én gang', '--year is given more than once'],
    [['validate', 'x.xlsx', '--format', 'xml'], '--format skal være text eller json, ikke "xml".', '--format must be text or json, not "xml".'],
    [['validate', 'x.xlsx', '--lang', 'de'], '--lang skal være da eller en, ikke "de".', '--lang must be da or en, not "de".'],
    [['validate', 'x.xlsx', '--previous', 'x.xlsx'], '--previous skal være sidste års projektmappe', "--previous must be last year's workbook"],
    [['template'], 'template: angiv filen med --out', 'template: name the file with --out'],
    [['template', 'x.xlsx'], 'template: "x.xlsx" forstås ikke; filnavnet angives med --out.', 'template: "x.xlsx" is not understood'],
    [['template', '--out', 'x.csv'], '--out x.csv: filen bliver en Excel-projektmappe og skal hedde .xlsx, ikke .csv', '--out x.csv: the file is an Excel workbook and must be named .xlsx, not .csv'],
    [['template', '--out', 'x.xlsx', '--year', '2005'], '--year 2005: programmet begyndte i 2012', '--year 2005: the programme began in 2012'],
    [['template', '--out', 'x.xlsx', '--force=ja'], 'template: --force tager ingen værdi.', 'template: --force takes no value.'],
    [['token'], 'token: angiv create, list eller revoke', 'token: name create, list or revoke'],
    [['token', 'rotate'], 'token: "rotate" findes ikke', 'token: there is no "rotate"'],
    [['token', 'create'], 'token create: angiv nøglens navn med --name', 'token create: name the token with --name'],
    [['token', 'create', '--name', 'x', '--role', 'boss'], '--role skal være reader, editor eller admin, ikke "boss"', '--role must be reader, editor or admin, not "boss"'],
    [['token', 'list', '--all'], 'token list: tilvalget --all findes ikke', 'token list: there is no option --all'],
    [['token', 'revoke'], 'token revoke: angiv nøglens navn eller id', 'token revoke: name the token or give its id'],
  ];
  it.each(cases)('%j', async (args, da, en) => {
    for (const [env, want] of [[{}, da], [{ LANG: 'en_US.UTF-8' }, en]] as const) {
      const { code, stdout, stderr } = await spawnCli(args, env);
      expect(code, `${args.join(' ')} ${JSON.stringify(env)}`).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toContain(want);
      expect(stderr).not.toMatch(raw);
    }
  });

  it('a file that is not there, in both languages', async () => {
    const file = join(dir, 'findes-ikke.xlsx');
    const da = await spawnCli(['validate', file]);
    expect(da.code).toBe(2);
    expect(da.stderr).toMatch(/findes-ikke\.xlsx: Filen findes ikke/);
    const en = await spawnCli(['validate', file, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).not.toContain('Filen findes ikke');
    expect(en.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('template writes what it says, where it says', () => {
  it('refuses to overwrite without --force, and says which year it used and where it came from', async () => {
    const file = join(dir, 'skabelon-2024.xlsx');
    const first = await spawnCli(['template', '--out', file]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('arkene "Budget 2024" og "Medlemstal 2024" (2012-modellen).');
    expect(first.stdout).toContain('Programåret er 2024, taget fra filnavnet skabelon-2024.xlsx.');
    const before = readFileSync(file);
    writeFileSync(file, 'mine');
    const again = await spawnCli(['template', '--out', file, '--year', '2025']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`${file} findes allerede. Vælg et andet navn med --out, eller tilføj --force for at overskrive den.\n`);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    const forced = await spawnCli(['template', '--out', file, '--year', '2025', '--force', '--lang', 'en']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('The programme year is 2025 (--year).');
    expect(statSync(file).size).toBeGreaterThan(before.length / 2);
  });

  it('without a year anywhere it says it took the current year; without an extension it adds .xlsx', async () => {
    const r = await spawnCli(['template', '--out', join(dir, 'skabelon')]);
    expect(r.code).toBe(0);
    const year = new Date().getFullYear();
    expect(r.stdout).toContain(`Programåret er ${year}, året i dag, da hverken --year eller filnavnet angiver et år.`);
    expect(existsSync(join(dir, 'skabelon.xlsx'))).toBe(true);
    expect(existsSync(join(dir, 'skabelon.xlsx.xlsx'))).toBe(false);
  });
});
