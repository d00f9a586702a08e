"""Screens of the app, one per module; modal dialogs return their answer with `dismiss`."""
