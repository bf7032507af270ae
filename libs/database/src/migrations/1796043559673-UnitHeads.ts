import { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitHeads1796043559673 implements MigrationInterface {
  name = 'UnitHeads1796043559673';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "units"
            ADD "head_name" text
        `);
    await queryRunner.query(`
            ALTER TABLE "units"
            ADD "head_email" text
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "units" DROP COLUMN "head_email"
        `);
    await queryRunner.query(`
            ALTER TABLE "units" DROP COLUMN "head_name"
        `);
  }
}
