import { MigrationInterface, QueryRunner } from 'typeorm';

export class UserAccounts1796040345637 implements MigrationInterface {
  name = 'UserAccounts1796040345637';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "user_audit" (
                "id" BIGSERIAL NOT NULL,
                "at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor" text NOT NULL,
                "username" text NOT NULL,
                "action" text NOT NULL,
                "changes" jsonb NOT NULL,
                CONSTRAINT "PK_028d1949aea3ccc867e56bd4bb4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "user_audit_username" ON "user_audit" ("username", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "disabled" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "token_version" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
        `);
    // Reviewed addition: existing users were last changed when they were created.
    await queryRunner.query(`
            UPDATE "users" SET "updated_at" = "created_at"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "updated_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "token_version"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "disabled"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."user_audit_username"
        `);
    await queryRunner.query(`
            DROP TABLE "user_audit"
        `);
  }
}
