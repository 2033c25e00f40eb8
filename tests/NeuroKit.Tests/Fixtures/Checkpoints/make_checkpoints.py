#!/usr/bin/python3
"""Recipe for the PyTorch checkpoint fixtures (run with Debian's python3-torch: /usr/bin/python3 make_checkpoints.py).

Writes, next to this script:
  mlp-2-8-8-1.pt           torch.save(model.state_dict()) of nn.Sequential(Linear(2,8), ReLU, Linear(8,8), ReLU, Linear(8,1)),
                           keys 0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bias (float32, seed 0)
  mlp-2-8-8-1.safetensors  the same tensors in the safetensors format (written by hand below: an 8-byte little-endian
                           header length, a JSON header {name: {dtype, shape, data_offsets}}, then the raw bytes)
  mlp-2-8-8-1.expected.json 16 inputs (samples x 2) and PyTorch's outputs for them (samples x 1), float64 arithmetic
  named-mlp-3-5-2.pt       a module with named layers fc1, fc2 (no Sequential), float64, seed 1
Deterministic: the same torch version gives the same bytes for the tensors.
"""
import json
import os
import struct

import torch

here = os.path.dirname(os.path.abspath(__file__))


def safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        data = t.numpy().tobytes()
        dtype = {torch.float32: "F32", torch.float64: "F64"}[t.dtype]
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


torch.manual_seed(0)
model = torch.nn.Sequential(
    torch.nn.Linear(2, 8), torch.nn.ReLU(), torch.nn.Linear(8, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1)
)
state = model.state_dict()
torch.save(state, os.path.join(here, "mlp-2-8-8-1.pt"))
safetensors(os.path.join(here, "mlp-2-8-8-1.safetensors"), state)
x = torch.linspace(-2, 2, 32, dtype=torch.float64).reshape(16, 2)
with torch.no_grad():
    y = model.double()(x)
with open(os.path.join(here, "mlp-2-8-8-1.expected.json"), "w") as f:
    json.dump({"inputs": x.tolist(), "outputs": y.tolist()}, f)


class Named(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(3, 5)
        self.fc2 = torch.nn.Linear(5, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


torch.manual_seed(1)
torch.save(Named().double().state_dict(), os.path.join(here, "named-mlp-3-5-2.pt"))
