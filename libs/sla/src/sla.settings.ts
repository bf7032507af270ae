/**
 * Every rule that domain.md marks [M] or [?] (and a few [S] choices a deployment may revisit) is a named
 * setting here, with the documented default. Section numbers point to domain.md.
 */
export interface SlaSettings {
  /** §6.5 [S]: how "ngày làm việc" is counted: N × hoursPerWorkingDay from the effective start, or end of the N-th working day. */
  workingDayModel: 'hour_based' | 'day_based';
  /** §6.1 [S]: one working day = 8 working hours (Thanh Hóa `ThoiGianThucHien/8`). */
  hoursPerWorkingDay: number;
  /** §6.5 [V-ish]: same-day procedures received at or after this local time are due the next working day. */
  sameDayCutoff: string;
  /** §6.6 [?]: a receipt outside office hours counts from the next opening (`next_opening`) or as stamped (`as_received`). */
  afterHoursPolicy: 'next_opening' | 'as_received';
  /** §6.5 [S]: a calendar-day period ending on a non-working day moves to the next working day. */
  calendarDaysRollToWorkingDay: boolean;
  /** §3.3 [M]: supplement requests allowed during processing without an explicit override. */
  maxSupplementRequests: number;
  /** §3.3 [S]: a supplement request beyond the maximum (only with an override) makes the dossier late for KPIs. */
  extraSupplementCountsLate: boolean;
  /** §5.2 [?]: the apology is due this many units before the due date ("chậm nhất 01 ngày trước ngày hết hạn"). */
  apologyLeadDays: number;
  /** §5.2 [?]: whether those days are working days or calendar days. */
  apologyLeadUnit: 'working_day' | 'calendar_day';
  /** §5.1 [M]: re-appointments (apology letters with a new date) allowed per dossier. */
  maxReappointments: number;
  /** §5.2 / engineering-notes §7: warn this much working time before the due instant (default one working day). */
  warningLeadWorkingMinutes: number;
  /** §7.1 [S]: compare finish and due by local calendar date (`date`, Thanh Hóa default) or by instant (`datetime`). */
  outcomeGranularity: 'date' | 'datetime';
  /** §6.9 [S]: a procedure without a deadline counts as on time (Thanh Hóa treats NgayHenTra NULL as đúng hạn). */
  noDeadlineCountsOnTime: boolean;
  /** §0.2 [S]: dossiers received from this local date follow Decree 118 / TT 03/2025; earlier ones Decree 61/107 / TT 01/2018. */
  regime2025From: string;
  /** §3.1, §6.5 [M]: a paper dossier received after this local time may be forwarded at the start of the next working day. */
  paperForwardCutoff: string;
  /** §5.5: the primary cause of lateness is the step with the largest overrun, or the first step that pushed past the due date. */
  primaryCause: 'largest_overrun' | 'first_exceeding';
  /** §6.6 [?]: online dossiers should be received within this many working hours of submission (HanTiepNhan). */
  receptionSlaWorkingHours: number;
}

export const DEFAULT_SLA_SETTINGS: Readonly<SlaSettings> = Object.freeze({
  workingDayModel: 'hour_based',
  hoursPerWorkingDay: 8,
  sameDayCutoff: '15:00',
  afterHoursPolicy: 'next_opening',
  calendarDaysRollToWorkingDay: true,
  maxSupplementRequests: 1,
  extraSupplementCountsLate: true,
  apologyLeadDays: 1,
  apologyLeadUnit: 'working_day',
  maxReappointments: 1,
  warningLeadWorkingMinutes: 480,
  outcomeGranularity: 'date',
  noDeadlineCountsOnTime: true,
  regime2025From: '2025-07-01',
  paperForwardCutoff: '15:00',
  primaryCause: 'largest_overrun',
  receptionSlaWorkingHours: 8,
});

export function resolveSlaSettings(overrides: Partial<SlaSettings> = {}): SlaSettings {
  return { ...DEFAULT_SLA_SETTINGS, ...overrides };
}
