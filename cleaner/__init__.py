"""cleaner: clean folders of news articles before other programs use them.

>>> from cleaner import clean_text
>>> clean_text("A title\\n\\nThe cafÃ© opened on Monday.\\n").text
'A title\\n\\nThe café opened on Monday.\\n'
"""

__version__ = "0.1.0"

from cleaner.api import Cleaned, clean_folder, clean_text
from cleaner.config import Config, ConfigError, load_config
from cleaner.document import Document, DuplicateInfo, Finding
from cleaner.pipeline import RunResult

__all__ = [
    "Cleaned",
    "Config",
    "ConfigError",
    "Document",
    "DuplicateInfo",
    "Finding",
    "RunResult",
    "__version__",
    "clean_folder",
    "clean_text",
    "load_config",
]
