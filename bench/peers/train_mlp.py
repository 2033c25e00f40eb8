#!/usr/bin/python3
"""PyTorch peer of bench/NeuroKit.Bench/TrainingThroughputBenchmark: MLP 64-128-128-10 on the 8x8 digits, Adam
lr 1e-3, cross-entropy, full batch or mini-batches, one process per measurement so the benchmark can interleave
it with its own runs (A B A B). Prints one JSON object: {"samples_per_s": ..., "threads": ..., "torch": ...}.

Run with Debian's /usr/bin/python3 (apt: python3-torch python3-numpy). The timed region is the training loop
only (the import and the data load are excluded); one untimed warm-up run precedes it. Mini-batches are
contiguous slices of one shuffled copy per epoch, as NeuroKit's trainer does.
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch


def load_digits(path):
    with gzip.open(path, "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float64)
    x = torch.tensor(rows[:, :64] / 16.0, dtype=torch.float32)
    y = torch.tensor(rows[:, 64], dtype=torch.int64)
    return x, y


def train(x, y, batch, steps, seed):
    torch.manual_seed(seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(64, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    )
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = x.shape[0]
    g = torch.Generator().manual_seed(seed)
    step = 0
    while step < steps:
        if batch >= n:
            xs, ys = x, y
        else:
            perm = torch.randperm(n, generator=g)
            xs, ys = x[perm], y[perm]
        for start in range(0, n, batch):
            if step >= steps:
                break
            xb, yb = xs[start:start + batch], ys[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
            step += 1
    return model


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, help="digits.csv.gz (64 pixel columns 0-16, then the label)")
    p.add_argument("--batch", type=int, default=0, help="0 = full batch")
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    x, y = load_digits(a.data)
    batch = a.batch if a.batch > 0 else x.shape[0]
    train(x, y, batch, max(1, a.steps // 10), a.seed)  # warm-up
    t0 = time.perf_counter()
    train(x, y, batch, a.steps, a.seed)
    seconds = time.perf_counter() - t0
    print(json.dumps({
        "samples_per_s": a.steps * min(batch, x.shape[0]) / seconds,
        "seconds": seconds,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "pid": os.getpid(),
    }))


if __name__ == "__main__":
    main()
