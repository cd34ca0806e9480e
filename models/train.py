#!/usr/bin/python3
"""Trains riskgate's risk model and exports it to ONNX.

    npm run train          (builds, regenerates models/data when ../shared/corpus exists, then runs this)
    /usr/bin/python3 models/train.py

Uses Debian's python3-xgboost, python3-sklearn, python3-onnx and python3-matplotlib (apt), seeded
and reproducible. Reads models/data/dataset.jsonl and feature-specs.json (written by
scripts/gen-dataset.ts from the same feature code inference uses) and writes:
  riskgate.onnx   the model: TreeEnsembleRegressor (the boosted trees, calibration folded into
                  the leaves) followed by a Sigmoid: input "features" float32 [N, F] -> "risk" [N, 1]
  features.json   feature names, order, directions and descriptions (inference checks it)
  metrics.json    evaluation on the held-out repositories, and the reference predictions CI replays
  reliability.png, importance.png, MODEL_CARD.md
"""

import hashlib
import json
import math
import os
import random
import sys

import numpy as np
import xgboost as xgb
import onnx
from onnx import helper, TensorProto
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score, brier_score_loss

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261124
# 2: every finding counts (per-severity and per-attack-path features, every rule alone in the data).
# 3: features across objects (the mounted token's powers, reachability from the internet, RBAC carried by workloads).
MODEL_VERSION = '3'

