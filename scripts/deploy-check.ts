// Checks the deployment files in deploy/: every Kubernetes document in deploy/k8s/ against
// the Kubernetes schemas (kubernetes-models), then the references between them that the
// schemas cannot see (a Service that selects no Deployment, a probe on an undeclared port,
// a secretKeyRef to a key the Secret lacks, an HPA aiming at nothing), and the compose file's
// shape. Each check returns problems as sentences naming the file and object; [] is good.
// `npm test` runs it (scripts/__tests__/deploy.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { trustedProxyEntry } from '../frontends/mobi/src/config';

export const deployDir = path.resolve(__dirname, '..', 'deploy');

/** One YAML document and the file it came from. */
export interface Manifest {
  readonly file: string;
  // Parsed YAML: checked field by field below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly doc: any;
}

/** Every document of every .yaml file in a folder, in file order. */
export function loadManifests(dir: string = path.join(deployDir, 'k8s')): Manifest[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .flatMap((name) => {
      const documents = parseAllDocuments(fs.readFileSync(path.join(dir, name), 'utf8'));
      return documents.map((document) => {
        if (document.errors.length > 0) throw new Error(`${name}: ${document.errors[0]?.message}`);
        return { file: name, doc: document.toJS() };
      });
    })
    .filter((manifest) => manifest.doc !== null);
}

const label = (m: Manifest) => `${m.file}: ${m.doc?.kind ?? '?'} ${m.doc?.metadata?.name ?? '(no name)'}`;

interface Validating {
  validate(): void;
}
type ModelClass = new (data: unknown) => Validating;

/** The kubernetes-models class for an apiVersion and kind, or null when the schemas have none. */
function modelFor(apiVersion: string, kind: string): ModelClass | null {
  if (!/^[a-z0-9.]*\/?v[0-9a-z]+$/.test(apiVersion) || !/^[A-Z][A-Za-z]+$/.test(kind)) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, ModelClass | undefined>;
    return module[kind] ?? null;
  } catch {
    return null;
  }
}

/** Each document against its schema: required fields, types, formats. */
export function schemaProblems(manifests: readonly Manifest[]): string[] {
  return manifests.flatMap((m) => {
    const Model = modelFor(String(m.doc?.apiVersion), String(m.doc?.kind));
    if (Model === null) return [`${label(m)}: no Kubernetes schema for apiVersion ${m.doc?.apiVersion} kind ${m.doc?.kind}`];
    try {
      new Model(m.doc).validate();
      return [];
    } catch (error: unknown) {
      return [`${label(m)}: ${error instanceof Error ? error.message : String(error)}`];
    }
  });
}

const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> | undefined) =>
  selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);

/** What each process's probes must ask, by container name. */
export const PROBES: Readonly<Record<string, { readonly readiness: string; readonly liveness: string; readonly metricsPort: number }>> = {
  cms: { readiness: '/_ready', liveness: '/_health', metricsPort: 9464 },
  mobi: { readiness: '/_baobab/ready', liveness: '/_baobab/health', metricsPort: 9465 },
  chat: { readiness: '/_baobab/ready', liveness: '/_baobab/health', metricsPort: 9466 },
};

