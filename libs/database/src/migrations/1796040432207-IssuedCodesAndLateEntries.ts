import { MigrationInterface, QueryRunner } from 'typeorm';

export class IssuedCodesAndLateEntries1796040432207 implements MigrationInterface {
  name = 'IssuedCodesAndLateEntries1796040432207';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "dossier_code_sequences" (
                "agency_code" text NOT NULL,
                "day" date NOT NULL,
                "last_value" integer NOT NULL,
                CONSTRAINT "PK_36b89bf5583f15d02eb5dde0a6a" PRIMARY KEY ("agency_code", "day")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "dossier_events"
            ADD "late_working_minutes" integer
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossier_events" DROP COLUMN "late_working_minutes"
        `);
    await queryRunner.query(`
            DROP TABLE "dossier_code_sequences"
        `);
  }
}
