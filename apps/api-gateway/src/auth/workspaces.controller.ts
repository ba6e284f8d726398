import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { workspaceRpc } from '@snapforge/contracts';
import { WorkspacesService } from './workspaces.service.js';

/** Operator commands over NATS (the `snapforge` CLI); not on the public HTTP API. */
@Controller()
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @MessagePattern(workspaceRpc.create.subject)
  create(@Payload() { name }: { name: string }) {
    return this.workspaces.create(name);
  }
}
