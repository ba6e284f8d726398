import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { CommandSessions } from './command-sessions.js';
import type { DataPlaneContext } from './dataplane-context.js';
import { DEFAULT_DATAPLANE_LIMITS, type DataPlaneDeps } from './dataplane-deps.js';
import { answerDataPlaneError, DataPlaneError } from './dataplane-errors.js';
import { registerDownloadRoute } from './download.route.js';
import { registerExecuteRoute } from './execute.route.js';
import { registerExecuteWsRoute } from './execute-ws.route.js';
import { authorizeSandboxAccess } from './sandbox-access.js';
import { registerUploadRoute } from './upload.route.js';

/** WebSocket messages carry commands and stdin input: generous, but bounded. */
const MAX_WS_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * The sandboxes' data plane: each sandbox's `dataplane_url` is `<this server>/sandboxes/<id>`, below
 * which it serves `POST /execute`, WebSocket `/execute/ws`, `POST /upload` and `GET|HEAD /download`
 * for the langsmith client. Every request is authorized by the launcher first. The caller listens;
 * closing the server kills the WebSocket commands still running.
 */
export function createDataPlaneServer(deps: DataPlaneDeps): FastifyInstance {
  const app = Fastify(deps.logger ? { loggerInstance: deps.logger } : { logger: false });
  const context: DataPlaneContext = {
    docker: deps.docker,
    sandboxes: deps.sandboxes,
    limits: { ...DEFAULT_DATAPLANE_LIMITS, ...deps.limits },
    sessions: new CommandSessions(),
  };
  app.setErrorHandler(answerDataPlaneError);
  app.setNotFoundHandler((request) => {
    throw new DataPlaneError(404, 'NotFound', `no data-plane route ${request.method} ${request.url.split('?')[0]}`);
  });
  void app.register(websocket, { options: { maxPayload: MAX_WS_MESSAGE_BYTES } });
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', authorizeSandboxAccess(deps.sandboxes));
      registerExecuteRoute(scope, context);
      registerExecuteWsRoute(scope, context);
      registerUploadRoute(scope, context);
      registerDownloadRoute(scope, context);
    },
    { prefix: '/sandboxes/:sandboxId' },
  );
  app.addHook('onClose', () => context.sessions.close());
  return app;
}
