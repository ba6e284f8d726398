import type { CommandGroup } from './command.js';
import { rebuildCommand } from './replay-rebuild.command.js';
import { verifyCommand } from './replay-verify.command.js';

export const replayCommands: CommandGroup = {
  name: 'replay',
  summary: "Event replay: rebuild the services' read models and verify them against the event store (operator commands, over NATS)",
  commands: [rebuildCommand, verifyCommand],
};
