"""PyTorch peer of bench/NeuroKit.Bench/GrokkingBenchmark.cs: the grokking training loop on (a + b) mod p.

Same model as NeuroKit's EmbeddingMlp(p, embedding, [hidden]): each of the two tokens embedded, the embeddings
concatenated, Linear -> ReLU -> Linear to p logits; full-batch AdamW on cross-entropy over a random share of the
p^2 pairs. Prints one JSON line with the fastest loop time over the repeats (after one warm-up), so that process
start and `import torch` are not counted. Run with Debian's interpreter: /usr/bin/python3 (python3-torch).
"""

import argparse
import json
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--p", type=int, default=97)
    ap.add_argument("--train-fraction", type=float, default=0.4)
    ap.add_argument("--embedding", type=int, default=32)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--lr", type=float, default=1e-2)
    ap.add_argument("--weight-decay", type=float, default=1.0)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    p = args.p
    a = torch.arange(p).repeat_interleave(p)
    b = torch.arange(p).repeat(p)
    x_all = torch.stack([a, b], dim=1)
    y_all = (a + b) % p
    perm = torch.randperm(p * p)
    n = int(round(args.train_fraction * p * p))
    x, y = x_all[perm[:n]], y_all[perm[:n]]

    def build():
        emb = torch.nn.Embedding(p, args.embedding)
        mlp = torch.nn.Sequential(
            torch.nn.Linear(2 * args.embedding, args.hidden),
            torch.nn.ReLU(),
            torch.nn.Linear(args.hidden, p),
        )
        return emb, mlp

    def run(steps):
        emb, mlp = build()
        params = list(emb.parameters()) + list(mlp.parameters())
        opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=args.weight_decay)
        start = time.perf_counter()
        for _ in range(steps):
            opt.zero_grad(set_to_none=True)
            logits = mlp(emb(x).flatten(1))
            loss = torch.nn.functional.cross_entropy(logits, y)
            loss.backward()
            opt.step()
        return time.perf_counter() - start, loss.item()

    run(min(20, args.steps))  # warm-up
    best, loss = min(run(args.steps) for _ in range(args.repeats))
    print(json.dumps({"steps": args.steps, "seconds": best, "steps_per_second": args.steps / best,
                      "samples": n, "final_loss": loss, "torch": torch.__version__, "threads": args.threads}))


if __name__ == "__main__":
    main()
