"""stance: stance and sentiment of statements toward a target."""
from stance._version import __version__

__all__ = ["__version__"]
