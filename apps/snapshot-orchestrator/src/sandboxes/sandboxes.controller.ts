import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  sandboxRpc,
  type CaptureSandboxRequest,
  type CreateSandboxRequest,
  type GetSandboxRequest,
  type ListSandboxesRequest,
  type SandboxRef,
  type UpdateSandboxRequest,
} from '@snapforge/contracts';
import { SandboxesService } from './sandboxes.service.js';

@Controller()
export class SandboxesController {
  constructor(private readonly sandboxes: SandboxesService) {}

  @MessagePattern(sandboxRpc.create.subject)
  create(@Payload() request: CreateSandboxRequest) {
    return this.sandboxes.create(request);
  }

  @MessagePattern(sandboxRpc.get.subject)
  get(@Payload() request: GetSandboxRequest) {
    return this.sandboxes.get(request);
  }

  @MessagePattern(sandboxRpc.list.subject)
  list(@Payload() request: ListSandboxesRequest) {
    return this.sandboxes.list(request);
  }

  @MessagePattern(sandboxRpc.update.subject)
  update(@Payload() request: UpdateSandboxRequest) {
    return this.sandboxes.update(request);
  }

  @MessagePattern(sandboxRpc.delete.subject)
  delete(@Payload() ref: SandboxRef) {
    return this.sandboxes.delete(ref);
  }

  @MessagePattern(sandboxRpc.stop.subject)
  stop(@Payload() { reason, ...ref }: SandboxRef & { reason?: 'user' | 'idle' }) {
    return this.sandboxes.stop(ref, reason);
  }

  @MessagePattern(sandboxRpc.start.subject)
  start(@Payload() ref: SandboxRef) {
    return this.sandboxes.start(ref);
  }

  @MessagePattern(sandboxRpc.capture.subject)
  capture(@Payload() request: CaptureSandboxRequest) {
    return this.sandboxes.capture(request);
  }
}
