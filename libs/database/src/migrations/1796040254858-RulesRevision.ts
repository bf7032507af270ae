import { MigrationInterface, QueryRunner } from 'typeorm';

export class RulesRevision1796040254858 implements MigrationInterface {
  name = 'RulesRevision1796040254858';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "rules_revision" (
                "id" smallint NOT NULL,
                "revision" integer NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "rules_revision_one_row" CHECK (id = 1),
                CONSTRAINT "PK_258ed872fed26f55e815d09a7f7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "settings_versions" (
                "version" integer NOT NULL,
                "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "settings" jsonb NOT NULL,
                "revision" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_255d5d8babde1c04ae44aa70e8f" PRIMARY KEY ("version")
            )
        `);
    // Reviewed: what was published before revisions existed counts as revision 1.
    await queryRunner.query(`
            ALTER TABLE "procedure_versions"
            ADD "revision" integer NOT NULL DEFAULT 1
        `);
    await queryRunner.query(`
            ALTER TABLE "procedure_versions" ALTER COLUMN "revision" DROP DEFAULT
        `);
    await queryRunner.query(`
            ALTER TABLE "dossier_events"
            ADD "rules_revision" integer
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD "received_late" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            CREATE INDEX "dossiers_received_late" ON "dossiers" ("due_at")
            WHERE received_late
        `);
    // Reviewed additions: the counter starts at 1 (the publications above), and rows projected before this
    // column take the fold's receivedLate from their stored state.
    await queryRunner.query(`
            INSERT INTO "rules_revision" ("id", "revision") VALUES (1, 1)
        `);
    await queryRunner.query(`
            UPDATE "dossiers" SET "received_late" = true WHERE ("state"->>'receivedLate')::boolean
        `);
    // Reviewed: what was published before revisions existed counts as revision 1.
    await queryRunner.query(`
            ALTER TABLE "calendar_year_versions"
            ADD "revision" integer NOT NULL DEFAULT 1
        `);
    await queryRunner.query(`
            ALTER TABLE "calendar_year_versions" ALTER COLUMN "revision" DROP DEFAULT
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "calendar_year_versions" DROP COLUMN "revision"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_received_late"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP COLUMN "received_late"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossier_events" DROP COLUMN "rules_revision"
        `);
    await queryRunner.query(`
            ALTER TABLE "procedure_versions" DROP COLUMN "revision"
        `);
    await queryRunner.query(`
            DROP TABLE "settings_versions"
        `);
    await queryRunner.query(`
            DROP TABLE "rules_revision"
        `);
  }
}
