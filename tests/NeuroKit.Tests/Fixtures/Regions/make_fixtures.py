"""Writes the region fixtures with real NumPy (Debian python3-numpy 1.24): run with /usr/bin/python3 make_fixtures.py.

net-2-3-2-1.npz         np.savez, float64 W0, b0, W1, b1, W2, b2 (W out x in)
net-2-3-2-1-f32.npz     np.savez_compressed of the same arrays as float32
net-2-3-2-1.json        the same float64 weights in NeuroKit's JSON form
net-2-3-2-1.reference.json  outputs computed by NumPy at a few inputs, to check the loaders against
"""
import json
import numpy as np

rng = np.random.default_rng(20261124)
sizes = [2, 3, 2, 1]
arrays = {}
for l in range(len(sizes) - 1):
    arrays[f"W{l}"] = rng.uniform(-1, 1, size=(sizes[l + 1], sizes[l]))
    arrays[f"b{l}"] = rng.uniform(-0.5, 0.5, size=sizes[l + 1])
np.savez("net-2-3-2-1.npz", **arrays)
np.savez_compressed("net-2-3-2-1-f32.npz", **{k: v.astype(np.float32) for k, v in arrays.items()})
layers = [{"weight": arrays[f"W{l}"].tolist(), "bias": arrays[f"b{l}"].tolist()} for l in range(len(sizes) - 1)]
with open("net-2-3-2-1.json", "w") as f:
    json.dump({"layers": layers}, f)
inputs = [[0.0, 0.0], [0.5, -0.25], [-1.0, 0.75], [2.0, 1.5]]
def forward(x):
    h = np.asarray(x)
    for l in range(len(sizes) - 1):
        h = arrays[f"W{l}"] @ h + arrays[f"b{l}"]
        if l < len(sizes) - 2:
            h = np.maximum(h, 0)
    return h.tolist()
with open("net-2-3-2-1.reference.json", "w") as f:
    json.dump({"inputs": inputs, "outputs": [forward(x) for x in inputs]}, f, indent=1)