# ---------------------------------------------------------------------------------------------
# The labelling function: the probability that a security reviewer blocks the resource.
#
# Each finding family carries the chance that, on its own, it makes a reviewer block the change.
# The numbers follow three upstream sources, in this order of precedence:
#  1. Attack paths documented in the Microsoft Threat Matrix for Kubernetes and MITRE ATT&CK for
#     Containers (privileged container, hostPath mount, writable node paths, container runtime
#     socket, cluster-admin binding, exposed credentials, supply-chain compromise): 0.85-0.97.
#  2. The Pod Security Standards: a "baseline" violation (the policy that "prevents known
#     privilege escalations") is blocked far more often than a "restricted"-only gap (hardening
#     best practice): 0.45-0.90 against 0.01-0.05.
#  3. The peers' consensus severity for the same check (catalog columns in docs/rules): critical
#     and high checks map to the upper part of each band, low and info to the lower part.
# Independent problems combine like independent reasons to block (noisy-OR), and the documented
# escape combinations (privileged with a host namespace or a host mount, SYS_ADMIN as root, a
# critical host path mounted writable) are near-certain blocks. Labels are drawn from these
# probabilities with a fixed seed, so the model learns, and is scored against, probabilities.
# ---------------------------------------------------------------------------------------------
BLOCK_PROBABILITY = {
    # Attack paths and "baseline" violations: reviewers block these.
    'privileged': 0.93, 'host_pid': 0.90, 'host_ipc': 0.85, 'host_network': 0.88, 'host_port': 0.80,
    'runtime_socket': 0.97, 'host_path_critical': 0.93, 'host_path_sensitive': 0.90, 'host_path': 0.80,
    'host_path_writable': 0.60, 'cloud_credentials': 0.93, 'cap_sys_admin': 0.93, 'cap_dangerous': 0.88,
    'cap_added': 0.80, 'proc_unmasked': 0.88, 'unsafe_sysctls': 0.85, 'windows_host_process': 0.90,
    'weak_lsm': 0.80, 'uid_zero': 0.75, 'sudo_command': 0.75, 'risky_volumes': 0.60,
    # Credentials.
    'hardcoded_secret': 0.95, 'secret_env': 0.02, 'sa_token': 0.01, 'default_sa': 0.01,
    # RBAC: cluster-admin equivalents and escalation verbs are attack paths.
    'rbac_superuser': 0.97, 'rbac_broad_subjects': 0.95, 'rbac_escalation': 0.92, 'rbac_secrets_cluster': 0.90,
    'rbac_secrets_namespace': 0.75, 'rbac_execution': 0.80, 'rbac_tampering': 0.60, 'rbac_wildcard': 0.85,
    # Exposure: ingress-nginx configuration injection reaches every Secret the controller reads.
    'exposed': 0.10, 'ingress_injection': 0.93, 'ingress_weak': 0.40,
    # "Restricted"-only hardening gaps: reviewers ask, rarely block.
    'may_run_as_root': 0.03, 'privilege_escalation': 0.02, 'caps_kept': 0.01, 'no_seccomp': 0.01,
    'writable_root_fs': 0.01, 'missing_security_context': 0.005,
    # Supply chain and hygiene.
    'image_mutable': 0.03, 'image_no_digest': 0.005, 'untrusted_registry': 0.10, 'no_resources': 0.005,
    'kube_system': 0.60, 'legacy_components': 0.80,
    # Every other rule by its severity (model v2: no finding is invisible). A critical or high
    # check is one the peers agree opens an attack path; medium and low are hardening gaps.
    'other_critical': 0.90, 'other_high': 0.60, 'other_medium': 0.08, 'other_low': 0.01,
    # Dockerfile final images.
    'df_remote_exec': 0.90, 'df_tls_off': 0.90, 'df_secrets': 0.93, 'df_sudo': 0.85, 'df_root': 0.04,
    'df_base_mutable': 0.05, 'df_remote_add': 0.03, 'df_ssh': 0.80, 'df_unpinned_packages': 0.005,
    # Across objects (model v3). A workload whose mounted token can take over the cluster is what
    # KubiScan ranks first and Kubescape's C-0267 reports: one code-execution bug in it is the
    # cluster. Reading every Secret is nearly as bad; namespace powers and exec less. Being reached
    # from the internet alone is what web apps are for (Kubescape C-0256 scores it 7/10 as a chain
    # entry, not a block): its weight is in the chains below. A binding carried by a running
    # workload is riskier than one no pod uses, and more so when that workload faces the internet.
    'token_takeover': 0.85, 'token_secrets_cluster': 0.75, 'token_namespace': 0.45, 'token_exec': 0.40,
    'reach_internet': 0.04, 'carried_by_workload': 0.10, 'carried_exposed': 0.50,
}
BASE_PROBABILITY = 0.02
ESCAPE_COMBINATIONS = [
    (('privileged', 'host_pid'), 0.99), (('privileged', 'host_network'), 0.98), (('privileged', 'host_path'), 0.98),
    (('cap_sys_admin', 'may_run_as_root'), 0.97), (('host_path_critical', 'host_path_writable'), 0.98),
    (('host_pid', 'may_run_as_root'), 0.93), (('df_root', 'df_remote_exec'), 0.93),
    # Attack chains across objects (T1190 as the entry, then T1528 + T1098.006 or T1611): the
    # internet reaches a pod whose token or whose escape opens the cluster or the node.
    (('reach_internet', 'token_takeover'), 0.99), (('reach_internet', 'token_secrets_cluster'), 0.96),
    (('reach_internet', 'token_namespace'), 0.85), (('reach_internet', 'token_exec'), 0.75),
    (('reach_internet', 'privileged'), 0.97), (('reach_internet', 'cap_sys_admin'), 0.95),
    (('reach_internet', 'host_path_critical'), 0.95), (('reach_internet', 'runtime_socket'), 0.99),
    (('reach_internet', 'host_pid'), 0.95),
    (('carried_exposed', 'rbac_superuser'), 0.99), (('carried_exposed', 'rbac_escalation'), 0.97),
    (('carried_exposed', 'rbac_secrets_cluster'), 0.95),
]


# Every finding moves the score (model v2). Trees alone cannot promise that: a rare low finding
# may never get a split. So the margin starts from a small floor that grows with the number of
# findings of each severity, log(1 + n) scaled by a weight per severity, and the trees are fitted
# on top of it (XGBoost base_margin): the first finding of any severity raises the score a little,
# more findings a little more, and the trees carry the size of the effect. The floor is part of
# the ONNX graph (Log, MatMul) and is calibrated with the trees.
SEVERITY_FLOOR = {'sev_critical': 0.30, 'sev_high': 0.20, 'sev_medium': 0.08, 'sev_low': 0.03}


def floor_weights(names):
    w = np.zeros((len(names), 1), dtype=np.float32)
    for name, weight in SEVERITY_FLOOR.items():
        w[names.index(name), 0] = weight
    return w


