import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 167:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("worker_threads");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./build/src/core/types.js
// The engine's vocabulary. Nothing here knows about GitHub, terminals or file formats.
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
/** Higher is more severe. */
function types_severityRank(s) {
    return SEVERITIES.length - SEVERITIES.indexOf(s);
}
function atLeast(s, threshold) {
    return threshold !== 'none' && types_severityRank(s) >= types_severityRank(threshold);
}
//# sourceMappingURL=types.js.map
;// CONCATENATED MODULE: ./build/src/core/util/append.js
// Lists kept by key (findings by file, objects by kind, …): the one place that creates a key's
// list on its first value.
/** Appends `value` to the list `map` holds for `key`, starting the list when there is none. */
function append(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
//# sourceMappingURL=append.js.map
;// CONCATENATED MODULE: ./build/src/core/risk/attack-paths.js
// The attack paths a resource's findings open, in the vocabulary of MITRE ATT&CK for Containers
// (technique IDs) and Microsoft's Threat Matrix for Kubernetes (technique names): what a high
// score means, told as the routes an attacker would take. A finding opens a path when its rule is
// listed for it; a rule can open several. Rules about hygiene (resource limits, namespaces, API
// versions, Dockerfile style) open none: they still count for the score through their severity.
//
// A central table rather than rule metadata: the paths are the risk model's vocabulary (training
// labels and features read them too), and one table keeps them consistent; a test checks that
// every rule named here exists.


const ATTACK_PATHS = [
    {
        id: 'container-escape',
        name: 'Container escape to the node',
        techniques: [
            { id: 'T1611', name: 'Escape to Host (Threat Matrix: Privileged container, Writable hostPath mount)' },
            { id: 'T1068', name: 'Exploitation for Privilege Escalation' },
        ],
        rules: [
            'k8s/privileged-container', 'k8s/cap-sys-admin', 'k8s/dangerous-capabilities', 'k8s/added-capabilities', 'k8s/host-pid', 'k8s/host-ipc',
            'k8s/container-runtime-socket', 'k8s/sensitive-host-path', 'k8s/host-path-volume', 'k8s/writable-host-path', 'k8s/unmasked-proc-mount',
            'k8s/unsafe-sysctls', 'k8s/windows-host-process', 'k8s/apparmor', 'k8s/selinux-options', 'k8s/seccomp-profile', 'k8s/privilege-escalation',
            'k8s/run-as-uid-0', 'k8s/run-as-non-root', 'k8s/host-users', 'k8s/risky-volume-types', 'k8s/sudo-in-command', 'k8s/root-group',
            'docker/root-user', 'docker/sudo',
        ],
    },
    {
        id: 'node-takeover',
        name: 'Node takeover',
        techniques: [
            { id: 'T1609', name: 'Container Administration Command (Threat Matrix: Exec into container, kubelet API)' },
            { id: 'T1610', name: 'Deploy Container' },
            { id: 'T1612', name: 'Build Image on Host' },
        ],
        rules: ['k8s/container-runtime-socket', 'k8s/writable-host-path', 'k8s/sensitive-host-path', 'k8s/rbac-nodes-proxy', 'k8s/windows-host-process', 'k8s/kube-system-workload', 'k8s/privileged-container', 'k8s/host-pid'],
    },
    {
        id: 'credential-theft',
        name: 'Credential theft (Secrets, tokens, cloud credentials)',
        techniques: [
            { id: 'T1552.001', name: 'Credentials In Files (Threat Matrix: Application credentials in configuration files)' },
            { id: 'T1552.007', name: 'Container API (Threat Matrix: List Kubernetes secrets)' },
            { id: 'T1528', name: 'Steal Application Access Token (Threat Matrix: Access container service account)' },
            { id: 'T1552.005', name: 'Cloud Instance Metadata API (Threat Matrix: Access cloud resources)' },
        ],
        rules: [
            'k8s/service-account-token', 'k8s/service-account', 'k8s/hardcoded-secret-env', 'k8s/secret-in-configmap', 'k8s/secret-in-env', 'k8s/cloud-credentials-mount',
            'k8s/rbac-read-secrets', 'k8s/host-network', 'k8s/ingress-nginx-snippet', 'k8s/ingress-nginx-annotation-injection', 'docker/secrets-in-build', 'docker/chpasswd',
            'k8s/workload-token-powers', 'k8s/workload-mounted-secret',
        ],
    },
    {
        id: 'rbac-escalation',
        name: 'Privilege escalation through RBAC',
        techniques: [
            { id: 'T1098.006', name: 'Additional Container Cluster Roles (Threat Matrix: Cluster-admin binding)' },
            { id: 'T1078', name: 'Valid Accounts' },
            { id: 'T1609', name: 'Container Administration Command (exec into pods)' },
            { id: 'T1610', name: 'Deploy Container (create pods with any service account)' },
        ],
        rules: [
            'k8s/rbac-wildcard', 'k8s/cluster-admin-binding', 'k8s/rbac-escalate', 'k8s/rbac-create-pods', 'k8s/rbac-exec-attach', 'k8s/rbac-escalation-paths',
            'k8s/rbac-admission-webhooks', 'k8s/binding-broad-group', 'k8s/rbac-nodes-proxy', 'k8s/rbac-configmap-tampering', 'k8s/rbac-anti-forensics', 'k8s/tiller', 'k8s/kubernetes-dashboard',
            'k8s/workload-token-powers', 'k8s/rbac-carried-by-workload',
        ],
    },
    {
        id: 'exposure',
        name: 'Lateral movement and exposure',
        techniques: [
            { id: 'T1190', name: 'Exploit Public-Facing Application (Threat Matrix: Exposed sensitive interfaces)' },
            { id: 'T1133', name: 'External Remote Services' },
            { id: 'T1021.004', name: 'Remote Services: SSH (Threat Matrix: SSH server running inside container)' },
            { id: 'T1557', name: 'Adversary-in-the-Middle (Threat Matrix: ARP poisoning and IP spoofing)' },
            { id: 'T1046', name: 'Network Service Discovery' },
        ],
        rules: [
            'k8s/host-network', 'k8s/host-port', 'k8s/service-exposure', 'k8s/service-external-ips', 'k8s/ssh-port', 'k8s/ingress-tls', 'k8s/ingress-wildcard-host',
            'k8s/ingress-nginx-snippet', 'k8s/ingress-nginx-annotation-injection', 'k8s/non-isolated-pod', 'k8s/rbac-manage-networking', 'k8s/endpointslice-loopback',
            'k8s/net-raw', 'k8s/capabilities-not-dropped', 'k8s/kubernetes-dashboard', 'docker/expose-ssh', 'k8s/internet-facing-workload',
        ],
    },
    {
        id: 'supply-chain',
        name: 'Supply-chain tampering (mutable images, remote scripts, disabled TLS)',
        techniques: [
            { id: 'T1195.002', name: 'Compromise Software Supply Chain' },
            { id: 'T1204.003', name: 'User Execution: Malicious Image (Threat Matrix: Compromised images in registry)' },
            { id: 'T1525', name: 'Implant Internal Image (Threat Matrix: Backdoor container)' },
            { id: 'T1557', name: 'Adversary-in-the-Middle (TLS or signature verification disabled)' },
        ],
        rules: [
            'k8s/image-tag', 'k8s/image-digest', 'k8s/untrusted-registry', 'k8s/image-pull-policy', 'docker/base-image-unpinned', 'docker/untrusted-base-registry',
            'docker/remote-script-to-shell', 'docker/tls-verification-disabled', 'docker/package-signatures-disabled', 'docker/add-instead-of-copy',
            'docker/os-packages-unpinned', 'docker/language-packages-unpinned', 'docker/denied-packages',
        ],
    },
];
const BY_RULE = new Map();
for (const p of ATTACK_PATHS)
    for (const r of p.rules)
        append(BY_RULE, r, p);
function pathsOfRule(ruleId) {
    return BY_RULE.get(ruleId) ?? [];
}
/** The paths a resource's (unsuppressed) findings open, with the findings that open each. */
function attackPathsOf(findings) {
    const out = [];
    for (const p of ATTACK_PATHS) {
        const opening = findings.filter((f) => !f.suppressed && p.rules.includes(f.ruleId));
        if (!opening.length)
            continue;
        const path = { id: p.id, name: p.name, techniques: p.techniques.map((t) => t.id), findings: opening.map((f) => f.fingerprint) };
        const chain = opening.filter((f) => f.steps?.length).sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.steps.length - a.steps.length)[0];
        if (chain)
            path.steps = chain.steps;
        out.push(path);
    }
    return out;
}
//# sourceMappingURL=attack-paths.js.map
;// CONCATENATED MODULE: ./build/src/core/risk/features.js
// The risk model's inputs. Every feature is computed from the findings attached to one resource
// (plus the resource's kind), and every feature but the kind indicators grows with risk. Two
// consequences the tests check: removing a finding (fixing it) can only lower or keep each
// feature, so with monotone constraints the score never rises; and "risk if fixed" is the same
// model on the same features minus one finding.
//
// models/features.json is written by training from this list; inference refuses a mismatch.


