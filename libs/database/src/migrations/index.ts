import type { MigrationInterface } from 'typeorm';
import { Init1795939778234 } from './1795939778234-Init';
import { OneReceptionPerDossier1795940483499 } from './1795940483499-OneReceptionPerDossier';
import { CalendarYearVersions1795942900157 } from './1795942900157-CalendarYearVersions';
import { NextDeadline1796038094963 } from './1796038094963-NextDeadline';
import { RulesRevision1796040254858 } from './1796040254858-RulesRevision';
import { UserAccounts1796040345637 } from './1796040345637-UserAccounts';
import { OutcomeByInstant1796040409794 } from './1796040409794-OutcomeByInstant';
import { IssuedCodesAndLateEntries1796040432207 } from './1796040432207-IssuedCodesAndLateEntries';
import { Reactions1796043028480 } from './1796043028480-Reactions';
import { UnitHeads1796043559673 } from './1796043559673-UnitHeads';
import { Notifications1796043774128 } from './1796043774128-Notifications';
import { TrackerMilestones1796044037774 } from './1796044037774-TrackerMilestones';
import { IssuedDocuments1796050272259 } from './1796050272259-IssuedDocuments';
import { IndicatorRollups1796059457096 } from './1796059457096-IndicatorRollups';
import { UnappliedEvents1796060422643 } from './1796060422643-UnappliedEvents';
import { EventRequestIds1796084325697 } from './1796084325697-EventRequestIds';
import { EventJobIds1796124908622 } from './1796124908622-EventJobIds';

type MigrationClass = new () => MigrationInterface;

/** Every migration, in order. Generated files are added here and never edited once merged. */
export const MIGRATIONS: MigrationClass[] = [
  Init1795939778234,
  OneReceptionPerDossier1795940483499,
  CalendarYearVersions1795942900157,
  NextDeadline1796038094963,
  RulesRevision1796040254858,
  UserAccounts1796040345637,
  OutcomeByInstant1796040409794,
  IssuedCodesAndLateEntries1796040432207,
  Reactions1796043028480,
  UnitHeads1796043559673,
  Notifications1796043774128,
  TrackerMilestones1796044037774,
  IssuedDocuments1796050272259,
  IndicatorRollups1796059457096,
  UnappliedEvents1796060422643,
  EventRequestIds1796084325697,
  EventJobIds1796124908622,
];
