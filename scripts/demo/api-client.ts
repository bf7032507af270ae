// What the demo asks of the API, through the one typed client of libs/api-client (types from the OpenAPI
// document): retries where the contract allows them, every answer typed by its schema.
import {
  bearer,
  createApiClient,
  login,
  UnexpectedAnswer,
  type MotcuaClient,
  type paths,
  type Schemas,
} from '@motcua/api-client';

export type DossierItem = Schemas['DossierListItem'];
export type DossierView = Schemas['Dossier'];
export type BatchError = NonNullable<Schemas['EventBatchResult']['error']>;
/** A worklist of `GET /api/v1/dossiers?sla=` (the SLA states and the other worklists). */
export type SlaFilter = NonNullable<
  NonNullable<paths['/api/v1/dossiers']['get']['parameters']['query']>['sla']
>;

export interface NewUser {
  username: string;
  password: string;
  roles: Schemas['Role'][];
  units: string[];
}

export class DemoApi {
  /** Retries network errors and 429/502/503/504 (nothing was half-written, says the contract). */
  private readonly client: MotcuaClient;
  /** One attempt, for probing whether the API is up yet. */
  private readonly probe: MotcuaClient;

  constructor(readonly baseUrl: string) {
    this.client = createApiClient(baseUrl, { retries: 5 });
    this.probe = createApiClient(baseUrl, { timeoutMs: 5_000 });
  }

  /** The health report when the API answers 200, else null. */
  async health(): Promise<Schemas['Health'] | null> {
    const res = await this.probe.GET('/health').catch(() => null);
    return res?.response.status === 200 && res.data ? res.data : null;
  }

  login(username: string, password: string): Promise<string> {
    return login(this.client, username, password);
  }

  /** Creates a user; an existing one (409) is fine when re-running against the same database. */
  async ensureUser(adminToken: string, user: NewUser): Promise<{ created: boolean }> {
    const { username, password, roles, units } = user;
    const { response, error } = await this.client.POST('/api/v1/users', {
      body: { username, password, roles, units },
      ...bearer(adminToken),
    });
    if (response.status === 201) return { created: true };
    if (response.status === 409) return { created: false };
    throw new UnexpectedAnswer(`create user ${username}`, response.status, error);
  }

  async calendarDays(token: string, from: string, to: string): Promise<Schemas['CalendarDays']> {
    const { data, error, response } = await this.client.GET('/api/v1/calendar/days', {
      params: { query: { from, to } },
      ...bearer(token),
    });
    if (!data) throw new UnexpectedAnswer('GET /api/v1/calendar/days', response.status, error);
    return data;
  }

  /** Events as the generator made them; the API checks them. */
  async logBatch(token: string, events: unknown[]): Promise<Schemas['EventBatchResponse']> {
    const { data, error, response } = await this.client.POST('/api/v1/events/batch', {
      body: { events } as Schemas['EventBatchRequest'],
      ...bearer(token),
    });
    if (!data) throw new UnexpectedAnswer('POST /api/v1/events/batch', response.status, error);
    return data;
  }

  /** Every item of a worklist (or of all dossiers), following the cursors. */
  async dossiers(token: string, sla?: SlaFilter): Promise<DossierItem[]> {
    const items: DossierItem[] = [];
    let cursor: string | undefined;
    do {
      const { data, error, response } = await this.client.GET('/api/v1/dossiers', {
        params: { query: { sla, cursor, limit: '200' } },
        ...bearer(token),
      });
      if (!data) throw new UnexpectedAnswer('GET /api/v1/dossiers', response.status, error);
      items.push(...data.items);
      cursor = data.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  /** One dossier, or null when the API answers 404. */
  async dossier(token: string, code: string): Promise<DossierView | null> {
    const { data, error, response } = await this.client.GET('/api/v1/dossiers/{code}', {
      params: { path: { code } },
      ...bearer(token),
    });
    if (response.status === 404) return null;
    if (!data) throw new UnexpectedAnswer(`GET /api/v1/dossiers/${code}`, response.status, error);
    return data;
  }
}