const ruleIn = (rules) => {
    const set = new Set(rules);
    return (f) => (set.has(f.ruleId) ? 1 : 0);
};
const count = (...rules) => ({ per: ruleIn(rules), combine: 'sum' });
const flag = (...rules) => ({ per: ruleIn(rules), combine: 'any' });
/** Rules some feature reads the message of: their findings' shares depend on it (sharesOf). */
const MESSAGE_RULES = new Set();
const matchesMessage = (rule, re) => {
    MESSAGE_RULES.add(rule);
    return (f) => (f.ruleId === rule && re.test(f.message) ? 1 : 0);
};
const matching = (rule, re) => ({ per: matchesMessage(rule, re), combine: 'sum' });
const CLUSTER = new Set(['ClusterRole', 'ClusterRoleBinding']);
const scoped = (cluster, ...rules) => {
    const of = ruleIn(rules);
    return { per: (f, r) => (CLUSTER.has(r.kind) === cluster ? of(f) : 0), combine: 'sum' };
};
const kind = (...kinds) => ({ ofResource: (r) => (kinds.includes(r.kind) ? 1 : 0) });
const superuserGrant = matchesMessage('k8s/rbac-wildcard', /every verb on every resource.*: verbs is \*$/);
const WORKLOADS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'PodTemplate'];
const FEATURES = [
    // Container escape and node access.
    { name: 'privileged', description: 'privileged containers', direction: 1, ...count('k8s/privileged-container') },
    { name: 'host_pid', description: 'shares the host PID namespace', direction: 1, ...flag('k8s/host-pid') },
    { name: 'host_ipc', description: 'shares the host IPC namespace', direction: 1, ...flag('k8s/host-ipc') },
    { name: 'host_network', description: 'uses the host network', direction: 1, ...flag('k8s/host-network') },
    { name: 'host_port', description: 'ports bound on the node', direction: 1, ...count('k8s/host-port') },
    { name: 'runtime_socket', description: 'mounts the container runtime socket', direction: 1, ...flag('k8s/container-runtime-socket') },
    { name: 'host_path_critical', description: 'hostPath of /, /etc, /proc, /sys, /dev, /root, /var/lib/kubelet or /boot', direction: 1, ...matching('k8s/sensitive-host-path', /path (\/|\/etc|\/proc|\/sys|\/dev|\/root|\/boot|\/var\/lib\/kubelet)(\/|$|\s)/) },
    { name: 'host_path_sensitive', description: 'hostPath volumes of sensitive system directories', direction: 1, ...count('k8s/sensitive-host-path') },
    { name: 'host_path', description: 'hostPath volumes', direction: 1, ...count('k8s/host-path-volume') },
    { name: 'host_path_writable', description: 'hostPath volumes mounted writable', direction: 1, ...count('k8s/writable-host-path') },
    { name: 'cloud_credentials', description: 'mounts cloud or cluster credentials from the node', direction: 1, ...flag('k8s/cloud-credentials-mount') },
    { name: 'cap_sys_admin', description: 'containers adding SYS_ADMIN (or ALL)', direction: 1, ...count('k8s/cap-sys-admin') },
    { name: 'cap_dangerous', description: 'dangerous capabilities added (SYS_MODULE, SYS_PTRACE, NET_ADMIN, …)', direction: 1, ...count('k8s/dangerous-capabilities') },
    { name: 'cap_added', description: 'other capabilities added beyond the baseline', direction: 1, ...count('k8s/added-capabilities') },
    { name: 'caps_kept', description: 'containers keeping default capabilities (ALL or NET_RAW not dropped)', direction: 1, ...count('k8s/capabilities-not-dropped', 'k8s/net-raw') },
    { name: 'privilege_escalation', description: 'containers allowing privilege escalation', direction: 1, ...count('k8s/privilege-escalation') },
    { name: 'may_run_as_root', description: 'containers that may run as root', direction: 1, ...count('k8s/run-as-non-root') },
    { name: 'uid_zero', description: 'runs explicitly as UID 0', direction: 1, ...flag('k8s/run-as-uid-0') },
    { name: 'writable_root_fs', description: 'containers with a writable root filesystem', direction: 1, ...count('k8s/writable-root-filesystem') },
    { name: 'no_seccomp', description: 'containers without a seccomp profile (or unconfined)', direction: 1, ...count('k8s/seccomp-profile') },
    { name: 'weak_lsm', description: 'AppArmor unconfined or custom SELinux options', direction: 1, ...count('k8s/apparmor', 'k8s/selinux-options') },
    { name: 'proc_unmasked', description: 'containers with an unmasked /proc', direction: 1, ...count('k8s/unmasked-proc-mount') },
    { name: 'unsafe_sysctls', description: 'unsafe sysctls set', direction: 1, ...count('k8s/unsafe-sysctls') },
    { name: 'windows_host_process', description: 'Windows HostProcess containers', direction: 1, ...count('k8s/windows-host-process') },
    { name: 'missing_security_context', description: 'pod or containers without any securityContext', direction: 1, ...count('k8s/missing-security-context') },
    { name: 'risky_volumes', description: 'volume types outside the restricted set', direction: 1, ...count('k8s/risky-volume-types') },
    { name: 'sudo_command', description: 'containers running sudo', direction: 1, ...flag('k8s/sudo-in-command') },
    // Credentials.
    { name: 'sa_token', description: 'service account token mounted', direction: 1, ...flag('k8s/service-account-token') },
    { name: 'default_sa', description: 'default or deprecated service account use', direction: 1, ...flag('k8s/service-account') },
    { name: 'hardcoded_secret', description: 'credentials written in env values or ConfigMaps', direction: 1, ...count('k8s/hardcoded-secret-env', 'k8s/secret-in-configmap') },
    { name: 'secret_env', description: 'Secrets exposed as environment variables', direction: 1, ...count('k8s/secret-in-env') },
    // Supply chain and hygiene.
    { name: 'image_mutable', description: 'images without a tag or with latest', direction: 1, ...count('k8s/image-tag') },
    { name: 'image_no_digest', description: 'images not pinned by digest', direction: 1, ...count('k8s/image-digest') },
    { name: 'untrusted_registry', description: 'images from untrusted or frozen registries', direction: 1, ...count('k8s/untrusted-registry') },
    // k8s/resources reports each missing value separately; the feature counts containers, as it was trained.
    { name: 'no_resources', description: 'containers without requests or limits', direction: 1, per: ruleIn(['k8s/resources']), combine: 'containers' },
    { name: 'kube_system', description: 'workload in kube-system', direction: 1, ...flag('k8s/kube-system-workload') },
    { name: 'legacy_components', description: 'Tiller, Kubernetes Dashboard', direction: 1, ...count('k8s/tiller', 'k8s/kubernetes-dashboard') },
    // RBAC: the same grant is riskier cluster-wide.
    { name: 'rbac_superuser', description: 'grants * on * or binds cluster-admin', direction: 1, per: (f) => superuserGrant(f) + (f.ruleId === 'k8s/cluster-admin-binding' ? 1 : 0), combine: 'sum' },
    { name: 'rbac_wildcard', description: 'wildcards in RBAC rules', direction: 1, ...count('k8s/rbac-wildcard') },
    { name: 'rbac_secrets_cluster', description: 'cluster-wide read access to Secrets', direction: 1, ...scoped(true, 'k8s/rbac-read-secrets') },
    { name: 'rbac_secrets_namespace', description: 'namespaced read access to Secrets', direction: 1, ...scoped(false, 'k8s/rbac-read-secrets') },
    { name: 'rbac_escalation', description: 'escalate/bind/impersonate, nodes/proxy, webhooks', direction: 1, ...count('k8s/rbac-escalate', 'k8s/rbac-nodes-proxy', 'k8s/rbac-admission-webhooks') },
    { name: 'rbac_execution', description: 'exec/attach, creating pods, other escalation paths', direction: 1, ...count('k8s/rbac-exec-attach', 'k8s/rbac-create-pods', 'k8s/rbac-escalation-paths') },
    { name: 'rbac_tampering', description: 'ConfigMap, networking or log tampering', direction: 1, ...count('k8s/rbac-configmap-tampering', 'k8s/rbac-manage-networking', 'k8s/rbac-anti-forensics') },
    { name: 'rbac_broad_subjects', description: 'bound to anonymous, all authenticated users or system:masters', direction: 1, ...count('k8s/binding-broad-group') },
    // Exposure.
    { name: 'exposed', description: 'NodePort/LoadBalancer Services, externalIPs, SSH ports', direction: 1, ...count('k8s/service-exposure', 'k8s/service-external-ips', 'k8s/ssh-port') },
    { name: 'ingress_injection', description: 'ingress-nginx configuration injection (snippets, annotation values reaching nginx.conf)', direction: 1, ...count('k8s/ingress-nginx-snippet', 'k8s/ingress-nginx-annotation-injection') },
    { name: 'ingress_weak', description: 'Ingress without TLS or with a wildcard host', direction: 1, ...count('k8s/ingress-tls', 'k8s/ingress-wildcard-host') },
    // Across objects (model v3, core/graph): what the workload's mounted token may do through the
    // bindings in the scan, whether the internet reaches the workload, and for bindings and roles
    // whether a running workload carries them (and whether that workload faces the internet).
    { name: 'token_takeover', description: 'mounted token can take over the cluster', direction: 1, ...matching('k8s/workload-token-powers', /^cluster takeover:/) },
    { name: 'token_secrets_cluster', description: 'mounted token reads every Secret in the cluster', direction: 1, ...matching('k8s/workload-token-powers', /^reads every Secret in the cluster:/) },
    { name: 'token_namespace', description: 'mounted token takes over its namespace or reads its Secrets', direction: 1, ...matching('k8s/workload-token-powers', /^(namespace takeover|reads the Secrets of its namespace):/) },
    { name: 'token_exec', description: 'mounted token can exec into pods', direction: 1, ...matching('k8s/workload-token-powers', /^exec into pods:/) },
    { name: 'reach_internet', description: 'reachable from the internet (Service, Ingress, route, host port)', direction: 1, ...flag('k8s/internet-facing-workload') },
    { name: 'carried_by_workload', description: 'RBAC powers carried by a running workload\'s token', direction: 1, ...flag('k8s/rbac-carried-by-workload') },
    { name: 'carried_exposed', description: 'RBAC powers carried by an internet-facing workload\'s token', direction: 1, ...matching('k8s/rbac-carried-by-workload', /which the internet reaches/) },
    // Dockerfile final images.
    { name: 'df_root', description: 'image runs as root', direction: 1, ...flag('docker/root-user') },
    { name: 'df_remote_exec', description: 'downloaded scripts piped into a shell', direction: 1, ...count('docker/remote-script-to-shell') },
    { name: 'df_tls_off', description: 'TLS or package signature verification disabled', direction: 1, ...count('docker/tls-verification-disabled', 'docker/package-signatures-disabled') },
    { name: 'df_secrets', description: 'secrets in ARG/ENV/copied files, passwords set', direction: 1, ...count('docker/secrets-in-build', 'docker/chpasswd') },
    { name: 'df_sudo', description: 'sudo in RUN', direction: 1, ...count('docker/sudo') },
    { name: 'df_base_mutable', description: 'base image without a version, or from an untrusted registry', direction: 1, ...count('docker/base-image-unpinned', 'docker/untrusted-base-registry') },
    { name: 'df_remote_add', description: 'ADD of remote files without checksum, or ADD instead of COPY', direction: 1, ...count('docker/add-instead-of-copy') },
    { name: 'df_ssh', description: 'SSH port exposed', direction: 1, ...flag('docker/expose-ssh') },
    { name: 'df_unpinned_packages', description: 'packages installed without versions', direction: 1, ...count('docker/os-packages-unpinned', 'docker/language-packages-unpinned') },
    // Every finding counts: the rules without a feature of their own, by severity (model v2).
    { name: 'other_critical', description: 'other critical findings', direction: 1, ...others('critical') },
    { name: 'other_high', description: 'other high findings', direction: 1, ...others('high') },
    { name: 'other_medium', description: 'other medium findings', direction: 1, ...others('medium') },
    { name: 'other_low', description: 'other low and info findings', direction: 1, ...others('low', 'info') },
    // Every finding, by severity and by the attack paths it opens (attack-paths.ts).
    { name: 'sev_critical', description: 'critical findings', direction: 1, ...bySeverity('critical') },
    { name: 'sev_high', description: 'high findings', direction: 1, ...bySeverity('high') },
    { name: 'sev_medium', description: 'medium findings', direction: 1, ...bySeverity('medium') },
    { name: 'sev_low', description: 'low and info findings', direction: 1, ...bySeverity('low', 'info') },
    ...ATTACK_PATHS.map((p) => ({ name: `path_${p.id.replace(/-/g, '_')}`, description: `findings opening: ${p.name}`, direction: 1, ...count(...p.rules) })),
    // What the resource is (no direction: a Role is not riskier than a Pod by itself).
    { name: 'is_workload', description: 'the resource runs pods', direction: 0, ...kind(...WORKLOADS) },
    { name: 'is_rbac', description: 'the resource is an RBAC object', direction: 0, ...kind('Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding') },
    { name: 'is_network', description: 'the resource is a Service, Ingress, NetworkPolicy or endpoint', direction: 0, ...kind('Service', 'Ingress', 'NetworkPolicy', 'EndpointSlice', 'Endpoints') },
    { name: 'is_dockerfile', description: 'the resource is a Dockerfile\'s final image', direction: 0, ...kind('Dockerfile') },
];
/** Every rule a named feature counts; the "other" features count the rest (a test keeps this list true). */
const RULES_WITH_OWN_FEATURE = [
    'k8s/privileged-container', 'k8s/host-pid', 'k8s/host-ipc', 'k8s/host-network', 'k8s/host-port', 'k8s/container-runtime-socket', 'k8s/sensitive-host-path',
    'k8s/host-path-volume', 'k8s/writable-host-path', 'k8s/cloud-credentials-mount', 'k8s/cap-sys-admin', 'k8s/dangerous-capabilities', 'k8s/added-capabilities',
    'k8s/capabilities-not-dropped', 'k8s/net-raw', 'k8s/privilege-escalation', 'k8s/run-as-non-root', 'k8s/run-as-uid-0', 'k8s/writable-root-filesystem',
    'k8s/seccomp-profile', 'k8s/apparmor', 'k8s/selinux-options', 'k8s/unmasked-proc-mount', 'k8s/unsafe-sysctls', 'k8s/windows-host-process',
    'k8s/missing-security-context', 'k8s/risky-volume-types', 'k8s/sudo-in-command', 'k8s/service-account-token', 'k8s/service-account',
    'k8s/hardcoded-secret-env', 'k8s/secret-in-configmap', 'k8s/secret-in-env', 'k8s/image-tag', 'k8s/image-digest', 'k8s/untrusted-registry', 'k8s/resources',
    'k8s/kube-system-workload', 'k8s/tiller', 'k8s/kubernetes-dashboard', 'k8s/rbac-wildcard', 'k8s/cluster-admin-binding', 'k8s/rbac-read-secrets',
    'k8s/rbac-escalate', 'k8s/rbac-nodes-proxy', 'k8s/rbac-admission-webhooks', 'k8s/rbac-exec-attach', 'k8s/rbac-create-pods', 'k8s/rbac-escalation-paths',
    'k8s/rbac-configmap-tampering', 'k8s/rbac-manage-networking', 'k8s/rbac-anti-forensics', 'k8s/binding-broad-group', 'k8s/service-exposure',
    'k8s/service-external-ips', 'k8s/ssh-port', 'k8s/ingress-tls', 'k8s/ingress-wildcard-host', 'k8s/ingress-nginx-snippet', 'k8s/ingress-nginx-annotation-injection',
    'docker/root-user', 'docker/remote-script-to-shell', 'docker/tls-verification-disabled', 'docker/package-signatures-disabled', 'docker/secrets-in-build',
    'docker/chpasswd', 'docker/sudo', 'docker/base-image-unpinned', 'docker/untrusted-base-registry', 'docker/add-instead-of-copy', 'docker/expose-ssh',
    'docker/os-packages-unpinned', 'docker/language-packages-unpinned', 'k8s/workload-token-powers', 'k8s/internet-facing-workload', 'k8s/rbac-carried-by-workload',
];
const KNOWN = new Set(RULES_WITH_OWN_FEATURE);
/** Findings of rules without a feature of their own, of the given severities. */
function others(...severities) {
    return { per: (f) => (!KNOWN.has(f.ruleId) && severities.includes(f.severity) ? 1 : 0), combine: 'sum' };
}
function bySeverity(...severities) {
    return { per: (f) => (severities.includes(f.severity) ? 1 : 0), combine: 'sum' };
}
const features_FEATURE_NAMES = FEATURES.map((f) => f.name);
/** The features of a resource with these findings. */
function featureVector(input) {
    return new features_FeatureTable(input.resource, input.findings).row();
}
/** rule → severity → [namespaced, cluster-scoped RBAC]: bounded by the rules. */
const shareCache = new Map();
/** For MESSAGE_RULES, by rule, severity, scope and message; cleared when full (messages are the file's). */
const messageShareCache = new Map();
const SHARE_CACHE_ENTRIES = 50_000;
function sharesOf(f, resource) {
    const cluster = CLUSTER.has(resource.kind) ? 1 : 0;
    if (MESSAGE_RULES.has(f.ruleId)) {
        const key = `${f.ruleId}\0${f.severity}\0${cluster}\0${f.message}`;
        let share = messageShareCache.get(key);
        if (!share) {
            share = computeShares(f, resource);
            if (messageShareCache.size >= SHARE_CACHE_ENTRIES)
                messageShareCache.clear();
            messageShareCache.set(key, share);
        }
        return share;
    }
    // Rule and severity are the rule's own strings: looked up without building a key per finding.
    let bySeverity = shareCache.get(f.ruleId);
    if (!bySeverity)
        shareCache.set(f.ruleId, (bySeverity = new Map()));
    let byScope = bySeverity.get(f.severity);
    if (!byScope)
        bySeverity.set(f.severity, (byScope = [null, null]));
    return (byScope[cluster] ??= computeShares(f, resource));
}
/** sharesOf without the cache: every feature asked. */
function computeShares(f, resource) {
    const at = [];
    const by = [];
    for (let j = 0; j < FEATURES.length; j++) {
        const per = FEATURES[j].per;
        const v = per ? per(f, resource) : 0;
        if (!v)
            continue;
        at.push(j);
        by.push(v);
    }
    return { at, by };
}
/**
 * A share's part of a signature (FeatureTable.signature), built once per share: sharesOf gives
 * every finding of one rule and condition the same share object. `perContainer`: the share counts
 * in a feature that counts containers (every table has the same such features).
 */
