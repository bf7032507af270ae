import type { AppConfig } from '@motcua/config';
import type { Principal } from '@motcua/contracts';
import type { EventStore } from '@motcua/database';
import { AppError } from '../app-error';
import type { RulesProvider } from '../rules/rules.provider';
import { fixedRulesProvider, FixedClock } from '../testing/in-memory.fakes';
import { ReadDossier } from './read-dossier.use-case';

const admin: Principal = { username: 'admin', roles: ['admin'], units: ['*'] };

/** An event store that must not be asked: a path that cannot be a dossier code never reaches PostgreSQL. */
const untouchable = {
  eventsOf: () => {
    throw new Error('the event store was read');
  },
} as unknown as EventStore;

describe('ReadDossier', () => {
  it.each([
    ['a NUL byte', '\u0000'],
    ['a NUL byte inside a code', 'H57.12-250303-\u00000001'],
    ['65 characters', 'H'.repeat(65)],
    ['a space', 'H57.12 250303'],
    ['a non-ASCII letter', 'Hé57'],
    ['a leading dot', '.H57'],
  ])('answers 404 for %s without reading the event store', async (_name, code) => {
    const sut = new ReadDossier(
      untouchable,
      fixedRulesProvider() as unknown as RulesProvider,
      new FixedClock(0),
      { intake: { backdateAllowanceWorkingMinutes: 480, agencyCode: 'H57.12' } } as AppConfig,
    );
    const err = await sut.get(code, admin).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(404);
  });
});
