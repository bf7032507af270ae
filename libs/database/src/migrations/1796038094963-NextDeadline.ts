import { MigrationInterface, QueryRunner } from 'typeorm';

export class NextDeadline1796038094963 implements MigrationInterface {
  name = 'NextDeadline1796038094963';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD "next_deadline_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "dossiers_next_deadline" ON "dossiers" ("next_deadline_at")
            WHERE next_deadline_at IS NOT NULL
        `);
    // Reviewed addition: rows projected before this column get the next instant still ahead of them.
    await queryRunner.query(`
            UPDATE "dossiers" SET "next_deadline_at" = (
                SELECT min(t) FROM (VALUES ("warning_at"),
                    (CASE WHEN NOT "apology_issued" THEN "apology_deadline" END), ("due_at")) AS v(t)
                WHERE t > now())
            WHERE "is_open" AND NOT "is_paused"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_next_deadline"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP COLUMN "next_deadline_at"
        `);
  }
}
