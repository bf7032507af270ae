import { MigrationInterface, QueryRunner } from 'typeorm';

export class CalendarYearVersions1795942900157 implements MigrationInterface {
  name = 'CalendarYearVersions1795942900157';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "calendar_year_versions" (
                "year" integer NOT NULL,
                "version" integer NOT NULL,
                "effective_from" TIMESTAMP WITH TIME ZONE NOT NULL,
                "schedule" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_945ac8d3c46b5efa6ac5a45ec02" PRIMARY KEY ("year", "version")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "calendar_year_versions"
        `);
  }
}
