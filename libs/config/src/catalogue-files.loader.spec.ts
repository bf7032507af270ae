import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findConfigDir } from './app.config';
import { loadCatalogueFiles } from './catalogue-files.loader';
import { ConfigError } from './config.errors';

describe('loadCatalogueFiles', () => {
  it('loads and checks the shipped catalogue', () => {
    const { units, procedures } = loadCatalogueFiles(findConfigDir());
    expect(units.map((u) => u.code)).toContain('LDTBXH.MC');
    expect(procedures).toHaveLength(43);
    expect(procedures[0]).toMatchObject({ code: '1.014199', duration: { value: 10, unit: 'working_days' } });
  });

  it('names the file and the field of a bad entry', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-catalogue-'));
    fs.mkdirSync(path.join(dir, 'catalogue'));
    const write = (file: string, value: unknown) =>
      fs.writeFileSync(path.join(dir, 'catalogue', file), JSON.stringify(value));
    write('units.json', [{ code: 'A', name: 'A', kind: 'agency' }]);
    const [first] = JSON.parse(
      fs.readFileSync(path.join(findConfigDir(), 'catalogue', 'procedures.json'), 'utf8'),
    ) as Array<Record<string, unknown>>;
    write('procedures.json', [{ ...first, leadUnitCode: 'A', steps: [], feeVnd: -1, colour: 'red' }]);
    const file = path.join(dir, 'catalogue', 'procedures.json');
    expect(() => loadCatalogueFiles(dir)).toThrow(ConfigError);
    expect(() => loadCatalogueFiles(dir)).toThrow(
      `${file}: [0].feeVnd must be at least 0; unknown key "[0].colour"`,
    );
    write('units.json', { code: 'A' });
    expect(() => loadCatalogueFiles(dir)).toThrow(/units\.json: must be an array, got object/);
  });
});
