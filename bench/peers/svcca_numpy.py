"""numpy peer for SimilarityBenchmark: google/svcca's SVCCA recipe and compute_pwcca, timed per request.

Run by the benchmark with Debian's /usr/bin/python3 (python3-numpy, OpenBLAS):

    /usr/bin/python3 bench/peers/svcca_numpy.py X.npy Y.npy [SVCCA_DIR]

Both files are samples x neurons float64; google/svcca is neurons x samples, so they are transposed once
at load time (not timed). The process then reads one request per line from stdin, "svcca" or "pwcca", runs
it once and prints "<seconds> <value>" (perf_counter around the computation only), so the benchmark can
interleave NeuroKit and numpy runs A B A B in one invocation; "quit" ends it.

With SVCCA_DIR (a local clone of https://github.com/google/svcca), its cca_core and pwcca modules are used
as they are (pwcca.compute_pwcca's branch for a first input with more neurons is never taken here: equal
widths). Without it, the same numpy calls are made in the same order by the functions below, written from
google/svcca's published recipe (commit 1f3fbf1): np.cov of the stacked activations, rescaling by the largest
entry, epsilon pruning, pinv, an eigh-based square root, the products, np.linalg.svd; for PWCCA the
directions, np.linalg.qr and the weights. The SVCCA step is the tutorial's: np.linalg.svd of the centred
neurons x samples matrix (full_matrices=False), the fewest directions holding 99% of sum(s**2), s[:k] * V[:k].
"""

import sys
import time

import numpy as np


def own_cca(acts1, acts2, epsilon=0.0):
    numx, numy = acts1.shape[0], acts2.shape[0]
    covariance = np.cov(acts1, acts2)
    sxx = covariance[:numx, :numx]
    sxy = covariance[:numx, numx:]
    syy = covariance[numx:, numx:]
    xmax = np.max(np.abs(sxx))
    ymax = np.max(np.abs(syy))
    sxx = sxx / xmax
    syy = syy / ymax
    sxy = sxy / np.sqrt(xmax * ymax)
    xi = np.abs(np.diagonal(sxx)) >= epsilon
    yi = np.abs(np.diagonal(syy)) >= epsilon
    sxx = sxx[xi][:, xi] + epsilon * np.eye(xi.sum())
    syy = syy[yi][:, yi] + epsilon * np.eye(yi.sum())
    sxy = sxy[xi][:, yi]

    def sqrt_psd(a):
        w, v = np.linalg.eigh(a)
        return np.dot(v, np.dot(np.diag(np.sqrt(w)), np.conj(v).T))

    ixx = sqrt_psd(np.linalg.pinv(sxx))
    iyy = sqrt_psd(np.linalg.pinv(syy))
    u, s, v = np.linalg.svd(np.dot(ixx, np.dot(sxy, iyy)))
    return {
        "cca_coef1": np.abs(s),
        "coef_x": u.T,
        "coef_y": v,
        "x_idxs": xi,
        "y_idxs": yi,
        "neuron_means1": np.mean(acts1, axis=1, keepdims=True),
        "neuron_means2": np.mean(acts2, axis=1, keepdims=True),
    }


def own_pwcca(acts1, acts2, epsilon=0.0):
    r = own_cca(acts1, acts2, epsilon)
    if np.sum(r["x_idxs"]) <= np.sum(r["y_idxs"]):
        m = r["neuron_means1"][r["x_idxs"]]
        dirns = np.dot(r["coef_x"], acts1[r["x_idxs"]] - m) + m
        acts, idxs = acts1, r["x_idxs"]
    else:
        m = r["neuron_means2"][r["y_idxs"]]
        dirns = np.dot(r["coef_y"], acts2[r["y_idxs"]] - m) + m
        acts, idxs = acts2, r["y_idxs"]
    p, _ = np.linalg.qr(dirns.T)
    weights = np.sum(np.abs(np.dot(p.T, acts[idxs].T)), axis=1)
    weights = weights / np.sum(weights)
    return np.sum(weights * r["cca_coef1"])


def main():
    a = np.ascontiguousarray(np.load(sys.argv[1]).T)
    b = np.ascontiguousarray(np.load(sys.argv[2]).T)
    if len(sys.argv) > 3:
        sys.path.insert(0, sys.argv[3])
        import cca_core
        import pwcca

        def cca(x, y):
            return cca_core.get_cca_similarity(x, y, epsilon=0.0, verbose=False)

        def pw(x, y):
            return pwcca.compute_pwcca(x, y, epsilon=0.0)[0]
    else:
        cca, pw = own_cca, own_pwcca

    def reduce(acts):
        c = acts - np.mean(acts, axis=1, keepdims=True)
        u, s, v = np.linalg.svd(c, full_matrices=False)
        share = np.cumsum(s**2) / np.sum(s**2)
        k = int(np.searchsorted(share, 0.99) + 1)
        return np.dot(s[:k] * np.eye(k), v[:k])

    def svcca():
        return float(np.mean(cca(reduce(a), reduce(b))["cca_coef1"]))

    def pwcca_value():
        return float(pw(a, b))

    jobs = {"svcca": svcca, "pwcca": pwcca_value}
    for line in sys.stdin:
        request = line.strip()
        if request == "quit":
            break
        start = time.perf_counter()
        value = jobs[request]()
        print(f"{time.perf_counter() - start:.6f} {value:.15f}", flush=True)


main()
