import { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackerMilestones1796044037774 implements MigrationInterface {
  name = 'TrackerMilestones1796044037774';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD "holder_unit" text
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD "milestones" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD "supplement_due_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "dossiers_supplement_due" ON "dossiers" ("supplement_due_at")
            WHERE supplement_due_at IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "dossiers_holder_due" ON "dossiers" ("holder_unit", "due_at")
        `);
    // Reviewed addition: rows projected before this migration get the unit of their open step.
    await queryRunner.query(`
            UPDATE "dossiers" SET "holder_unit" = "state"->'steps'->-1->>'unitCode'
            WHERE jsonb_typeof("state"->'steps') = 'array' AND jsonb_array_length("state"->'steps') > 0
              AND ("state"->'steps'->-1->>'endedAt') IS NULL
        `);
    // Reviewed addition: next_deadline_at now names the earliest deadline not acted at yet, past ones included,
    // and the tracker never acted before. Step and supplement deadlines are not in these columns: such a row
    // holds its warning, apology deadline or due until its next event (or the first sweep acting at it)
    // re-projects it with every milestone.
    await queryRunner.query(`
            UPDATE "dossiers" SET "next_deadline_at" = (
                SELECT min(t) FROM (VALUES ("warning_at"),
                    (CASE WHEN NOT "apology_issued" THEN "apology_deadline" END), ("due_at")) AS v(t))
            WHERE "is_open" AND NOT "is_paused"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_holder_due"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_supplement_due"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP COLUMN "supplement_due_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP COLUMN "milestones"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP COLUMN "holder_unit"
        `);
  }
}
