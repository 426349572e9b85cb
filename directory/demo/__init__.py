"""Demo and synthetic data for the directory.

`data/` holds a hand-written Danish demo network (real places, plausible offers);
`loader` writes it through the directory's services; `synthetic` generates large,
reproducible data sets for the benchmarks (`load_demo --scale N`).
"""
