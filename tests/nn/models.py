"""Small architectures built from torch.nn (no downloads), and their example inputs."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, dropout: float = 0.1):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(6, 16), nn.GELU(), nn.Dropout(dropout), nn.Linear(16, 16), nn.Tanh(), nn.Linear(16, 3)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class CNN(nn.Module):
    """BatchNorm, a grouped convolution, max and adaptive average pooling, dropout."""

    def __init__(self, dropout: float = 0.25):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(8, 8, 3, padding=1, groups=4),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.AvgPool2d(2),
            nn.Conv2d(8, 16, 1),
            nn.AdaptiveAvgPool2d(1),
        )
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(16, 5)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(torch.flatten(self.features(x), 1)))


class Transformer(nn.Module):
    """Token + position embeddings, a TransformerEncoderLayer, attention pooling, a tied output head."""

    def __init__(self, vocab: int = 20, d: int = 16, dropout: float = 0.1):
        super().__init__()
        self.embed = nn.Embedding(vocab, d)
        self.pos = nn.Parameter(torch.randn(1, 8, d) * 0.1)
        self.encoder = nn.TransformerEncoderLayer(d, nhead=4, dim_feedforward=32, dropout=dropout, batch_first=True)
        self.pool = nn.MultiheadAttention(d, num_heads=2, batch_first=True)
        self.query = nn.Parameter(torch.randn(1, 1, d))
        self.norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, vocab, bias=False)
        self.head.weight = self.embed.weight  # tied weights: one tensor under two names

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        h = self.encoder(self.embed(tokens) + self.pos[:, : tokens.shape[1]])
        pooled, _ = self.pool(self.query.expand(tokens.shape[0], -1, -1), h, h)
        return self.head(self.norm(pooled[:, 0]))


class Recurrent(nn.Module):
    """A GRUCell and an LSTMCell stepped over time in a Python loop."""

    def __init__(self, n_in: int = 4, hidden: int = 8):
        super().__init__()
        self.gru = nn.GRUCell(n_in, hidden)
        self.lstm = nn.LSTMCell(hidden, hidden)
        self.out = nn.Linear(hidden, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b = x.shape[0]
        h = x.new_zeros(b, self.gru.hidden_size)
        hc = (x.new_zeros(b, self.lstm.hidden_size), x.new_zeros(b, self.lstm.hidden_size))
        for t in range(x.shape[1]):
            h = self.gru(x[:, t], h)
            hc = self.lstm(h, hc)
        return self.out(hc[0])


def make(name: str, dropout: float | None = None) -> nn.Module:
    torch.manual_seed(0)
    kw = {} if dropout is None else {"dropout": dropout}
    return {"mlp": MLP, "cnn": CNN, "transformer": Transformer, "recurrent": lambda **_: Recurrent()}[name](**kw)


def example(name: str, batch: int = 4, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if name == "mlp":
        return rng.standard_normal((batch, 6)).astype(np.float32)
    if name == "cnn":
        return rng.standard_normal((batch, 3, 8, 8)).astype(np.float32)
    if name == "transformer":
        return rng.integers(0, 20, (batch, 6)).astype(np.int32)
    return rng.standard_normal((batch, 5, 4)).astype(np.float32)


def torch_input(x: np.ndarray) -> torch.Tensor:
    t = torch.from_numpy(x)
    return t.long() if x.dtype.kind == "i" else t


def loss_target(name: str, batch: int = 4) -> np.ndarray:
    out = {"mlp": 3, "cnn": 5, "transformer": 20, "recurrent": 2}[name]
    return np.random.default_rng(1).standard_normal((batch, out)).astype(np.float32)


MODELS = ["mlp", "cnn", "transformer", "recurrent"]


def torch_sgd_step(model: nn.Module, x: np.ndarray, y: np.ndarray, lr: float) -> tuple[dict[str, Any], Any]:
    """One torch SGD step on the MSE loss: (gradients by parameter name, updated state_dict)."""
    model.train()
    out = model(torch_input(x))
    loss = ((out - torch.from_numpy(y)) ** 2).mean()
    model.zero_grad()
    loss.backward()
    grads = {n: p.grad.detach().clone() for n, p in model.named_parameters()}
    with torch.no_grad():
        for p in model.parameters():
            p -= lr * p.grad
    return grads, {k: v.detach().clone() for k, v in model.state_dict().items()}