def floor_margin(X, w):
    return (np.log1p(X.astype(np.float64)) @ w.astype(np.float64))[:, 0]


# Which attack technique each family enables (MITRE ATT&CK for Containers; the same vocabulary as
# src/core/risk/attack-paths.ts). A row's label is derived from the techniques its configuration
# enables: each technique is enabled with the noisy-OR of its families' probabilities, and the
# resource is blocked unless none of its techniques is (times the base rate), with the documented
# chains (ESCAPE_COMBINATIONS) on top. Families that are hygiene rather than a technique are the
# "other_*" severity counts, tied to the peers' severity consensus.
TECHNIQUES = {
    'T1611 Escape to Host': ['privileged', 'host_pid', 'host_ipc', 'runtime_socket', 'host_path_critical', 'host_path_sensitive', 'host_path',
                             'host_path_writable', 'cap_sys_admin', 'cap_dangerous', 'cap_added', 'proc_unmasked', 'unsafe_sysctls',
                             'windows_host_process', 'weak_lsm', 'risky_volumes'],
    'T1068 Exploitation for Privilege Escalation': ['uid_zero', 'sudo_command', 'may_run_as_root', 'privilege_escalation', 'caps_kept', 'no_seccomp',
                                                    'writable_root_fs', 'missing_security_context', 'df_root', 'df_sudo'],
    'T1557 Adversary-in-the-Middle': ['host_network', 'df_tls_off'],
    'T1133 External Remote Services': ['host_port', 'exposed', 'df_ssh'],
    'T1552.005 Cloud Instance Metadata API': ['cloud_credentials'],
    'T1552.001 Credentials In Files': ['hardcoded_secret', 'secret_env', 'df_secrets'],
    'T1528 Steal Application Access Token': ['sa_token', 'default_sa', 'token_takeover', 'token_secrets_cluster', 'token_namespace', 'token_exec'],
    'T1552.007 Container API': ['rbac_secrets_cluster', 'rbac_secrets_namespace'],
    'T1098.006 Additional Container Cluster Roles': ['rbac_superuser', 'rbac_broad_subjects', 'rbac_escalation', 'rbac_wildcard', 'carried_by_workload', 'carried_exposed'],
    'T1609 Container Administration Command': ['rbac_execution'],
    'T1070 Indicator Removal': ['rbac_tampering'],
    'T1190 Exploit Public-Facing Application': ['ingress_injection', 'ingress_weak', 'reach_internet'],
    'T1195.002 Compromise Software Supply Chain': ['image_mutable', 'image_no_digest', 'untrusted_registry', 'df_base_mutable', 'df_remote_add',
                                                   'df_unpinned_packages', 'df_remote_exec'],
    'T1610 Deploy Container': ['kube_system', 'legacy_components'],
    'T1499 Endpoint Denial of Service': ['no_resources'],
    'peer severity consensus (no single technique)': ['other_critical', 'other_high', 'other_medium', 'other_low'],
}
_assigned = [f for fams in TECHNIQUES.values() for f in fams]
assert sorted(_assigned) == sorted(BLOCK_PROBABILITY), 'every labelled family belongs to exactly one technique'


def technique_probabilities(f):
    """The probability that each technique is enabled (noisy-OR over its families, at most 3 of each counted)."""
    return {t: 1.0 - math.prod((1.0 - BLOCK_PROBABILITY[name]) ** min(f.get(name, 0), 3) for name in fams) for t, fams in TECHNIQUES.items()}


def block_probability(f):
    keep = 1.0 - BASE_PROBABILITY
    for p in technique_probabilities(f).values():
        keep *= (1.0 - p)
    for names, p in ESCAPE_COMBINATIONS:
        if all(f.get(n, 0) > 0 for n in names):
            keep *= (1.0 - p)
    return 1.0 - keep


