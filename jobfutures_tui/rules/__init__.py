"""Pure rules over the models: no UI, no I/O."""
