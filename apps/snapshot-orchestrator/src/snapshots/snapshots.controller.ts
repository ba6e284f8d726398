import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { snapshotRpc, type BuildReport, type CreateSnapshotRequest, type ListSnapshotsRequest, type SnapshotRef } from '@snapforge/contracts';
import { SnapshotsService } from './snapshots.service.js';

@Controller()
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @MessagePattern(snapshotRpc.create.subject)
  create(@Payload() request: CreateSnapshotRequest) {
    return this.snapshots.create(request);
  }

  @MessagePattern(snapshotRpc.get.subject)
  get(@Payload() ref: SnapshotRef) {
    return this.snapshots.get(ref);
  }

  @MessagePattern(snapshotRpc.getByName.subject)
  getByName(@Payload() ref: { workspaceId: string; name: string }) {
    return this.snapshots.getByName(ref);
  }

  @MessagePattern(snapshotRpc.list.subject)
  list(@Payload() request: ListSnapshotsRequest) {
    return this.snapshots.list(request);
  }

  @MessagePattern(snapshotRpc.delete.subject)
  delete(@Payload() ref: SnapshotRef) {
    return this.snapshots.delete(ref);
  }

  @MessagePattern(snapshotRpc.reportBuild.subject)
  reportBuild(@Payload() report: BuildReport) {
    return this.snapshots.reportBuild(report);
  }
}