def assign_splits(rows):
    """Train/validation/test by source repository, so near-duplicates never cross splits. Repositories are
    taken in a fixed (hashed) order and each goes to the split furthest below its share of rows
    (70/15/15), which keeps every split large and varied whatever the repositories' sizes."""
    sizes = {}
    for r in rows:
        sizes[r['group']] = sizes.get(r['group'], 0) + 1
    order = sorted(sizes, key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    target = {'train': 0.70, 'validation': 0.15, 'test': 0.15}
    filled = {k: 0 for k in target}
    total = sum(sizes.values())
    which = {}
    for g in order:
        k = min(target, key=lambda k: filled[k] / total - target[k])
        which[g] = k
        filled[k] += sizes[g]
    return which


def expected_calibration_error(y, p, bins=10):
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if m.sum():
            ece += m.mean() * abs(y[m].mean() - p[m].mean())
    return float(ece)


def onnx_from_booster(booster, names, scale, offset, floor_w):
    """TreeEnsembleRegressor from XGBoost's JSON dump plus the severity floor (log(1 + x) · w); the sum
    times scale plus offset, then Sigmoid."""
    attrs = {k: [] for k in ['nodes_treeids', 'nodes_nodeids', 'nodes_featureids', 'nodes_values', 'nodes_modes',
                             'nodes_truenodeids', 'nodes_falsenodeids', 'nodes_missing_value_tracks_true', 'nodes_hitrates',
                             'target_treeids', 'target_nodeids', 'target_ids', 'target_weights']}
    index = {n: i for i, n in enumerate(names)}
    for tree_id, dump in enumerate(booster.get_dump(dump_format='json')):
        stack = [json.loads(dump)]
        while stack:
            node = stack.pop()
            nid = node['nodeid']
            attrs['nodes_treeids'].append(tree_id)
            attrs['nodes_nodeids'].append(nid)
            attrs['nodes_hitrates'].append(1.0)
            if 'leaf' in node:
                attrs['nodes_featureids'].append(0)
                attrs['nodes_values'].append(0.0)
                attrs['nodes_modes'].append('LEAF')
                attrs['nodes_truenodeids'].append(0)
                attrs['nodes_falsenodeids'].append(0)
                attrs['nodes_missing_value_tracks_true'].append(0)
                attrs['target_treeids'].append(tree_id)
                attrs['target_nodeids'].append(nid)
                attrs['target_ids'].append(0)
                attrs['target_weights'].append(float(node['leaf']) * scale)
            else:
                attrs['nodes_featureids'].append(index[node['split']])
                attrs['nodes_values'].append(float(node['split_condition']))
                attrs['nodes_modes'].append('BRANCH_LT')  # XGBoost: x < threshold goes to "yes"
                attrs['nodes_truenodeids'].append(node['yes'])
                attrs['nodes_falsenodeids'].append(node['no'])
                attrs['nodes_missing_value_tracks_true'].append(1 if node.get('missing') == node['yes'] else 0)
                stack.extend(node['children'])
    trees = helper.make_node('TreeEnsembleRegressor', ['features'], ['tree_margin'], domain='ai.onnx.ml', n_targets=1,
                             aggregate_function='SUM', post_transform='NONE', base_values=[offset], **attrs)
    one = helper.make_tensor('one', TensorProto.FLOAT, [], [1.0])
    weights = helper.make_tensor('floor_weights', TensorProto.FLOAT, [len(names), 1], (floor_w[:, 0] * scale).astype(np.float32).tolist())
    nodes = [
        trees,
        helper.make_node('Add', ['features', 'one'], ['features_plus_one']),
        helper.make_node('Log', ['features_plus_one'], ['log_features']),
        helper.make_node('MatMul', ['log_features', 'floor_weights'], ['floor_margin']),
        helper.make_node('Add', ['tree_margin', 'floor_margin'], ['margin']),
        helper.make_node('Sigmoid', ['margin'], ['risk']),
    ]
    graph = helper.make_graph(nodes, 'riskgate',
                              [helper.make_tensor_value_info('features', TensorProto.FLOAT, [None, len(names)])],
                              [helper.make_tensor_value_info('risk', TensorProto.FLOAT, [None, 1])],
                              initializer=[one, weights])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 13), helper.make_opsetid('ai.onnx.ml', 3)],
                              producer_name='riskgate models/train.py')
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def main():
    random.seed(SEED)
    np.random.seed(SEED)
    specs = json.load(open(os.path.join(HERE, 'data/feature-specs.json')))
    names = [s['name'] for s in specs]
    rows = [json.loads(l) for l in open(os.path.join(HERE, 'data/dataset.jsonl'))]
    X = np.array([r['features'] for r in rows], dtype=np.float32)
    feats = [dict(zip(names, r['features'])) for r in rows]
    p_true = np.array([block_probability(f) for f in feats])
    rng = np.random.default_rng(SEED)
    y = (rng.random(len(rows)) < p_true).astype(np.int32)
    which = assign_splits(rows)
    split = np.array([which[r['group']] for r in rows])
    tr, va, te = split == 'train', split == 'validation', split == 'test'
    print(f'rows: {len(rows)} train {tr.sum()} validation {va.sum()} test {te.sum()}; positives {y.mean():.3f}', file=sys.stderr)

    constraints = '(' + ','.join(str(s['direction']) for s in specs) + ')'
    params = {'objective': 'binary:logistic', 'eval_metric': 'logloss', 'max_depth': 5, 'eta': 0.1, 'subsample': 0.9,
              'colsample_bytree': 0.9, 'min_child_weight': 3, 'lambda': 2.0, 'monotone_constraints': constraints,
              'tree_method': 'exact', 'seed': SEED, 'nthread': 1, 'base_score': 0.5}
    floor_w = floor_weights(names)
    dtrain = xgb.DMatrix(X[tr], label=y[tr], feature_names=names, base_margin=floor_margin(X[tr], floor_w))
    dval = xgb.DMatrix(X[va], label=y[va], feature_names=names, base_margin=floor_margin(X[va], floor_w))
    booster = xgb.train(params, dtrain, num_boost_round=300, evals=[(dval, 'validation')], early_stopping_rounds=30, verbose_eval=False)
    booster = booster[: booster.best_iteration + 1]

    # Platt scaling on the validation margins, folded into the trees: sigmoid(a * margin + b).
    margin_val = booster.predict(dval, output_margin=True)
    platt = LogisticRegression(C=1e6).fit(margin_val.reshape(-1, 1), y[va])
    a, b = float(platt.coef_[0][0]), float(platt.intercept_[0])
    if a <= 0:
        raise SystemExit('calibration slope must be positive to keep the model monotone')
    model = onnx_from_booster(booster, names, a, b, floor_w)
    onnx.save(model, os.path.join(HERE, 'riskgate.onnx'))

    def predict(Xs):
        m = booster.predict(xgb.DMatrix(Xs, feature_names=names, base_margin=floor_margin(Xs, floor_w)), output_margin=True)
        return 1.0 / (1.0 + np.exp(-(a * m + b)))

    p_te = predict(X[te])
    metrics = {
        'definition': 'calibrated probability (x100 = risk) that a security reviewer blocks the configuration; see MODEL_CARD.md',
        'seed': SEED, 'rows': {'train': int(tr.sum()), 'validation': int(va.sum()), 'test': int(te.sum())},
        'trees': int(booster.num_boosted_rounds()), 'calibration': {'method': 'Platt (folded into leaves)', 'a': a, 'b': b},
        'test': {'roc_auc': float(roc_auc_score(y[te], p_te)), 'ece': expected_calibration_error(y[te], p_te),
                 'brier': float(brier_score_loss(y[te], p_te)),
                 'roc_auc_vs_labelling_probability': float(roc_auc_score(y[te], p_true[te])),
                 'mean_abs_error_vs_labelling_probability': float(np.mean(np.abs(p_te - p_true[te])))},
        'per_source': {},
    }
    # The same on held-out real repositories only (without the generated RBAC and single-finding rows).
    real = te & np.array([not r['group'].startswith('synthetic-') for r in rows])
    p_real = predict(X[real])
    metrics['test_real'] = {'rows': int(real.sum()), 'roc_auc': float(roc_auc_score(y[real], p_real)), 'ece': expected_calibration_error(y[real], p_real),
                            'brier': float(brier_score_loss(y[real], p_real)), 'roc_auc_vs_labelling_probability': float(roc_auc_score(y[real], p_true[real]))}
    for g in sorted(set(r['group'] for r, s in zip(rows, split) if s == 'test')):
        m = np.array([r['group'] == g for r in rows]) & te
        entry = {'rows': int(m.sum()), 'positives': int(y[m].sum()), 'ece': expected_calibration_error(y[m], predict(X[m]))}
        if 0 < y[m].sum() < m.sum():
            entry['roc_auc'] = float(roc_auc_score(y[m], predict(X[m])))
        metrics['per_source'][g] = entry

    # Monotonicity: lowering any feature with direction +1 by one never raises the score.
    violations, pairs = 0, 0
    up = [i for i, s in enumerate(specs) if s['direction'] == 1]
    base = predict(X[te])
    for i in up:
        rows_i = np.where(X[te][:, i] > 0)[0]
        if len(rows_i) == 0:
            continue
        lowered = X[te][rows_i].copy()
        lowered[:, i] -= 1
        after = predict(lowered)
        pairs += len(rows_i)
        violations += int(np.sum(after > base[rows_i] + 1e-7))
    metrics['monotonicity'] = {'pairs_tested': pairs, 'violations': violations}

    # The two reference cases of the issue, as feature vectors.
    def vec(**kw):
        v = np.zeros((1, len(names)), dtype=np.float32)
        for k, val in kw.items():
            v[0, names.index(k)] = val
        return v
    # Written by scripts/gen-reference-cases.ts from real manifests with the inference feature code.
    cases = json.load(open(os.path.join(HERE, 'data/reference-cases.json')))
    restricted = np.array([cases['restricted_workload']], dtype=np.float32)
    privileged = np.array([cases['privileged_host_namespaces']], dtype=np.float32)
    metrics['reference_cases'] = {'restricted_workload': float(predict(restricted)[0]) * 100,
                                  'privileged_host_namespaces': float(predict(privileged)[0]) * 100}

    # Reference predictions CI replays through onnxruntime-node (within 1e-5).
    pick = np.random.default_rng(SEED).choice(np.where(te)[0], size=min(64, int(te.sum())), replace=False)
    sample = X[pick]
    metrics['sample'] = {'features': sample.tolist(), 'risk': [float(p) for p in predict(sample)]}

    gain = booster.get_score(importance_type='total_gain')
    metrics['importance'] = {n: float(gain.get(n, 0.0)) for n in names}
    # Model identity: the version names the feature set and labelling; the data hash the exact rows.
    metrics['model'] = {'version': MODEL_VERSION,
                        'trainingData': hashlib.sha256(open(os.path.join(HERE, 'data/dataset.jsonl'), 'rb').read()).hexdigest()}
    json.dump(metrics, open(os.path.join(HERE, 'metrics.json'), 'w'), indent=1)
    json.dump({'names': names, 'features': specs}, open(os.path.join(HERE, 'features.json'), 'w'), indent=2)
    plots(y[te], p_te, metrics['importance'])
    model_card(specs, metrics)
    t = metrics['test']
    print(f"test AUC {t['roc_auc']:.3f}  ECE {t['ece']:.3f}  Brier {t['brier']:.3f}  monotone violations {violations}/{pairs}  "
          f"restricted {metrics['reference_cases']['restricted_workload']:.1f}  privileged {metrics['reference_cases']['privileged_host_namespaces']:.1f}  "
          f"model {os.path.getsize(os.path.join(HERE, 'riskgate.onnx'))} bytes", file=sys.stderr)


