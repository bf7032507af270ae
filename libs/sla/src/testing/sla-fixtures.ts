import * as path from 'node:path';
import { createWorkingCalendar, formatInstant, parseInstant, type WorkingCalendar } from '@motcua/calendar';
import { loadOfficialYears } from '@motcua/config';
import { resolveSlaSettings, type SlaSettings } from '../sla.settings';
import type { DossierEvent, Instant, ProcedureRules } from '../sla.types';
import type { FoldContext } from '../dossier.fold';

let shared: WorkingCalendar | undefined;
let refusing: WorkingCalendar | undefined;
const CALENDARS_DIR = path.join(__dirname, '../../../../config/calendars');

/** The real calendar with the shipped official schedules (config/calendars). */
export function realCalendar(): WorkingCalendar {
  shared ??= createWorkingCalendar({ officialYears: loadOfficialYears(CALENDARS_DIR) });
  return shared;
}

/** The same schedules under `missingYearPolicy: 'refuse'`: any year without a file throws (§6.9). */
export function refusingCalendar(): WorkingCalendar {
  refusing ??= createWorkingCalendar({
    officialYears: loadOfficialYears(CALENDARS_DIR),
    missingYearPolicy: 'refuse',
  });
  return refusing;
}

/** Local Vietnamese time, e.g. at('2024-02-07 10:00'). */
export function at(local: string): Instant {
  const [d, tm] = local.split(' ');
  const hms = tm.length === 5 ? `${tm}:00` : tm;
  return parseInstant(`${d}T${hms}+07:00`);
}

/** An instant as local ISO text, so a failing assertion reads as a Vietnamese date-time. */
export const fmt = (t: number | null | undefined) => (t === null || t === undefined ? t : formatInstant(t));

export const FIVE_DAY_PROCEDURE: ProcedureRules = {
  code: '1.000001',
  leadUnitCode: 'LDTBXH.VLATLD',
  duration: { value: 5, unit: 'working_days' },
  supplementPolicy: 'pause_resume',
  steps: [
    { code: 'TN', name: 'Tiếp nhận', unitCode: 'LDTBXH.MC', allocatedWorkingHours: 4 },
    { code: 'TD', name: 'Thẩm định', unitCode: 'LDTBXH.VLATLD', allocatedWorkingHours: 24 },
    { code: 'KY', name: 'Ký duyệt', unitCode: 'LDTBXH.VP', allocatedWorkingHours: 8 },
    { code: 'TRA', name: 'Trả kết quả', unitCode: 'LDTBXH.MC', allocatedWorkingHours: 4 },
  ],
};

export function context(
  now: Instant,
  procedure: ProcedureRules = FIVE_DAY_PROCEDURE,
  settings: Partial<SlaSettings> = {},
): FoldContext {
  return {
    calendar: realCalendar(),
    settings: resolveSlaSettings(settings),
    resolveProcedure: (code) => (code === procedure.code ? procedure : null),
    now,
  };
}

let seq = 0;
/** Builds an event with a readable, deterministic id. */
export function ev<T extends DossierEvent['type']>(
  type: T,
  local: string,
  data: Extract<DossierEvent, { type: T }>['data'],
): DossierEvent {
  seq += 1;
  return {
    id: `e${String(seq).padStart(4, '0')}-${type}`,
    type,
    occurredAt: at(local),
    data,
  } as DossierEvent;
}

export function received(local: string, procedureCode = FIVE_DAY_PROCEDURE.code): DossierEvent {
  return ev('received', local, {
    procedureCode,
    channel: 'direct',
    applicant: { name: 'Nguyễn Văn An', email: 'an@example.com' },
  });
}

/** An apology with a new appointment, signed by the director, naming the division as the cause. */
export function apology(local: string, newDueLocal: string): DossierEvent {
  return ev('apology_issued', local, {
    reason: 'Chờ xác minh',
    newDueAt: at(newDueLocal),
    signer: { name: 'Lê Văn C', title: 'Giám đốc' },
    responsibleUnit: 'LDTBXH.VLATLD',
  });
}
