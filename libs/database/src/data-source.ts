import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import {
  CalendarYearVersionEntity,
  DossierEntity,
  DossierEventEntity,
  ProcedureVersionEntity,
  UnitEntity,
  UserEntity,
} from './entities';
import { MIGRATIONS } from './migrations';

export const ENTITIES = [
  UnitEntity,
  ProcedureVersionEntity,
  UserEntity,
  DossierEventEntity,
  DossierEntity,
  CalendarYearVersionEntity,
];

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/motcua';

/** One definition for the apps, the tests and the TypeORM CLI. Never `synchronize`: the schema moves by migrations. */
export function dataSourceOptions(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), connectionTimeoutMillis: 3000 },
  };
}

/** Used by `typeorm -d libs/database/src/data-source.ts`. */
export default new DataSource(dataSourceOptions());