const signatureOfShare = new WeakMap();
function shareSignature(share, containers) {
    let sig = signatureOfShare.get(share);
    if (!sig)
        signatureOfShare.set(share, (sig = { text: `${share.at.join(',')}|${share.by.join(',')}`, perContainer: share.at.some((j) => containers.has(j)) }));
    return sig;
}
/**
 * The `ofResource` features of a resource, shared by every table of its kind: they are the kind
 * (see `kind()`), and asking all 82 specs per table was a tenth of building the tables.
 */
const fixedByKind = new Map();
function fixedOfKind(resource) {
    let fixed = fixedByKind.get(resource.kind);
    if (!fixed)
        fixedByKind.set(resource.kind, (fixed = FEATURES.map((spec) => (spec.ofResource ? spec.ofResource(resource) : 0))));
    return fixed;
}
/** One row's worth of room, reused: keys are computed from it without allocating a row. */
const SCRATCH = new Float64Array(FEATURES.length);
/**
 * A resource's findings with each one's share of every feature, computed once. `row()` is the
 * feature vector of the findings still in the table, `rowWithout(i)` the vector without finding i
 * as well, and `remove(i)` takes finding i out: each costs the number of features, not a recount.
 */
class features_FeatureTable {
    resource;
    findings;
    /** Per finding: the features it adds to, and how much (parallel arrays). */
    shares;
    sums;
    /** For `containers` features: feature index → container → findings counted. */
    containers = new Map();
    fixed;
    removed;
    constructor(resource, findings) {
        this.resource = resource;
        this.findings = findings;
        this.sums = new Float64Array(FEATURES.length);
        this.fixed = fixedOfKind(resource);
        for (let j = 0; j < FEATURES.length; j++)
            if (FEATURES[j].combine === 'containers')
                this.containers.set(j, new Map());
        this.removed = findings.map(() => false);
        this.shares = findings.map((f) => {
            const share = sharesOf(f, resource);
            const { at, by } = share;
            for (let k = 0; k < at.length; k++) {
                const j = at[k];
                this.sums[j] += by[k];
                const c = this.containers.get(j);
                if (c)
                    c.set(f.container ?? '', (c.get(f.container ?? '') ?? 0) + 1);
            }
            return share;
        });
    }
    row() {
        return this.vector(-1);
    }
    rowWithout(i) {
        return this.vector(i);
    }
    remove(i) {
        if (this.removed[i])
            return;
        this.removed[i] = true;
        this.base = null;
        const { at, by } = this.shares[i];
        for (let k = 0; k < at.length; k++) {
            this.sums[at[k]] -= by[k];
            const c = this.containers.get(at[k]);
            if (c) {
                const key = this.findings[i].container ?? '';
                const n = c.get(key) - 1;
                if (n)
                    c.set(key, n);
                else
                    c.delete(key);
            }
        }
    }
    /** rowKey(row()), without building the row. */
    key() {
        return rowKey(this.fill(SCRATCH, -1));
    }
    signatures = null;
    /**
     * Equal for two findings whose removal gives the same row: the same shares of the same features,
     * and the same container where a feature counts containers. A path-to-green step scores one row
     * per signature instead of one per finding (a resource's 20 `k8s/resources` findings are one).
     */
    signature(i) {
        if (!this.signatures) {
            this.signatures = this.shares.map((share, k) => {
                const { text, perContainer } = shareSignature(share, this.containers);
                return perContainer ? `${text}|${this.findings[k].container ?? ''}` : text;
            });
        }
        return this.signatures[i];
    }
    /**
     * Equal for two tables whose rows are all equal: the table's row, and the row without each
     * finding in turn (the same signatures in the same order). Alike resources (one chart's
     * services, a copied overlay) are common, and their rows need building and looking up only once.
     */
    alikeKey() {
        let key = this.key();
        for (let i = 0; i < this.findings.length; i++)
            key += `\n${this.signature(i)}`;
        return key;
    }
    /** The row of the findings left and its key, while no finding is removed (remove() drops it). */
    base = null;
    /**
     * rowKey(rowWithout(i)), without building the row: the row without finding i differs from the
     * table's row only in the features finding i counts in (two to five, of 75), so the key is the
     * table's key with those characters replaced. A resource's k variants, asked again at each step
     * of its path to green, cost that instead of k full rows.
     */
    keyWithout(i) {
        if (this.removed[i])
            return this.key();
        if (!this.base) {
            const row = this.fill(new Float64Array(FEATURES.length), -1);
            this.base = { row, key: rowKey(row) };
        }
        const { row, key } = this.base;
        // The compact key form has one character per feature (row-key.ts); the other needs the full row.
        if (key.length !== FEATURES.length)
            return rowKey(this.fill(SCRATCH, i));
        const { at, by } = this.shares[i];
        let out = '';
        let from = 0;
        for (let k = 0; k < at.length; k++) {
            const j = at[k];
            const v = this.combined(j, this.sums[j] - by[k], i);
            if (v === row[j])
                continue;
            if (!(Number.isInteger(v) && v >= 0 && v < 0xffff))
                return rowKey(this.fill(SCRATCH, i));
            out += key.slice(from, j) + String.fromCharCode(v);
            from = j + 1;
        }
        return from === 0 ? key : out + key.slice(from);
    }
    vector(without) {
        return Array.from(this.fill(new Float64Array(FEATURES.length), without));
    }
    fill(out, without) {
        for (let j = 0; j < FEATURES.length; j++)
            out[j] = this.sums[j];
        const skip = without >= 0 && !this.removed[without] ? without : -1;
        if (skip >= 0) {
            const { at, by } = this.shares[skip];
            for (let k = 0; k < at.length; k++)
                out[at[k]] -= by[k];
        }
        for (let j = 0; j < FEATURES.length; j++)
            out[j] = this.combined(j, out[j], skip);
        return out;
    }
    /** Feature j's value from its findings' summed shares, finding `without` (or -1) left out. */
    combined(j, sum, without) {
        const spec = FEATURES[j];
        if (spec.ofResource)
            return this.fixed[j];
        if (spec.combine === 'any')
            return sum > 0 ? 1 : 0;
        if (spec.combine === 'containers') {
            const c = this.containers.get(j);
            // Without finding i, its container drops out when it was that container's only finding.
            return c.size - (without >= 0 && this.shares[without].at.includes(j) && c.get(this.findings[without].container ?? '') === 1 ? 1 : 0);
        }
        return sum;
    }
}
/**
 * The resource a finding belongs to: the same file and object (for a finding in a rendered chart or
 * root, the file its resource is reported in), or the same file's final image (Dockerfile). The
 * first of equal resources, as a search in order finds. Shared by the risk model and SARIF.
 */
