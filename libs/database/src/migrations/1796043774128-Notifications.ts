import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1796043774128 implements MigrationInterface {
  name = 'Notifications1796043774128';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notifications" (
                "id" uuid NOT NULL,
                "dossier_code" text,
                "kind" text NOT NULL,
                "key" text NOT NULL,
                "recipient" text NOT NULL,
                "recipient_name" text,
                "channel" text NOT NULL,
                "audience" text NOT NULL,
                "unit_code" text,
                "subject" text NOT NULL,
                "body_text" text NOT NULL,
                "body_html" text,
                "attachments" jsonb,
                "status" text NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "last_error" text,
                "message_id" text,
                "not_before" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "failed_at" TIMESTAMP WITH TIME ZONE,
                "job_seen_at" TIMESTAMP WITH TIME ZONE,
                "logged_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "notifications_created" ON "notifications" ("created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "notifications_unlogged" ON "notifications" ("id")
            WHERE logged_at IS NULL
                AND status IN ('sent', 'failed')
                AND dossier_code IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "notifications_pending" ON "notifications" ("not_before")
            WHERE status = 'pending'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "notifications_one_per_key" ON "notifications" ("dossier_code", "kind", "key", "recipient")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."notifications_one_per_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notifications_pending"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notifications_unlogged"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."notifications_created"
        `);
    await queryRunner.query(`
            DROP TABLE "notifications"
        `);
  }
}
