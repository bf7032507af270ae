// Where the tests find the repository and the services, and the passwords they log in with.
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BASE_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua';
export const BASE_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN_PASSWORD = 'e2e-admin-password';
/** Every user the tests create gets this password (the API wants at least 10 characters). */
export const USER_PASSWORD = 'e2e-user-password';
