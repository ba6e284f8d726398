import { Controller, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthRpc, rpc, RpcErrorCodes } from '@snapforge/contracts';
import { RpcRequestError } from './rpc-request.error.js';
import { MessagingModule } from './messaging.module.js';
import { useServiceOnNats } from './service-on-nats.spec-support.js';

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
  const running = useServiceOnNats(TestModule, 'rpc-client-spec');

  it('returns the typed result', async () => {
    await expect(running.client.request(echo, { text: 'hi' })).resolves.toEqual({ echoed: 'hi' });
  });

  it('answers health with the service name', async () => {
    const health = await running.client.request(healthRpc('scheduler'), {});
    expect(health).toMatchObject({ service: 'scheduler', status: 'ok' });
    expect(health.instanceId).toMatch(/^scheduler-/);
  });

  it('carries a coded refusal as a typed error', async () => {
    const error = await running.client.request(refuse, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcRequestError);
    expect(error).toMatchObject({ code: 'NAME_TAKEN', message: 'the name is taken' });
  });

  it('answers an internal failure with INTERNAL and no internal detail', async () => {
    const error = await running.client.request(crash, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: RpcErrorCodes.internal });
    expect((error as Error).message).not.toContain('secret');
    expect((error as Error).message).toContain(crash.subject);
  });

  it('times out with TIMEOUT instead of hanging', async () => {
    await expect(running.client.request(slow, {}, { timeoutMs: 200 })).rejects.toMatchObject({ code: RpcErrorCodes.timeout });
  });

  it('fails fast with NO_RESPONDERS when no service listens', async () => {
    await expect(running.client.request(nobody, {}, { timeoutMs: 5_000 })).rejects.toMatchObject({ code: RpcErrorCodes.noResponders });
  });

  it('reconnects after the NATS server crashes and comes back', async () => {
    await running.server.restart();
    await expect(waitFor(() => running.client.request(echo, { text: 'again' }, { timeoutMs: 500 }))).resolves.toEqual({ echoed: 'again' });
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
