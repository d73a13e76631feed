"""Shared string parsers of the converter readers: dates, names, archive citations, copy lists,
telegram apparatus lines, editorial brackets and script checks.

Every function here is pure (str in, frozen dataclasses out), never raises on odd input and knows
nothing about layouts, so that each fact is recognised once for all readers.
"""
