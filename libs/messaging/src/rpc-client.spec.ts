import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { healthRpc, rpc, RpcErrorCodes } from '@snapforge/contracts';
import { startNatsServer, type NatsServerHandle } from '@snapforge/testing';
import { connectNats } from './nats-connection.js';
import { RpcClient } from './rpc-client.js';
import { RpcRequestError } from './rpc-request.error.js';
import { MessagingModule } from './messaging.module.js';
import { bootstrapService } from './service-bootstrap.js';

const echo = rpc<{ text: string }, { echoed: string }>('scheduler', 'test.echo');
const refuse = rpc<Record<string, never>, never>('scheduler', 'test.refuse');
const crash = rpc<Record<string, never>, never>('scheduler', 'test.crash');
const slow = rpc<Record<string, never>, string>('scheduler', 'test.slow');
const nobody = rpc<Record<string, never>, never>('scheduler', 'test.nobody');

@Controller()
class TestController {
  @MessagePattern(echo.subject)
  echo({ text }: { text: string }) {
    return { echoed: text };
  }

  @MessagePattern(refuse.subject)
  refuse() {
    throw Object.assign(new Error('the name is taken'), { code: 'NAME_TAKEN' });
  }

  @MessagePattern(crash.subject)
  crash() {
    throw new Error('secret internal detail');
  }

  @MessagePattern(slow.subject)
  async slow() {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    return 'late';
  }
}

@Module({ imports: [MessagingModule.forRoot('scheduler')], controllers: [TestController] })
class TestModule {}

describe('RpcClient against a Nest NATS service', () => {
  let server: NatsServerHandle;
  let service: INestMicroservice;
  let nc: NatsConnection;
  let client: RpcClient;

  beforeAll(async () => {
    server = await startNatsServer();
    process.env.SNAPFORGE_NATS_URL = server.url;
    process.env.SNAPFORGE_OPS_PORT = '0';
    service = await bootstrapService('scheduler', TestModule);
    nc = await connectNats('rpc-client-spec', server.url);
    client = new RpcClient(nc);
  });

  afterAll(async () => {
    await nc?.close();
    await service?.close();
    await server?.stop();
  });

  it('returns the typed result', async () => {
    await expect(client.request(echo, { text: 'hi' })).resolves.toEqual({ echoed: 'hi' });
  });

  it('answers health with the service name', async () => {
    const health = await client.request(healthRpc('scheduler'), {});
    expect(health).toMatchObject({ service: 'scheduler', status: 'ok' });
    expect(health.instanceId).toMatch(/^scheduler-/);
  });

  it('carries a coded refusal as a typed error', async () => {
    const error = await client.request(refuse, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcRequestError);
    expect(error).toMatchObject({ code: 'NAME_TAKEN', message: 'the name is taken' });
  });

  it('answers an internal failure with INTERNAL and no internal detail', async () => {
    const error = await client.request(crash, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RpcErrorCodes.internal });
    expect((error as Error).message).not.toContain('secret');
    expect((error as Error).message).toContain(crash.subject);
  });

  it('times out with TIMEOUT instead of hanging', async () => {
    await expect(client.request(slow, {}, { timeoutMs: 200 })).rejects.toMatchObject({ code: RpcErrorCodes.timeout });
  });

  it('fails fast with NO_RESPONDERS when no service listens', async () => {
    await expect(client.request(nobody, {}, { timeoutMs: 5_000 })).rejects.toMatchObject({ code: RpcErrorCodes.noResponders });
  });

  it('reconnects after the NATS server crashes and comes back', async () => {
    await server.restart();
    await expect(waitFor(() => client.request(echo, { text: 'again' }, { timeoutMs: 500 }))).resolves.toEqual({ echoed: 'again' });
  });
});

async function waitFor<T>(attempt: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
