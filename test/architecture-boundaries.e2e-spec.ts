/**
 * The layer rule of docs/architecture.md, enforced by ESLint in CI (eslint.boundaries.mjs): these cases show
 * that it refuses each forbidden import and lets the allowed ones through.
 */
import * as path from 'node:path';
import { ESLint, type Linter } from 'eslint';

const ROOT = path.resolve(__dirname, '..');

async function restricted(file: string, source: string): Promise<boolean> {
  // Only the boundary rules, with the TypeScript parser; the file need not exist.
  const { default: boundaries } = (await import(path.join(ROOT, 'eslint.boundaries.mjs'))) as {
    default: Linter.Config[];
  };
  const { default: tseslint } = (await import('typescript-eslint')) as {
    default: { configs: { base: object } };
  };
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], ...tseslint.configs.base }, ...boundaries],
  });
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result.messages.some(
    (m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports',
  );
}

describe('layer boundaries', () => {
  it.each([
    ['libs/calendar/src/x.ts', "import { Injectable } from '@nestjs/common';"],
    ['libs/calendar/src/x.ts', "import { readFileSync } from 'node:fs';"],
    ['libs/sla/src/x.ts', "import { DataSource } from 'typeorm';"],
    ['libs/sla/src/x.ts', "import { Queue } from 'bullmq';"],
    ['libs/sla/src/x.ts', "import { Client } from 'pg';"],
    ['libs/sla/src/x.ts', "import * as fs from 'fs';"],
    ['libs/sla/src/x.ts', "import { loadConfig } from '@motcua/config';"],
    ['libs/contracts/src/x.ts', "import type { DossierState } from '@motcua/sla';"],
    ['libs/database/src/x.ts', "import { Queue } from 'bullmq';"],
    ['libs/database/src/x.ts', "import { DossierEventQueue } from '@motcua/queue';"],
    ['libs/queue/src/x.ts', "import { EventStore } from '@motcua/database';"],
    ['libs/application/src/x.ts', "import { DataSource } from 'typeorm';"],
    ['libs/application/src/x.ts', "import { startApi } from '../../../apps/api/src/api.app';"],
    ['libs/database/src/x.ts', "import { foldStored } from '../../application/src/dossiers/dossier-fold';"],
    ['apps/api/src/x.ts', "import { OutboxRelay } from '../../worker/src/outbox.relay';"],
    ['apps/worker/src/x.ts', "import { createApiApp } from '../../api/src/api.app';"],
    ['apps/api/src/x.ts', "import { DataSource } from 'typeorm';"],
    ['libs/documents/src/x.ts', "import { Injectable } from '@nestjs/common';"],
    ['libs/documents/src/x.ts', "import { writeFileSync } from 'node:fs';"],
    ['libs/documents/src/x.ts', "import { foldDossier } from '@motcua/sla';"],
    ['libs/documents/src/x.ts', "import { ReadDossier } from '@motcua/application';"],
    ['libs/mail/src/x.ts', "import { EventStore } from '@motcua/database';"],
    ['libs/mail/src/x.ts', "import { Queue } from 'bullmq';"],
    ['libs/application/src/x.ts', "import { createTransport } from 'nodemailer';"],
    ['apps/worker/src/x.ts', "import { createTransport } from 'nodemailer';"],
    ['libs/database/src/x.ts', "import { MailTransport } from '@motcua/mail';"],
    ['apps/dashboard/src/x.ts', "import { INDICATOR_KEYS } from '@motcua/contracts';"],
    ['apps/dashboard/src/x.ts', "import { readFileSync } from 'node:fs';"],
    ['apps/dashboard/src/x.ts', "import { Injectable } from '@nestjs/common';"],
    [
      'apps/dashboard/src/x.ts',
      "import { DashboardAssets } from '../../api/src/dashboard/dashboard.assets';",
    ],
  ])('%s may not %s', async (file, source) => {
    expect(await restricted(file, source)).toBe(true);
  });

  it.each([
    ['libs/calendar/src/x.ts', "import type { OfficialYearSchedule } from '@motcua/contracts';"],
    ['libs/sla/src/x.ts', "import { toLocalDate } from '@motcua/calendar';"],
    ['libs/database/src/x.ts', "import { DataSource } from 'typeorm';"],
    ['libs/database/src/x.ts', "import { SLA_STATE_RULE } from '@motcua/sla';"],
    ['libs/application/src/x.ts', "import { EventStore } from '@motcua/database';"],
    ['apps/api/src/x.ts', "import { RecordEvents } from '@motcua/application';"],
    ['apps/worker/src/x.ts', "import { Processor } from '@nestjs/bullmq';"],
    ['test/x.e2e-spec.ts', "import { OutboxRelay } from '../apps/worker/src/outbox.relay';"],
    ['libs/documents/src/x.ts', "import type { ApologyLetterView } from '@motcua/contracts';"],
    ['libs/documents/src/x.ts', "import { formatInstant } from '@motcua/calendar';"],
    ['libs/application/src/x.ts', "import { renderApologyLetter } from '@motcua/documents';"],
    ['libs/mail/src/x.ts', "import { createTransport } from 'nodemailer';"],
    ['libs/mail/src/x.ts', "import { formatInstant } from '@motcua/calendar';"],
    ['libs/application/src/x.ts', "import { MailTransport } from '@motcua/mail';"],
    ['apps/dashboard/src/x.ts', "import type { MetricsSummary } from '@motcua/contracts';"],
    ['apps/dashboard/src/x.ts', "import { Chart, LineController } from 'chart.js';"],
  ])('%s may %s', async (file, source) => {
    expect(await restricted(file, source)).toBe(false);
  });
});
