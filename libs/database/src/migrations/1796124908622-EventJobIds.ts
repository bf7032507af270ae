import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventJobIds1796124908622 implements MigrationInterface {
  name = 'EventJobIds1796124908622';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossier_events"
            ADD "job_id" text
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossier_events" DROP COLUMN "job_id"
        `);
  }
}
