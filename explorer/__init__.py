"""Seat-share Explorer: explore how alliance partners split constituencies between them."""

__version__ = "0.1.0"
APP_NAME = "Seat-share Explorer"
