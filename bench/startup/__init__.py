"""Start-up and load benchmarks of the window (``python -m bench.startup``)."""
