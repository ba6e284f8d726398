import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { launcherRpc, type CaptureSandbox, type ProvisionSandbox, type SandboxOnHost } from '@snapforge/contracts';
import { SandboxHostService } from './sandbox-host.service.js';

/** This host's subjects (`snapforge.sandbox-launcher.<hostId>.*`), bound when the module is built. */
export function sandboxHostControllerFor(hostId: string) {
  const subjects = launcherRpc(hostId);

  @Controller()
  class SandboxHostController {
    constructor(private readonly host: SandboxHostService) {}

    @MessagePattern(subjects.provision.subject)
    provision(@Payload() request: ProvisionSandbox) {
      return this.host.provision(request);
    }

    @MessagePattern(subjects.stop.subject)
    async stop(@Payload() { sandboxId }: SandboxOnHost) {
      await this.host.stop(sandboxId);
      return { stopped: true };
    }

    @MessagePattern(subjects.remove.subject)
    async remove(@Payload() { sandboxId }: SandboxOnHost) {
      await this.host.remove(sandboxId);
      return { removed: true };
    }

    @MessagePattern(subjects.capture.subject)
    capture(@Payload() request: CaptureSandbox) {
      this.host.capture(request);
      return { accepted: true };
    }
  }
  return SandboxHostController;
}
