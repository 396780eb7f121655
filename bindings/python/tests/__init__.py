"""unittest suite of the gjs Python bindings (standard library only).

Run from the repository root after `cargo build`:

    PYTHONPATH=bindings/python python3 -m unittest discover -s bindings/python/tests -t bindings/python -v
"""
