"""The targets lazyport translates to, named once: a leaf the op tables, the backends, the import hook
and the command line share."""

TARGETS = ("jax", "tensorflow", "numpy")
# ``target="auto"``: the framework of each call's arrays (lazyport.dispatch); not a backend of its own
AUTO = "auto"