function resourceLookup(resources) {
    const byKey = new Map();
    for (const r of resources) {
        const key = resourceKey(r.path, r.kind, r.kind === 'Dockerfile' ? null : r, r.rendered?.root ?? null);
        if (!byKey.has(key))
            byKey.set(key, r);
    }
    return (f) => byKey.get(resourceKey(f.rendered?.resourcePath ?? f.path, f.resource ? f.resource.kind : 'Dockerfile', f.resource, f.rendered?.root ?? null));
}
/**
 * A resource is its file, kind, namespace and name, and the chart or Kustomize root that rendered
 * it: two overlays that render one base to the same name are two resources, each with its own
 * findings (before, every root's findings went to the first copy and the others scored clean).
 */
function resourceKey(path, kind, named, root) {
    const own = named ? `${path}\0${kind}\0${named.namespace ?? '\u0001'}\0${named.name}` : `${path}\0${kind}`;
    return root === null ? own : `${own}\0${root}`;
}
/** Each resource's unsuppressed findings (resourceLookup). */
function features_findingsByResource(resources, findings) {
    const resourceOf = resourceLookup(resources);
    const out = new Map(resources.map((r) => [r, []]));
    for (const f of findings) {
        if (f.suppressed)
            continue;
        const r = resourceOf(f);
        if (r)
            out.get(r).push(f);
    }
    return out;
}
//# sourceMappingURL=features.js.map
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./build/src/core/risk/scorer-child.js
// The parent's side of the scorer process (scorer-process.ts): one process per run, started on the
// first request and kept for the next ones (paths to green ask the model up to 26 times; starting
// the process and loading onnxruntime each time cost about 0.2 s per request). Requests are
// answered in order. While none is pending the process does not keep riskgate alive; it ends when
// riskgate does (its stdin closes). A process that dies fails the pending requests with a
// ModelError naming the signal or its own message, and the next request starts a new one.
//
// Frames, little-endian: request = uint32 rows, uint32 width, rows×width float32;
// reply = uint32 rows, rows float32.


