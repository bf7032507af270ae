import { MigrationInterface, QueryRunner } from 'typeorm';

export class Reactions1796043028480 implements MigrationInterface {
  name = 'Reactions1796043028480';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reactions" (
                "reactor" text NOT NULL,
                "event_id" uuid NOT NULL,
                "reacted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_39b4ca95ff2e988ac2fd7065443" PRIMARY KEY ("reactor", "event_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "dossier_events_type_seq" ON "dossier_events" ("type", "seq")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."dossier_events_type_seq"
        `);
    await queryRunner.query(`
            DROP TABLE "reactions"
        `);
  }
}
