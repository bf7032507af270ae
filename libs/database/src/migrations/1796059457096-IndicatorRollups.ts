import { MigrationInterface, QueryRunner } from 'typeorm';

export class IndicatorRollups1796059457096 implements MigrationInterface {
  name = 'IndicatorRollups1796059457096';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "indicator_rollups" (
                "month" date NOT NULL,
                "unit_code" text NOT NULL,
                "procedure_code" text NOT NULL,
                "channel" text NOT NULL,
                "received" bigint NOT NULL DEFAULT '0',
                "online" bigint NOT NULL DEFAULT '0',
                "full_online_scope" bigint NOT NULL DEFAULT '0',
                "full_online" bigint NOT NULL DEFAULT '0',
                "routed" bigint NOT NULL DEFAULT '0',
                "routed_electronic" bigint NOT NULL DEFAULT '0',
                "handovers" bigint NOT NULL DEFAULT '0',
                "handovers_electronic" bigint NOT NULL DEFAULT '0',
                "fee_bearing" bigint NOT NULL DEFAULT '0',
                "paid_online" bigint NOT NULL DEFAULT '0',
                "digitized" bigint NOT NULL DEFAULT '0',
                "reused" bigint NOT NULL DEFAULT '0',
                "supplemented" bigint NOT NULL DEFAULT '0',
                "multi_supplemented" bigint NOT NULL DEFAULT '0',
                "apology_needed" bigint NOT NULL DEFAULT '0',
                "apology_on_time" bigint NOT NULL DEFAULT '0',
                "received_late" bigint NOT NULL DEFAULT '0',
                "entries" bigint NOT NULL DEFAULT '0',
                "late_entries" bigint NOT NULL DEFAULT '0',
                "pending" bigint NOT NULL DEFAULT '0',
                "pending_overdue" bigint NOT NULL DEFAULT '0',
                "resolved" bigint NOT NULL DEFAULT '0',
                "early" bigint NOT NULL DEFAULT '0',
                "on_time" bigint NOT NULL DEFAULT '0',
                "late" bigint NOT NULL DEFAULT '0',
                "ended" bigint NOT NULL DEFAULT '0',
                "ended_in_time" bigint NOT NULL DEFAULT '0',
                "processed" bigint NOT NULL DEFAULT '0',
                "processed_minutes" bigint NOT NULL DEFAULT '0',
                "rated" bigint NOT NULL DEFAULT '0',
                "satisfied" bigint NOT NULL DEFAULT '0',
                "rated_online" bigint NOT NULL DEFAULT '0',
                "satisfied_online" bigint NOT NULL DEFAULT '0',
                CONSTRAINT "PK_a9ce31c86b59872d9367d91bccb" PRIMARY KEY (
                    "month",
                    "unit_code",
                    "procedure_code",
                    "channel"
                )
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD "lead_unit" text
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers"
            ADD "facts" jsonb
        `);
    await queryRunner.query(`
            CREATE INDEX "dossiers_finished_at" ON "dossiers" ("finished_at")
            WHERE finished_at IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_finished_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP COLUMN "facts"
        `);
    await queryRunner.query(`
            ALTER TABLE "dossiers" DROP COLUMN "lead_unit"
        `);
    await queryRunner.query(`
            DROP TABLE "indicator_rollups"
        `);
  }
}
