// The bench's result shapes, shared by the harness (which measures) and the report (which draws):
// a module of their own so that neither imports the other.

export interface Dist {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface PhaseResult {
  system: 'product' | 'floor';
  tag: string;
  chats: number;
  ratePerSide: number;
  offeredPerSec: number;
  durationS: number;
  startedAt: string;
  contactToAgent: Dist;
  agentToContact: Dist;
  sendCall: Dist;
  storedPerSec: number;
  deliveredPerSec: number;
  typed: number;
  acked: number;
  stored: number;
  deliveredLive: number;
  /** stored (or acknowledged) but never received over realtime by the other side */
  lost: number;
  ackedNotStored: number;
  /** delivered only by catching up from the store (a realtime event never came) */
  recoveredByCatchUp: number;
  doubled: number;
  doubledDetail: { dbRows: number; clientIdAtTwoSeqs: number; liveDuplicates: number };
  catchUps: number;
  gapCatchUps: number;
  realtimeDisconnects: number;
  subscriptionErrors: number;
  errors: Record<string, number>;
  resources: Record<string, { cpuAvg: number; cpuMax: number; rssPeakMb: number }>;
  loadAvg: number;
  /** Whether the load generators, not the product, were the bottleneck (then the phase is invalid). */
  generators: GeneratorLoad;
  pass: boolean;
  series: { t: number; delivered: number; sent: number; p50: number; p99: number }[];
  histogram: { edges: number[]; counts: number[] };
}

export interface GeneratorLoad {
  /** CPU of all load generator processes, % of one core */
  cpuPercent: number;
  /** the cores they can use: one per process, at most the machine's */
  cores: number;
  saturated: boolean;
}
