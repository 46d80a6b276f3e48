"""Fitting geomap's evidence weights on annotated data (numpy only; used by tools/ and eval)."""

from __future__ import annotations

from geomap.learn.resolver import cross_validate, fit_resolver, prepare

__all__ = ["cross_validate", "fit_resolver", "prepare"]
