/**
 * The realtime half of the clustered topology (issue 21), from Debian and npm packages:
 * Debian's redis-server on a free port with its data in a temp folder, N soketi nodes
 * (@soketi/soketi) with the Redis adapter, and Debian's nginx as the load balancer — HTTP to
 * the app instances, WebSockets and the Pusher HTTP API to the soketi nodes. The configuration
 * files are deploy/nginx.conf and deploy/soketi.json, rendered here (each ${NAME} replaced), so
 * the bench and docs/deployment.md describe the same thing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getFreePort } from '../scripts/lib/ports';
import { ROOT, startProc, stopProc, waitFor, type Proc } from '../scripts/lib/procs';

export const NGINX = '/usr/sbin/nginx';
export const REDIS = '/usr/bin/redis-server';

/** Why the cluster cannot run here (nginx or redis-server missing), or null. */
export function clusterUnavailable(): string | null {
  const missing = [NGINX, REDIS].filter((f) => !fs.existsSync(f));
  return missing.length ? `not installed: ${missing.join(', ')} (apt-get install -y nginx redis-server)` : null;
}

/** Replaces each ${NAME}; a name without a value is an error (the file and the code drifted). */
export function render(template: string, values: Record<string, string>, json = false): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for \${${name}}`);
    return json ? JSON.stringify(v).slice(1, -1) : v;
  });
}

export interface ClusterCreds {
  PUSHER_APP_ID: string;
  PUSHER_KEY: string;
  PUSHER_SECRET: string;
}

export class ClusterTopology {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cluster-'));
  redis?: Proc;
  redisPort = 0;
  nodes: (Proc | undefined)[] = [];
  nodePorts: number[] = [];
  nodeMetricsPorts: number[] = [];
  private clusterPorts: number[] = [];
  nginx?: Proc;
  lbPort = 0;
  private restarts = 0;

  constructor(
    readonly o: { creds: ClusterCreds; nodes: number; logDir: string; say: (line: string) => void; webhookUrl: () => string; appPorts: () => number[] },
  ) {}

  get lbUrl() {
    return `http://127.0.0.1:${this.lbPort}`;
  }

  async startRedis(): Promise<void> {
    this.redisPort = await getFreePort();
    const data = path.join(this.dir, 'redis');
    fs.mkdirSync(data, { recursive: true });
    this.redis = startProc('redis', [REDIS, '--port', String(this.redisPort), '--bind', '127.0.0.1', '--dir', data, '--save', '', '--appendonly', 'no'], {
      detached: true,
      logFile: path.join(this.o.logDir, 'redis.log'),
    });
    await waitFor('redis', async () => fs.readFileSync(path.join(this.o.logDir, 'redis.log'), 'utf8').includes('Ready to accept connections'), {
      proc: this.redis,
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    this.o.say(`redis: 127.0.0.1:${this.redisPort} (data in ${data})`);
  }

  async startNode(i: number): Promise<void> {
    if (!this.nodePorts[i]) {
      this.nodePorts[i] = await getFreePort();
      this.nodeMetricsPorts[i] = await getFreePort();
      this.clusterPorts[i] = await getFreePort();
    }
    const config = render(
      fs.readFileSync(path.join(ROOT, 'deploy', 'soketi.json'), 'utf8'),
      {
        ...this.o.creds,
        SOKETI_BIND: '127.0.0.1',
        SOKETI_PORT: String(this.nodePorts[i]),
        SOKETI_METRICS_PORT: String(this.nodeMetricsPorts[i]),
        SOKETI_CLUSTER_PORT: String(this.clusterPorts[i]),
        REDIS_HOST: '127.0.0.1',
        REDIS_PORT: String(this.redisPort),
        REDIS_PREFIX: path.basename(this.dir),
        WEBHOOK_URL: this.o.webhookUrl(),
      },
      true,
    );
    const file = path.join(this.dir, `soketi-${i}.json`);
    fs.writeFileSync(file, config);
    const n = this.restarts++;
    this.nodes[i] = startProc(`soketi${i}`, [process.execPath, path.join(ROOT, 'node_modules/@soketi/soketi/bin/server.js'), 'start', `--config=${file}`], {
      detached: true,
      logFile: path.join(this.o.logDir, `soketi${i}${n ? `-${n}` : ''}.log`),
      // soketi reads SOKETI_* variables too; start from a clean slate so only the file counts.
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SOKETI_'))),
    });
    await waitFor(`soketi node ${i}`, async () => (await fetch(`http://127.0.0.1:${this.nodePorts[i]}/ready`).catch(() => null))?.status === 200, {
      proc: this.nodes[i],
      timeoutMs: 60_000,
      intervalMs: 200,
    });
    this.o.say(`soketi node ${i}: 127.0.0.1:${this.nodePorts[i]} (metrics 127.0.0.1:${this.nodeMetricsPorts[i]}/metrics)`);
  }

  /** nginx with deploy/nginx.conf; call again (reload) when the app ports are known or change. */
  async startNginx(): Promise<void> {
    if (!this.lbPort) this.lbPort = await getFreePort();
    const prefix = path.join(this.dir, 'nginx');
    fs.mkdirSync(prefix, { recursive: true });
    const apps = this.o.appPorts();
    const conf = render(fs.readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8'), {
      NGINX_PREFIX: prefix,
      LISTEN: `127.0.0.1:${this.lbPort}`,
      APP_SERVERS: (apps.length ? apps : [1]).map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n'),
      REALTIME_SERVERS: this.nodePorts.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n'),
    });
    const file = path.join(prefix, 'nginx.conf');
    fs.writeFileSync(file, conf);
    if (this.nginx && !this.nginx.hasExited()) {
      process.kill(this.nginx.pid, 'SIGHUP');
      return;
    }
    this.nginx = startProc('nginx', [NGINX, '-p', prefix, '-c', file, '-g', 'daemon off;'], { detached: true, logFile: path.join(this.o.logDir, 'nginx.log') });
    await waitFor('nginx', async () => (await fetch(`${this.lbUrl}/apps/0/health`).catch(() => null)) !== null, { proc: this.nginx, timeoutMs: 30_000, intervalMs: 100 });
    this.o.say(`nginx: ${this.lbUrl} → apps ${apps.join(', ') || '(none yet)'}; realtime ${this.nodePorts.join(', ')}`);
  }

  killNode(i: number): void {
    const p = this.nodes[i];
    if (p && !p.hasExited()) process.kill(-p.pid, 'SIGKILL');
  }

  async stop(): Promise<void> {
    for (const p of [this.nginx, ...this.nodes, this.redis]) if (p) await stopProc(p, 5_000).catch(() => {});
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
