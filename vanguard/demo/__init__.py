"""The demo district `make demo` loads: three schools in the first phase of the seed campaign."""