def plots(y, p, importance):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    edges = np.linspace(0, 1, 11)
    xs, ys, ns = [], [], []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if m.sum():
            xs.append(p[m].mean()); ys.append(y[m].mean()); ns.append(int(m.sum()))
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], '--', color='grey', label='perfect calibration')
    ax.plot(xs, ys, 'o-', label='riskgate (test repositories)')
    for x_, y_, n in zip(xs, ys, ns):
        ax.annotate(str(n), (x_, y_), textcoords='offset points', xytext=(4, -10), fontsize=7)
    ax.set_xlabel('predicted probability of a block'); ax.set_ylabel('observed frequency'); ax.set_title('Reliability diagram')
    ax.legend(loc='upper left'); fig.tight_layout(); fig.savefig(os.path.join(HERE, 'reliability.png'), dpi=100); plt.close(fig)
    top = sorted(importance.items(), key=lambda kv: kv[1], reverse=True)[:20]
    fig, ax = plt.subplots(figsize=(6, 6))
    ax.barh([k for k, _ in top][::-1], [v for _, v in top][::-1])
    ax.set_xlabel('total gain'); ax.set_title('Feature importance (top 20)'); fig.tight_layout()
    fig.savefig(os.path.join(HERE, 'importance.png'), dpi=100); plt.close(fig)


