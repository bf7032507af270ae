import { DataSource } from 'typeorm';
import { loadToolConfig } from '@motcua/config';
import { dataSourceOptions } from '../data-source';

/** For the TypeORM CLI (`npm run typeorm`, migration generate/check): DATABASE_URL through the one config loader. */
export default new DataSource(dataSourceOptions(loadToolConfig().databaseUrl));
