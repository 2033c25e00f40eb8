"""Reference values for NeuroKit's PWCCA variants (writes pwcca_variants.csv next to this file).

Run with Debian 12's /usr/bin/python3 and python3-numpy, pointing at a local clone of google/svcca
(https://github.com/google/svcca, commit 1f3fbf19bd31bd9b76e728ef75842aa1d9a4cd2b); nothing of google/svcca
is kept in this repository:

    /usr/bin/python3 pwcca_variants.py /path/to/svcca

Inputs are the committed basic_*.csv and dead_*.csv (samples x neurons, per-neuron offsets, so their means
are far from zero); google/svcca is neurons x samples, so every input is transposed for it.

- google.*: google/svcca's pwcca.compute_pwcca on the inputs as given, with two changes made at run time and
  nowhere else: (1) PR #9's fix, the else-branch's `acts1[sresults["y_idxs"]]` read as `acts2[...]`;
  (2) the signs of np.linalg.svd's singular vectors fixed as scikit-learn's svd_flip does (the
  largest-magnitude entry of each left singular vector positive, right vectors flipped alike). compute_pwcca
  adds neuron means back to the directions, so its value depends on those signs; without a convention the
  value is whatever the LAPACK build returns. The value with numpy's own signs is written as
  google.*.native for comparison.
- paper.*: Morcos et al. 2018's weighting written out in numpy (independent of google/svcca): the canonical
  variates H = Xc Sxx^(-1/2) U (orthonormal over the samples), alpha_i = sum_j |<h_i, x_j>| over the centred
  neurons of the side with fewer neurons (x on a tie), value = sum alpha_i rho_i / sum alpha_i.
"""

import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, sys.argv[1])
import cca_core  # noqa: E402  (google/svcca)

# PR #9's one-word fix, applied to the loaded source text; the file on disk is not changed.
source = open(os.path.join(sys.argv[1], "pwcca.py")).read()
buggy = 'np.dot(sresults["coef_y"], \n                    (acts1[sresults["y_idxs"]]'
assert buggy in source, "pwcca.py is not the expected commit"
pwcca = {}
exec(compile(source.replace(buggy, buggy.replace("acts1", "acts2")), "pwcca.py (PR #9 fix)", "exec"), pwcca)
compute_pwcca = pwcca["compute_pwcca"]

native_svd = np.linalg.svd


def flipped_svd(a, *args, **kwargs):
    u, s, vh = native_svd(a, *args, **kwargs)
    k = min(u.shape[1], vh.shape[0])
    pivot = np.argmax(np.abs(u[:, :k]), axis=0)
    signs = np.sign(u[pivot, np.arange(k)])
    signs[signs == 0] = 1
    u = u.copy()
    vh = vh.copy()
    u[:, :k] *= signs
    vh[:k, :] *= signs[:, None]
    return u, s, vh


def load(name):
    return np.loadtxt(os.path.join(here, name), delimiter=",")


def google(a, b, epsilon, native=False):
    np.linalg.svd = native_svd if native else flipped_svd
    try:
        value, weights, coefs = compute_pwcca(a.T.copy(), b.T.copy(), epsilon=epsilon)
    finally:
        np.linalg.svd = native_svd
    return float(value), weights, coefs


def inverse_sqrt(c):
    w, v = np.linalg.eigh(c)
    return (v / np.sqrt(w)) @ v.T


def paper(a, b):
    ac = a - a.mean(axis=0)
    bc = b - b.mean(axis=0)
    ia = inverse_sqrt(ac.T @ ac)
    ib = inverse_sqrt(bc.T @ bc)
    u, rho, vh = np.linalg.svd(ia @ (ac.T @ bc) @ ib, full_matrices=False)
    if a.shape[1] <= b.shape[1]:
        h, acts = ac @ ia @ u, ac
    else:
        h, acts = bc @ ib @ vh.T, bc
    alpha = np.abs(h.T @ acts).sum(axis=1)
    weights = alpha / alpha.sum()
    return float(weights @ rho), weights


def row(key, values):
    return key + "," + ",".join(repr(float(v)) for v in np.atleast_1d(values))


cases = {
    "basic": (load("basic_x.csv"), load("basic_y.csv"), 0.0),
    "equal": (load("basic_x.csv"), load("basic_y.csv")[:, :10], 0.0),
    # google/svcca keeps constant neurons when epsilon = 0; NeuroKit drops them, so compare with epsilon > 0.
    "dead": (load("dead_x.csv"), load("dead_y.csv"), 1e-10),
}
lines = []
for name, (x, y, epsilon) in cases.items():
    for order, (a, b) in (("xy", (x, y)), ("yx", (y, x))):
        value, weights, _ = google(a, b, epsilon)
        lines.append(row(f"google.{name}_{order}", value))
        lines.append(row(f"google.{name}_{order}.weights", weights))
        lines.append(row(f"google.{name}_{order}.native", google(a, b, epsilon, native=True)[0]))
        if name != "dead":
            value, weights = paper(a, b)
            lines.append(row(f"paper.{name}_{order}", value))
            lines.append(row(f"paper.{name}_{order}.weights", weights))
with open(os.path.join(here, "pwcca_variants.csv"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(line[:100] for line in lines))
