"""Parts of bench/load.py, the load benchmark (run that file, not this package)."""
