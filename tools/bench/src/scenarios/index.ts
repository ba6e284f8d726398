import type { Scenario } from '../scenario.js';
import { boxCreateScenario } from './box-create.scenario.js';
import { captureScenario } from './capture.scenario.js';
import { execRoundTripScenario } from './exec-round-trip.scenario.js';
import { localImageScenario } from './local-image.scenario.js';
import { profilePublishScenario } from './profile-publish.scenario.js';
import { registryPullScenario } from './registry-pull.scenario.js';
import { replayScenario } from './replay.scenario.js';

/** Every scenario, in the order `npm run bench` runs them. */
export const SCENARIOS: readonly Scenario[] = [registryPullScenario, localImageScenario, boxCreateScenario, execRoundTripScenario, captureScenario, profilePublishScenario, replayScenario];