class ScorerFailure extends (/* unused pure expression or super */ null && (Error)) {
}
class scorer_child_ScorerChild {
    child;
    pending = [];
    replies = new ByteQueue();
    errors = [];
    dead = false;
    constructor(script, env) {
        this.child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'], env });
        this.child.stdout.on('data', (c) => this.onData(c));
        this.child.stderr.on('data', (c) => this.errors.push(c));
        this.child.stdin.on('error', () => undefined); // a process that died is reported on close
        this.child.on('error', (e) => this.fail(new ScorerFailure(`could not start the risk model's process (${e.message})`)));
        this.child.on('close', (code, signal) => {
            const message = Buffer.concat(this.errors).toString('utf8').trim().split('\n')[0];
            this.fail(new ScorerFailure(signal ? `the model's native runtime (onnxruntime) crashed with ${signal}` : message || `the risk model's process exited with code ${code}`));
        });
        this.idle();
    }
    /** Scores `rows` rows of `width` features, row-major in `data`. */
    request(data, rows, width) {
        if (this.dead)
            return Promise.reject(new ScorerFailure('the risk model\'s process has ended'));
        const frame = Buffer.alloc(8 + rows * width * 4);
        frame.writeUInt32LE(rows, 0);
        frame.writeUInt32LE(width, 4);
        new Float32Array(frame.buffer, frame.byteOffset + 8, rows * width).set(data.subarray(0, rows * width));
        return new Promise((resolve, reject) => {
            this.pending.push({ rows, resolve, reject });
            this.busy();
            this.child.stdin.write(frame);
        });
    }
    onData(chunk) {
        this.replies.push(chunk);
        while (this.replies.length >= 4 && this.pending.length) {
            const n = this.replies.uint32(0);
            if (this.replies.length < 4 + n * 4)
                return;
            const head = this.pending.shift();
            const bytes = this.replies.take(4 + n * 4).subarray(4);
            if (n !== head.rows)
                head.reject(new ScorerFailure(`the risk model's process returned ${n} scores for ${head.rows} rows`));
            else
                head.resolve(Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))));
            if (!this.pending.length)
                this.idle();
        }
    }
    fail(e) {
        this.dead = true;
        for (const p of this.pending.splice(0))
            p.reject(e);
    }
    /** Keeps riskgate alive while a request is pending. */
    busy() {
        this.child.ref();
        this.child.stdout.ref?.();
        this.child.stderr.ref?.();
    }
    /** Lets riskgate exit while nothing is pending; closing its stdin then ends the process. */
    idle() {
        this.child.unref();
        this.child.stdout.unref?.();
        this.child.stderr.unref?.();
        this.child.stdin.unref?.();
    }
}
//# sourceMappingURL=scorer-child.js.map
;// CONCATENATED MODULE: ./build/src/core/risk/score.js
// Scores every resource with the bundled ONNX model: one onnxruntime session per process,
// created on first use, and one batch for all resources and all their "if fixed" variants.







