import { defineKubeRule } from '../../core/k8s/kube-rule.js';
import { hostPathVolumes, normalizePath } from './helpers.js';

export const RUNTIME_SOCKETS = /(^|\/)(docker|containerd|crio|cri-dockerd|podman|dockershim|frakti|rktlet)\.sock$|^\/var\/run\/docker$|^\/run\/containerd$|^\/var\/run\/containerd$|^\/run\/crio$|^\/var\/run\/crio$/;

export default defineKubeRule({
  meta: {
    id: 'k8s/container-runtime-socket',
    title: 'Container runtime socket mounted',
    severity: 'critical',
    target: 'kubernetes',
    catalog: ['K28'],
    description: 'Access to the Docker, containerd or CRI-O socket is root on the node: the pod can start a privileged container with the host filesystem mounted.',
    remediation: 'Remove the volume. Build images with a daemonless builder (BuildKit rootless, kaniko) instead of the node\'s runtime.',
    references: [
      'trivy:KSV-0006', 'checkov:CKV_K8S_27', 'kube-linter:docker-sock', 'kubesec:DockerSock', 'kubescape:C-0074', 'kics:a6f34658-fdfb-4154-9536-56d516f65828',
      'datree:CONTAINERS_INCORRECT_PATH_VALUE_DOCKERSOCKET',
    ],
    fix: { available: false, note: 'Removing the socket is a design change.' },
  },
  check(ctx) {
    const pod = ctx.object.pod;
    if (!pod) return;
    for (const v of hostPathVolumes(pod)) {
      if (v.path && typeof v.path.value === 'string' && RUNTIME_SOCKETS.test(normalizePath(v.path.value)))
        ctx.report({ at: v.path.pair ?? v.path, message: `volume "${v.name}" mounts the container runtime socket ${v.path.value}` });
    }
  },
});
