/**
 * A wait or check ended because the service is stopping: not a failure, so callers stop quietly
 * (no error line at shutdown). Adapters throw their own subclass.
 */
export class ServiceStoppingError extends Error {}
