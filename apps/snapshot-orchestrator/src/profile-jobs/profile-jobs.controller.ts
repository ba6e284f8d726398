import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { profileJobRpc, snapshotJobRpc, type ProfileBuildReport, type RefreshRequest, type SessionRequest } from '@snapforge/contracts';
import { ProfileJobsService } from './profile-jobs.service.js';

@Controller()
export class ProfileJobsController {
  constructor(private readonly jobs: ProfileJobsService) {}

  @MessagePattern(snapshotJobRpc.refresh.subject)
  refresh(@Payload() request: RefreshRequest) {
    return this.jobs.refresh(request);
  }

  @MessagePattern(snapshotJobRpc.get.subject)
  get(@Payload() request: { workspaceId: string; jobId: string }) {
    return this.jobs.job(request);
  }

  @MessagePattern(snapshotJobRpc.session.subject)
  session(@Payload() request: SessionRequest) {
    return this.jobs.session(request);
  }

  @MessagePattern(profileJobRpc.report.subject)
  report(@Payload() report: ProfileBuildReport) {
    return this.jobs.report(report);
  }
}
