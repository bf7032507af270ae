import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { openApiComponents } from '@motcua/contracts';

/**
 * The OpenAPI document: routes and their decorators from the controllers, every schema from libs/contracts
 * (the decorators point at `#/components/schemas/...`, filled here from the same registry).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('motcua')
    .setDescription('Deadlines of one-stop administrative-procedure dossiers (HTTP contract v1)')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const doc = SwaggerModule.createDocument(app, config);
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...openApiComponents() } };
  return doc;
}
