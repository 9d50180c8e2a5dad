// The deployment files: deploy/k8s/ against the Kubernetes schemas and their references,
// deploy/compose.yaml's shape, the .env example naming every secret the processes demand,
// and the Dockerfile in step with `npm run build:dist`. Each check is also shown refusing a
// broken copy, so a check that cannot fail cannot hide here.
import fs from 'node:fs';
import path from 'node:path';
import { composeProblems, configMapProblems, deployDir, loadCompose, loadManifests, type Manifest, referenceProblems, schemaProblems } from '../deploy-check';

const root = path.resolve(__dirname, '../..');
const manifests = loadManifests();
const clone = (list: readonly Manifest[]): Manifest[] => list.map((m) => ({ file: m.file, doc: structuredClone(m.doc) }));
const find = (list: Manifest[], kind: string, name: string) => {
  const found = list.find((m) => m.doc.kind === kind && m.doc.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found.doc;
};

describe('deploy/k8s', () => {
  test('has every kind the deployment needs', () => {
    const kinds = new Set(manifests.map((m) => `${m.doc.kind} ${m.doc.metadata?.name}`));
    for (const expected of [
      'ConfigMap baobab-config',
      'Secret baobab-secrets',
      'PersistentVolumeClaim baobab-cms-media',
      'Ingress baobab',
      ...['cms', 'mobi', 'chat'].flatMap((p) => [`Deployment baobab-${p}`, `Service baobab-${p}`, `PodDisruptionBudget baobab-${p}`]),
      'HorizontalPodAutoscaler baobab-mobi',
      'HorizontalPodAutoscaler baobab-chat',
    ]) {
      expect(kinds).toContain(expected);
    }
  });

  test('every document validates against the Kubernetes schemas', () => {
    expect(schemaProblems(manifests)).toEqual([]);
  });

  test('the schemas refuse a broken manifest: a wrong type, a missing required field, an unknown kind', () => {
    const broken = clone(manifests);
    find(broken, 'Deployment', 'baobab-mobi').spec.replicas = 'two';
    delete find(broken, 'Deployment', 'baobab-chat').spec.selector;
    find(broken, 'Deployment', 'baobab-cms').spec.template.spec.containers[0].ports[0].containerPort = '1337';
    broken.push({ file: 'extra.yaml', doc: { apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'typo' } } });
    const problems = schemaProblems(broken).join('\n');
    expect(problems).toMatch(/Deployment baobab-mobi: .*replicas must be integer/);
    expect(problems).toMatch(/Deployment baobab-chat: .*must have required property selector/);
    expect(problems).toMatch(/Deployment baobab-cms: .*containerPort must be integer/);
    expect(problems).toMatch(/Deploymnet typo: no Kubernetes schema/);
  });

  test("the ConfigMap trusts a valid proxy range for mobi, and a bad or missing one is refused", () => {
    expect(configMapProblems(manifests)).toEqual([]);
    const broken = clone(manifests);
    find(broken, 'ConfigMap', 'baobab-config').data.BAOBAB_TRUSTED_PROXIES = '10.244.0.0/16,10.244.0.1/16';
    expect(configMapProblems(broken)).toEqual(['configmap.yaml: ConfigMap baobab-config: BAOBAB_TRUSTED_PROXIES: "10.244.0.1/16" has host bits set: did you mean 10.244.0.0/16?']);
    delete find(broken, 'ConfigMap', 'baobab-config').data.BAOBAB_TRUSTED_PROXIES;
    expect(configMapProblems(broken)).toEqual(['configmap.yaml: ConfigMap baobab-config: no BAOBAB_TRUSTED_PROXIES (behind a proxy every reader would share one post budget)']);
  });

  test('references hold: Services select Deployments, probes use declared ports, secrets exist, HPAs have targets', () => {
    expect(referenceProblems(manifests)).toEqual([]);
  });

  test('the reference checks refuse broken references', () => {
    const broken = clone(manifests);
    find(broken, 'Service', 'baobab-chat').spec.selector = { 'app.kubernetes.io/name': 'baobab-chatt' };
    const mobi = find(broken, 'Deployment', 'baobab-mobi').spec.template.spec.containers[0];
    // A misspelt optional field: the schemas let it through, the rules do not.
    mobi.readynessProbe = mobi.readinessProbe;
    delete mobi.readinessProbe;
    mobi.livenessProbe.httpGet.port = 'web';
    const cms = find(broken, 'Deployment', 'baobab-cms').spec.template.spec.containers[0];
    cms.env.find((e: { name: string }) => e.name === 'JWT_SECRET').valueFrom.secretKeyRef.key = 'JWT_SECRETS';
    cms.readinessProbe.httpGet.path = '/_health';
    find(broken, 'HorizontalPodAutoscaler', 'baobab-chat').spec.scaleTargetRef.name = 'baobab-gateway';
    delete find(broken, 'Deployment', 'baobab-chat').spec.template.metadata.annotations['prometheus.io/scrape'];
    find(broken, 'Ingress', 'baobab').spec.defaultBackend.service.name = 'baobab-web';
    expect(referenceProblems(broken)).toEqual(
      expect.arrayContaining([
        'chat.yaml: Service baobab-chat: its selector matches no Deployment\'s pods',
        'mobi.yaml: Deployment baobab-mobi container mobi: no readinessProbe',
        'mobi.yaml: Deployment baobab-mobi container mobi: livenessProbe uses port web, which the container does not declare',
        'cms.yaml: Deployment baobab-cms container cms: env JWT_SECRET reads key JWT_SECRETS, which Secret baobab-secrets does not define',
        'cms.yaml: Deployment baobab-cms container cms: readinessProbe asks /_health, expected /_ready',
        'chat.yaml: HorizontalPodAutoscaler baobab-chat: scaleTargetRef Deployment baobab-gateway is no Deployment in these manifests',
        'no HorizontalPodAutoscaler scales baobab-chat',
        'chat.yaml: Deployment baobab-chat: pod annotations prometheus.io/scrape "true" and prometheus.io/port "9466" are missing',
        'ingress.yaml: Ingress baobab: backend Service baobab-web is not defined',
      ]),
    );
  });

  test('the CMS may read the S3 keys from an optional Secret no manifest defines; a required one must exist', () => {
    const cms = find(clone(manifests), 'Deployment', 'baobab-cms').spec.template.spec.containers[0];
    expect(cms.envFrom).toContainEqual({ secretRef: { name: 'baobab-s3', optional: true } });
    expect(find(clone(manifests), 'ConfigMap', 'baobab-config').data.UPLOAD_PROVIDER).toBe('local');
    const broken = clone(manifests);
    const s3 = find(broken, 'Deployment', 'baobab-cms').spec.template.spec.containers[0].envFrom.find((source: { secretRef?: { name: string } }) => source.secretRef?.name === 'baobab-s3');
    delete s3.secretRef.optional;
    expect(referenceProblems(broken)).toEqual(['cms.yaml: Deployment baobab-cms container cms: envFrom names Secret baobab-s3, which no manifest defines']);
  });
});

