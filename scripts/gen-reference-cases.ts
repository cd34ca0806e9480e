// The model card's reference cases as real manifests, turned into feature vectors by the same code
// inference uses (so they stay consistent whatever the feature set): a workload that satisfies the
// restricted Pod Security Standard, and a privileged pod sharing the host's PID, network and IPC
// namespaces. Writes models/data/reference-cases.json for models/train.py.
//
//   npm run build && node build/scripts/gen-reference-cases.js

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scanFiles } from '../src/core/engine.js';
import { featureVector, findingsByResource } from '../src/core/risk/features.js';

const RESTRICTED = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: web
      automountServiceAccountToken: false
      securityContext: {runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: web
          image: ghcr.io/acme/web:1.2.3
          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 500m, memory: 256Mi}}
`;
const PRIVILEGED = `apiVersion: v1
kind: Pod
metadata: {name: debug, namespace: shop}
spec:
  hostPID: true
  hostNetwork: true
  hostIPC: true
  containers:
    - name: debug
      image: ghcr.io/acme/debug:1.0
      securityContext: {privileged: true}
`;

function vector(text: string): number[] {
  const r = scanFiles([{ path: 'case.yaml', text }]);
  const [[res, findings]] = [...findingsByResource(r.resources, r.findings)];
  return featureVector({ resource: res, findings });
}

const out = resolve('models/data/reference-cases.json');
writeFileSync(out, JSON.stringify({ restricted_workload: vector(RESTRICTED), privileged_host_namespaces: vector(PRIVILEGED) }) + '\n');
console.error(`wrote ${out}`);
