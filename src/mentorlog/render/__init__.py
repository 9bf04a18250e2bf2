"""Data -> Rich renderables and report files. The only layer (besides `cli`) that imports Rich."""
