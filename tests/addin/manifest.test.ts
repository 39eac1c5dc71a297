import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const manifestPath = join(root, 'manifest.xml');
// The handbook folder sits beside the repository: /work/shared here, ../shared beside the clone in CI.
const schemaPath = resolve(root, '..', 'shared', 'office-manifest-schemas', 'OfficeAppManifestV1_1.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const manifest = readFileSync(manifestPath, 'utf8');

describe('manifest.xml', () => {
  if (!existsSync(schemaPath)) console.log(`skipping XSD validation: ${schemaPath} is absent`);
  if (!hasXmllint) console.log('skipping XSD validation: xmllint is not installed (bash scripts/ensure-chromium.sh installs it)');

  it.runIf(existsSync(schemaPath) && hasXmllint)("validates against Microsoft's add-in manifest XSD", () => {
    const result = spawnSync('xmllint', ['--noout', '--schema', schemaPath, manifestPath], { encoding: 'utf8' });
    expect(result.stderr).toContain('manifest.xml validates');
    expect(result.status).toBe(0);
  });

  it.runIf(existsSync(schemaPath) && hasXmllint)('the XSD check fails a broken manifest (so the test above can fail)', () => {
    const broken = manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>');
    const result = spawnSync('xmllint', ['--noout', '--schema', schemaPath, '-'], { input: broken, encoding: 'utf8' });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('Permissions');
  });

  it('is an Excel task pane with a Home-tab button in the Partnerskab group, in Danish and English', () => {
    expect(manifest).toContain('<Host Name="Workbook"/>');
    expect(manifest).toContain('<DefaultLocale>da-DK</DefaultLocale>');
    expect(manifest).toMatch(/<OfficeTab id="TabHome">\s*<Group id="Partnerskab.Group">/);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    // Every Danish display string has an English override.
    const strings = [...manifest.matchAll(/<bt:String id="[^"]+" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US"/g)];
    const allStrings = [...manifest.matchAll(/<bt:String id=/g)];
    expect(strings.length).toBe(allStrings.length);
    expect(manifest).toMatch(/<DisplayName DefaultValue="[^"]+">\s*<Override Locale="en-US"/);
    expect(manifest).toMatch(/<Description DefaultValue="[^"]+">\s*<Override Locale="en-US"/);
  });

  it('asks for ExcelApi 1.9 in both requirement blocks', () => {
    expect(manifest.match(/Name="ExcelApi" MinVersion="([\d.]+)"/g)).toEqual([
      'Name="ExcelApi" MinVersion="1.9"',
      'Name="ExcelApi" MinVersion="1.9"',
    ]);
  });

  it('points only at the placeholder origin the service replaces, and at files the build produces', () => {
    const urls = [...manifest.matchAll(/"(https?:\/\/[^"]+)"/g)].map((m) => m[1]).filter((u) => !u.includes('schemas.microsoft.com') && !u.includes('www.w3.org'));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url.startsWith('https://localhost:3000/')).toBe(true);
    const served = new Set(urls.filter((u) => u.includes('/addin/')).map((u) => u.replace('https://localhost:3000/addin/', '')));
    // The build copies addin/taskpane.html and addin/assets/* to dist/addin/ unchanged.
    for (const file of served) expect(existsSync(join(root, 'addin', file)), file).toBe(true);
  });

  it('has icons drawn at 16, 32 and 80 px', () => {
    for (const size of [16, 32, 80]) {
      const png = readFileSync(join(root, 'addin', 'assets', `icon-${size}.png`));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
      const idat = png.indexOf('IDAT');
      const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
      expect(raw.length).toBe((size * 4 + 1) * size);
    }
  });
});
