import torch


def scale(x, by):
    return torch.tanh(x) * by
