import { MigrationInterface, QueryRunner } from 'typeorm';

export class OneReceptionPerDossier1795940483499 implements MigrationInterface {
  name = 'OneReceptionPerDossier1795940483499';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE UNIQUE INDEX "dossier_events_one_reception" ON "dossier_events" ("dossier_code")
            WHERE type IN ('received', 'refused_at_reception')
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."dossier_events_one_reception"
        `);
  }
}