/** The references between documents, and the rules every Deployment keeps. */
export function referenceProblems(manifests: readonly Manifest[]): string[] {
  const problems: string[] = [];
  const ofKind = (kind: string) => manifests.filter((m) => m.doc?.kind === kind);
  const deployments = ofKind('Deployment');
  const secrets = new Map(ofKind('Secret').map((m) => [m.doc.metadata?.name, new Set(Object.keys({ ...m.doc.data, ...m.doc.stringData }))]));
  const configMaps = new Set(ofKind('ConfigMap').map((m) => m.doc.metadata?.name));
  const claims = new Set(ofKind('PersistentVolumeClaim').map((m) => m.doc.metadata?.name));
  const services = new Map(ofKind('Service').map((m) => [m.doc.metadata?.name, m]));
  const portsOf = (deployment: Manifest) =>
    (deployment.doc.spec?.template?.spec?.containers ?? []).flatMap((c: { ports?: { name?: string; containerPort: number }[] }) => c.ports ?? []) as { name?: string; containerPort: number }[];

  for (const d of deployments) {
    const spec = d.doc.spec ?? {};
    const podLabels = spec.template?.metadata?.labels;
    if (!matches(spec.selector?.matchLabels, podLabels)) problems.push(`${label(d)}: its selector does not match its pod labels`);
    const annotations = spec.template?.metadata?.annotations ?? {};
    if (spec.template?.spec?.securityContext?.runAsNonRoot !== true) problems.push(`${label(d)}: pods must set securityContext.runAsNonRoot: true`);
    const volumes = new Map<string, { persistentVolumeClaim?: { claimName?: string } }>((spec.template?.spec?.volumes ?? []).map((v: { name: string }) => [v.name, v]));
    for (const c of spec.template?.spec?.containers ?? []) {
      const where = `${label(d)} container ${c.name}`;
      const declared = (c.ports ?? []) as { name?: string; containerPort: number }[];
      const expected = PROBES[c.name];
      for (const kind of ['readinessProbe', 'livenessProbe'] as const) {
        const probe = c[kind];
        if (probe === undefined) {
          problems.push(`${where}: no ${kind}`);
          continue;
        }
        const port = probe.httpGet?.port;
        if (!declared.some((p) => p.name === port || p.containerPort === port)) problems.push(`${where}: ${kind} uses port ${port}, which the container does not declare`);
        const path = kind === 'readinessProbe' ? expected?.readiness : expected?.liveness;
        if (path !== undefined && probe.httpGet?.path !== path) problems.push(`${where}: ${kind} asks ${probe.httpGet?.path}, expected ${path}`);
      }
      if (c.startupProbe !== undefined && !declared.some((p) => p.name === c.startupProbe.httpGet?.port || p.containerPort === c.startupProbe.httpGet?.port)) {
        problems.push(`${where}: startupProbe uses port ${c.startupProbe.httpGet?.port}, which the container does not declare`);
      }
      for (const need of ['requests.cpu', 'requests.memory', 'limits.memory']) {
        const [group, resource] = need.split('.') as [string, string];
        if (c.resources?.[group]?.[resource] === undefined) problems.push(`${where}: no resources.${need}`);
      }
      if (expected !== undefined) {
        const metrics = declared.find((p) => p.name === 'metrics');
        const env = new Map<string, string | undefined>((c.env ?? []).map((e: { name: string; value?: string }) => [e.name, e.value]));
        if (metrics?.containerPort !== expected.metricsPort) problems.push(`${where}: declare containerPort ${expected.metricsPort} named metrics`);
        if (env.get('METRICS_PORT') !== String(expected.metricsPort)) problems.push(`${where}: METRICS_PORT must be "${expected.metricsPort}"`);
        if (annotations['prometheus.io/scrape'] !== 'true' || annotations['prometheus.io/port'] !== String(expected.metricsPort)) {
          problems.push(`${label(d)}: pod annotations prometheus.io/scrape "true" and prometheus.io/port "${expected.metricsPort}" are missing`);
        }
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref === undefined) continue;
        const keys = secrets.get(ref.name);
        if (keys === undefined) problems.push(`${where}: env ${e.name} reads Secret ${ref.name}, which no manifest defines`);
        else if (!keys.has(ref.key)) problems.push(`${where}: env ${e.name} reads key ${ref.key}, which Secret ${ref.name} does not define`);
      }
      for (const source of c.envFrom ?? []) {
        if (source.configMapRef !== undefined && !configMaps.has(source.configMapRef.name)) problems.push(`${where}: envFrom names ConfigMap ${source.configMapRef.name}, which no manifest defines`);
        // An optional Secret may be absent (the S3 keys, made only for UPLOAD_PROVIDER=s3).
        if (source.secretRef !== undefined && source.secretRef.optional !== true && !secrets.has(source.secretRef.name)) problems.push(`${where}: envFrom names Secret ${source.secretRef.name}, which no manifest defines`);
      }
      for (const mount of c.volumeMounts ?? []) if (!volumes.has(mount.name)) problems.push(`${where}: mounts volume ${mount.name}, which the pod does not define`);
    }
    for (const [name, volume] of volumes) {
      const claim = volume.persistentVolumeClaim?.claimName;
      if (claim !== undefined && !claims.has(claim)) problems.push(`${label(d)}: volume ${name} claims ${claim}, which no manifest defines`);
    }
  }

  for (const s of services.values()) {
    const target = deployments.find((d) => matches(s.doc.spec?.selector, d.doc.spec?.template?.metadata?.labels));
    if (target === undefined) {
      problems.push(`${label(s)}: its selector matches no Deployment's pods`);
      continue;
    }
    for (const port of s.doc.spec?.ports ?? []) {
      const wanted = port.targetPort ?? port.port;
      if (!portsOf(target).some((p) => p.name === wanted || p.containerPort === wanted)) problems.push(`${label(s)}: targetPort ${wanted} is not a port of ${target.doc.metadata.name}`);
    }
  }

  for (const h of ofKind('HorizontalPodAutoscaler')) {
    const ref = h.doc.spec?.scaleTargetRef;
    if (!deployments.some((d) => ref?.kind === 'Deployment' && ref?.apiVersion === 'apps/v1' && d.doc.metadata?.name === ref?.name)) {
      problems.push(`${label(h)}: scaleTargetRef ${ref?.kind} ${ref?.name} is no Deployment in these manifests`);
    }
  }
  for (const name of ['baobab-mobi', 'baobab-chat']) {
    if (!ofKind('HorizontalPodAutoscaler').some((h) => h.doc.spec?.scaleTargetRef?.name === name)) problems.push(`no HorizontalPodAutoscaler scales ${name}`);
  }
  const budgets = ofKind('PodDisruptionBudget');
  for (const b of budgets) {
    if (!deployments.some((d) => matches(b.doc.spec?.selector?.matchLabels, d.doc.spec?.template?.metadata?.labels))) problems.push(`${label(b)}: its selector matches no Deployment's pods`);
  }
  for (const d of deployments) {
    if (!budgets.some((b) => matches(b.doc.spec?.selector?.matchLabels, d.doc.spec?.template?.metadata?.labels))) problems.push(`${label(d)}: no PodDisruptionBudget covers it`);
  }

  for (const i of ofKind('Ingress')) {
    const backends = [i.doc.spec?.defaultBackend, ...(i.doc.spec?.rules ?? []).flatMap((r: { http?: { paths?: { backend: unknown }[] } }) => (r.http?.paths ?? []).map((p) => p.backend))].filter(Boolean);
    for (const backend of backends) {
      const service = services.get(backend.service?.name);
      const port = backend.service?.port;
      if (service === undefined) problems.push(`${label(i)}: backend Service ${backend.service?.name} is not defined`);
      else if (!(service.doc.spec?.ports ?? []).some((p: { name?: string; port: number }) => (port?.name !== undefined && p.name === port.name) || p.port === port?.number)) {
        problems.push(`${label(i)}: Service ${backend.service?.name} has no port ${port?.name ?? port?.number}`);
      }
    }
  }
  return problems;
}

