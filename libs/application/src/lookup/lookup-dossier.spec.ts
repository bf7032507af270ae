import type { AppConfig } from '@motcua/config';
import { DOSSIER_STATUSES } from '@motcua/contracts';
import type { EventStore } from '@motcua/database';
import { AppError } from '../app-error';
import type { RulesProvider } from '../rules/rules.provider';
import { fixedRulesProvider, FixedClock, InMemoryEventStore, stored } from '../testing/in-memory.fakes';
import { lookupKeyOf } from './lookup-key';
import { LookupDossier, keyMatches } from './lookup-dossier.use-case';
import { initialsOf, STATUS_WORDS } from './lookup-view';

const SECRET = 'unit-test-lookup-secret';
const config = { lookupSecret: SECRET } as AppConfig;
const APPLICANT = {
  name: 'Nguyễn Thị Hồng Nhung',
  idNumber: '079912345678',
  phone: '0987 654 321',
  email: 'hong.nhung@example.vn',
  address: '12 Phố Huế, Hai Bà Trưng, Hà Nội',
};

/** An event store that must not be asked: a wrong key never reaches PostgreSQL. */
const untouchable = {
  eventsOf: () => {
    throw new Error('the event store was read');
  },
} as unknown as EventStore;

function lookup(store: Pick<EventStore, 'eventsOf'>, now = '2025-03-05T10:00:00+07:00') {
  return new LookupDossier(
    store as EventStore,
    fixedRulesProvider() as unknown as RulesProvider,
    new FixedClock(Date.parse(now)),
    config,
  );
}

/** P.1 (3 working days) received Monday 03/03/2025 08:30: due Thursday 06/03 08:30. */
function receivedDossier(code: string): InMemoryEventStore {
  const store = new InMemoryEventStore();
  store.rows.push(
    stored(code, 'received', '2025-03-03T08:30:00+07:00', {
      procedureCode: 'P.1',
      channel: 'direct',
      applicant: APPLICANT,
    }) as never,
  );
  return store;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe('the status words', () => {
  it('name every status of the vocabulary, each differently', () => {
    for (const status of DOSSIER_STATUSES) expect(STATUS_WORDS[status]).toMatch(/\p{L}/u);
    expect(new Set(Object.values(STATUS_WORDS)).size).toBe(DOSSIER_STATUSES.length);
    expect(Object.keys(STATUS_WORDS).sort()).toEqual([...DOSSIER_STATUSES].sort());
    expect(STATUS_WORDS.IN_PROCESS).toBe('Đang giải quyết');
    expect(STATUS_WORDS.SUPPLEMENT_REQUESTED).toBe('Chờ bổ sung hồ sơ');
  });
});

describe('initialsOf', () => {
  it.each([
    ['Nguyễn Thị Hồng Nhung', 'N.T.H.N.'],
    ['  đặng   văn  ơn ', 'Đ.V.Ơ.'],
    // Decomposed (NFD) input gives the same letters.
    ['Ấu Thị Ánh'.normalize('NFD'), 'Ấ.T.Á.'],
    ['Công ty TNHH 3 Sao', 'C.T.T.S.'],
    ['', null],
    ['123 ---', null],
  ])('%s → %s', (name, initials) => {
    expect(initialsOf(name)).toBe(initials);
  });
});

describe('LookupDossier', () => {
  const code = 'H57.12-250303-0001';
  const key = lookupKeyOf(code, SECRET);

  it('answers the status in words, the dates and the flags for the right key, typed loosely', async () => {
    const typed = key.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    const answer = await lookup(receivedDossier(code)).answer({
      code,
      key: ` ${typed.slice(0, 4)}-${typed.slice(4)}`,
    });
    expect(answer).toEqual({
      code,
      procedure: { code: 'P.1', name: 'Thủ tục thử' },
      applicantInitials: 'N.T.H.N.',
      status: 'RECEIVED',
      statusText: 'Đã tiếp nhận',
      paused: false,
      receivedAt: '2025-03-03T08:30:00+07:00',
      dueAt: expect.stringMatching(/^2025-03-0[56]T/),
      rescheduledDueAt: null,
      finishedAt: null,
      returnedAt: null,
      late: false,
      outcome: null,
      timelinessText: 'Trong hạn giải quyết',
      apologyIssued: false,
      apologyIssuedAt: null,
      checkedAt: '2025-03-05T10:00:00+07:00',
    });
    // Nothing personal: not the name, nor any of the contact details.
    const text = JSON.stringify(answer);
    for (const value of Object.values(APPLICANT)) expect(text).not.toContain(value);
  });

  it('says late once the appointment has passed', async () => {
    const answer = await lookup(receivedDossier(code), '2025-03-12T10:00:00+07:00').answer({ code, key });
    expect(answer).toMatchObject({ late: true, timelinessText: 'Quá hạn giải quyết', apologyIssued: false });
  });

  it('gives one 404 for a wrong key, an impossible code and an unknown dossier, reading nothing for the first two', async () => {
    const wrongKey = await failure(
      lookup(untouchable).answer({ code, key: key === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA' }),
    );
    const badCode = await failure(lookup(untouchable).answer({ code: '<script>', key }));
    const other = 'H57.12-250303-9999';
    const unknown = await failure(
      lookup(new InMemoryEventStore()).answer({ code: other, key: lookupKeyOf(other, SECRET) }),
    );
    for (const err of [wrongKey, badCode, unknown]) {
      expect(err).toBeInstanceOf(AppError);
      expect(err!.status).toBe(404);
      expect(err!.toBody()).toEqual(wrongKey!.toBody());
    }
  });

  it('answers 400 naming each missing or malformed field', async () => {
    const err = await failure(lookup(untouchable).answer({ key: 'short' }));
    expect(err!.status).toBe(400);
    expect(err!.details).toEqual([
      { field: 'code', problem: 'is required' },
      { field: 'key', problem: 'must be the 8 characters printed on the receipt' },
    ]);
  });

  it('compares keys of any length without throwing', () => {
    expect(keyMatches(code, key, SECRET)).toBe(true);
    expect(keyMatches(code, `${key}X`, SECRET)).toBe(false);
    expect(keyMatches(code, '', SECRET)).toBe(false);
    expect(keyMatches(code, key, 'another secret')).toBe(false);
  });
});
