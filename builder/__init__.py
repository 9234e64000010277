"""Scholingsgids: a static-site generator for regional training catalogues."""

__version__ = "0.1.0"
