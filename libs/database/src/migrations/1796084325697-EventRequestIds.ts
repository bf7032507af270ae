import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventRequestIds1796084325697 implements MigrationInterface {
  name = 'EventRequestIds1796084325697';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossier_events"
            ADD "request_id" text
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "dossier_events" DROP COLUMN "request_id"
        `);
  }
}
