import { apiErrorMessage } from './api-error-message.js';
import { CliError, errorMessage } from './cli-error.js';
import type { GatewayConfig } from './cli-config.js';
import { textLines } from './text-lines.js';

interface SendOptions {
  body?: unknown;
  signal?: AbortSignal;
}

/** The gateway's HTTP API with a workspace's key; every failure is a CliError carrying the API's message. */
export class GatewayClient {
  constructor(private readonly config: GatewayConfig) {}

  async get<T>(path: string): Promise<T> {
    return (await (await this.send('GET', path)).json()) as T;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await (await this.send('POST', path, { body })).json()) as T;
  }

  async delete(path: string): Promise<void> {
    await this.send('DELETE', path);
  }

  /** A plain-text response line by line as it arrives; it ends with the response or when `signal` aborts. */
  async *lines(path: string, signal: AbortSignal): AsyncGenerator<string> {
    const response = await this.send('GET', path, { signal });
    if (response.body) yield* textLines(response.body.pipeThrough(new TextDecoderStream()));
  }

  private async send(method: string, path: string, { body, signal }: SendOptions = {}): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.config.url}${path}`, {
        method,
        headers: { 'x-api-key': this.config.apiKey, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw CliError.failed(`cannot reach the gateway at ${this.config.url}: ${networkReason(error)}`);
    }
    if (!response.ok) throw CliError.failed(apiErrorMessage(response.status, await response.text()));
    return response;
  }
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure) is its cause. */
function networkReason(error: unknown): string {
  return errorMessage(error instanceof Error && error.cause !== undefined ? error.cause : error);
}
