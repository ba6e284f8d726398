import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CreateRegistryRequest, ListRegistriesRequest, RegistryRef, UpdateRegistryRequest } from '@snapforge/contracts';
import {
  DomainError,
  RegistryErrorCode,
  registryDecider,
  registryNameDecider,
  registryNameStreamName,
  registryStreamName,
  type RegistryCommand,
  type RegistryCredentials,
  type RegistryListPage,
  type RegistryView,
} from '@snapforge/domain';
import { EVENT_STORE, handleCommand, type EventStore } from '@snapforge/event-store';
import { RegistryProjection } from './registry-projection.service.js';

/**
 * Private registries and their credentials. Names are unique per workspace through a guard stream;
 * the password is only ever held as the gateway's ciphertext.
 */
@Injectable()
export class RegistriesService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projection: RegistryProjection,
  ) {}

  async create(request: CreateRegistryRequest): Promise<RegistryView> {
    const registryId = randomUUID();
    const at = new Date().toISOString();
    const command: RegistryCommand = {
      type: 'CreateRegistry',
      data: {
        registryId,
        workspaceId: request.workspaceId,
        name: request.name,
        url: request.url,
        ...(request.username !== undefined ? { username: request.username } : {}),
        ...(request.passwordCiphertext !== undefined ? { passwordCiphertext: request.passwordCiphertext } : {}),
        ...(request.createdBy !== undefined ? { createdBy: request.createdBy } : {}),
        at,
      },
    };
    // Refuse invalid input before the name is reserved, so a bad request leaves nothing behind.
    registryDecider.decide(command, registryDecider.initialState());
    await this.reserveName(request.workspaceId, request.name, registryId, at);
    const outcome = await handleCommand(this.store, registryDecider, registryStreamName(registryId), command, { expectNew: true });
    await this.projection.waitFor(outcome.position);
    return this.get({ workspaceId: request.workspaceId, idOrName: registryId });
  }

  get({ workspaceId, idOrName }: RegistryRef): RegistryView {
    const view = this.projection.model.get(workspaceId, idOrName);
    if (!view) throw notFound(idOrName);
    return view;
  }

  list({ workspaceId, nameContains, limit, offset }: ListRegistriesRequest): RegistryListPage {
    return this.projection.model.list(workspaceId, { ...(nameContains ? { nameContains } : {}), limit, offset });
  }

  credentials({ workspaceId, idOrName }: RegistryRef): RegistryCredentials {
    const credentials = this.projection.model.credentials(workspaceId, idOrName);
    if (!credentials) throw notFound(idOrName);
    return credentials;
  }

  async update(request: UpdateRegistryRequest): Promise<RegistryView> {
    const current = this.get(request);
    const at = new Date().toISOString();
    const renamed = request.name !== undefined && request.name !== current.name;
    if (renamed) await this.reserveName(request.workspaceId, request.name as string, current.id, at);
    const outcome = await handleCommand(this.store, registryDecider, registryStreamName(current.id), {
      type: 'UpdateRegistry',
      data: {
        ...(request.name !== undefined ? { name: request.name } : {}),
        ...(request.url !== undefined ? { url: request.url } : {}),
        ...(request.username !== undefined ? { username: request.username } : {}),
        ...(request.passwordCiphertext !== undefined ? { passwordCiphertext: request.passwordCiphertext } : {}),
        at,
      },
    });
    if (renamed) await this.releaseName(request.workspaceId, current.name, current.id, at);
    await this.projection.waitFor(outcome.position);
    return this.get({ workspaceId: request.workspaceId, idOrName: current.id });
  }

  async delete(ref: RegistryRef): Promise<{ deleted: true }> {
    const current = this.get(ref);
    const at = new Date().toISOString();
    const outcome = await handleCommand(this.store, registryDecider, registryStreamName(current.id), { type: 'DeleteRegistry', data: { at } });
    await this.releaseName(ref.workspaceId, current.name, current.id, at);
    await this.projection.waitFor(outcome.position);
    return { deleted: true };
  }

  private async reserveName(workspaceId: string, name: string, registryId: string, at: string): Promise<void> {
    await handleCommand(
      this.store,
      registryNameDecider,
      registryNameStreamName(workspaceId, name),
      { type: 'ReserveRegistryName', data: { workspaceId, name, registryId, at } },
      { expectNew: true },
    );
  }

  private async releaseName(workspaceId: string, name: string, registryId: string, at: string): Promise<void> {
    await handleCommand(this.store, registryNameDecider, registryNameStreamName(workspaceId, name), {
      type: 'ReleaseRegistryName',
      data: { registryId, at },
    });
  }
}

function notFound(idOrName: string): DomainError {
  return new DomainError(RegistryErrorCode.NotFound, `registry '${idOrName}' not found`);
}