def model_card(specs, m):
    t = m['test']
    lines = [
        '<!-- Generated by models/train.py; edit the script, not this file. -->',
        '# riskgate risk model',
        '',
        '## What the score means',
        '',
        'For every Kubernetes object riskgate checks and for every Dockerfile\'s final image, `risk` (0-100) is the calibrated probability, times 100, '
        'that a security reviewer would block the configuration because it opens a container escape, a node or cluster takeover, credential exposure '
        'or a supply-chain hole. 50 means one such reviewer in two would block it.',
        '',
        '## Labels',
        '',
        'Labels come from a documented labelling function (`block_probability` in `models/train.py`), not from anyone\'s opinion here, derived from '
        'the attack techniques a configuration enables (table below): each technique is enabled with the noisy-OR of its families\' probabilities, and a '
        'resource is blocked unless none is. Each finding family '
        'carries the probability that it alone makes a reviewer block the change, set from three upstream sources in this order: attack paths in the Microsoft '
        'Threat Matrix for Kubernetes and MITRE ATT&CK for Containers (privileged containers, host mounts, the runtime socket, cluster-admin, exposed '
        'credentials, supply-chain compromise: 0.85-0.97); the Pod Security Standards (a "baseline" violation 0.45-0.90, a "restricted"-only gap 0.01-0.05); '
        'and the peers\' consensus severity for the same check. Independent problems combine as independent reasons to block (noisy-OR); documented escape '
        'combinations (privileged with a host namespace or host mount, SYS_ADMIN as root, a critical host path mounted writable) are near-certain blocks. '
        'Labels are drawn from these probabilities with a fixed seed. Every rule counts (model v2): a rule without a family of its own carries the '
        'probability of its severity (critical 0.90, high 0.60, medium 0.08, low and info 0.01), critical and high being the checks the peers agree open an '
        'attack path. The attack paths themselves (`src/core/risk/attack-paths.ts`: container escape, node takeover, credential theft, RBAC escalation, '
        'exposure, supply chain, each with its MITRE ATT&CK technique IDs) are features and explain each score.',
        '',
        'Across objects (model v3): the graph of the scan (`src/core/graph`) gives each workload what its mounted token may do through the bindings '
        'that name its ServiceAccount (cluster takeover, every Secret, namespace powers, exec) and whether the internet reaches it (a LoadBalancer, '
        'NodePort, externalIPs, an Ingress or Gateway route, a host port, with no NetworkPolicy restricting its sources); bindings and roles get whether '
        'a running workload carries them and whether that workload faces the internet. The chains attackers use are near-certain blocks: the internet '
        'reaching a pod whose token takes over the cluster (T1190, then T1528 and T1098.006) 0.99, or a privileged pod 0.97. Exposure alone is what web '
        'apps are for (0.04).',
        '',
        '### Label techniques',
        '',
        '| technique (MITRE ATT&CK for Containers) | families (features) and the probability each alone blocks |',
        '|---|---|',
        *[f"| {t} | {', '.join(f'`{n}` {BLOCK_PROBABILITY[n]:g}' for n in fams)} |" for t, fams in TECHNIQUES.items()],
        '',
        '## Data',
        '',
        'Real manifests and Dockerfiles from public repositories (`../shared/corpus/realworld`, provenance in its index), each also in a hardened variant '
        '(riskgate\'s fixes applied) and in variants with one to three misconfigurations injected (privileged, host namespaces, host paths, capabilities, '
        'hard-coded credentials, `curl | sh`, TLS off, secrets in ARG…), plus 1,500 generated Role/Binding pairs, plus 4,000 generated graphs of objects '
        'around a workload (`synthetic-graph-*`: its ServiceAccount, a binding of a built-in or generated role to it or to another account, a Service, '
        'LoadBalancer, internal LoadBalancer, NodePort or Ingress in front of it, sometimes a NetworkPolicy, the pod hardened or not), plus every rule alone on a resource of '
        'a kind it applies to (12 rows per rule and kind, `synthetic-single-*`). '
        '`scripts/gen-dataset.ts` regenerates `models/data/dataset.jsonl` deterministically. Train, validation and test sets are split by source repository.',
        '',
        f"Rows: {m['rows']['train']} train, {m['rows']['validation']} validation, {m['rows']['test']} test. "
        f"Training data SHA-256: `{m['model']['trainingData']}` (model version {m['model']['version']}; `riskgate --version`, the JSON report's "
        '`tool.model` and SARIF\'s `run.tool.driver.properties.model` name the model that scored a run).',
        '',
        '## Model',
        '',
        f"XGBoost, {m['trees']} trees of depth at most 5, with a monotone-increasing constraint on every feature that measures a problem, so fixing a finding "
        f"never raises the score. Platt calibration on the validation repositories (a = {m['calibration']['a']:.4f}, b = {m['calibration']['b']:.4f}) is folded "
        'into the leaf values. The trees are fitted on top of a severity floor (`log(1 + count)` of the findings of each severity times 0.30 critical, '
        '0.20 high, 0.08 medium, 0.03 low; XGBoost `base_margin`), so every finding raises the score, if only a little; the ONNX graph is a '
        '`TreeEnsembleRegressor` (ai.onnx.ml) plus that floor (`Log`, `MatMul`) followed by `Sigmoid`.',
        '',
        '## Evaluation (held-out repositories)',
        '',
        '| metric | value |',
        '|---|---|',
        f"| ROC AUC | {t['roc_auc']:.3f} |",
        f"| expected calibration error (10 bins) | {t['ece']:.3f} |",
        f"| Brier score | {t['brier']:.3f} |",
        f"| mean absolute error against the labelling probability | {t['mean_abs_error_vs_labelling_probability']:.3f} |",
        f"| ROC AUC of the labelling probability itself (the ceiling) | {t['roc_auc_vs_labelling_probability']:.3f} |",
        f"| held-out real repositories only ({m['test_real']['rows']} rows): ROC AUC / ECE / Brier | {m['test_real']['roc_auc']:.3f} / {m['test_real']['ece']:.3f} / {m['test_real']['brier']:.3f} (ceiling {m['test_real']['roc_auc_vs_labelling_probability']:.3f}) |",
        f"| monotonicity violations | {m['monotonicity']['violations']} of {m['monotonicity']['pairs_tested']} pairs |",
        f"| a workload satisfying the restricted standard | {m['reference_cases']['restricted_workload']:.1f} |",
        f"| a privileged pod with host PID, network and IPC | {m['reference_cases']['privileged_host_namespaces']:.1f} |",
        '',
        'Per source repository (test set):',
        '',
        '| repository | rows | positives | ROC AUC | ECE |',
        '|---|---|---|---|---|',
    ]
    for g, e in m['per_source'].items():
        lines.append(f"| {g} | {e['rows']} | {e['positives']} | {e.get('roc_auc', float('nan')):.3f} | {e['ece']:.3f} |")
    lines += ['', '![Reliability diagram](reliability.png) ![Feature importance](importance.png)', '', '## Features', '',
              'Computed by `src/core/risk/features.ts` from the findings attached to the resource; the order is `features.json`.', '',
              '| # | feature | direction | meaning |', '|---|---|---|---|']
    for i, s in enumerate(specs):
        lines.append(f"| {i} | `{s['name']}` | {'increasing' if s['direction'] == 1 else 'none'} | {s['description']} |")
    lines += ['', '## Limits', '',
              'The labels encode the field\'s documented consensus, not decisions observed from real reviewers; the score ranks and calibrates against that '
              'consensus. Findings that riskgate does not detect cannot raise the score. Suppressed findings do not count.', '']
    open(os.path.join(HERE, 'MODEL_CARD.md'), 'w').write('\n'.join(lines))


if __name__ == '__main__':
    main()
