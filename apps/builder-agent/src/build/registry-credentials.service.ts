import { Injectable } from '@nestjs/common';
import { registryRpc } from '@snapforge/contracts';
import type { RegistryAuth } from '@snapforge/docker';
import { RpcClient } from '@snapforge/messaging';
import { SecretBox } from '@snapforge/secrets';

/** Fetches a registry's credentials and decrypts the password here, right before a pull, and nowhere else. */
@Injectable()
export class RegistryCredentialsService {
  private readonly secrets = SecretBox.fromEnv();

  constructor(private readonly rpc: RpcClient) {}

  async authFor(workspaceId: string, registryId: string): Promise<RegistryAuth> {
    const credentials = await this.rpc.request(registryRpc.credentials, { workspaceId, idOrName: registryId });
    return {
      serveraddress: registryHost(credentials.url),
      ...(credentials.username ? { username: credentials.username } : {}),
      ...(credentials.passwordCiphertext ? { password: this.secrets.decrypt(credentials.passwordCiphertext) } : {}),
    };
  }
}

/** `https://127.0.0.1:5000/` and `127.0.0.1:5000` both name the registry host `127.0.0.1:5000`. */
export function registryHost(url: string): string {
  return url.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}
