import type { MigrationInterface } from 'typeorm';
import { Init1795939778234 } from './1795939778234-Init';
import { OneReceptionPerDossier1795940483499 } from './1795940483499-OneReceptionPerDossier';
import { CalendarYearVersions1795942900157 } from './1795942900157-CalendarYearVersions';
import { NextDeadline1796038094963 } from './1796038094963-NextDeadline';
import { IssuedCodesAndLateEntries1796040432207 } from './1796040432207-IssuedCodesAndLateEntries';

type MigrationClass = new () => MigrationInterface;

/** Every migration, in order. Generated files are added here and never edited once merged. */
export const MIGRATIONS: MigrationClass[] = [
  Init1795939778234,
  OneReceptionPerDossier1795940483499,
  CalendarYearVersions1795942900157,
  NextDeadline1796038094963,
  IssuedCodesAndLateEntries1796040432207,
];
