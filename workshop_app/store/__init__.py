"""Persistence: one durable TinyDB database per event."""
