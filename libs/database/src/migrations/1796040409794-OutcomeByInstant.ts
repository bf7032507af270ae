import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutcomeByInstant1796040409794 implements MigrationInterface {
  name = 'OutcomeByInstant1796040409794';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD "outcome_by_instant" text
        `);
    // Reviewed addition: rows projected before this column get the Decision 766 outcome (§7.2) the fold now gives.
    // Without a due date it depends on sla.noDeadlineCountsOnTime: a resolved row keeps what its 06a outcome says,
    // a withdrawn or stopped one stays NULL until its next fold.
    await queryRunner.query(`
            UPDATE "dossiers" SET "outcome_by_instant" = CASE
                WHEN COALESCE(("state"->>'supplementRequests')::int, 0) > 1 THEN 'late'
                WHEN "due_at" IS NULL THEN "outcome"
                WHEN "finished_at" > "due_at" THEN 'late'
                WHEN ("finished_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                   < ("due_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN 'early'
                ELSE 'on_time' END
            WHERE "status" IN ('RESULT_READY', 'RETURNED', 'WITHDRAWN', 'STOPPED') AND "finished_at" IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP COLUMN "outcome_by_instant"
        `);
  }
}
