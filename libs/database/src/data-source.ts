import 'reflect-metadata';
import type { DataSourceOptions } from 'typeorm';
import {
  CalendarYearVersionEntity,
  DossierCodeSequenceEntity,
  DossierEntity,
  DossierEventEntity,
  IssuedDocumentEntity,
  IndicatorRollupEntity,
  ProcedureVersionEntity,
  NotificationEntity,
  ReactionEntity,
  RulesRevisionEntity,
  SettingsVersionEntity,
  UnitEntity,
  UserAuditEntity,
  UserEntity,
} from './entities';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [
  UnitEntity,
  ProcedureVersionEntity,
  UserEntity,
  UserAuditEntity,
  DossierEventEntity,
  DossierEntity,
  CalendarYearVersionEntity,
  RulesRevisionEntity,
  SettingsVersionEntity,
  DossierCodeSequenceEntity,
  ReactionEntity,
  NotificationEntity,
  IssuedDocumentEntity,
  IndicatorRollupEntity,
];

/** One definition for the apps, the tests and the TypeORM CLI. Never `synchronize`: the schema moves by migrations. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, connectionTimeoutMillis: 3000 },
  };
}
