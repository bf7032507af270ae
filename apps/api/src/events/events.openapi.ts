import { DOSSIER_EVENT_TYPES } from '@motcua/sla';

/** OpenAPI description of the event envelope (the strict validator in libs/contracts is the authority). */
export const EVENT_SCHEMA = {
  type: 'object',
  required: ['id', 'dossierCode', 'type', 'occurredAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid', description: 'chosen by the client: the idempotency key' },
    dossierCode: { type: 'string', example: 'H57.12-250124-0001' },
    type: { type: 'string', enum: [...DOSSIER_EVENT_TYPES] },
    occurredAt: { type: 'string', format: 'date-time', example: '2025-01-24T16:00:00+07:00' },
    data: { type: 'object', description: 'per type, see the HTTP contract' },
  },
};

export const RECEIVED_EXAMPLE = {
  id: '3f1c2a9e-1111-4c8e-9a3a-000000000001',
  dossierCode: 'H57.12-250124-0001',
  type: 'received',
  occurredAt: '2025-01-24T16:00:00+07:00',
  data: {
    procedureCode: '1.014199',
    channel: 'direct',
    applicant: { name: 'Nguyễn Văn An', phone: '0912345678' },
    documents: [{ name: 'Tờ khai', digitized: true }],
  },
};