class ModelError extends Error {
}
let session = null;
/** Where models/ is: RISKGATE_MODEL_DIR, or the nearest models/ above this module (repo, package or bundle). */
function modelDir() {
    if (process.env.RISKGATE_MODEL_DIR)
        return process.env.RISKGATE_MODEL_DIR;
    let dir = (0,external_node_path_namespaceObject.dirname)((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url));
    for (let i = 0; i < 8; i++) {
        if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(dir, 'models', 'riskgate.onnx')))
            return (0,external_node_path_namespaceObject.join)(dir, 'models');
        dir = (0,external_node_path_namespaceObject.dirname)(dir);
    }
    throw new ModelError('cannot find models/riskgate.onnx (set RISKGATE_MODEL_DIR)');
}
/** The feature list the model was trained on must be the one this code computes. */
function checkFeatures(dir = modelDir()) {
    const trained = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)((0,external_node_path_namespaceObject.join)(dir, 'features.json'), 'utf8')).names;
    if (trained.length !== features_FEATURE_NAMES.length || trained.some((n, i) => n !== features_FEATURE_NAMES[i])) {
        const diff = trained.map((n, i) => (n === features_FEATURE_NAMES[i] ? null : `#${i}: model "${n}", code "${features_FEATURE_NAMES[i] ?? '(none)'}"`)).filter(Boolean);
        throw new ModelError(`models/features.json does not match the features riskgate computes (${trained.length} vs ${features_FEATURE_NAMES.length}; ${diff.slice(0, 3).join('; ')}); retrain with npm run train`);
    }
}
async function load() {
    const dir = modelDir();
    checkFeatures(dir);
    let ort;
    try {
        // Loaded on first use only: scans that need no score never load the native runtime. The action
        // bundle keeps this as a lazily loaded chunk and ships the Linux binaries beside it.
        const mod = (await __nccwpck_require__.e(/* import() */ 701).then(__nccwpck_require__.t.bind(__nccwpck_require__, 701, 19)));
        ort = mod.InferenceSession ? mod : mod.default;
    }
    catch (e) {
        throw new ModelError(`the risk model needs onnxruntime-node, which could not be loaded on ${process.platform}-${process.arch} (${e.message.split('\n')[0]})`);
    }
    const s = await ort.InferenceSession.create((0,external_node_path_namespaceObject.join)(dir, 'riskgate.onnx'), { executionProviders: ['cpu'], graphOptimizationLevel: 'all', intraOpNumThreads: 2 });
    return { ort, session: s };
}
// RISKGATE_SCORING=child|in-process overrides the choice (tests, benchmarks, debugging).
let scoringMode = ['child', 'in-process'].find((m) => m === process.env.RISKGATE_SCORING) ?? 'auto';
function setScoringMode(mode) {
    scoringMode = mode;
}
/** Command lines of this length and more crash onnxruntime's start-up (measured: 25 KB works, 33 KB crashes). */
const LONG_COMMAND_LINE = (/* unused pure expression or super */ null && (8 * 1024));
function commandLineLength() {
    try {
        return readFileSync('/proc/self/cmdline').length;
    }
    catch {
        return [process.execPath, ...process.execArgv, ...process.argv.slice(1)].reduce((n, a) => n + Buffer.byteLength(a) + 1, 0);
    }
}
/**
 * The scorer's entry: beside this module in the compiled sources, dist/scorer/index.js beside a
 * bundle in dist/<name>/. Built from parts so that the bundler does not copy the file as an asset.
 */
