// The layers' import rules (docs/architecture.md): each block says what a part of the tree may not import.
const IO = ['fs', 'net', 'http', 'https', 'child_process', 'dgram', 'tls', 'worker_threads', 'cluster'];
// SMTP is libs/mail's alone (engineering-notes: every side effect behind one injected class).
const SMTP = ['nodemailer', 'nodemailer/*'];
const NODE_IO = IO.flatMap((m) => [m, `node:${m}`, `${m}/*`, `node:${m}/*`]);
const FRAMEWORKS = [
  '@nestjs/*',
  'typeorm',
  'typeorm/*',
  'bullmq',
  'pg',
  'pg/*',
  'ioredis',
  'express',
  ...SMTP,
];
const APPS = ['**/apps/**', '**/api/src/**', '**/worker/src/**'];
// Libraries and apps reach each other through package names, never by a relative path out of their own folder.
const OTHER_LIBS = ['**/libs/**', '../../*', '../../**'];
// What a pure library (no framework, no I/O) may never import.
const PURE = [
  ...FRAMEWORKS,
  ...NODE_IO,
  '@motcua/config',
  '@motcua/database',
  '@motcua/queue',
  '@motcua/application',
  ...APPS,
  ...OTHER_LIBS,
];

const rule = (groups, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map((group) => ({ group: [group].flat(), message })) },
  ],
});

export default [
  {
    files: ['libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: rule(
      [...FRAMEWORKS, ...NODE_IO, '@motcua/*', ...APPS, ...OTHER_LIBS],
      'libs/contracts is the bottom layer: zod schemas only',
    ),
  },
  {
    files: ['libs/calendar/**/*.ts'],
    // Specs and test fixtures may read config/ files; the rule guards the library's own code.
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: rule(
      [...PURE, '@motcua/sla'],
      'libs/calendar is pure: no framework, no I/O, only @motcua/contracts',
    ),
  },
  {
    files: ['libs/sla/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: rule(PURE, 'libs/sla is pure: no framework, no I/O, only @motcua/calendar and @motcua/contracts'),
  },
  {
    files: ['libs/documents/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: rule(
      [...PURE, '@motcua/sla'],
      'libs/documents is pure rendering: no framework, no I/O, only @motcua/calendar and @motcua/contracts',
    ),
  },
  {
    files: ['libs/indicators/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**'],
    rules: rule(
      PURE,
      'libs/indicators is pure: no framework, no I/O, only @motcua/sla, @motcua/calendar and @motcua/contracts',
    ),
  },
  {
    files: ['libs/config/**/*.ts'],
    rules: rule(
      [...FRAMEWORKS, '@motcua/database', '@motcua/queue', '@motcua/application', ...APPS, ...OTHER_LIBS],
      'libs/config reads the environment and config/ files; it knows no framework and no storage',
    ),
  },
  {
    files: ['libs/database/**/*.ts'],
    rules: rule(
      [
        'bullmq',
        '@nestjs/bullmq',
        'ioredis',
        ...SMTP,
        '@motcua/queue',
        '@motcua/mail',
        '@motcua/application',
        ...APPS,
        ...OTHER_LIBS,
      ],
      'libs/database is storage only: no queue, no mail, no use cases',
    ),
  },
  {
    files: ['libs/queue/**/*.ts'],
    rules: rule(
      [
        'typeorm',
        'typeorm/*',
        '@nestjs/typeorm',
        'pg',
        ...SMTP,
        '@motcua/database',
        '@motcua/mail',
        '@motcua/application',
        ...APPS,
        ...OTHER_LIBS,
      ],
      'libs/queue is BullMQ only: no storage, no mail, no use cases',
    ),
  },
  {
    files: ['libs/mail/**/*.ts'],
    rules: rule(
      [
        'typeorm',
        'typeorm/*',
        '@nestjs/typeorm',
        'pg',
        'pg/*',
        'bullmq',
        '@nestjs/bullmq',
        'ioredis',
        '@motcua/database',
        '@motcua/queue',
        '@motcua/application',
        ...APPS,
        ...OTHER_LIBS,
      ],
      'libs/mail is SMTP and templates only: no storage, no queue, no use cases',
    ),
  },
  {
    files: ['libs/application/**/*.ts'],
    rules: rule(
      [
        'typeorm',
        'typeorm/*',
        '@nestjs/typeorm',
        'pg',
        'bullmq',
        '@nestjs/bullmq',
        'ioredis',
        ...SMTP,
        ...APPS,
        ...OTHER_LIBS,
      ],
      'use cases reach PostgreSQL, Redis and SMTP only through libs/database, libs/queue and libs/mail',
    ),
  },
  {
    files: ['libs/api-client/**/*.ts'],
    rules: rule(
      [...FRAMEWORKS, ...NODE_IO, '@motcua/*', ...APPS, ...OTHER_LIBS],
      'libs/api-client speaks HTTP only: openapi-fetch on the generated types',
    ),
  },
  {
    files: ['apps/api/**/*.ts'],
    rules: rule(
      [
        '**/apps/worker/**',
        '**/worker/src/**',
        'typeorm',
        'typeorm/*',
        '@nestjs/typeorm',
        'pg',
        'ioredis',
        ...SMTP,
        ...OTHER_LIBS,
      ],
      'apps/api is thin: it calls use cases of @motcua/application and never imports the worker or storage',
    ),
  },
  {
    // The dashboard's page runs in a browser: chart.js and its own modules; the contracts' types, never their code.
    files: ['apps/dashboard/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      ...rule(
        [...FRAMEWORKS, 'node:*', ...IO, '**/api/src/**', '**/worker/src/**', ...OTHER_LIBS],
        'apps/dashboard is a browser page: no Node, no framework, no server code',
      ),
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@motcua/*'],
              allowTypeImports: true,
              message: 'apps/dashboard takes types from the libraries (import type), never their code',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/worker/**/*.ts'],
    rules: rule(
      [
        '**/apps/api/**',
        '**/api/src/**',
        'typeorm',
        'typeorm/*',
        '@nestjs/typeorm',
        'pg',
        'ioredis',
        ...SMTP,
        ...OTHER_LIBS,
      ],
      'apps/worker is thin: it calls use cases of @motcua/application and never imports the API or storage',
    ),
  },
];
