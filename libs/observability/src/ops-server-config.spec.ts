import { DEFAULT_OPS_PORTS, opsServerConfigFromEnv } from './ops-server-config.js';

describe('ops server configuration', () => {
  it('gives each NATS-only service its own default port on the loopback interface', () => {
    const services = ['profile-service', 'snapshot-orchestrator', 'builder-agent', 'sandbox-launcher', 'scheduler'];
    const ports = services.map((service) => opsServerConfigFromEnv(service, {}).port);
    expect(new Set(ports).size).toBe(services.length);
    expect(opsServerConfigFromEnv('scheduler', {})).toEqual({ host: '127.0.0.1', port: DEFAULT_OPS_PORTS['scheduler'] });
  });

  it('takes SNAPFORGE_OPS_PORT (0 = any free port) and SNAPFORGE_OPS_HOST', () => {
    expect(opsServerConfigFromEnv('scheduler', { SNAPFORGE_OPS_PORT: '0', SNAPFORGE_OPS_HOST: '0.0.0.0' })).toEqual({ host: '0.0.0.0', port: 0 });
  });

  it('refuses a port that is not one, naming the variable', () => {
    for (const bad of ['http', '-1', '65536', '1.5']) {
      expect(() => opsServerConfigFromEnv('scheduler', { SNAPFORGE_OPS_PORT: bad })).toThrow(/SNAPFORGE_OPS_PORT/);
    }
  });
});
