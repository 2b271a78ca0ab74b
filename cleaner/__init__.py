"""cleaner: clean folders of news articles before other programs use them."""

__version__ = "0.1.0"
