import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { profileRpc, type ProfileRef, type VersionRef } from '@snapforge/contracts';
import type { ProfileSpec } from '@snapforge/domain';
import { ProfilesService } from './profiles.service.js';

@Controller()
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @MessagePattern(profileRpc.create.subject)
  create(@Payload() request: { workspaceId: string; name: string }) {
    return this.profiles.create(request);
  }

  @MessagePattern(profileRpc.get.subject)
  get(@Payload() ref: ProfileRef) {
    return this.profiles.get(ref);
  }

  @MessagePattern(profileRpc.list.subject)
  list(@Payload() request: { workspaceId: string; nameContains?: string; limit: number; offset: number }) {
    return this.profiles.list(request);
  }

  @MessagePattern(profileRpc.updateDraft.subject)
  updateDraft(@Payload() request: ProfileRef & { draft: ProfileSpec }) {
    return this.profiles.updateDraft(request);
  }

  @MessagePattern(profileRpc.publish.subject)
  publish(@Payload() ref: ProfileRef) {
    return this.profiles.publish(ref);
  }

  @MessagePattern(profileRpc.versions.subject)
  versions(@Payload() ref: ProfileRef) {
    return this.profiles.versions(ref);
  }

  @MessagePattern(profileRpc.version.subject)
  version(@Payload() ref: VersionRef) {
    return this.profiles.version(ref);
  }

  @MessagePattern(profileRpc.setSchedule.subject)
  setSchedule(@Payload() request: VersionRef & { cron: string; timezone: string }) {
    return this.profiles.setSchedule(request);
  }

  @MessagePattern(profileRpc.removeSchedule.subject)
  removeSchedule(@Payload() ref: VersionRef) {
    return this.profiles.removeSchedule(ref);
  }
}
