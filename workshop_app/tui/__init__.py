"""The terminal interface: app, screens, widgets and their .tcss styles. No business rules."""
