#!/usr/bin/env python3
"""PyTorch (CPU) reference for the NeuralNetBench training/inference throughput numbers.

Builds the same two networks as Benchmarks/NeuralNetBench/main.swift and prints samples/s:
  (a) LSTM(128, seq) -> dropout .3 -> LSTM(96, seq) -> dropout .3 -> LSTM(64) -> dropout .2
      -> dense 64/32/16 relu -> dense 13; lookback 52, 8 features, batch 64, Adam 1e-3, MSE
  (b) 2-layer LSTM(64) with three embeddings (cardinalities 50/20/10 plus an unknown row 0,
      dims 25/10/5) concatenated to every timestep; lookback 52, 8 numeric features, dense 13

Usage: python3 torch_lstm.py [--steps 10] [--threads 1 2]
Requires torch (not installed by this repository).
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn

LOOKBACK = 52
FEATURES = 8
BATCH = 64
HORIZON = 13


class DeepStack(nn.Module):
    """Network (a): three stacked LSTMs with dropout and a ReLU dense head."""

    def __init__(self):
        super().__init__()
        self.lstm1 = nn.LSTM(FEATURES, 128, batch_first=True)
        self.drop1 = nn.Dropout(0.3)
        self.lstm2 = nn.LSTM(128, 96, batch_first=True)
        self.drop2 = nn.Dropout(0.3)
        self.lstm3 = nn.LSTM(96, 64, batch_first=True)
        self.drop3 = nn.Dropout(0.2)
        self.head = nn.Sequential(
            nn.Linear(64, 64), nn.ReLU(),
            nn.Linear(64, 32), nn.ReLU(),
            nn.Linear(32, 16), nn.ReLU(),
            nn.Linear(16, HORIZON),
        )

    def forward(self, x, categories=None):
        x, _ = self.lstm1(x)
        x = self.drop1(x)
        x, _ = self.lstm2(x)
        x = self.drop2(x)
        _, (h, _) = self.lstm3(x)
        x = self.drop3(h[-1])
        return self.head(x)


class EmbeddedStack(nn.Module):
    """Network (b): static embeddings appended to every timestep, two LSTM(64) layers."""

    def __init__(self):
        super().__init__()
        self.embeddings = nn.ModuleList([
            nn.Embedding(50 + 1, 25), nn.Embedding(20 + 1, 10), nn.Embedding(10 + 1, 5)])
        self.lstm = nn.LSTM(FEATURES + 25 + 10 + 5, 64, num_layers=2, batch_first=True)
        self.out = nn.Linear(64, HORIZON)

    def forward(self, x, categories):
        static = torch.cat([emb(categories[:, i]) for i, emb in enumerate(self.embeddings)], dim=1)
        static = static.unsqueeze(1).expand(-1, x.shape[1], -1)
        _, (h, _) = self.lstm(torch.cat([x, static], dim=2))
        return self.out(h[-1])


def make_batch(batch, generator):
    x = torch.rand(batch, LOOKBACK, FEATURES, generator=generator) * 2 - 1
    y = torch.rand(batch, HORIZON, generator=generator) * 2 - 1
    cats = torch.stack([torch.randint(0, c + 1, (batch,), generator=generator) for c in (50, 20, 10)], dim=1)
    return x, y, cats


def train_throughput(model_cls, steps):
    """Training samples/s over `steps` batches, and at the fastest of them."""
    torch.manual_seed(1)
    model = model_cls()
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    x, y, cats = make_batch(BATCH, torch.Generator().manual_seed(2))

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x, cats), y)
        loss.backward()
        optimizer.step()

    step()  # warm-up
    start = time.perf_counter()
    fastest = float("inf")
    for _ in range(steps):
        t = time.perf_counter()
        step()
        fastest = min(fastest, time.perf_counter() - t)
    return steps * BATCH / (time.perf_counter() - start), BATCH / fastest


@torch.no_grad()
def inference(model_cls, repeats=3, latency_runs=200):
    torch.manual_seed(1)
    model = model_cls()
    model.eval()
    x, _, cats = make_batch(1024, torch.Generator().manual_seed(3))
    model(x, cats)
    start = time.perf_counter()
    for _ in range(repeats):
        model(x, cats)
    throughput = repeats * 1024 / (time.perf_counter() - start)
    x1, _, c1 = make_batch(1, torch.Generator().manual_seed(4))
    model(x1, c1)
    times = []
    for _ in range(latency_runs):
        t = time.perf_counter()
        model(x1, c1)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return throughput, statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    torch.set_num_interop_threads(1)
    for name, cls in (("(a) LSTM128-96-64 + dense 64/32/16 -> 13", DeepStack),
                      ("(b) 2xLSTM64 + embeddings 50/20/10 -> 13", EmbeddedStack)):
        params = sum(p.numel() for p in cls().parameters())
        print(f"{name}: {params} parameters, lookback {LOOKBACK}, batch {BATCH}, Adam 1e-3, MSE")
        for threads in args.threads:
            torch.set_num_threads(threads)
            overall, fastest = train_throughput(cls, args.steps)
            print(f"  train, {threads} thread(s): {overall:.1f} samples/s (fastest step {fastest:.1f})")
        for threads in args.threads:
            torch.set_num_threads(threads)
            tp, med, p99 = inference(cls)
            print(f"  inference batch 1024, {threads} thread(s): {tp:.1f} samples/s; "
                  f"single-sample latency median {med:.3f} ms, p99 {p99:.3f} ms")


if __name__ == "__main__":
    main()
