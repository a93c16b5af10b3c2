"""The advice engine: pure code over the models (docs/architecture.md).

No repository, no files, no clock, no Textual: everything it decides from is
passed in, so it can be tested with time frozen and reused anywhere. A test
(tests/unit/test_layers.py) holds it to that.
"""
