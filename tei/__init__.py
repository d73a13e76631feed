"""TEI toolkit: convert archive documents to TEI P5, compile ODD customisations, validate TEI."""

__version__ = "0.1.0"
