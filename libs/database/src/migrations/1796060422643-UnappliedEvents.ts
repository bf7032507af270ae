import { MigrationInterface, QueryRunner } from 'typeorm';

export class UnappliedEvents1796060422643 implements MigrationInterface {
  name = 'UnappliedEvents1796060422643';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "dossier_events_unapplied" ON "dossier_events" ("seq")
            WHERE applied_at IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."dossier_events_unapplied"
        `);
  }
}
