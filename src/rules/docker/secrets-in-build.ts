import { defineDockerfileRule } from '../../core/docker/analyze.js';
import { declaredVars } from '../../core/docker/model.js';
import { instructions } from './helpers.js';

const SECRET_NAMES = [
  'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'AZURE_CLIENT_SECRET', 'GITHUB_TOKEN', 'GH_TOKEN', 'GITLAB_TOKEN', 'NPM_TOKEN',
  'NPM_AUTH_TOKEN', 'DOCKER_PASSWORD', 'DOCKERHUB_TOKEN', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'SLACK_TOKEN',
  'STRIPE_SECRET_KEY', 'GOOGLE_APPLICATION_CREDENTIALS', 'GCP_SERVICE_ACCOUNT_KEY', 'DATABASE_URL', 'PGPASSWORD', 'MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD',
  'POSTGRES_PASSWORD', 'REDIS_PASSWORD', 'SENTRY_AUTH_TOKEN', 'TWINE_PASSWORD', 'PYPI_TOKEN', 'CODECOV_TOKEN', 'SONAR_TOKEN', 'VAULT_TOKEN',
];
const SECRET_WORDS = '(pass(word|wd)?|secret|token|api[_-]?key|apikey|private[_-]?key|client[_-]?key|access[_-]?key|credential)';
const HARMLESS = /(_FILE|_PATH|_DIR|_URL|_HOST|_PORT|_USER(NAME)?|_ENABLED|_LENGTH|_TTL|_TIMEOUT|_VERSION|_NAME|_TYPE|_HEADER)$/i;
const SECRET_FILES = /(^|\/)(id_rsa|id_dsa|id_ecdsa|id_ed25519|\.npmrc|\.pypirc|\.netrc|\.git-credentials|\.env|credentials(\.json)?|.*\.pem|.*\.key|.*\.p12|.*\.pfx|kubeconfig|\.dockercfg|\.docker\/config\.json|service-account.*\.json|gcp-key\.json)$/i;

export default defineDockerfileRule({
  meta: {
    id: 'docker/secrets-in-build',
    title: 'Secret in ARG, ENV or a copied file',
    severity: 'high',
    target: 'dockerfile',
    catalog: ['D03'],
    description:
      'ARG values are recorded in the image history (`docker history`), ENV values in its configuration, and copied files in its layers: anyone who can pull the image can read them, ' +
      'even if a later step deletes the file.',
    remediation: 'Pass build secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token …`) and runtime secrets through the orchestrator, never ARG, ENV or COPY.',
    decisions: 'Names are matched like hadolint (a list of well-known secret variables plus names containing password, secret, token, key…), minus names that hold no secret (`*_FILE`, `*_PATH`, `*_URL`, …). Trivy checks only the final stage; an ARG in a builder stage still lands in the build cache and history, so riskgate checks every stage.',
    params: { extraNames: { type: 'string[]', default: [], description: 'More variable names to treat as secrets.' } },
    references: ['hadolint:DL3064', 'trivy:DS-0031'],
    fix: { available: false, note: 'Secrets must move to secret mounts, and be rotated.' },
  },
  check(ctx) {
    const known = new Set([...SECRET_NAMES, ...(ctx.params.extraNames as string[])].map((n) => n.toUpperCase()));
    const words = new RegExp(SECRET_WORDS, 'i');
    for (const i of [...instructions(ctx.model, 'ARG'), ...instructions(ctx.model, 'ENV')]) {
      for (const [name, value] of declaredVars(i)) {
        const upper = name.toUpperCase();
        const secret = known.has(upper) || (words.test(name) && !HARMLESS.test(name));
        if (!secret) continue;
        if (i.keyword === 'ENV' && (value === null || value === '' || /^\$\{?[A-Za-z_]/.test(value))) continue; // ENV X=$ARG re-exports; the ARG is reported
        const arg = i.args.find((a) => a.value === name || a.value.startsWith(`${name}=`)) ?? i.args[0];
        ctx.report({ at: arg, message: `${i.keyword} ${name} ${i.keyword === 'ARG' ? 'passes a secret as a build argument (kept in the image history)' : 'stores a secret in the image configuration'}` });
      }
    }
    for (const i of [...instructions(ctx.model, 'COPY'), ...instructions(ctx.model, 'ADD')]) {
      if (i.flags.some((f) => f.name === 'from')) continue;
      const sources = i.args.slice(0, -1);
      for (const s of sources) if (SECRET_FILES.test(s.value)) ctx.report({ at: s, message: `${i.keyword} copies ${s.value}, which holds credentials, into an image layer` });
    }
  },
});
