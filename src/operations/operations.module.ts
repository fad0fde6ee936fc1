import { Global, Module } from '@nestjs/common';
import { BridgeMetrics } from './metrics/bridge-metrics';
import { MetricsEndpoint } from './metrics/metrics-endpoint';

/** Production operation: metrics (GET /metrics behind METRICS_TOKEN), shared by every feature. */
@Global()
@Module({
  providers: [BridgeMetrics, MetricsEndpoint],
  exports: [BridgeMetrics],
})
export class OperationsModule {}
