"""The desktop window. Only this package imports Qt; the core stays usable without a display."""
