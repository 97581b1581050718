"""PyTorch + OpenBLAS, 1 thread: the issue-6 reference for bench/cpu/train.ts.

Run: OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/cpu/torch_ref.py <model> [samples] [repeats]
<model>: dense, convnet, or a recurrent one: lstm, gru, simplernn (2,000 sequences of 500), or the same with
-short (1,000 of 100); a -generic suffix (tsdl's baseline variant) names the same PyTorch model. With repeats,
times that many epochs and reports the median.
Same shapes, RMSprop(lr=1e-3, alpha=0.9, eps=1e-7), batch sizes and a 2-batch warm-up; prints one JSON line.
"""
import json
import sys
import time

import torch
from torch import nn

torch.set_num_threads(1)
torch.manual_seed(0)
SEQ_LEN = 500
RECURRENT = {"lstm": nn.LSTM, "gru": nn.GRU, "simplernn": nn.RNN}


class RnnNet(nn.Module):
    """Embedding(10000, 32) -> recurrent layer of 32 units (its last output) -> Linear(1) + sigmoid."""

    def __init__(self, layer):
        super().__init__()
        self.emb = nn.Embedding(10000, 32)
        self.rnn = layer(32, 32, batch_first=True)
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        seq, _ = self.rnn(self.emb(x))
        return torch.sigmoid(self.out(seq[:, -1]))


def spec(name, n):
    if name == "dense":
        m = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10))
        return m, torch.rand(n, 784), torch.randint(0, 10, (n,)), nn.CrossEntropyLoss(), 128, 60000
    if name == "convnet":
        m = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 5 * 5, 10))
        return m, torch.rand(n, 1, 28, 28), torch.randint(0, 10, (n,)), nn.CrossEntropyLoss(), 64, 6000
    base = name.replace("-generic", "")
    short = base.endswith("-short")
    steps, full = (100, 1000) if short else (SEQ_LEN, 2000)
    m = RnnNet(RECURRENT[base.replace("-short", "")])
    return m, torch.randint(0, 10000, (n, steps)), torch.randint(0, 2, (n, 1)).float(), nn.BCELoss(), 128, full


def epoch(model, opt, loss_fn, x, y, bs):
    total = 0.0
    for i in range(0, len(x), bs):
        opt.zero_grad()
        loss = loss_fn(model(x[i:i + bs]), y[i:i + bs])
        loss.backward()
        opt.step()
        total = loss.item()
    return total


def main():
    name = sys.argv[1]
    model, x, y, loss_fn, bs, full = spec(name, 0)
    n = int(sys.argv[2]) if len(sys.argv) > 2 else full
    model, x, y, loss_fn, bs, full = spec(name, n)
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-3, alpha=0.9, eps=1e-7)
    warm = min(n, 2 * bs)
    epoch(model, opt, loss_fn, x[:warm], y[:warm], bs)
    times = []
    for _ in range(int(sys.argv[3]) if len(sys.argv) > 3 else 1):
        t0 = time.perf_counter()
        loss = epoch(model, opt, loss_fn, x, y, bs)
        times.append(time.perf_counter() - t0)
    s = sorted(times)[len(times) // 2]
    print(json.dumps({"model": name, "backend": "pytorch", "detail": f"torch {torch.__version__}, 1 thread",
                      "samples": n, "seconds": s, "fullEpochSeconds": s * full / n, "loss": loss}))


main()
