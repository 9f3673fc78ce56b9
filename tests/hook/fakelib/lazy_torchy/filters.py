"""Functions that import torch when called."""


def double(x):
    import torch

    return torch.mul(x, 2)


def smooth(x, k: int = 3):
    from torch.nn import functional as F

    return F.avg_pool1d(x[None], k, stride=1, padding=k // 2)[0]
