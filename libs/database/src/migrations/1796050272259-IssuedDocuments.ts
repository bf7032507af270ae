import { MigrationInterface, QueryRunner } from 'typeorm';

export class IssuedDocuments1796050272259 implements MigrationInterface {
  name = 'IssuedDocuments1796050272259';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "issued_documents" (
                "id" BIGSERIAL NOT NULL,
                "dossier_code" text NOT NULL,
                "kind" text NOT NULL,
                "key" text NOT NULL,
                "form_code" text NOT NULL,
                "html" text NOT NULL,
                "pdf" bytea NOT NULL,
                "sha256" text NOT NULL,
                "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_d60beaa56179f62b50ddc014241" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "issued_documents_one_per_key" ON "issued_documents" ("dossier_code", "kind", "key")
        `);
    await queryRunner.query(`
            CREATE INDEX "dossiers_received_at" ON "dossiers" ("received_at")
            WHERE received_at IS NOT NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."dossiers_received_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."issued_documents_one_per_key"
        `);
    await queryRunner.query(`
            DROP TABLE "issued_documents"
        `);
  }
}
