"""A library that only mentions torch: "import torch" in a docstring, torchvision_style names.

import torch  (an example in a docstring is no import)
"""

# import torch  (a comment is no import either)
torch_like = "from torch import nn"


def double(x):
    return 2 * x
