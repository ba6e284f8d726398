import type { RpcClient } from '@snapforge/messaging';
import { CliError } from './cli-error.js';
import { withCliNats } from './cli-nats.js';
import type { CommandLine } from './command-line.js';

/** Runs `use` with an RpcClient on the installation's NATS, where operator commands go. */
export async function withOperatorRpc<T>(line: CommandLine, use: (rpc: RpcClient) => Promise<T>): Promise<T> {
  const { RpcClient, RpcRequestError } = await import('@snapforge/messaging');
  return withCliNats(line, async (nc, url) => {
    try {
      return await use(new RpcClient(nc));
    } catch (error) {
      if (error instanceof RpcRequestError) throw CliError.failed(`${error.message} (NATS at ${url})`);
      throw error;
    }
  });
}
