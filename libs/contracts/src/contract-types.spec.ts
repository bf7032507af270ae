import { DEFAULT_OFFICE_HOURS, DEFAULT_STATUTORY_RULES } from '@motcua/calendar';
import {
  DEFAULT_SLA_SETTINGS,
  DOSSIER_EVENT_TYPES as SLA_EVENT_TYPES,
  type DossierEvent,
  type SlaSettings as SlaSlaSettings,
} from '@motcua/sla';
import type { DossierEventBody, DossierEventInput } from './event.schema';
import { DOSSIER_EVENT_TYPES } from './vocabulary';
import {
  apologySettingsSchema,
  calendarSettingsSchema,
  settingsSchema,
  slaSettingsSchema,
  type SlaSettings,
} from './settings.schema';

/** Compiles only when A and B are the same type (the identity check TypeScript uses for overloads). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(ok: T) => ok;
const assertNotType = <T extends false>(ok: T) => ok;

describe('types shared with the SLA engine', () => {
  it('DossierEventBody is sla DossierEvent, member by member', () => {
    type Member<U, T> = Extract<U, { type: T }>;
    type Same<T extends DossierEvent['type']> = Equal<Member<DossierEventBody, T>, Member<DossierEvent, T>>;
    type AllSame = { [T in DossierEvent['type']]: Same<T> }[DossierEvent['type']];
    assertType<AllSame>(true);
    assertType<Equal<DossierEventBody['type'], DossierEvent['type']>>(true);
    // A control: the check does tell two members apart.
    assertNotType<Equal<Member<DossierEventBody, 'paid'>, Member<DossierEvent, 'received'>>>(false);
    assertType<
      Equal<
        Omit<Member<DossierEventInput, 'paid'>, 'dossierCode'>['data'],
        Member<DossierEvent, 'paid'>['data']
      >
    >(true);
    const both: Array<DossierEventBody> = [] as DossierEvent[];
    const back: Array<DossierEvent> = [] as DossierEventBody[];
    expect([both, back]).toEqual([[], []]);
  });

  it('lists the event types in the order the SLA engine does', () => {
    expect([...DOSSIER_EVENT_TYPES]).toEqual([...SLA_EVENT_TYPES]);
  });

  it('SlaSettings is the SLA engine’s interface, and the defaults are its defaults', () => {
    assertType<Equal<SlaSettings, SlaSlaSettings>>(true);
    expect(slaSettingsSchema.parse({})).toEqual(DEFAULT_SLA_SETTINGS);
  });

  it('calendar defaults are the calendar library’s defaults', () => {
    const calendar = calendarSettingsSchema.parse({});
    expect(calendar.statutoryRules).toEqual(DEFAULT_STATUTORY_RULES);
    expect(calendar.profile).toEqual(DEFAULT_OFFICE_HOURS);
    expect(calendar.missingYearPolicy).toBe('provisional');
    expect(settingsSchema.parse({})).toEqual({
      calendar,
      sla: DEFAULT_SLA_SETTINGS,
      intake: { backdateAllowanceWorkingMinutes: 480, agencyCode: 'H57.12' },
      rules: { rebaseOnPublish: 'manual' },
      apology: apologySettingsSchema.parse({}),
      notifications: { recipients: {} },
      documents: { place: null },
      indicators: { lateEntryHours: 24 },
    });
  });
});
