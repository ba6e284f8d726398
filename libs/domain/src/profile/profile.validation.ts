import { sandboxViolations } from '../sandbox/sandbox.validation.js';
import type { ProfileSpec } from './profile-spec.js';

/** The largest setup script, in UTF-8 bytes: 64 KiB. */
export const PROFILE_SETUP_SCRIPT_MAX_BYTES = 64 * 1024;

const utf8 = new TextEncoder();

/**
 * Every rule a draft breaks, each naming its field as the API spells it, so that one refusal tells
 * the user everything to fix. A draft is work in progress: it may still lack its base image, which
 * only publishing requires.
 */
export function profileDraftViolations(draft: ProfileSpec): string[] {
  const { setupScript, vcpus, memBytes, fsCapacityBytes, runConfig } = draft;
  // Sessions run with these resources and run config, so they follow the sandbox rules.
  const sessionViolations = sandboxViolations({ vcpus, memBytes, fsCapacityBytes, runConfig });
  return utf8.encode(setupScript).byteLength > PROFILE_SETUP_SCRIPT_MAX_BYTES
    ? [`setup_script must be at most ${PROFILE_SETUP_SCRIPT_MAX_BYTES} bytes (64 KiB) of UTF-8`, ...sessionViolations]
    : sessionViolations;
}

/** Every rule a spec breaks to be published as a version: a draft's rules, and a base image to build from. */
export function profileSpecViolations(spec: ProfileSpec): string[] {
  const draftViolations = profileDraftViolations(spec);
  return spec.baseImage.trim() === '' ? ['base_image must not be empty', ...draftViolations] : draftViolations;
}
