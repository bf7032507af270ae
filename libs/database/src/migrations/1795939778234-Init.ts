import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795939778234 implements MigrationInterface {
  name = 'Init1795939778234';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "units" (
                "code" text NOT NULL,
                "name" text NOT NULL,
                "parent_code" text,
                "email" text,
                "kind" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_47635c1ab22d02fc3ebae3608b8" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "procedure_versions" (
                "code" text NOT NULL,
                "version" integer NOT NULL,
                "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "definition" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_14243e3238cb86257dba2f3335e" PRIMARY KEY ("code", "version")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "procedure_versions_code_effective" ON "procedure_versions" ("code", "effective_from")
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "username" text NOT NULL,
                "password_hash" text NOT NULL,
                "roles" text array NOT NULL,
                "units" text array NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_fe0bb3f6520ee0469504521e710" PRIMARY KEY ("username")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "dossier_events" (
                "id" uuid NOT NULL,
                "seq" BIGSERIAL NOT NULL,
                "dossier_code" text NOT NULL,
                "type" text NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "data" jsonb NOT NULL,
                "body_hash" text NOT NULL,
                "actor" text NOT NULL,
                "response" jsonb NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "enqueued_at" TIMESTAMP WITH TIME ZONE,
                "applied_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "UQ_08ec46c2e27338ba09fcd6ce653" UNIQUE ("seq"),
                CONSTRAINT "PK_dc472db0f082aa7b1da60ed88f1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "dossier_events_outbox" ON "dossier_events" ("seq")
            WHERE enqueued_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "dossier_events_dossier" ON "dossier_events" ("dossier_code", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "dossiers" (
                "code" text NOT NULL,
                "procedure_code" text,
                "procedure_version" integer,
                "unit_code" text,
                "units" text array NOT NULL DEFAULT '{}',
                "channel" text,
                "status" text NOT NULL,
                "national_status" smallint,
                "is_open" boolean NOT NULL DEFAULT false,
                "is_paused" boolean NOT NULL DEFAULT false,
                "received_at" TIMESTAMP WITH TIME ZONE,
                "due_at" TIMESTAMP WITH TIME ZONE,
                "warning_at" TIMESTAMP WITH TIME ZONE,
                "apology_deadline" TIMESTAMP WITH TIME ZONE,
                "apology_issued" boolean NOT NULL DEFAULT false,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                "outcome" text,
                "state" jsonb NOT NULL,
                "applied_seq" bigint NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_2f408e41e65ebf503dad3ec713b" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "dossiers_open_due" ON "dossiers" ("due_at")
            WHERE is_open
        `);
    await queryRunner.query(`
            CREATE INDEX "dossiers_unit_due" ON "dossiers" ("unit_code", "due_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_unit_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_open_due"
        `);
    await queryRunner.query(`
            DROP TABLE "dossiers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dossier_events_dossier"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dossier_events_outbox"
        `);
    await queryRunner.query(`
            DROP TABLE "dossier_events"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."procedure_versions_code_effective"
        `);
    await queryRunner.query(`
            DROP TABLE "procedure_versions"
        `);
    await queryRunner.query(`
            DROP TABLE "units"
        `);
  }
}