function scorerScript() {
    const here = dirname(fileURLToPath(import.meta.url));
    const candidates = [['scorer-process.js'], ['..', 'scorer', 'index.js']];
    for (const parts of candidates) {
        const p = join(here, ...parts);
        if (existsSync(p))
            return p;
    }
    return null;
}
/**
 * Risk (0–1) for each feature row. Equal rows are scored once: a repository's resources are
 * often alike (one chart, many services), and the drivers and paths to green of each resource
 * ask about variants that differ from each other in one finding of a rule that counts the same.
 * The model scores each row on its own, so this changes no score. `cache` (row → score) carries
 * what was scored across calls: scoring a large scan in chunks asks again about rows seen before.
 */
async function predict(rows, cache = new Map()) {
    return predictKeys(rows.map(rowKey), cache);
}
/**
 * As predict, for rows given by their keys (rowKey): the large callers compute keys straight from
 * a FeatureTable, and only the rows not scored yet are built, once each.
 */
async function predictKeys(keys, cache = new Map()) {
    if (!keys.length)
        return [];
    const missingKeys = [];
    const asked = new Set();
    for (const key of keys) {
        if (cache.has(key) || asked.has(key))
            continue;
        asked.add(key);
        missingKeys.push(key);
    }
    const scores = await predictUnique(keysToMatrix(missingKeys, FEATURE_NAMES.length), missingKeys.length);
    missingKeys.forEach((key, i) => cache.set(key, scores[i]));
    return keys.map((key) => cache.get(key));
}
/** The rows of `keys` (rowKey) as one row-major matrix, what the model takes: no array per row. */
function keysToMatrix(keys, width) {
    const data = new Float32Array(keys.length * width);
    keys.forEach((key, i) => {
        const at = i * width;
        if (key.length === width)
            for (let j = 0; j < width; j++)
                data[at + j] = key.charCodeAt(j);
        else
            data.set(rowOfKey(key, width), at);
    });
    return data;
}
async function predictUnique(data, rows) {
    if (!rows)
        return [];
    // The action's bundle has no separate scorer file; its command line is short anyway.
    const script = modeNow() === 'child' ? scorerScript() : null;
    return script ? predictMatrixInChild(script, data, rows) : predictMatrix(data, rows);
}
/** Where the model runs for this process: the chosen mode, `auto` decided by the command line's length. */
function modeNow() {
    return scoringMode === 'auto' ? (commandLineLength() >= LONG_COMMAND_LINE ? 'child' : 'in-process') : scoringMode;
}
/** One scorer process per script, kept for the run (scorer-child.ts); a new one after one died. */
const children = new Map();
function childFor(script) {
    let child = children.get(script);
    if (!child || child.dead)
        children.set(script, (child = new ScorerChild(script, { ...process.env, RISKGATE_MODEL_DIR: modelDir() })));
    return child;
}
/**
 * Where the model runs in a process of its own, starts that process now: it loads onnxruntime and
 * the model (about 0.2 s) on the other core while this one reads and checks files, instead of
 * after them. The CLI calls it before a scan it will score. In this process nothing is started
 * early: loading the native runtime would take this thread's time. Errors (no model found) wait
 * for the first prediction, which reports them as it always did.
 */
function startScorer() {
    const script = modeNow() === 'child' ? scorerScript() : null;
    if (!script)
        return;
    try {
        childFor(script);
    }
    catch {
        // modelDir() found no model: the first prediction says so.
    }
}
/** In the scorer's process: starts loading the model before the first request arrives. */
function preloadModel() {
    session ??= load();
    session.catch(() => undefined);
}
/** Runs the model in a child process started with a short command line. */
async function predictInChild(script, rows) {
    const data = new Float32Array(rows.length * FEATURE_NAMES.length);
    rows.forEach((r, i) => data.set(r, i * FEATURE_NAMES.length));
    return predictMatrixInChild(script, data, rows.length);
}
async function predictMatrixInChild(script, data, rows) {
    try {
        return await childFor(script).request(data, rows, FEATURE_NAMES.length);
    }
    catch (e) {
        throw e instanceof ModelError ? e : new ModelError(e.message);
    }
}
/** The model on `rows` rows of FEATURE_NAMES.length features, row-major, in this process. */
async function predictMatrix(data, rows) {
    if (!rows)
        return [];
    session ??= load();
    const { ort, session: s } = await session;
    const out = await s.run({ features: new ort.Tensor('float32', data, [rows, features_FEATURE_NAMES.length]) });
    return Array.from(out.risk.data);
}
/** A model probability as a risk score: 0 to 100, one decimal. */
const toScore = (p) => Math.round(p * 1000) / 10;
/**
 * Fills `risk` on every checked resource and returns the drivers: each unsuppressed finding on the
 * resource with the risk the resource would have without it.
 */
