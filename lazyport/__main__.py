"""``python -m lazyport run --target jax --module kornia script.py [args...]``: see :mod:`lazyport.hook.activate`."""

from lazyport.hook.activate import main

if __name__ == "__main__":
    main()
