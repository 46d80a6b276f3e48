"""Errors a user can cause. The CLI turns each into one line on stderr and a non-zero exit."""

from __future__ import annotations


class GeomapError(Exception):
    """Base class: a problem with the user's input or environment, not a bug."""

    exit_code = 2


class InputError(GeomapError):
    """An article or input file that cannot be read (missing, empty, binary, bad encoding)."""


class GazetteerError(GeomapError):
    """The gazetteer store cannot be built, opened, or imported into."""


class LayerError(GeomapError):
    """A user-supplied geometry layer is missing or malformed."""


class OnlineError(GeomapError):
    """An online geocoding provider failed (only with --online)."""