async function scoreResources(resources, findings, options = {}) {
    const withDrivers = options.drivers !== false;
    // The caller may pass findingsByResource's answer: scoring and paths to green need the same one.
    const entries = [...(options.byResource ?? findingsByResource(resources, findings))].filter(([res]) => res.checked);
    const out = new Map();
    const cache = new Map();
    // In chunks: the rows of every variant of every resource at once (about 0.6 KB each, one per
    // finding) were most of a 100,000-file scan's peak memory.
    for (let from = 0; from < entries.length; from += SCORE_CHUNK) {
        // Keys, not rows: a row is built only for a key not scored yet (predictKeys).
        const rows = [];
        const plan = [];
        // Alike resources of a chunk (FeatureTable.alikeKey) share their rows: built and looked up
        // once. The model sees the same rows either way (predictKeys scores equal keys once).
        const alike = new Map();
        for (const [res, list] of entries.slice(from, from + SCORE_CHUNK)) {
            const table = new FeatureTable(res, list);
            const key = withDrivers ? table.alikeKey() : table.key();
            let shared = alike.get(key);
            if (!shared) {
                shared = { base: rows.push(table.key()) - 1, variants: withDrivers ? list.map((_, i) => rows.push(table.keyWithout(i)) - 1) : [] };
                alike.set(key, shared);
            }
            const { base, variants: variantRows } = shared;
            plan.push({ res, base, variants: variantRows.map((row, i) => ({ finding: list[i], row })) });
        }
        const p = await predictKeys(rows, cache);
        for (const { res, base, variants } of plan) {
            const risk = toScore(p[base]);
            res.risk = risk;
            // Filtered before a driver is built: most variants of a large scan neither lower the score
            // nor are high. Two literals rather than a spread keep the key order and one shape each.
            const drivers = [];
            for (const { finding, row } of variants) {
                const riskIfFixed = toScore(p[row]);
                // When a resource is saturated (several problems each enough to block) no single fix lowers
                // the score; the high-severity findings still drive it and are listed.
                if (!(riskIfFixed < risk || severityRank(finding.severity) >= HIGH))
                    continue;
                // A finding of a rendered chart may sit in another file than its resource (values.yaml): named then.
                drivers.push(finding.path !== res.path
                    ? { ruleId: finding.ruleId, message: finding.message, path: finding.path, line: finding.line, fingerprint: finding.fingerprint, riskIfFixed }
                    : { ruleId: finding.ruleId, message: finding.message, line: finding.line, fingerprint: finding.fingerprint, riskIfFixed });
            }
            drivers.sort((a, b) => a.riskIfFixed - b.riskIfFixed || a.line - b.line);
            res.drivers = drivers;
            out.set(res, { risk, drivers });
        }
    }
    return out;
}
const HIGH = types_severityRank('high');
/** Resources scored per model call. */
const SCORE_CHUNK = 4096;
//# sourceMappingURL=score.js.map
;// CONCATENATED MODULE: ./build/src/core/risk/byte-queue.js
// Bytes arriving in chunks on a pipe, read as frames (the scorer's protocol, both ways). Chunks
// are kept as they come and joined once per frame: joining on every chunk copied a large
// request over and over (about 150 chunks of 64 KiB for one chunk of scoring).
class byte_queue_ByteQueue {
    chunks = [];
    length = 0;
    push(chunk) {
        this.chunks.push(chunk);
        this.length += chunk.length;
    }
    /** The little-endian uint32 at `offset` (which must be in the queue). */
    uint32(offset) {
        if (this.chunks[0].length < offset + 4)
            this.chunks = [Buffer.concat(this.chunks)];
        return this.chunks[0].readUInt32LE(offset);
    }
    /** Removes the first `n` bytes and returns them as one buffer. */
    take(n) {
        const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
        this.chunks = all.length > n ? [all.subarray(n)] : [];
        this.length -= n;
        return all.subarray(0, n);
    }
}
//# sourceMappingURL=byte-queue.js.map
;// CONCATENATED MODULE: ./build/src/core/risk/scorer-process.js
// The risk model in a process of its own. onnxruntime's native start-up crashes (SIGSEGV, deep
// recursion on the main thread) in a process whose own command line is long, as it is when a
// pre-commit hook or `xargs` passes hundreds of paths; neither shortening process.argv nor a
// worker thread avoids that. This process is started with a short command line, so the model
// loads; and if the native runtime dies anyway, only this process dies and the scan reports
// its findings without scores.
//
// Protocol (binary, no parsing of numbers), one request after another on stdin until it closes
// (see scorer-child.ts): uint32 row count, uint32 row width, the rows as little-endian float32;
// each answered on stdout with a uint32 row count and one float32 per row.



async function* scorer_process_frames() {
    const queue = new byte_queue_ByteQueue();
    for await (const c of process.stdin) {
        queue.push(c);
        while (queue.length >= 8) {
            const n = queue.uint32(0);
            const width = queue.uint32(4);
            const size = 8 + n * width * 4;
            if (queue.length < size)
                break;
            const frame = queue.take(size);
            yield { n, width, data: new Float32Array(frame.buffer.slice(frame.byteOffset + 8, frame.byteOffset + size)) };
        }
    }
    if (queue.length)
        throw new Error(`scorer: ${queue.length} bytes of an incomplete request`);
}
async function run() {
    for await (const { n, width, data } of scorer_process_frames()) {
        if (width !== features_FEATURE_NAMES.length)
            throw new Error(`scorer: rows of ${width} features, the model takes ${features_FEATURE_NAMES.length}`);
        const p = await predictMatrix(data, n);
        const out = Buffer.alloc(4 + p.length * 4);
        out.writeUInt32LE(p.length, 0);
        new Float32Array(out.buffer, out.byteOffset + 4, p.length).set(p);
        await new Promise((res, rej) => process.stdout.write(out, (e) => (e ? rej(e) : res())));
    }
}
// The model loads while the parent is still reading files (score.ts startScorer).
preloadModel();
run().then(() => {
    process.exitCode = 0;
}, (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
});
//# sourceMappingURL=scorer-process.js.map
