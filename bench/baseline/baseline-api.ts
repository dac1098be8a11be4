/**
 * BaselineApi is the handful of oVirt REST calls the `ovirt_job` Ansible module makes through
 * the Python SDK (list jobs, add/end a job, list a job's steps, add/end a step), spoken here as
 * JSON over one keep-alive connection pool. It exists only to drive the baseline: it has no
 * retries, no typed errors and no re-login.
 */
import { Agent, request } from 'undici';

/** BaselineEntity is what the module reads of a listed job or step. */
export interface BaselineEntity {
  readonly id: string;
  readonly description: string;
  readonly status: string;
}

/** BaselineApi talks to one engine as one user. */
export class BaselineApi {
  private token = '';
  private readonly agent: Agent;

  constructor(
    private readonly engineUrl: string,
    private readonly user: { readonly name: string; readonly password: string },
    caPem: string | undefined,
  ) {
    this.agent = new Agent({ connections: 4, connect: caPem === undefined ? {} : { ca: caPem } });
  }

  /** login gets an SSO token, as the `ovirt_auth` module does once per playbook run. */
  async login(): Promise<void> {
    const form = new URLSearchParams({ grant_type: 'password', scope: 'ovirt-app-api', username: this.user.name, password: this.user.password });
    const answer = await this.call('POST', '/ovirt-engine/sso/oauth/token', form.toString(), 'application/x-www-form-urlencoded');
    const token = (answer as { access_token?: unknown }).access_token;
    if (typeof token !== 'string') throw new Error('The engine answered the baseline login without an access_token; check the user and password.');
    this.token = token;
  }

  listJobs = async (): Promise<BaselineEntity[]> => entities(await this.api('GET', '/jobs'), 'job');
  addJob = async (description: string): Promise<BaselineEntity> =>
    (await this.api('POST', '/jobs', { description, auto_cleared: 'true' })) as BaselineEntity;
  endJob = async (jobId: string, succeeded: boolean): Promise<void> =>
    void (await this.api('POST', `/jobs/${jobId}/end`, { succeeded: String(succeeded) }));
  listSteps = async (jobId: string): Promise<BaselineEntity[]> => entities(await this.api('GET', `/jobs/${jobId}/steps`), 'step');
  addStep = async (jobId: string, description: string): Promise<BaselineEntity> =>
    (await this.api('POST', `/jobs/${jobId}/steps`, { description, type: 'unknown' })) as BaselineEntity;
  endStep = async (jobId: string, stepId: string, succeeded: boolean): Promise<void> =>
    void (await this.api('POST', `/jobs/${jobId}/steps/${stepId}/end`, { succeeded: String(succeeded) }));

  close(): Promise<void> {
    return this.agent.close();
  }

  private api(method: string, path: string, body?: object): Promise<unknown> {
    return this.call(method, `/ovirt-engine/api${path}`, body === undefined ? undefined : JSON.stringify(body), 'application/json');
  }

  private async call(method: string, path: string, body: string | undefined, contentType: string): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json', 'content-type': contentType };
    if (this.token !== '') headers.authorization = `Bearer ${this.token}`;
    const answer = await request(`${this.engineUrl}${path}`, { method, body, headers, dispatcher: this.agent });
    const text = await answer.body.text();
    if (answer.statusCode >= 400) {
      throw new Error(`Baseline call ${method} ${path} answered ${answer.statusCode}: ${text.slice(0, 200)}`);
    }
    return text === '' ? {} : (JSON.parse(text) as unknown);
  }
}

function entities(collection: unknown, member: 'job' | 'step'): BaselineEntity[] {
  const list = (collection as Record<string, unknown>)[member];
  return Array.isArray(list) ? (list as BaselineEntity[]) : [];
}
