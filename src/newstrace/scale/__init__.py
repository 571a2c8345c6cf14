"""Scale-out adapters. The local process pool lives in ``pipeline.py``; Ray in ``scale/ray.py``."""
