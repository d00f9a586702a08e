"""Files in the formats people already use: attendee list importers and exporters."""
