import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SCORING } from '@motcua/contracts';
import { findConfigDir, loadConfig } from './app.config';
import { loadScoring } from './settings.loader';

const DEV = { NODE_ENV: 'development' };
const withScoring = (scoring: unknown) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-scoring-'));
  fs.writeFileSync(path.join(dir, 'scoring.json'), JSON.stringify(scoring));
  return dir;
};

describe('config/scoring.json', () => {
  it('parses, equals the built-in defaults and is on AppConfig as `scoring`', () => {
    const shipped = loadScoring(findConfigDir());
    expect(shipped).toEqual(DEFAULT_SCORING);
    expect(loadConfig(DEV).scoring).toEqual(shipped);
    expect(shipped.decision766.criteria['2.1']).toEqual({ maxPoints: 20, fullScoreAt: 100 });
    expect(Object.keys(shipped.circular01.indices).sort()).toEqual(['1', '3', '9']);
  });

  it('a folder without scoring.json scores with the defaults', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-scoring-'));
    expect(loadScoring(dir)).toEqual(DEFAULT_SCORING);
  });

  it('stops on groups that do not add up to 100, criteria over their group, unknown keys and measures', () => {
    const groups = withScoring({
      ...DEFAULT_SCORING,
      decision766: {
        ...DEFAULT_SCORING.decision766,
        groups: { ...DEFAULT_SCORING.decision766.groups, '1': 10 },
      },
    });
    expect(() => loadScoring(groups)).toThrow(/groups must add up to 100 points, not 92/);
    const over = withScoring({
      ...DEFAULT_SCORING,
      decision766: {
        ...DEFAULT_SCORING.decision766,
        criteria: { ...DEFAULT_SCORING.decision766.criteria, '2.1': { maxPoints: 21, fullScoreAt: 100 } },
      },
    });
    expect(() => loadScoring(over)).toThrow(/group 2 give 21 points, more than the group's 20/);
    const typo = withScoring({
      ...DEFAULT_SCORING,
      circular01: { ...DEFAULT_SCORING.circular01, indexes: {} },
    });
    expect(() => loadScoring(typo)).toThrow(/circular01\.indexes/);
    const measure = withScoring({
      ...DEFAULT_SCORING,
      circular01: {
        source: 'x',
        indices: { '1': { two: [{ measure: 'speed', op: '>=', value: 1 }], one: [] } },
      },
    });
    expect(() => loadScoring(measure)).toThrow(
      /scoring\.json: circular01\.indices\.1\.two\[0\]\.measure must be one of/,
    );
  });
});
