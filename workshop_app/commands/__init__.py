"""Headless commands of the features, each module registering its own sub-commands."""