/** deploy/compose.yaml: the six services, each with a healthcheck; the app ones running the image with cms | mobi | chat. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function composeProblems(compose: any): string[] {
  const problems: string[] = [];
  const services = compose?.services ?? {};
  for (const name of ['postgres', 'redis', 'cms', 'mobi', 'chat', 'nginx']) {
    const service = services[name];
    if (service === undefined) {
      problems.push(`compose.yaml: no service ${name}`);
      continue;
    }
    const test = service.healthcheck?.test;
    if (!Array.isArray(test) || test.length < 2 || !['CMD', 'CMD-SHELL'].includes(test[0])) problems.push(`compose.yaml: service ${name} has no healthcheck test`);
    if (service.image === undefined && service.build === undefined) problems.push(`compose.yaml: service ${name} has neither image nor build`);
  }
  for (const name of ['cms', 'mobi', 'chat']) {
    const service = services[name];
    if (service === undefined) continue;
    if (JSON.stringify(service.command) !== JSON.stringify([name])) problems.push(`compose.yaml: service ${name} must run the command ["${name}"]`);
    if (service.env_file !== '.env') problems.push(`compose.yaml: service ${name} must read env_file .env`);
    const ready = PROBES[name]?.readiness ?? '';
    if (!JSON.stringify(service.healthcheck?.test ?? '').includes(ready)) problems.push(`compose.yaml: service ${name}'s healthcheck must ask ${ready}`);
  }
  for (const [name, service] of Object.entries<{ depends_on?: Record<string, unknown> }>(services)) {
    for (const dependency of Object.keys(service.depends_on ?? {})) if (services[dependency] === undefined) problems.push(`compose.yaml: ${name} depends on ${dependency}, which is not a service`);
  }
  // nginx reaches mobi from the default network: mobi must trust that network's subnet, or every reader shares nginx's post budget.
  const subnets: string[] = (compose?.networks?.default?.ipam?.config ?? []).map((entry: { subnet?: unknown }) => String(entry.subnet ?? ''));
  const trusted = trustedProxiesProblems('compose.yaml: service mobi', services.mobi?.environment?.BAOBAB_TRUSTED_PROXIES, problems);
  if (subnets.length === 0) problems.push('compose.yaml: networks.default.ipam.config names no subnet (mobi\'s BAOBAB_TRUSTED_PROXIES names it)');
  for (const subnet of subnets) if (!trusted.includes(subnet)) problems.push(`compose.yaml: service mobi: BAOBAB_TRUSTED_PROXIES must list the network's subnet ${subnet}`);
  return problems;
}

/** A BAOBAB_TRUSTED_PROXIES value as the mobi-site reads it: its entries, each problem added to `problems`. */
function trustedProxiesProblems(where: string, value: unknown, problems: string[]): string[] {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${where}: no BAOBAB_TRUSTED_PROXIES (behind a proxy every reader would share one post budget)`);
    return [];
  }
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries) {
    const result = trustedProxyEntry(entry);
    if ('problem' in result) problems.push(`${where}: BAOBAB_TRUSTED_PROXIES: ${result.problem}`);
  }
  return entries;
}

/** The ConfigMap's BAOBAB_TRUSTED_PROXIES (the Ingress controller's pod network), as the mobi-site would read it. */
export function configMapProblems(manifests: readonly Manifest[]): string[] {
  const problems: string[] = [];
  const config = manifests.find((m) => m.doc?.kind === 'ConfigMap' && m.doc?.metadata?.name === 'baobab-config');
  if (config === undefined) return ['no ConfigMap baobab-config'];
  trustedProxiesProblems(label(config), config.doc.data?.BAOBAB_TRUSTED_PROXIES, problems);
  return problems;
}

export function loadCompose(): unknown {
  return parse(fs.readFileSync(path.join(deployDir, 'compose.yaml'), 'utf8'), { merge: true });
}