describe('deploy/compose.yaml', () => {
  test('has PostgreSQL, Redis, the three processes and nginx, each with a healthcheck', () => {
    expect(composeProblems(loadCompose())).toEqual([]);
  });

  test('refuses a compose file missing a service or a healthcheck', () => {
    const compose = loadCompose() as { services: Record<string, { healthcheck?: unknown; command?: unknown }> };
    delete compose.services.redis;
    delete compose.services.mobi?.healthcheck;
    if (compose.services.chat) compose.services.chat.command = ['cms'];
    expect(composeProblems(compose)).toEqual(
      expect.arrayContaining([
        'compose.yaml: no service redis',
        'compose.yaml: service mobi has no healthcheck test',
        'compose.yaml: service chat must run the command ["chat"]',
        'compose.yaml: chat depends on redis, which is not a service',
      ]),
    );
  });

  test("mobi trusts the box's network, whose subnet is fixed; a stale subnet, a bad entry or no subnet is refused", () => {
    type Compose = { services: Record<string, { environment?: Record<string, string> }>; networks?: { default?: { ipam?: { config?: { subnet: string }[] } } } };
    const compose = loadCompose() as Compose;
    expect(compose.services.mobi?.environment?.BAOBAB_POSTS_PER_MINUTE).toBeUndefined();
    const subnet = compose.networks?.default?.ipam?.config?.[0]?.subnet ?? '';
    (compose.networks?.default?.ipam?.config ?? [])[0]!.subnet = '172.29.0.0/16';
    expect(composeProblems(compose)).toEqual(['compose.yaml: service mobi: BAOBAB_TRUSTED_PROXIES must list the network\'s subnet 172.29.0.0/16']);
    compose.services.mobi!.environment!.BAOBAB_TRUSTED_PROXIES = `${subnet},nginx`;
    expect(composeProblems(compose)).toEqual(
      expect.arrayContaining(['compose.yaml: service mobi: BAOBAB_TRUSTED_PROXIES: "nginx" is not an IP address or CIDR range']),
    );
    delete compose.networks;
    expect(composeProblems(compose)).toContain("compose.yaml: networks.default.ipam.config names no subnet (mobi's BAOBAB_TRUSTED_PROXIES names it)");
  });

  test('the .env example names every secret the Secret example holds, and nginx.conf routes the CMS and chat hosts', () => {
    const example = fs.readFileSync(path.join(deployDir, '.env.example'), 'utf8');
    const named = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]));
    const secret = find(clone(manifests), 'Secret', 'baobab-secrets');
    // The compose file builds these two from its own services.
    const fromCompose = new Set(['DATABASE_URL', 'REDIS_URL']);
    expect(Object.keys(secret.stringData).filter((key) => !fromCompose.has(key) && !named.has(key))).toEqual([]);
    const nginx = fs.readFileSync(path.join(deployDir, 'nginx.conf'), 'utf8');
    expect(nginx).toMatch(/server_name \$\{CMS_HOST\};[\s\S]*proxy_pass http:\/\/baobab_cms;/);
    expect(nginx).toMatch(/server_name \$\{CHAT_HOST\};[\s\S]*proxy_pass http:\/\/baobab_chat;/);
    expect(nginx).toMatch(/listen 80 default_server;[\s\S]*proxy_pass http:\/\/baobab_mobi;/);
    // The mobi-site finds each reader in what nginx appends (BAOBAB_TRUSTED_PROXIES): set at http level, inherited by every location.
    expect(nginx).toMatch(/^proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;$/m);
    // A proxy_set_header in a server or location would drop every inherited one there, X-Forwarded-For too.
    expect(nginx).not.toMatch(/^\s+proxy_set_header/m);
  });
});

describe('Dockerfile', () => {
  const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');

  test('builds with npm run build:dist and runs its dist/app on node:20-slim as a non-root user', () => {
    expect(dockerfile).toMatch(/^RUN .*npm run build:dist$/m);
    expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim AS runtime$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/src\/dist\/app \/app$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/app\/baobab"\]$/m);
  });

  test("copies every workspace's package.json before npm ci (a new workspace needs its line)", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
    const workspaces = manifest.workspaces.flatMap((pattern) =>
      pattern.endsWith('/*')
        ? fs.readdirSync(path.join(root, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`).filter((dir) => fs.existsSync(path.join(root, dir, 'package.json')))
        : [pattern],
    );
    const copied = workspaces.filter((dir) => dockerfile.includes(`COPY ${dir}/package.json ${dir}/`));
    expect(copied).toEqual(workspaces);
  });
});
